"""Personal data in a citizen's text replaced by placeholders, for the question log.

Dates (和暦, 西暦, kanji and kana numerals), phone numbers, 12-digit My Number-like runs, other long
digit runs (insurance numbers), postal codes and e-mail addresses become ［日付］, ［電話番号］, ...
Personal names need GiNZA's named-entity recogniser; bot.question_log.masker adds them on top of
this (NAME). Over-masking is preferred to a leak: every date is masked, not only birthdates.
"""

from __future__ import annotations

import re
import unicodedata

from bot.core.dates import kana_dates_in_digits
from bot.core.input_text import clean_text

DATE = "［日付］"
PHONE = "［電話番号］"
MY_NUMBER = "［個人番号］"
NUMBER = "［番号］"
POSTAL = "［郵便番号］"
EMAIL = "［メール］"
NAME = "［氏名］"
PLACEHOLDERS = (DATE, PHONE, MY_NUMBER, NUMBER, POSTAL, EMAIL, NAME)

MY_NUMBER_DIGITS = 12
LONG_NUMBER_DIGITS = 6  # 被保険者番号 (8 digits) and the like; a year alone has 4
_PHONE_DIGITS = (10, 11)

_N = "[0-9〇○◯零一二三四五六七八九十百千]"  # a digit, ASCII (after NFKC) or kanji
_NUM = f"(?:{_N}{{1,6}}|元)"
_ERA = (
    "(?:明治|大正|昭和|平成|令和"
    f"|(?<![\u3400-\u9fff])[明大昭平令](?=\\s*{_NUM}\\s*[年./\\-])"
    "|(?<![A-Za-z])[MTSHRmtshr](?=\\.?\\s*[0-9]))"
)
_SEP = "[./\\-]"
_MONTH_DAY = f"(?:[の、,]?\\s*{_NUM}\\s*月(?:\\s*{_NUM}\\s*日)?)"
_DATES = re.compile(
    # 昭和32年3月1日, 昭和32年(1957年)3月1日, 昭和三十二年, S32.3.1, S32生まれ
    f"{_ERA}\\.?\\s*{_NUM}\\s*(?:年(?:\\s*[(（]\\s*{_NUM}\\s*年?\\s*[)）])?{_MONTH_DAY}?"
    f"|{_SEP}\\s*[0-9]{{1,2}}\\s*{_SEP}\\s*[0-9]{{1,2}}(?![0-9])|(?=\\s*生))"
    # 1957年3月1日, 1957年(昭和32年), 一九五七年, 千九百五十七年
    f"|(?<![0-9])(?:[0-9]{{4}}|{_N}{{3,6}})\\s*年(?:\\s*[(（][^)）]{{1,8}}[)）])?{_MONTH_DAY}?"
    # 57年3月1日, 32年3月 (no era)
    f"|(?<![0-9]){_N}{{1,3}}\\s*年{_MONTH_DAY}"
    # 1957/3/1, 1957-03-01, 57/3/1
    f"|(?<![0-9])[0-9]{{2,4}}\\s*{_SEP}\\s*[0-9]{{1,2}}\\s*{_SEP}\\s*[0-9]{{1,2}}(?![0-9])"
    # 3月1日, 三月一日
    f"|{_NUM}\\s*月\\s*{_NUM}\\s*日"
)
# 「高橋と申します」: a self-introduction names the citizen even where the recogniser misses it.
_SELF_INTRO = re.compile(
    "(?<![\u3400-\u9fff々ァ-ヶー])([\u3400-\u9fff々]{1,6}|[ァ-ヶー]{2,10}|[ぁ-ん]{2,8})(?=\\s*と(?:申し|もうし|いい|言い)ます)"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_POSTAL_MARKED = re.compile(r"〒\s*[0-9]{3}\s*-?\s*[0-9]{4}(?![0-9])")
_POSTAL = re.compile(r"[0-9]{3}-[0-9]{4}")
# A run of digits with the separators people type in numbers: 090-1234-5678, (027)321-1235, 1234 5678 9012.
_DIGIT_RUN = re.compile(r"(?:\+81[\s\-]?)?[(（]?[0-9](?:[0-9]|[\s\-()（）](?=[0-9(（]))*[0-9][)）]?")


def _digit_run(match: re.Match[str]) -> str:
    run = match.group(0)
    digits = re.sub("[^0-9]", "", run)
    international = run.startswith("+81")
    if _POSTAL.fullmatch(run):
        return POSTAL
    if international or (digits.startswith("0") and len(digits) in _PHONE_DIGITS):
        return PHONE
    if len(digits) == MY_NUMBER_DIGITS:
        return MY_NUMBER
    if len(digits) >= LONG_NUMBER_DIGITS:
        return NUMBER
    return run


def mask_dates(text: str) -> str:
    """`text` with every date-like part (a kana date too, and an era year or a month and day on its
    own) replaced by DATE."""
    return _DATES.sub(DATE, kana_dates_in_digits(text))


def mask_personal_data(text: object) -> str:
    """`text` cleaned (bot.core.input_text.clean_text) with dates, numbers, postal codes and
    e-mail addresses replaced by placeholders. Of the names, only a self-introduction's
    (「高橋と申します」); the others are left to the named-entity recogniser."""
    masked = _EMAIL.sub(EMAIL, clean_text(text))
    masked = mask_dates(_POSTAL_MARKED.sub(POSTAL, masked))
    masked = _DIGIT_RUN.sub(_digit_run, masked)
    return _SELF_INTRO.sub(NAME, masked)


_FILLER = re.compile(r"[\s、。,.!?！？・「」()（）]|生まれ|うまれ|産まれ|です|でした|でございます|だよ|と申します")


def is_only_a_date(text: object) -> bool:
    """True when `text` says nothing but a date (an answer to "your birthdate?"), e.g.
    「昭和32年3月1日です」 or 「1957/3/1生まれ」; a question around a date is not."""
    # A stored birthdate answer may already be masked (issue 11's store); NFKC makes ［日付］ [日付].
    masked = mask_personal_data(text).replace(unicodedata.normalize("NFKC", DATE), DATE)
    if DATE not in masked:
        return False
    return not _FILLER.sub("", masked.replace(DATE, ""))
