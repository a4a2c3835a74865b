"""Hiding dates in text that is kept (stored conversations) or written out (logs).

A birthdate can reach a text in any spelling a citizen uses: 和暦 or 西暦, kanji or full-width
digits, 1957-03-01, S32.3.1, 19570301, or kana as a speech recogniser writes it. `mask_dates`
replaces each date-like part, and each year (昭和32年, S32生まれ, 1957年), year and month (32年3月) or
month and day (3月1日) on its own, by DATE_MASK. It errs on the side of masking: a date that is not a
birthdate is masked too. The question log (bot.core.masking) and the stored conversations and logs
mask dates with this one function.
"""

from __future__ import annotations

import re

from bot.core.dates import kana_dates_in_digits

DATE_MASK = "［日付］"

_KANJI_DIGITS = "〇○◯零一二三四五六七八九十百千"
_D = f"[0-9０-９{_KANJI_DIGITS}]"  # a digit as citizens write it
_KANJI_D = f"[{_KANJI_DIGITS}]"
_N = f"{_D}+"
# A number from its first digit: a match is only tried where a run of digits starts, so that a long
# run is not rescanned from each of its digits (time linear, not quadratic, in its length).
_RUN = f"(?<!{_D}){_N}"
_ERA = "(?:明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHRmtshrＭＴＳＨＲｍｔｓｈｒ])"
_SP = r"[\s\u3000]*"
_FILL = f"{_SP}[の、,，]?{_SP}"
_SEP = "[./\\-・／－．‐]"
_YEAR = "(?:[0-9０-９]{4}|[0-9０-９]{2})"  # without an era: 1957 or 57
_MONTH = "(?:[0０]?[1-9１-９]|[1１][0-2０-２])"
_DAY = "(?:[0０]?[1-9１-９]|[12１２][0-9０-９]|[3３][01０１])"

_PATTERNS = (
    # 昭和32年3月1日, 1957年(昭和32年)3月1日, 三十二年三月一日, 32年3月1日
    f"(?:{_ERA}{_SP}\\.?{_SP})?(?:{_RUN}|元){_SP}年(?:{_SP}[（(][^）)]{{0,16}}[）)])?{_FILL}{_N}{_SP}月{_FILL}{_N}{_SP}日?",
    # 昭和32年3月, 32年3月: a year and a month
    f"(?:{_ERA}{_SP}\\.?{_SP})?(?<![0-9０-９])(?:{_RUN}|元){_SP}年{_FILL}{_N}{_SP}月",
    # 昭和32年 on its own (a birth year)
    f"{_ERA}{_SP}(?:{_N}|元){_SP}年",
    # S32生まれ, 昭和32生まれ: an era year without 年
    f"{_ERA}{_SP}\\.?{_SP}(?:{_N}|元)(?={_SP}(?:生|産|うまれ))",
    # 1957年, 一九五七年 on its own (a birth year)
    f"(?<![0-9０-９])(?:[0-9０-９]{{4}}|{_KANJI_D}{{3,6}}){_SP}年",
    # 3月1日 on its own
    f"{_RUN}{_SP}月{_FILL}{_N}{_SP}日",
    # 1957-03-01, 1957/3/1, S32.3.1, 32.3.1 (ASCII or full-width digits); not 127.0.0.1 or 3.6.21
    f"(?<![0-9０-９.．])(?:{_ERA}\\.?(?:[0-9０-９]{{1,2}}|元)|{_YEAR})(?P<sep>{_SEP}){_MONTH}(?P=sep){_DAY}(?![0-9０-９])(?!{_SEP}[0-9０-９])",
    # 19570301
    "(?<![0-9０-９])(?:1[89]|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?![0-9０-９])",
)
_DATE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def has_date(text: str) -> bool:
    """Whether `text` holds a date-like part (any spelling mask_dates knows, kana included)."""
    return bool(_DATE.search(text) or _DATE.search(kana_dates_in_digits(text)))


def mask_dates(text: str) -> str:
    """`text` with every date-like part replaced by DATE_MASK. A spoken (kana) date is first
    written in digits, so that it is masked too."""
    spoken = kana_dates_in_digits(text)
    if spoken != text and _DATE.search(spoken):
        text = spoken
    return _DATE.sub(DATE_MASK, text)


def _unescape(match: re.Match[str]) -> str:
    char = chr(int(match.group(1), 16))
    return match.group(0) if 0xD800 <= ord(char) <= 0xDFFF else char


def mask_dates_in_escaped(text: str) -> str:
    """mask_dates for text that may hold JSON \\uXXXX escapes (a log line or a payload with JSON in
    it): when the escapes, read as the characters they stand for, hide a date, the text is
    returned read and masked; otherwise it is masked as it is."""
    if "\\u" in text:
        read = _ESCAPE.sub(_unescape, text)
        if has_date(read):
            return mask_dates(read)
    return mask_dates(text)
