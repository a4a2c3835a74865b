"""Tests for bot.core.dates.parse_date / find_date (all with today = 2026-11-22)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.dates import MAX_INPUT_CHARS, DateParseError, ErrorKind, find_date, parse_date, picked_date
from bot.core.wareki import format_wareki, format_wareki_short, to_wareki

TODAY = date(2026, 11, 22)
FAST = settings(max_examples=300, deadline=None, database=None)
BIRTH = date(1950, 4, 1)
JAPANESE = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")


def parse(text: str, **kwargs: object) -> date:
    return parse_date(text, TODAY, **kwargs)  # type: ignore[arg-type]


def error_of(text: str, **kwargs: object) -> DateParseError:
    with pytest.raises(DateParseError) as exc:
        parse(text, **kwargs)
    err = exc.value
    assert err.message_ja and JAPANESE.search(err.message_ja), "message_ja must be Japanese"
    assert err.message_ja.endswith("。")
    assert str(err) == err.message_ja
    return err


# ---------------------------------------------------------------- accepted forms


@pytest.mark.parametrize(
    "text",
    [
        # 和暦
        "昭和25年4月1日",
        "昭和25年4月1日生まれです",
        "誕生日は昭和25年4月1日です。",
        "昭和 25 年 4 月 1 日",
        "昭和２５年４月１日",
        "昭和25年の4月1日",
        "昭和25年、4月1日",
        "生年月日：昭和25年4月1日",
        "S25.4.1",
        "s25/4/1",
        "S25-4-1",
        "Ｓ２５．４．１",
        "ｓ２５／４／１",
        "S 25 . 4 . 1",
        "S.25.4.1",
        "生年月日はS25.4.1です",
        "昭25.4.1",
        "昭和25.4.1",
        "昭和25・4・1",
        "S25年4月1日",
        "㍼25年4月1日",
        "昭和25年（1950年）4月1日",
        # 西暦
        "1950年4月1日",
        "1950年4月1日生まれ",
        "1950/4/1",
        "1950/04/01",
        "1950-04-01",
        "1950.4.1",
        "19500401",
        "１９５０年４月１日",
        "１９５０／４／１",
        "1950－04－01",
        "1950ー4ー1",
        "1950 / 4 / 1",
        "1950年（昭和25年）4月1日",
        "1950年4月1日（昭和25年4月1日）",
        # kanji numerals
        "昭和二十五年四月一日",
        "昭和二五年四月一日",
        "一九五〇年四月一日",
        "一九五○年四月一日",
        "千九百五十年四月一日",
        "一千九百五十年四月一日",
        # kana (speech recogniser)
        "しょうわにじゅうごねん しがつ ついたち",
        "しょうわにじゅうごねんしがつついたち",
        "しょうわ にじゅうご ねん しがつ ついたち うまれです",
        "ショウワニジュウゴネン シガツ ツイタチ",
        "ｼｮｳﾜﾆｼﾞｭｳｺﾞﾈﾝ ｼｶﾞﾂ ﾂｲﾀﾁ",
        "ショーワ ニジューゴネン シガツ ツイタチ",
        "せんきゅうひゃくごじゅうねん しがつ ついたち",
        "しょうわ25ねん4がつ1にち",
        "しょうわ25年4月ついたち",
        "昭和にじゅうごねんしがつついたち",
        "しょうわにじゅうごねんよんがついちにち",
        "しょうわにじゅうごねんのしがつついたち",
    ],
)
def test_forms_of_1950_04_01(text: str) -> None:
    assert parse(text) == BIRTH


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("H1-5-3", date(1989, 5, 3)),
        ("h1.5.3", date(1989, 5, 3)),
        ("H元.5.3", date(1989, 5, 3)),
        ("R2年3月4日", date(2020, 3, 4)),
        ("r2/3/4", date(2020, 3, 4)),
        ("Ｒ２年３月４日", date(2020, 3, 4)),
        ("M45.7.29", date(1912, 7, 29)),
        ("T15.12.24", date(1926, 12, 24)),
        ("令2.3.4", date(2020, 3, 4)),
        ("平成元年5月3日", date(1989, 5, 3)),
        ("平成 元年 5月 3日", date(1989, 5, 3)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("令和六年十一月二十二日", date(2024, 11, 22)),
        ("平成三十一年四月三十日", date(2019, 4, 30)),
        ("二〇二四年十二月二十五日", date(2024, 12, 25)),
        ("二千二十四年十二月二十五日", date(2024, 12, 25)),
        ("へいせいがんねん ごがつ みっか", date(1989, 5, 3)),
        ("へいせいいちねんごがつみっか", date(1989, 5, 3)),
        ("れいわにねん さんがつ よっか", date(2020, 3, 4)),
        ("たいしょう じゅうごねん じゅうにがつ にじゅうよっか", date(1926, 12, 24)),
        ("めいじ よんじゅうごねん しちがつ にじゅうくにち", date(1912, 7, 29)),
        ("しょうわよねん くがつ はつか", date(1929, 9, 20)),
        ("しょうわよんねん きゅうがつ にじゅうにち", date(1929, 9, 20)),
        ("しょうわしちねん しちがつ なのか", date(1932, 7, 7)),
        ("しょうわななねん なながつ なのかうまれです", date(1932, 7, 7)),
        ("しょうわくねん じゅういちがつ じゅうよっか", date(1934, 11, 14)),
        ("へいせい じゅうにねん じゅうがつ とおか", date(2000, 10, 10)),
        ("へいせいさんじゅういちねん しがつ さんじゅうにち", date(2019, 4, 30)),
        ("しょうわろくじゅうよねん いちがつ なのか", date(1989, 1, 7)),
        ("にせんにじゅうよねん じゅうにがつ さんじゅういちにち", date(2024, 12, 31)),
        ("せんきゅうひゃくはちじゅうきゅうねん いちがつ ようか", date(1989, 1, 8)),
        ("れいわ2ねん3がつ4にち", date(2020, 3, 4)),
        ("1952-02-29", date(1952, 2, 29)),
        ("昭和27年2月29日", date(1952, 2, 29)),
        ("2000/2/29", date(2000, 2, 29)),
        ("2026年11月22日", TODAY),
    ],
)
def test_forms(text: str, expected: date) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("words", "day"),
    [
        ("ついたち", 1),
        ("ふつか", 2),
        ("みっか", 3),
        ("よっか", 4),
        ("いつか", 5),
        ("むいか", 6),
        ("なのか", 7),
        ("ようか", 8),
        ("ここのか", 9),
        ("とおか", 10),
        ("じゅういちにち", 11),
        ("じゅうににち", 12),
        ("じゅうさんにち", 13),
        ("じゅうよっか", 14),
        ("じゅうごにち", 15),
        ("じゅうろくにち", 16),
        ("じゅうしちにち", 17),
        ("じゅうはちにち", 18),
        ("じゅうくにち", 19),
        ("はつか", 20),
        ("にじゅういちにち", 21),
        ("にじゅうよっか", 24),
        ("にじゅうくにち", 29),
        ("さんじゅうにち", 30),
        ("さんじゅういちにち", 31),
    ],
)
def test_kana_days(words: str, day: int) -> None:
    assert parse(f"しょうわにじゅうごねん いちがつ {words}") == date(1950, 1, day)
    assert parse(f"しょうわにじゅうごねん いちがつ {words} うまれです") == date(1950, 1, day)


@pytest.mark.parametrize(
    ("words", "month"),
    [
        ("いちがつ", 1),
        ("にがつ", 2),
        ("さんがつ", 3),
        ("しがつ", 4),
        ("ごがつ", 5),
        ("ろくがつ", 6),
        ("しちがつ", 7),
        ("はちがつ", 8),
        ("くがつ", 9),
        ("じゅうがつ", 10),
        ("じゅういちがつ", 11),
        ("じゅうにがつ", 12),
    ],
)
def test_kana_months(words: str, month: int) -> None:
    assert parse(f"しょうわにじゅうごねん{words}ふつか") == date(1950, month, 2)


def test_kana_eras() -> None:
    assert parse("めいじよんじゅうねんいちがつついたち", max_age=150) == date(1907, 1, 1)
    assert parse("たいしょうがんねんはちがつついたち") == date(1912, 8, 1)
    assert parse("レイワロクネンジュウイチガツツイタチ") == date(2024, 11, 1)


def test_everyday_words_are_not_dates() -> None:
    # たいしょう (対象), ねんきん (年金), なのか (〜なのか) must not turn into dates.
    assert find_date("たいしょうになりますか", TODAY) is None
    assert find_date("こくみんねんきんについて", TODAY) is None
    assert find_date("しょうわにじゅうごねんのしがつなのかごがつなのか", TODAY) is None


def test_same_date_twice_is_one_date() -> None:
    assert parse("令和6年7月31日（2024年7月31日）") == date(2024, 7, 31)
    assert parse("昭和25年4月1日、1950年4月1日です") == BIRTH


def test_today_may_be_a_datetime() -> None:
    assert parse_date("2026年11月22日", datetime(2026, 11, 22, 23, 59)) == TODAY


# ---------------------------------------------------------------- era boundaries


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("昭和64年1月7日", date(1989, 1, 7)),
        ("平成元年1月8日", date(1989, 1, 8)),
        ("平成31年4月30日", date(2019, 4, 30)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("大正15年12月24日", date(1926, 12, 24)),
        ("昭和元年12月25日", date(1926, 12, 25)),
    ],
)
def test_era_boundaries_ok(text: str, expected: date) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("昭和64年1月8日", "昭和64年は1月7日までです。1月8日以降は平成元年です。"),
        ("S64.1.8", "昭和64年は1月7日までです。1月8日以降は平成元年です。"),
        ("平成元年1月1日", "平成元年は1月8日からです。1月7日までは昭和64年です。"),
        ("平成31年5月1日", "平成31年は4月30日までです。5月1日以降は令和元年です。"),
        ("大正15年12月25日", "大正15年は12月24日までです。12月25日以降は昭和元年です。"),
        ("昭和65年1月1日", "昭和65年という年はありません。昭和は64年1月7日までです。"),
        ("昭和0年1月1日", "昭和0年という年はありません。"),
        ("1989年（昭和64年）1月8日", "昭和64年は1月7日までです。"),
    ],
)
def test_era_boundary_errors(text: str, message: str) -> None:
    err = error_of(text)
    assert err.kind is ErrorKind.ERA_RANGE
    assert err.message_ja.startswith(message)


def test_era_and_western_year_must_agree() -> None:
    err = error_of("昭和25年（1951年）4月1日")
    assert err.kind is ErrorKind.INCONSISTENT
    assert err.message_ja.startswith("昭和25年は1950年です。1951年とは一致しません。")


# ---------------------------------------------------------------- other errors


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("昭和25年2月30日", "2月30日という日はありません。"),
        ("2月30日", "2月30日という日はありません。"),
        ("1950年4月31日", "4月31日という日はありません。4月は30日までです。"),
        ("1950年13月1日", "13月という月はありません。"),
        ("1950年4月0日", "4月0日という日はありません。"),
        ("1953-02-29", "1953年はうるう年ではないので、2月29日はありません。"),
        ("19530229", "1953年はうるう年ではないので、2月29日はありません。"),
        ("昭和28年2月29日", "昭和28年（1953年）はうるう年ではないので、2月29日はありません。"),
        ("1900/2/29", "1900年はうるう年ではないので"),
        ("S25.4.32", "4月32日という日はありません。"),
    ],
)
def test_impossible_dates(text: str, message: str) -> None:
    err = error_of(text)
    assert err.kind is ErrorKind.INVALID_DATE
    assert err.message_ja.startswith(message)
    assert err.message_ja.endswith("もう一度、生年月日を教えてください。")


def test_future() -> None:
    err = error_of("2026年11月23日")
    assert err.kind is ErrorKind.FUTURE
    assert err.message_ja.startswith("令和8年11月23日（2026年11月23日）は、未来の日付です。")
    assert parse("2026年11月23日", allow_future=True) == date(2026, 11, 23)
    assert parse("令和9年7月31日", allow_future=True) == date(2027, 7, 31)


def test_age_limit() -> None:
    assert parse("1905年11月23日") == date(1905, 11, 23)  # 120 years old
    assert parse("1906年11月22日") == date(1906, 11, 22)
    err = error_of("1905年11月22日")  # 121 today
    assert err.kind is ErrorKind.TOO_OLD
    assert "121歳" in err.message_ja
    err = error_of("明治30年1月1日")
    assert err.kind is ErrorKind.TOO_OLD
    assert err.message_ja.startswith("明治30年1月1日（1897年1月1日）生まれですと、129歳になります。")
    assert parse("明治30年1月1日", max_age=130) == date(1897, 1, 1)
    assert error_of("1950/4/1", max_age=50).kind is ErrorKind.TOO_OLD


def test_before_meiji() -> None:
    assert error_of("1850年1月1日").kind is ErrorKind.TOO_OLD
    assert error_of("1850年1月1日", max_age=1000).kind is ErrorKind.OUT_OF_RANGE
    assert error_of("明治元年1月1日", max_age=1000).kind is ErrorKind.OUT_OF_RANGE


@pytest.mark.parametrize(
    "text", ["9999999999年1月1日", "令和99999年1月1日", "1950年9999月1日", "１９５０年１月１２３４日"]
)
def test_oversized_numbers_are_not_a_missing_year(text: str) -> None:
    err = error_of(text)
    assert err.kind is ErrorKind.OUT_OF_RANGE
    assert err.message_ja.startswith("年・月・日の数字が大きすぎます。")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("25年4月1日", "「25年」だけでは、昭和か平成か分かりません。「昭和25年」のように元号を付けてください。"),
        ("25/4/1", "「25年」だけでは、昭和か平成か分かりません。"),
        ("25.04.01生まれ", "「25年」だけでは、昭和か平成か分かりません。"),
        ("二十五年四月一日", "「25年」だけでは、昭和か平成か分かりません。"),
        ("にじゅうごねんしがつついたち", "「25年」だけでは、昭和か平成か分かりません。"),
        ("50年4月1日", "「50年」だけでは、元号が分かりません。「昭和50年」のように元号を付けてください。"),
        ("5年4月1日", "「5年」だけでは、大正・昭和・平成・令和のどれか分かりません。"),
        ("元年5月1日", "「元年」だけでは、大正・昭和・平成・令和のどれか分かりません。"),
        ("70年4月1日", "「70年」だけでは、何年か分かりません。"),
        ("950年4月1日", "「950年」だけでは、何年か分かりません。"),
    ],
)
def test_year_without_era(text: str, message: str) -> None:
    err = error_of(text)
    assert err.kind is ErrorKind.NO_ERA
    assert err.message_ja.startswith(message)


@pytest.mark.parametrize(
    ("text", "kind", "start"),
    [
        ("", ErrorKind.EMPTY, "日付が入力されていません。"),
        ("   \u3000\n\t", ErrorKind.EMPTY, "日付が入力されていません。"),
        ("\x00\u200b\ufeff", ErrorKind.EMPTY, "日付が入力されていません。"),
        ("よろしくお願いします", ErrorKind.NOT_FOUND, "日付を読み取れませんでした。"),
        ("1950 4 1", ErrorKind.NOT_FOUND, "日付を読み取れませんでした。"),
        ("昭和25年", ErrorKind.INCOMPLETE, "月と日も教えてください。"),
        ("1950年生まれです", ErrorKind.INCOMPLETE, "月と日も教えてください。"),
        ("昭和25年4月", ErrorKind.INCOMPLETE, "日にちも教えてください。"),
        ("4月1日", ErrorKind.INCOMPLETE, "何年生まれかも教えてください。"),
        ("2月29日", ErrorKind.INCOMPLETE, "何年生まれかも教えてください。"),
        ("昭和25年の、えっと、4月1日", ErrorKind.INCOMPLETE, "年と月日を分けずに"),
        (
            "昭和25年4月1日と昭和26年5月2日",
            ErrorKind.MULTIPLE,
            "日付が2つ以上あります（昭和25年4月1日、昭和26年5月2日）。",
        ),
        ("x" * (MAX_INPUT_CHARS + 1), ErrorKind.TOO_LONG, "入力が長すぎます。"),
        ("昭和25年4月1日" + "あ" * 100_000, ErrorKind.TOO_LONG, "入力が長すぎます。"),
    ],
)
def test_error_kinds(text: str, kind: ErrorKind, start: str) -> None:
    err = error_of(text)
    assert err.kind is kind
    assert err.message_ja.startswith(start)


def test_none_is_empty_and_limit_is_inclusive() -> None:
    assert error_of(None).kind is ErrorKind.EMPTY  # type: ignore[arg-type]
    padded = "昭和25年4月1日".ljust(MAX_INPUT_CHARS, "。")
    assert parse(padded) == BIRTH


def test_circle_as_zero_or_bullet() -> None:
    assert parse("195○年4月1日") == BIRTH
    assert parse("○1950年4月1日") == BIRTH  # a bullet, not a zero
    assert parse("○昭和 25年4月1日") == BIRTH
    assert parse("一九五〇ー四ー一") == BIRTH


def test_spaces_do_not_merge_numbers() -> None:
    assert parse("1950/4/1 2時ごろ") == BIRTH
    assert parse("S25.4.1 12時") == BIRTH


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00",
        "\ud800",
        "\udfff昭和",
        "😀" * 50,
        "<script>alert('昭和25年')</script>",
        "<b>昭和</b>25年",
        "&#26157;&#21644;",
        "\u202e1950/4/1",
        "𝟏𝟗𝟓𝟎年𝟒月𝟏日",
        "١٩٥٠/٤/١",
        "9" * 5000,
        "年月日" * 1000,
        "令和" * 3000,
        "S" * 100_000,
        "ー" * 2000,
        "十" * 1999,
        "令和9999年1月1日",
        "令和99999999年1月1日",
        "昭和99999999999999999999年",
        "S9999.99.99",
        "9999年12月31日",
        "0000年1月1日",
        "00000000",
        "99999999",
        "18680124",
        "平成元年",
        "元年",
        "\n".join(["昭和25年4月1日"] * 100),
        "ｓ２５．",
        "S25.",
        "S25.4.",
        ".25.4.1",
        "25年",
        "しょうわ",
        "しょうわがんねん",
        "ねん",
        "がつ",
        "にち",
        "月ついたち",
        "ー1ー",
        "〇〇年〇月〇日",
    ],
)
def test_garbage_raises_only_date_parse_error(text: str) -> None:
    for func in (parse_date, find_date):
        try:
            result = func(text, TODAY)
        except DateParseError as err:
            assert err.message_ja and JAPANESE.search(err.message_ja)
        else:
            assert result is None or isinstance(result, date)


def test_unicode_digit_forms() -> None:
    assert parse("𝟏𝟗𝟓𝟎年𝟒月𝟏日") == BIRTH  # NFKC maps mathematical digits
    assert error_of("١٩٥٠/٤/١").kind is ErrorKind.NOT_FOUND  # Arabic-Indic digits are not read


# ---------------------------------------------------------------- find_date


def test_find_date() -> None:
    transcript = "はい、国保の者です。お生まれは、しょうわにじゅうごねんしがつついたちでしょうか。"
    assert find_date(transcript, TODAY) == BIRTH
    assert find_date("保険証をなくしました", TODAY) is None
    assert find_date("", TODAY) is None
    assert find_date("令和6年に引っ越しました", TODAY) is None
    assert find_date("4月1日から保険料が変わります", TODAY) is None
    assert find_date("電話番号は090-1234-5678です", TODAY) is None
    assert find_date("2026年11月23日の予約", TODAY, allow_future=True) == date(2026, 11, 23)
    for present_but_wrong in ("昭和64年1月8日", "2月30日", "25年4月1日", "2030年1月1日"):
        with pytest.raises(DateParseError):
            find_date(present_but_wrong, TODAY)


# ---------------------------------------------------------------- properties

DATES = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)

_TH = ["", "せん", "にせん", "さんぜん", "よんせん", "ごせん", "ろくせん", "ななせん", "はっせん", "きゅうせん"]
_HU = [
    "",
    "ひゃく",
    "にひゃく",
    "さんびゃく",
    "よんひゃく",
    "ごひゃく",
    "ろっぴゃく",
    "ななひゃく",
    "はっぴゃく",
    "きゅうひゃく",
]
_ONES = ["", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう"]
_DAYS = {
    1: "ついたち",
    2: "ふつか",
    3: "みっか",
    4: "よっか",
    5: "いつか",
    6: "むいか",
    7: "なのか",
    8: "ようか",
    9: "ここのか",
    10: "とおか",
    14: "じゅうよっか",
    20: "はつか",
    24: "にじゅうよっか",
}
_ERA_KANA = {"明治": "めいじ", "大正": "たいしょう", "昭和": "しょうわ", "平成": "へいせい", "令和": "れいわ"}
_KANJI = "〇一二三四五六七八九"


def kana_number(n: int, ones: dict[int, str] | None = None) -> str:
    """Positional kana reading; `ones` overrides the last digit (4 → よ before ねん)."""
    last = (ones or {}).get(n % 10, _ONES[n % 10])
    tens = n // 10 % 10
    return (
        _TH[n // 1000]
        + _HU[n // 100 % 10]
        + ("" if tens == 0 else _ONES[tens] + "じゅう" if tens > 1 else "じゅう")
        + last
    )


def kana_date(d: date, western: bool) -> str:
    year_ones = {4: "よ", 7: "しち", 9: "く"}
    if western:
        year = kana_number(d.year, year_ones)
    else:
        name, era_year = to_wareki(d)
        year = _ERA_KANA[name] + ("がん" if era_year == 1 else kana_number(era_year, year_ones))
    month = kana_number(d.month, {4: "し", 7: "しち", 9: "く"})
    day = _DAYS.get(d.day) or kana_number(d.day, {9: "く"}) + "にち"
    return f"{year}ねん {month}がつ {day}"


def kanji_number(n: int) -> str:
    """Positional kanji (千九百五十, 二十五); 一 is omitted before 十/百/千."""
    out = ""
    for unit, mark in ((1000, "千"), (100, "百"), (10, "十")):
        digit = n // unit % 10
        if digit:
            out += ("" if digit == 1 else _KANJI[digit]) + mark
    return out + ("" if n % 10 == 0 else _KANJI[n % 10])


@FAST
@given(DATES)
def test_round_trip_formats(d: date) -> None:
    assert parse_date(format_wareki(d), TODAY, max_age=150) == d
    assert parse_date(format_wareki_short(d), TODAY, max_age=150) == d
    assert parse_date(d.isoformat(), TODAY, max_age=150) == d


@FAST
@given(DATES, st.booleans(), st.sampled_from(["", "です", "うまれです", "生まれ"]))
def test_round_trip_kana(d: date, western: bool, tail: str) -> None:
    assert parse_date(kana_date(d, western) + tail, TODAY, max_age=150) == d


@FAST
@given(DATES, st.booleans())
def test_round_trip_kanji(d: date, digit_by_digit: bool) -> None:
    name, era_year = to_wareki(d)
    md = f"{kanji_number(d.month)}月{kanji_number(d.day)}日"
    era_text = f"{name}{'元' if era_year == 1 else kanji_number(era_year)}年{md}"
    western_year = "".join(_KANJI[int(c)] for c in str(d.year)) if digit_by_digit else kanji_number(d.year)
    assert parse_date(era_text, TODAY, max_age=150) == d
    assert parse_date(f"{western_year}年{md}", TODAY, max_age=150) == d


@FAST
@given(
    DATES,
    st.sampled_from(
        [
            "{e}{y}.{m}.{d}",
            "{e}{y}/{m}/{d}",
            "{e}{y}-{m:02d}-{d:02d}",
            "{e}{y}年{m}月{d}日",
            "{w}{m:02d}{d:02d}",
            "{w}/{m}/{d}",
        ]
    ),
    st.booleans(),
)
def test_round_trip_short_forms(d: date, template: str, upper: bool) -> None:
    name, era_year = to_wareki(d)
    letter = {"明治": "M", "大正": "T", "昭和": "S", "平成": "H", "令和": "R"}[name]
    text = template.format(e=letter if upper else letter.lower(), y=era_year, m=d.month, d=d.day, w=d.year)
    assert parse_date(text, TODAY, max_age=150) == d


_DATEISH = st.text(
    alphabet=st.sampled_from(
        list(
            "0123456789０１２年月日元昭和平成令大正明治SHRMTshr./-・ 　の、,一二三四五六七八九十百千〇○"
            "にじゅうさんよしごろくなちはきせんひゃくねんがつついたふかみっよいむのこおとうわへれめ()（）ー"
        )
    ),
    max_size=60,
)


@FAST
@given(st.one_of(st.text(max_size=200), _DATEISH), st.booleans())
def test_fuzz_only_date_parse_error(text: str, allow_future: bool) -> None:
    for func in (parse_date, find_date):
        try:
            result = func(text, TODAY, allow_future=allow_future)
        except DateParseError as err:
            assert err.message_ja and JAPANESE.search(err.message_ja)
            assert isinstance(err.kind, ErrorKind)
        else:
            assert result is None or isinstance(result, date)
            if result is not None and not allow_future:
                assert date(1868, 1, 25) <= result <= TODAY
                assert result >= TODAY.replace(year=TODAY.year - 121) + timedelta(days=1)


# ---------------------------------------------------------------- dates picked in a calendar


def test_picked_date_is_read_as_iso_only() -> None:
    assert picked_date("1957-03-01", TODAY) == date(1957, 3, 1)
    assert picked_date("2026-11-22", TODAY) == TODAY
    for not_iso in ("昭和32年3月1日", "1957/03/01", "1957-3-1", " 1957-03-01", "19570301", None, 19570301):
        with pytest.raises(DateParseError) as exc:
            picked_date(not_iso, TODAY)
        assert exc.value.kind is ErrorKind.NOT_FOUND


@pytest.mark.parametrize(
    ("iso", "kind"),
    [("1957-02-30", ErrorKind.INVALID_DATE), ("2026-11-23", ErrorKind.FUTURE), ("1900-01-01", ErrorKind.TOO_OLD)],
)
def test_picked_date_is_checked_like_a_typed_one(iso: str, kind: ErrorKind) -> None:
    with pytest.raises(DateParseError) as exc:
        picked_date(iso, TODAY)
    assert exc.value.kind is kind and exc.value.message_ja.endswith("。")
