"""Personal data in a question becomes placeholders before anything is logged (bot.core.masking)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.masking import DATE, EMAIL, MY_NUMBER, NAME, NUMBER, PHONE, POSTAL, is_only_a_date, mask_personal_data
from bot.core.wareki import ERAS, format_wareki, format_wareki_short, to_wareki

FAST = settings(max_examples=300, deadline=None, database=None)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("昭和32年3月1日生まれです", f"{DATE}生まれです"),
        ("しょうわさんじゅうにねんさんがつついたちです", f"{DATE}です"),
        ("昭和三十二年三月一日", DATE),
        ("平成元年5月3日", DATE),
        ("S32.3.1", DATE),
        ("s32/3/1", DATE),
        ("S32生まれ", f"{DATE}生まれ"),
        ("1957/03/01", DATE),
        ("1957-3-1", DATE),
        ("1957年（昭和32年）3月1日", DATE),
        ("一九五七年三月一日", DATE),
        ("32年3月1日", DATE),
        ("3月1日に転入しました", f"{DATE}に転入しました"),
        ("令和8年7月31日以降は？", f"{DATE}以降は?"),
        ("電話は090-1234-5678です", f"電話は{PHONE}です"),
        ("０９０－１２３４－５６７８", PHONE),
        ("(027)321-1235", PHONE),
        ("電話 027 321 1235", f"電話 {PHONE}"),
        ("+81 90 1234 5678", PHONE),
        ("0120-95-0178に電話した", f"{PHONE}に電話した"),
        ("マイナンバーは1234 5678 9012", f"マイナンバーは{MY_NUMBER}"),
        ("123456789012", MY_NUMBER),
        ("1234-5678-9012", MY_NUMBER),
        ("被保険者番号12345678", f"被保険者番号{NUMBER}"),
        ("19570301", DATE),  # a date as digits: the one date masker (bot.core.date_mask) takes it
        ("〒370-8501 高崎市", f"{POSTAL} 高崎市"),
        ("〒3708501", POSTAL),
        ("370-8501", POSTAL),
        ("mail: taro.yamada@example.co.jp", f"mail: {EMAIL}"),
        ("私、高橋と申します", f"私、{NAME}と申します"),
        ("森といいます", f"{NAME}といいます"),
    ],
)
def test_personal_data_becomes_placeholders(text: str, masked: str) -> None:
    assert mask_personal_data(text) == masked


@pytest.mark.parametrize(
    "text", ["75歳になります", "保険証を2枚なくしました", "10年前に加入しました", "マイナ保険証をなくした", ""]
)
def test_text_without_personal_data_is_kept(text: str) -> None:
    assert mask_personal_data(text) == text


def test_control_characters_and_lone_surrogates_are_dropped() -> None:
    assert mask_personal_data("保険証\x00を\ud800なくした") == "保険証 を なくした"
    assert mask_personal_data(None) == ""


@FAST
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 11, 22)))
def test_no_birthdate_shape_survives(born: date) -> None:
    era, era_year = to_wareki(born)
    letter = next(e.letter for e in ERAS if e.name == era)
    shapes = [
        format_wareki(born),
        format_wareki_short(born),
        f"{born.year}年{born.month}月{born.day}日",
        f"{born:%Y/%m/%d}",
        f"{born.year}/{born.month}/{born.day}",
        f"{born:%Y-%m-%d}",
        f"{letter}{era_year}.{born.month}.{born.day}",
        f"{born:%Y%m%d}",
    ]
    for shape in shapes:
        masked = mask_personal_data(f"私は{shape}生まれです")
        assert not any(ch.isdigit() for ch in masked), (shape, masked)


@pytest.mark.parametrize("text", ["昭和32年3月1日です", "1957/3/1生まれ", "昭和32年3月1日", " S32.3.1。 "])
def test_a_bare_date_is_an_answer_not_a_question(text: str) -> None:
    assert is_only_a_date(text)


@pytest.mark.parametrize("text", ["昭和32年3月1日生まれですが、何が届きますか", "保険証をなくした", "3枚"])
def test_a_question_around_a_date_is_a_question(text: str) -> None:
    assert not is_only_a_date(text)


def test_a_birthdate_answer_the_store_already_masked_is_only_a_date() -> None:
    from bot.core.masking import is_only_a_date

    assert is_only_a_date("［日付］") and is_only_a_date("[日付]")  # as stored, and after NFKC
    assert not is_only_a_date("[日付]に住民票はとれますか")
