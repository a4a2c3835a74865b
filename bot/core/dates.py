"""Reading a (birth) date out of what a citizen typed or said.

Understands 和暦 (昭和25年4月1日, S25.4.1, 昭25.4.1, 平成元年), 西暦 (1950年4月1日, 1950/4/1,
1950-04-01, 19500401), kanji numerals (昭和二十五年四月一日, 一九五〇年) and kana as a speech
recogniser writes them (しょうわにじゅうごねんしがつついたち), with text around the date.
Everything that goes wrong is a DateParseError whose `message_ja` the assistant can show.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date

from bot.core.date_errors import ASK_AGAIN, DateParseError, ErrorKind
from bot.core.legal_age import age_on
from bot.core.wareki import (
    ERAS,
    MEIJI_START,
    as_date,
    calendar_date,
    era_date,
    era_year_label,
    format_wareki,
    format_wareki_short,
    resolve_era,
)

__all__ = [
    "MAX_INPUT_CHARS",
    "DateParseError",
    "ErrorKind",
    "find_date",
    "kana_dates_in_digits",
    "parse_date",
    "picked_date",
]

# Longer input is refused; an answer to "what is your birth date?" is far shorter.
MAX_INPUT_CHARS = 2000

_EXAMPLE = "「昭和25年4月1日」"
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SEP = "[./\\-・]"
_FILLER = "[の、,]?"

# ---------------------------------------------------------------- normalisation

_DASHES = re.compile("(?<=[0-9])[\u2010-\u2015\u2212\u30fc](?=[0-9])")
_KATAKANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
_VOWEL_ROWS = {
    "あ": "あかがさざただなはばぱまやらわぁゃゎ",
    "い": "いきぎしじちぢにひびぴみりぃえけげせぜてでねへべぺめれぇ",  # へー → へい
    "う": "うくぐすずつづぬふぶぷむゆるぅゅゔおこごそぞとどのほぼぽもよろをぉょ",  # しょー → しょう
}
_VOWEL_OF = {kana: vowel for vowel, row in _VOWEL_ROWS.items() for kana in row}
_LONG_MARK = re.compile("([ぁ-ゔ])(ー+)")

_KANJI_DIGITS = {
    "〇": 0,
    "○": 0,
    "◯": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_KANJI_RUN = re.compile("[" + "".join(_KANJI_DIGITS) + "".join(_KANJI_UNITS) + "]+")


def _word_class(ch: str) -> int:
    """1 for an ASCII letter, 2 for an ASCII digit, 0 otherwise."""
    if ("a" <= ch <= "z") or ("A" <= ch <= "Z"):
        return 1
    return 2 if "0" <= ch <= "9" else 0


def _drop_spaces(text: str) -> str:
    """Remove whitespace, control and invisible characters.

    One space stays between two ASCII words or two numbers, so that 「1950/4/1 2時」 does not
    become 1950/4/12.
    """
    out: list[str] = []
    gap = False
    for ch in text:
        if unicodedata.category(ch)[0] in "CZ":
            gap = True
            continue
        if gap and out and _word_class(ch) and _word_class(out[-1]) == _word_class(ch):
            out.append(" ")
        gap = False
        out.append(ch)
    return "".join(out)


def _to_hiragana(text: str) -> str:
    """Katakana → hiragana; a long mark after kana becomes its vowel (ショーワ → しょうわ)."""
    text = text.translate(_KATAKANA)
    return _LONG_MARK.sub(lambda m: m.group(1) + _VOWEL_OF.get(m.group(1), "ー") * len(m.group(2)), text)


def _kanji_number(run: str) -> str | None:
    """二十五 → 25, 千九百五十 → 1950, 一九五〇 → 1950; None when malformed (十十)."""
    if not any(ch in _KANJI_UNITS for ch in run):
        return "".join(str(_KANJI_DIGITS[ch]) for ch in run)
    total, current, last_unit = 0, None, 10**9
    for ch in run:
        if ch in _KANJI_DIGITS:
            if current is not None:
                return None
            current = _KANJI_DIGITS[ch]
        else:
            unit = _KANJI_UNITS[ch]
            if unit >= last_unit or current == 0:
                return None
            total += (1 if current is None else current) * unit
            current, last_unit = None, unit
    return str(total + (current or 0))


def _kanji_numerals(text: str) -> str:
    """Kanji numerals → ASCII digits. A lone ○ (a bullet, or a circled choice on a form) stays."""

    def repl(m: re.Match[str]) -> str:
        run = m.group(0)
        after_digit = m.start() > 0 and "0" <= text[m.start() - 1] <= "9"
        if not after_digit and set(run) <= {"○", "◯"}:
            return run
        return _kanji_number(run) or run

    return _KANJI_RUN.sub(repl, text)


# ---------------------------------------------------------------- kana numbers

_TH = {
    "せん": 1000,
    "いっせん": 1000,
    "にせん": 2000,
    "さんぜん": 3000,
    "よんせん": 4000,
    "ごせん": 5000,
    "ろくせん": 6000,
    "ななせん": 7000,
    "はっせん": 8000,
    "きゅうせん": 9000,
}
_HU = {
    "ひゃく": 100,
    "にひゃく": 200,
    "さんびゃく": 300,
    "よんひゃく": 400,
    "ごひゃく": 500,
    "ろっぴゃく": 600,
    "ななひゃく": 700,
    "はっぴゃく": 800,
    "きゅうひゃく": 900,
}
_TE = {
    "じゅう": 10,
    "にじゅう": 20,
    "さんじゅう": 30,
    "よんじゅう": 40,
    "ごじゅう": 50,
    "ろくじゅう": 60,
    "ななじゅう": 70,
    "しちじゅう": 70,
    "はちじゅう": 80,
    "きゅうじゅう": 90,
}
_ON = {
    "いち": 1,
    "に": 2,
    "さん": 3,
    "よん": 4,
    "よ": 4,
    "し": 4,
    "ご": 5,
    "ろく": 6,
    "なな": 7,
    "しち": 7,
    "はち": 8,
    "きゅう": 9,
    "く": 9,
}


def _alt(words: dict[str, int]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_KNUM = f"(?:{_alt(_TH)})?(?:{_alt(_HU)})?(?:{_alt(_TE)})?(?:{_alt(_ON)})?"
_KNUM_PARTS = re.compile(f"(?P<th>{_alt(_TH)})?(?P<hu>{_alt(_HU)})?(?P<te>{_alt(_TE)})?(?P<on>{_alt(_ON)})?")
_NUM = f"(?P<n>(?<![0-9])[0-9]+|{_KNUM})"

_DAY_WORDS = {
    "ついたち": 1,
    "ふつか": 2,
    "みっか": 3,
    "いつか": 5,
    "むいか": 6,
    "なのか": 7,
    "なぬか": 7,
    "ようか": 8,
    "ここのか": 9,
    "とおか": 10,
    "とうか": 10,
    "はつか": 20,
}
# Words that are also everyday speech (いつか "some day", 〜なのか "is it …?") count as a day
# only when the sentence ends or goes on like a birth date.
_AMBIGUOUS_DAYS = ("いつか", "なのか", "なぬか", "ようか")
_DAY_END = "(?=$|うまれ|生|です|でした|でござ|だ$|。|!)"
_DAY_WORD_ALT = "|".join(w + _DAY_END if w in _AMBIGUOUS_DAYS else w for w in sorted(_DAY_WORDS, key=len, reverse=True))

_KANA_YEAR = re.compile(f"{_NUM}ねん(?!きん)")
_KANA_ERA = re.compile("(めいじ|たいしょう|しょうわ|へいせい|れいわ)(?=(?:[0-9]{1,4}|元)年)")
_KANA_ERA_NAMES = {"めいじ": "明治", "たいしょう": "大正", "しょうわ": "昭和", "へいせい": "平成", "れいわ": "令和"}
_KANA_MONTH = re.compile(f"{_NUM}がつ")
_KANA_DAY = re.compile(f"(?<=月)(?:(?P<tens>{_alt(_TE)})?よっか|(?P<w>{_DAY_WORD_ALT})|{_NUM}にち)")


def _kana_value(text: str) -> int | None:
    """The value of a kana number (にじゅうご → 25), None if empty or not a number."""
    if text.isascii() and text.isdigit():
        return int(text)
    m = _KNUM_PARTS.fullmatch(text)
    if not text or m is None:
        return None
    return _TH.get(m["th"] or "", 0) + _HU.get(m["hu"] or "", 0) + _TE.get(m["te"] or "", 0) + _ON.get(m["on"] or "", 0)


def _kana_sub(pattern: re.Pattern[str], suffix: str, text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        value = _kana_value(m["n"])
        return m.group(0) if value is None else f"{value}{suffix}"

    return pattern.sub(repl, text)


def _kana_day(m: re.Match[str]) -> str:
    if m["w"]:
        return f"{_DAY_WORDS[m['w']]}日"
    if m["n"] is None:  # よっか, じゅうよっか, にじゅうよっか
        return f"{_TE.get(m['tens'] or '', 0) + 4}日"
    value = _kana_value(m["n"])
    return m.group(0) if value is None else f"{value}日"


def _kana_dates(text: str) -> str:
    """しょうわにじゅうごねんしがつついたち → 昭和25年4月1日 (also mixed: しょうわ25ねん4がつ1にち)."""
    text = text.replace("がんねん", "元年")
    text = _kana_sub(_KANA_YEAR, "年", text)
    text = _KANA_ERA.sub(lambda m: _KANA_ERA_NAMES[m.group(1)], text)
    text = _kana_sub(_KANA_MONTH, "月", text)
    return _KANA_DAY.sub(_kana_day, text)


def _normalize(text: str) -> str:
    """One canonical spelling: ASCII digits, kanji 年月日 and era names, lower-case letters."""
    text = unicodedata.normalize("NFKC", text)
    text = _drop_spaces(text)
    text = _to_hiragana(text)
    text = _kanji_numerals(text)
    text = _DASHES.sub("-", text)
    text = _kana_dates(text)
    return text.lower()


# ---------------------------------------------------------------- date patterns


def _era(group: str) -> str:
    """An era token: full name, one kanji (not inside a word) or one letter (M/T/S/H/R)."""
    return (
        f"(?P<{group}>明治|大正|昭和|平成|令和"
        "|(?:(?<![\u3400-\u9fff\uf900-\ufaff])|(?<=日))[明大昭平令]"
        "|(?<![a-z])[mtshr]\\.?)"
    )


_ERA_ANY = "(?:明治|大正|昭和|平成|令和|[明大昭平令]|[mtshr])"
_YMD_TAIL = "{f}(?P<{m}>[0-9]{{1,3}})月{f}(?P<{d}>[0-9]{{1,3}})(?![0-9])日?"
_SEP_MONTH = "(?:0?[1-9]|1[0-9])"
_SEP_DAY = "[0-3]?[0-9]"

_FULL = re.compile(
    # 和暦: 昭和25年4月1日, 昭和25年(1950年)4月1日, S25.4.1, H元-5-3
    _era("ea")
    + "(?P<ey>[0-9]{1,4}|元)(?:年(?:\\((?P<ewy>[0-9]{1,4})年?\\))?"
    + _YMD_TAIL.format(f=_FILLER, m="em", d="ed")
    + f"|(?P<es>{_SEP})(?P<em2>[0-9]{{1,2}})(?P=es)(?P<ed2>[0-9]{{1,2}})(?![0-9]))"
    # 西暦: 1950年4月1日, 1950年(昭和25年)4月1日, 1950/4/1, 1950-04-01
    + "|(?<![0-9])(?P<wy>[0-9]{4})(?:年(?:\\((?P<wa>"
    + _ERA_ANY
    + ")\\.?(?P<wey>[0-9]{1,4}|元)年?\\))?"
    + _YMD_TAIL.format(f=_FILLER, m="wm", d="wd")
    + f"|(?P<ws>{_SEP})(?P<wm2>{_SEP_MONTH})(?P=ws)(?P<wd2>{_SEP_DAY})(?![0-9]))"
    # 19500401
    + "|(?<![0-9])(?P<cy>1[89][0-9]{2}|2[0-9]{3})(?P<cm>0[1-9]|1[0-2])"
    "(?P<cd>0[1-9]|[12][0-9]|3[01])(?![0-9])"
    # no era: 25年4月1日, 25/4/1 (refused, but recognised to say why)
    + "|(?<![0-9])(?P<ny>[0-9]{1,3}|元)年"
    + _YMD_TAIL.format(f=_FILLER, m="nm", d="nd")
    + f"|(?<![0-9])(?<![0-9]{_SEP})(?P<sy>[0-9]{{2}})(?P<ss>{_SEP})(?P<sm>0?[1-9]|1[0-2])"
    f"(?P=ss)(?P<sd>0?[1-9]|[12][0-9]|3[01])(?![0-9])(?!{_SEP}[0-9])"
)

_PARTIAL_YEAR = re.compile(_era("pe") + "(?:[0-9]{1,4}|元)年|(?<![0-9])[0-9]{4}年")
_PARTIAL_MONTH = re.compile(f"{_FILLER}[0-9]{{1,3}}月")
_PARTIAL_MONTH_DAY = re.compile("(?<![0-9])[0-9]{1,3}月" + _FILLER + "[0-9]{1,3}日")
# A year of 5+ digits (9999999999年), or a month or day of 4+: no date, and not a missing part.
_OVERSIZED = re.compile("[0-9]{5,}年|[0-9]{4,}[月日]")


def _int(text: str) -> int:
    return 1 if text == "元" else int(text)


def _era_match(m: re.Match[str]) -> date:
    era = resolve_era(m["ea"])
    assert era is not None
    year = _int(m["ey"])
    month, day = (m["em"], m["ed"]) if m["em"] is not None else (m["em2"], m["ed2"])
    d = era_date(era.name, year, int(month), int(day))
    if m["ewy"] is not None:
        _check_same_year(era.name, year, d.year, int(m["ewy"]))
    return d


def _western_match(m: re.Match[str]) -> date:
    year = int(m["wy"])
    month, day = (m["wm"], m["wd"]) if m["wm"] is not None else (m["wm2"], m["wd2"])
    if m["wa"] is None:
        return calendar_date(year, int(month), int(day))
    era = resolve_era(m["wa"])
    assert era is not None
    era_year = _int(m["wey"])
    d = era_date(era.name, era_year, int(month), int(day))
    _check_same_year(era.name, era_year, d.year, year)
    return d


def _check_same_year(era_name: str, era_year: int, actual: int, given: int) -> None:
    if actual != given:
        raise DateParseError(
            f"{era_year_label(era_name, era_year)}は{actual}年です。{given}年とは一致しません。{ASK_AGAIN}",
            ErrorKind.INCONSISTENT,
        )


def _no_era_error(year_text: str, today: date, max_age: int, allow_future: bool) -> DateParseError:
    """「25年」だけでは、昭和か平成か分かりません。… with the eras that fit the age window."""
    year = _int(year_text)
    label = "元年" if year == 1 else f"{year}年"
    names = [
        era.name
        for era in ERAS
        if year >= 1
        and (era.last_year is None or year <= era.last_year)
        and era.western_year(year) >= today.year - max_age - 1
        and (allow_future or era.western_year(year) <= today.year)
    ]
    if not names:
        return DateParseError(
            f"「{label}」だけでは、何年か分かりません。"
            f"「昭和25年」や「1950年」のように、元号を付けるか、西暦4けたで教えてください。",
            ErrorKind.NO_ERA,
        )
    if len(names) == 1:
        which = "元号が分かりません"
    elif len(names) == 2:
        which = f"{names[0]}か{names[1]}か分かりません"
    else:
        which = f"{'・'.join(names)}のどれか分かりません"
    example = "昭和" if "昭和" in names else names[0]
    return DateParseError(
        f"「{label}」だけでは、{which}。「{example}{label}」のように元号を付けてください。",
        ErrorKind.NO_ERA,
    )


def _dates_in(text: str, today: date, max_age: int, allow_future: bool) -> Iterator[date]:
    """Every full date in normalised text, in order; raises for the first impossible one."""
    for m in _FULL.finditer(text):
        if m["ea"] is not None:
            yield _era_match(m)
        elif m["wy"] is not None:
            yield _western_match(m)
        elif m["cy"] is not None:
            yield calendar_date(int(m["cy"]), int(m["cm"]), int(m["cd"]))
        else:
            raise _no_era_error(m["ny"] or m["sy"], today, max_age, allow_future)


def _missing_part_error(text: str) -> DateParseError:
    """OUT_OF_RANGE for oversized numbers, INCOMPLETE when a year or a month-and-day stands alone,
    otherwise NOT_FOUND."""
    if _OVERSIZED.search(text):
        return DateParseError(
            f"年・月・日の数字が大きすぎます。生年月日を{_EXAMPLE}や「1950年4月1日」のように教えてください。",
            ErrorKind.OUT_OF_RANGE,
        )
    years = list(_PARTIAL_YEAR.finditer(text))
    month_day = _PARTIAL_MONTH_DAY.search(text)
    tail = f"{_EXAMPLE}のように、年・月・日を続けてお願いします。"
    if years and month_day:
        reason = f"年と月日を分けずに、{_EXAMPLE}のように続けて教えてください。"
    elif years:
        has_month = any(_PARTIAL_MONTH.match(text, y.end()) for y in years)
        reason = ("日にちも教えてください。" if has_month else "月と日も教えてください。") + tail
    elif month_day:
        # 2月30日 is wrong in every year: say so rather than ask for the year.
        month, day = (int(n) for n in re.findall("[0-9]+", month_day.group(0)))
        calendar_date(2000, month, day)  # a leap year, so 2月29日 passes
        reason = "何年生まれかも教えてください。" + tail
    else:
        return DateParseError(
            f"日付を読み取れませんでした。{_EXAMPLE}や「1950年4月1日」のように教えてください。",
            ErrorKind.NOT_FOUND,
        )
    return DateParseError(reason, ErrorKind.INCOMPLETE)


# ---------------------------------------------------------------- checks


def _show(d: date) -> str:
    return format_wareki(d) if d >= MEIJI_START else f"{d.year}年{d.month}月{d.day}日"


def _check_range(d: date, today: date, max_age: int, allow_future: bool) -> None:
    if not allow_future and d > today:
        raise DateParseError(f"{_show(d)}は、未来の日付です。{ASK_AGAIN}", ErrorKind.FUTURE)
    age = age_on(d, today)
    if age > max_age:
        raise DateParseError(
            f"{_show(d)}生まれですと、{age}歳になります。お手数ですが、{ASK_AGAIN}",
            ErrorKind.TOO_OLD,
        )
    if d < MEIJI_START:
        raise DateParseError(f"明治より前の日付には対応していません。{ASK_AGAIN}", ErrorKind.OUT_OF_RANGE)


def _prepare(text: str | None) -> str:
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    if len(text) > MAX_INPUT_CHARS:
        raise DateParseError(
            f"入力が長すぎます。生年月日だけを、{_EXAMPLE}のように短く教えてください。",
            ErrorKind.TOO_LONG,
        )
    normalized = _normalize(text)
    if not normalized:
        raise DateParseError(
            f"日付が入力されていません。生年月日を{_EXAMPLE}のように教えてください。",
            ErrorKind.EMPTY,
        )
    return normalized


# ---------------------------------------------------------------- public API


def parse_date(text: str, today: date, *, max_age: int = 120, allow_future: bool = False) -> date:
    """The one date in `text`; DateParseError (with `message_ja`) when there is none or it is wrong.

    Checks the calendar, era boundaries, that the date is not after `today` (unless
    `allow_future`) and that the age on `today` is at most `max_age`. The same date written
    twice (令和9年7月31日（2027年7月31日）) is one date; two different dates are an error.
    """
    today = as_date(today)
    normalized = _prepare(text)
    found = list(dict.fromkeys(_dates_in(normalized, today, max_age, allow_future)))
    if not found:
        raise _missing_part_error(normalized)
    if len(found) > 1:
        shown = "、".join(format_wareki_short(d) if d >= MEIJI_START else _show(d) for d in found[:3])
        raise DateParseError(
            f"日付が2つ以上あります（{shown}）。生年月日を1つだけ教えてください。",
            ErrorKind.MULTIPLE,
        )
    _check_range(found[0], today, max_age, allow_future)
    return found[0]


def picked_date(iso: object, today: date, *, max_age: int = 120, allow_future: bool = False) -> date:
    """A date picked in a calendar and sent as YYYY-MM-DD, checked like parse_date's (not after
    `today`, age at most `max_age`) without reading it as free text; DateParseError otherwise."""
    if not isinstance(iso, str) or not _ISO_DATE.fullmatch(iso):
        raise DateParseError(f"選ばれた日付を読み取れませんでした。{ASK_AGAIN}", ErrorKind.NOT_FOUND)
    try:
        picked = date.fromisoformat(iso)
    except ValueError:
        raise DateParseError(f"{iso}という日はありません。{ASK_AGAIN}", ErrorKind.INVALID_DATE) from None
    _check_range(picked, as_date(today), max_age, allow_future)
    return picked


def find_date(text: str, today: date, *, max_age: int = 120, allow_future: bool = False) -> date | None:
    """Like parse_date, but None when `text` holds no full date (empty, nothing date-like,
    or only a year / a month and day). A date that is present but wrong still raises."""
    try:
        return parse_date(text, today, max_age=max_age, allow_future=allow_future)
    except DateParseError as exc:
        if exc.kind in (ErrorKind.EMPTY, ErrorKind.NOT_FOUND, ErrorKind.INCOMPLETE):
            return None
        raise


def kana_dates_in_digits(text: str) -> str:
    """`text` with the hiragana dates a speech recogniser writes in digits
    (しょうわにじゅうごねんしがつついたち → 昭和25年4月1日); everything else unchanged.

    Unlike parse_date's own normalisation, script, case and spaces stay as they are, so the
    result can still be shown or classified. Katakana dates are not rewritten.
    """
    return _kana_dates(text)
