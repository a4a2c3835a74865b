"""What a stored conversation keeps of a birthdate: the validated date while the form is open, and
nothing once it closed (answer, stop, restart), whatever shape the birthdate came in."""

from __future__ import annotations

import json
from typing import Any

from bot.core.birthdate_redaction import REDACTED_TEXT, redact_birthdates
from bot.core.date_mask import DATE_MASK

BIRTHDATE = "昭和31年12月10日"
ISO = "1956-12-10"


def user(text: str, entities: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"text": text, "entities": entities or []}}


def slot(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "name": name, "value": value}


def bot(text: str) -> dict[str, Any]:
    return {"event": "bot", "text": text, "data": {}}


def loop(name: str | None) -> dict[str, Any]:
    return {"event": "active_loop", "name": name}


# The document form up to the card status question, as Rasa stores it.
ASKED = [
    user("資格確認書の有効期限はいつまでですか"),
    bot("お届けする書類と有効期限をお調べします。"),
    loop("document_form"),
    slot("requested_slot", "birthdate"),
    bot("生年月日を教えてください。\n例：昭和32年3月1日、1957年3月1日"),
    user(f"{BIRTHDATE}です"),
    slot("birthdate", f"{BIRTHDATE}です"),
    slot("birthdate", ISO),
    slot("requested_slot", "card_status"),
    bot("マイナンバーカードの状況を教えてください。"),
]
ANSWERED = ASKED + [
    user('/inform{"card_status":"no_card"}', [{"entity": "card_status", "value": "no_card"}]),
    slot("card_status", "no_card"),
    slot("requested_slot", None),
    loop(None),
    bot("有効期限は令和8年12月31日（2026年12月31日）です。"),
    slot("birthdate", None),
    user("ありがとう"),
    bot("どういたしまして。令和7年8月1日から…"),
]


def stored(events: list[dict[str, Any]]) -> str:
    return json.dumps(events, ensure_ascii=False) + json.dumps(events)  # plain and \u-escaped


def birthdate_slots(events: list[dict[str, Any]]) -> list[Any]:
    return [e["value"] for e in events if e.get("event") == "slot" and e["name"] == "birthdate"]


def test_open_form_keeps_only_the_validated_date() -> None:
    kept = redact_birthdates(ASKED)
    assert birthdate_slots(kept) == [None, ISO]
    assert kept[5]["text"] == kept[5]["parse_data"]["text"] == REDACTED_TEXT
    assert "昭和31年" not in stored(kept)
    assert kept[4]["text"] == f"生年月日を教えてください。\n例：{DATE_MASK}、{DATE_MASK}"
    assert ASKED[5]["text"] == f"{BIRTHDATE}です"  # the input is not changed


def test_answered_form_keeps_no_birthdate_nor_the_dates_of_its_answer() -> None:
    kept = redact_birthdates(ANSWERED)
    assert birthdate_slots(kept) == [None, None, None]
    text = stored(kept)
    for secret in ("昭和31年", ISO, "\\u662d\\u548c31", "令和8年12月31日", "2026年12月31日"):
        assert secret not in text
    assert (
        kept[-1]["text"] == "どういたしまして。令和7年8月1日から…"
    )  # after the answer: the assistant's own facts stay
    assert kept[10]["text"] == '/inform{"card_status":"no_card"}'


def test_stop_and_restart_close_the_form() -> None:
    stopped = ASKED + [user("やめる"), slot("birthdate", None), slot("requested_slot", None), loop(None)]
    restarted = ASKED + [user("/restart"), {"event": "restart"}]
    for events in (stopped, restarted):
        kept = redact_birthdates(events)
        assert birthdate_slots(kept)[-2:] != [ISO] and ISO not in stored(kept)


def test_an_open_form_left_alone_is_redacted_when_asked() -> None:
    assert ISO not in stored(redact_birthdates(ASKED, keep_open_form=False))


def test_birthdate_payloads_and_dates_in_other_texts() -> None:
    iso_payload = user('/inform{"birthdate":"1956-12-10"}', [{"entity": "birthdate", "value": ISO}])
    escaped = user('/inform{"card_status":"\\u662d\\u548c31\\u5e7412\\u670810\\u65e5"}')
    spoken = user("しょうわさんじゅういちねんじゅうにがつとおか")
    status = slot("card_status", f"{BIRTHDATE}生まれでカードはありません")
    kept = redact_birthdates([iso_payload, escaped, user(f"/greet{{{BIRTHDATE}}}"), spoken, status])
    assert kept[0]["text"] == REDACTED_TEXT and kept[0]["parse_data"]["entities"][0]["value"] == REDACTED_TEXT
    assert kept[1]["text"] == f'/inform{{"card_status":"{DATE_MASK}"}}'
    assert kept[2]["text"] == f"/greet{{{DATE_MASK}}}"
    assert kept[3]["text"] == DATE_MASK
    assert kept[4]["value"] == f"{DATE_MASK}生まれでカードはありません"


def test_redaction_is_idempotent() -> None:
    once = redact_birthdates(ANSWERED)
    assert redact_birthdates(once) == once


def test_only_the_events_it_rewrites_are_copied() -> None:
    kept = redact_birthdates(ANSWERED)
    shared = [index for index, (old, new) in enumerate(zip(ANSWERED, kept, strict=True)) if old is new]
    assert shared and all(kept[i] == ANSWERED[i] for i in shared)
    assert all(kept[i] != ANSWERED[i] for i in range(len(kept)) if i not in shared)
