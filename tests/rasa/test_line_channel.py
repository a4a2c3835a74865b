"""The LINE channel's own logic, without servers: settings, sender ids, postbacks, quick replies."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

import pytest
from rasa.shared.exceptions import RasaException

from bot.channels.line import (
    CHOOSE_BELOW,
    LineInput,
    LineSettings,
    RecentEvents,
    birthdate_picker,
    line_messages,
    postback_text,
    sender_id,
)
from bot.channels.line_api import DEFAULT_API_BASE_URL
from tests.fake_line import limit_errors

LINE_ENV = ("LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN", "LINE_USER_ID_KEY", "LINE_API_BASE_URL")


@pytest.fixture(autouse=True)
def no_line_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LINE_ENV:
        monkeypatch.delenv(name, raising=False)


def test_settings_come_from_credentials_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINE_CHANNEL_SECRET", "env-secret")
    monkeypatch.setenv("LINE_CHANNEL_ACCESS_TOKEN", "env-token")
    monkeypatch.setenv("LINE_USER_ID_KEY", "env-key")
    settings = LineSettings.read({"channel_secret": "file-secret"})
    assert (settings.channel_secret, settings.channel_access_token, settings.user_id_key) == (
        "file-secret",
        "env-token",
        "env-key",
    )
    assert settings.api_base_url == DEFAULT_API_BASE_URL and not settings.missing()


def test_unconfigured_channel_starts_but_a_half_configured_one_does_not() -> None:
    assert LineInput.from_credentials(None).settings.missing()
    with pytest.raises(RasaException, match=r"user_id_key \(LINE_USER_ID_KEY\)"):
        LineInput.from_credentials({"channel_secret": "s", "channel_access_token": "t"})


def test_sender_id_is_a_keyed_hash_of_the_user_id() -> None:
    expected = hmac.new(b"key", b"U1234", hashlib.sha256).hexdigest()
    assert sender_id("U1234", "key") == "line-" + expected
    assert sender_id("U1234", "other key") != sender_id("U1234", "key")
    assert "U1234" not in sender_id("U1234", "key")


def test_postbacks() -> None:
    # the picked date goes back as its ISO payload, for the form to take as is (no text to re-read)
    assert postback_text({"data": "birthdate", "params": {"date": "1957-03-01"}}) == '/inform{"birthdate":"1957-03-01"}'
    assert postback_text({"data": '/inform{"card_status":"no_card"}'}) == '/inform{"card_status":"no_card"}'
    for unusable in (
        None,
        "x",
        {},
        {"data": " "},
        {"data": "birthdate"},
        {"data": "b", "params": {"date": "1957-02-30"}},
    ):
        assert postback_text(unusable) is None


def test_birthdate_picker_spans_120_years_up_to_the_reference_date() -> None:
    action = birthdate_picker(date(2026, 11, 22))["action"]
    assert (action["min"], action["initial"], action["max"]) == ("1906-01-01", "1966-01-01", "2026-11-22")
    assert birthdate_picker(date(2010, 5, 1))["action"]["min"] == "1900-01-01"  # LINE's earliest date


def test_buttons_become_quick_replies_on_the_last_message() -> None:
    buttons = [{"title": f"選択肢{i}", "payload": f"/intent_{i}"} for i in range(3)]
    replies = [{"text": "はじめ", "buttons": buttons[:2]}, {"text": "おわり", "buttons": buttons[1:]}]
    messages = line_messages(replies)
    assert [m["text"] for m in messages] == ["はじめ", "おわり"]
    assert [i["action"]["data"] for i in messages[-1]["quickReply"]["items"]] == ["/intent_0", "/intent_1", "/intent_2"]
    assert not limit_errors(messages)


def test_birthdate_question_gets_the_date_picker_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TODAY", "2026-11-22")
    messages = line_messages([{"text": "生年月日を教えてください。"}, {"custom": {"nhi_input": "date"}}])
    (item,) = messages[-1]["quickReply"]["items"]
    assert item["action"]["type"] == "datetimepicker" and item["action"]["max"] == "2026-11-22"
    assert "quickReply" not in line_messages([{"text": "生年月日は？", "custom": {"nhi_input": "text"}}])[-1]


def test_buttons_without_text_still_reach_the_citizen() -> None:
    messages = line_messages([{"text": "", "buttons": [{"title": "はい", "payload": "/affirm"}]}])
    assert messages[0]["text"] == CHOOSE_BELOW and messages[0]["quickReply"]["items"]
    assert line_messages([{"custom": {"x": 1}}])[0]["text"].startswith("申し訳ありません")


def test_recent_events_remember_a_bounded_number_of_ids() -> None:
    recent = RecentEvents(size=2)
    assert recent.first_time("a") and not recent.first_time("a")
    assert recent.first_time("b") and recent.first_time("c")
    assert recent.first_time("a"), "the oldest id is forgotten first"
    assert recent.first_time(None) and recent.first_time(None)
