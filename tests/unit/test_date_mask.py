"""Dates are masked in every spelling a citizen uses; other text, IP addresses and versions stay."""

import pytest

from bot.core.date_mask import DATE_MASK, has_date, mask_dates, mask_dates_in_escaped


@pytest.mark.parametrize(
    "text",
    [
        "昭和31年12月10日",
        "昭和３１年１２月１０日",
        "昭和三十一年十二月十日",
        "S31.12.10",
        "s31/12/10",
        "1956-12-10",
        "1956/12/10",
        "１９５６－１２－１０",
        "19561210",
        "1956年12月10日",
        "1956年(昭和31年)12月10日",
        "しょうわさんじゅういちねんじゅうにがつとおか",
        "平成元年5月3日",
        "H元.5.3",
        "昭和31年",
        "12月10日",
        # a year, or a year and a month (the question log's spellings, one masker since session 9)
        "1956年",
        "１９５６年",
        "一九五六年",
        "昭和31年12月",
        "31年12月",
    ],
)
def test_every_spelling_is_masked(text: str) -> None:
    masked = mask_dates(f"わたしは{text}生まれです")
    assert masked == f"わたしは{DATE_MASK}生まれです"
    assert has_date(text)


@pytest.mark.parametrize("text", ["S32生まれです", "昭和32生まれです", "s３２うまれです"])
def test_an_era_year_without_nen_before_umare_is_masked(text: str) -> None:
    assert mask_dates(text).startswith(DATE_MASK)


@pytest.mark.parametrize(
    "text",
    ["マイナ保険証をなくしました", "127.0.0.1:5005", "rasa 3.6.21", "電話 027-321-1235", "先月から", "1000文字"],
)
def test_other_text_stays(text: str) -> None:
    assert mask_dates(text) == text
    assert not has_date(text)


def test_json_escapes_are_read_before_masking() -> None:
    line = '{"user_text": "/greet{\\u662d\\u548c31\\u5e7412\\u670810\\u65e5}"}'
    assert mask_dates_in_escaped(line) == '{"user_text": "/greet{' + DATE_MASK + '}"}'
    plain = '{"text": "\\u4fdd\\u967a\\u8a3c"}'
    assert mask_dates_in_escaped(plain) == plain  # nothing to mask: left as it was
