from typing import Any

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.document_form import ValidateDocumentForm
from tests.actions.conftest import make_tracker

DOMAIN: dict[str, Any] = {}  # what Rasa sends this action (endpoints.yml: enable_selective_domain)


async def validate(text: str, slot: str, dispatcher: CollectingDispatcher, **kwargs):
    tracker = make_tracker(text, requested_slot=slot, **kwargs)
    method = getattr(ValidateDocumentForm(), f"validate_{slot}")
    return await method(text, dispatcher, tracker, DOMAIN)


@pytest.mark.asyncio
async def test_birthdate_parsed_to_iso(dispatcher: CollectingDispatcher) -> None:
    assert await validate("昭和32年3月1日生まれです", "birthdate", dispatcher) == {
        "birthdate": "1957-03-01",
        "form_failures": 0,
    }
    assert dispatcher.messages == []


async def pick(iso: str, dispatcher: CollectingDispatcher) -> dict:
    """The form validating a date picked in a calendar: /inform{"birthdate": iso}, an entity the slot got."""
    tracker = make_tracker(
        f'/inform{{"birthdate":"{iso}"}}', requested_slot="birthdate", entities=[{"entity": "birthdate", "value": iso}]
    )
    return await ValidateDocumentForm().validate_birthdate(iso, dispatcher, tracker, DOMAIN)


@pytest.mark.asyncio
async def test_picked_date_is_taken_as_is(dispatcher: CollectingDispatcher) -> None:
    assert await pick("1957-03-01", dispatcher) == {"birthdate": "1957-03-01", "form_failures": 0}
    assert dispatcher.messages == []


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("iso", "reason"),
    [("2027-01-01", "未来の日付"), ("1957-02-30", "という日はありません"), ("昭和32年3月1日", "読み取れませんでした")],
)
async def test_picked_date_that_cannot_be_a_birthdate_is_asked_again(
    dispatcher: CollectingDispatcher, iso: str, reason: str
) -> None:
    assert await pick(iso, dispatcher) == {"birthdate": None, "form_failures": 1}
    assert reason in dispatcher.messages[0]["text"]


@pytest.mark.asyncio
async def test_impossible_date_explained_and_asked_again(dispatcher: CollectingDispatcher) -> None:
    result = await validate("昭和64年2月1日", "birthdate", dispatcher)
    assert result == {"birthdate": None, "form_failures": 1}
    assert "昭和64年は1月7日まで" in dispatcher.messages[0]["text"]


@pytest.mark.asyncio
async def test_third_failure_offers_the_desk_and_ends_the_form(dispatcher: CollectingDispatcher) -> None:
    result = await validate("わからない", "birthdate", dispatcher, slots={"form_failures": 2.0})
    assert result["requested_slot"] is None and result["birthdate"] is None
    assert dispatcher.messages[0]["response"] == "utter_document_gave_up"


@pytest.mark.asyncio
async def test_correction_of_birthdate_during_card_status(dispatcher: CollectingDispatcher) -> None:
    result = await validate("生年月日を間違えました", "card_status", dispatcher, slots={"birthdate": "1957-03-01"})
    assert result == {"birthdate": None, "card_status": None}
    assert "生年月日をもう一度" in dispatcher.messages[0]["text"]


@pytest.mark.asyncio
async def test_stop(dispatcher: CollectingDispatcher) -> None:
    result = await validate("やめます", "birthdate", dispatcher)
    assert result["requested_slot"] is None
    assert dispatcher.messages[0]["response"] == "utter_document_stopped"


@pytest.mark.asyncio
async def test_card_status_free_text_and_button(dispatcher: CollectingDispatcher) -> None:
    assert await validate("カードはあるけど登録してない", "card_status", dispatcher) == {
        "card_status": "not_registered",
        "form_failures": 0,
    }
    button = await validate(
        '/inform{"card_status":"cancelled"}',
        "card_status",
        dispatcher,
        entities=[{"entity": "card_status", "value": "cancelled"}],
    )
    assert button == {"card_status": "cancelled", "form_failures": 0}


@pytest.mark.asyncio
async def test_card_status_not_understood(dispatcher: CollectingDispatcher) -> None:
    assert await validate("うーん", "card_status", dispatcher) == {"card_status": None, "form_failures": 1}
    assert "ボタン" in dispatcher.messages[0]["text"]


@pytest.mark.asyncio
async def test_answer_names_document_and_expiry_then_clears_slots(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker(slots={"birthdate": "1957-03-01", "card_status": "no_card"})
    events = ValidateDocumentForm.answer(dispatcher, tracker)
    text = dispatcher.messages[0]["text"]
    assert "資格確認書" in text and "令和9年2月28日（2027年2月28日）" in text
    assert SlotSet("birthdate", None) in events and SlotSet("card_status", None) in events


@pytest.mark.asyncio
async def test_answer_follows_bot_municipality(
    dispatcher: CollectingDispatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOT_MUNICIPALITY", "minato")
    tracker = make_tracker(slots={"birthdate": "1988-04-02", "card_status": "registered"})
    ValidateDocumentForm.answer(dispatcher, tracker)
    assert "資格情報通知書" in dispatcher.messages[0]["text"]
    assert "03-3578-2574" in dispatcher.messages[0]["text"]


@pytest.mark.asyncio
async def test_no_answer_until_both_answers_are_known(dispatcher: CollectingDispatcher) -> None:
    assert ValidateDocumentForm.answer(dispatcher, make_tracker()) == []
    assert ValidateDocumentForm.answer(dispatcher, make_tracker(slots={"birthdate": "1957-03-01"})) == []
    assert dispatcher.messages == []


@pytest.mark.asyncio
async def test_the_call_that_validates_the_last_answer_also_answers_and_ends_the_form(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "マイナ保険証は持っていません"
    tracker = make_tracker(
        text,
        slots={"birthdate": "1957-03-01", "card_status": text},
        requested_slot="card_status",
        events=[{"event": "user", "text": text}, {"event": "slot", "name": "card_status", "value": text}],
    )
    events = await ValidateDocumentForm().run(dispatcher, tracker, DOMAIN)
    assert events[0] == SlotSet("card_status", "no_card")
    assert events[-4:] == [
        SlotSet("birthdate", None),
        SlotSet("card_status", None),
        SlotSet("form_failures", 0),
        SlotSet("requested_slot", None),
    ]
    assert len(dispatcher.messages) == 1 and "資格確認書" in dispatcher.messages[0]["text"]


@pytest.mark.asyncio
async def test_the_call_at_form_start_says_nothing(dispatcher: CollectingDispatcher) -> None:
    assert await ValidateDocumentForm().run(dispatcher, make_tracker(requested_slot="birthdate"), DOMAIN) == []
    assert dispatcher.messages == []


@pytest.mark.asyncio
async def test_answer_uses_bot_today(dispatcher: CollectingDispatcher, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TODAY", "2027-08-01")
    tracker = make_tracker(slots={"birthdate": "1988-04-02", "card_status": "no_card"})
    ValidateDocumentForm.answer(dispatcher, tracker)
    assert "令和10年7月31日（2028年7月31日）" in dispatcher.messages[0]["text"]
