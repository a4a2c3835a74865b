"""Speech-recogniser text → what the assistant classifies (no model needed)."""

from __future__ import annotations

import pytest

from bot.core.dates import kana_dates_in_digits
from bot.core.input_text import MAX_CHARS
from bot.triage.normalize import normalize_transcript


@pytest.mark.parametrize(
    "text, normalized",
    [
        ("もしもし えーと あのー 保険証を なくしました", "保険証をなくしました"),
        ("えーとあのー保険証を なくしました", "保険証をなくしました"),  # no space after the fillers
        ("えっと うーん 国保に 入りたい", "国保に入りたい"),
        ("保険証を えー なくしました", "保険証をなくしました"),  # a filler between words
        ("はい そうです", "そうです"),
        ("もしもし もしもし こんにちは", "こんにちは"),
    ],
)
def test_fillers_go(text: str, normalized: str) -> None:
    assert normalize_transcript(text) == normalized


@pytest.mark.parametrize(
    "text, normalized",
    [
        ("国保に はいりたい", "国保にはいりたい"),  # はい begins a word
        ("あの書類が 届きません", "あの書類が届きません"),  # あの as "that"
        ("ええ そうです", "ええそうです"),  # ええ is an answer, not a filler
    ],
)
def test_words_that_look_like_fillers_stay(text: str, normalized: str) -> None:
    assert normalize_transcript(text) == normalized


@pytest.mark.parametrize("text", ["もしもし", "はい", "えー", "うーん"])
def test_a_transcript_of_fillers_alone_keeps_them(text: str) -> None:
    assert normalize_transcript(text) == text


@pytest.mark.parametrize(
    "text, normalized",
    [
        ("保険証 保険証を なくしました", "保険証をなくしました"),
        ("ま まいなんばーかーど ないんです", "まいなんばーかーどないんです"),  # a stutter
        ("保険証保険証を なくしました", "保険証をなくしました"),  # said twice without a pause
        ("なくしたなくした", "なくした"),
        ("いろいろ ききたい", "いろいろききたい"),  # kana pairs are words
        ("しょうしょう おまちください", "しょうしょうおまちください"),
        ("1 1950年", "1 1950年"),  # numbers never count as repeated
    ],
)
def test_repetitions(text: str, normalized: str) -> None:
    assert normalize_transcript(text) == normalized


@pytest.mark.parametrize(
    "text, normalized",
    [
        ("しょうわ にじゅうななねん ごがつ はつか うまれです", "昭和27年5月20日うまれです"),
        ("へいせいがんねん いちがつ ようか", "平成元年1月8日"),
        ("せんきゅうひゃくはちじゅうはちねん しがつ ふつか", "1988年4月2日"),
        ("しょうわ よんじゅうごねん じゅうにがつ にじゅうよっか", "昭和45年12月24日"),
        ("しょうわ 30ねん 8がつ ついたち", "昭和30年8月1日"),  # recogniser digits and kana mixed
        ("昭和三十二年三月一日", "昭和三十二年三月一日"),  # kanji numerals stay (parse_date reads them)
    ],
)
def test_kana_dates_in_digits(text: str, normalized: str) -> None:
    assert normalize_transcript(text) == normalized


def test_kana_dates_leave_other_text_as_it_is() -> None:
    text = "マイナンバーカードの ATM いろいろ ねんきん"
    assert kana_dates_in_digits(text) == text


def test_spaces_stay_between_ascii_words_only() -> None:
    assert normalize_transcript("セブン銀行の ATM 2 台目") == "セブン銀行のATM 2台目"


def test_a_leading_slash_is_no_intent_payload() -> None:
    assert normalize_transcript("/lost_card") == "lost_card"


def test_control_characters_and_length() -> None:
    assert normalize_transcript("保険証\x00を\u200bなくした") == "保険証をなくした"
    assert len(normalize_transcript("あ" * (MAX_CHARS * 3))) == MAX_CHARS
