from datetime import date

from bot.answers.answer_facts import answer_facts, old_card_line
from bot.answers.profile_phrases import placeholders
from bot.core.input_text import MAX_CHARS, clean_text, is_too_long
from bot.core.profiles import load_profile
from bot.core.topics import topic_buttons


def test_old_card_line_follows_the_reference_date() -> None:
    assert "使えます" in old_card_line(date(2025, 6, 1))
    assert "令和8年3月31日（2026年3月31日）までは" in old_card_line(date(2026, 1, 10))
    assert "今は使えません" in old_card_line(date(2026, 11, 22))


def test_optional_lines_are_empty_where_the_profile_is_silent() -> None:
    facts = answer_facts(load_profile("fukutsu"), date(2026, 11, 22))
    assert facts["register_card_local"] == "" and facts["organ_sticker_line"] == ""
    assert "資料にありません" in facts["elderly_with_certificate"]


def test_takasaki_local_programme_line() -> None:
    line = answer_facts(load_profile("takasaki"), date(2026, 11, 22))["local_programmes_line"]
    assert "68・69歳の方の高齢者医療費受給資格者証（緑色・はがきサイズ）" in line


def test_placeholders_route_topic_to_desk() -> None:
    values = placeholders(load_profile("takasaki"), "arrears")
    assert "納税課" in values["topic_desk"]
    assert "027-321-1235" in values["desk"]
    assert "受付時間は" in values["hours"]


def test_clean_text_caps_and_strips() -> None:
    assert clean_text("ａ\x00ｂ\u200b") == "a b"
    assert len(clean_text("あ" * 50000)) == MAX_CHARS
    assert clean_text(None) == ""
    assert is_too_long("あ" * (MAX_CHARS + 1)) and not is_too_long("あ")


def test_topic_buttons_skip_conversation_intents() -> None:
    ranking = [
        {"name": "greet", "confidence": 0.4},
        {"name": "lost_card", "confidence": 0.3},
        {"name": "lost_certificate", "confidence": 0.2},
        {"name": "contact", "confidence": 0.01},
    ]
    assert [b["payload"] for b in topic_buttons(ranking)] == ["/lost_card", "/lost_certificate"]
