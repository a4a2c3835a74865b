"""The document form: birthdate and card status in, document and expiry out (bot.core.documents)."""

from __future__ import annotations

from datetime import date
from typing import Any, Dict, List

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.answers.document_service import answer_document
from bot.answers.knowledge_export import DOCUMENT_INTENT, PERSONAL_KEY
from bot.core.card_status import CardStatus
from bot.core.card_status_parse import parse_card_status
from bot.core.dates import DateParseError, parse_date
from bot.core.documents import InputError
from bot.core.form_commands import FormCommand, form_command
from bot.core.knowledge import FAQ_INTENTS, GENERAL
from bot.core.profiles import active_profile
from bot.core.reference_date import today

MAX_FAILURES = 3
DIGRESSION_CONFIDENCE = 0.6  # an FAQ question inside the form is answered above this confidence
PERSONAL_CHECK = f"{DOCUMENT_INTENT}/{PERSONAL_KEY}"
STATUS_NOT_UNDERSTOOD = "すみません、カードの状況が分かりませんでした。下のボタンから選んでください。"
ASK_AGAIN_BIRTHDATE = "分かりました。生年月日をもう一度お聞きします。"
ASK_AGAIN_STATUS = "分かりました。カードの状況をもう一度お聞きします。"
RETRY_BUTTON = {"title": "もう一度調べる", "payload": "/which_document"}


def status_buttons() -> List[Dict[str, str]]:
    """One button per card status; the payload sets the card_status entity."""
    return [{"title": s.label_ja, "payload": f'/inform{{"card_status":"{s.value}"}}'} for s in CardStatus]


def cleared_slots() -> Dict[str, Any]:
    return {"birthdate": None, "card_status": None, "form_failures": 0}


def digression_response(parse_data: Dict[str, Any]) -> str | None:
    """The FAQ answer (utter_intent/key) to give when a reply to the form is an FAQ question
    instead of an answer, or None. Asked only when the reply is no date or card status."""
    intent = parse_data.get("intent") or {}
    name = intent.get("name")
    if name not in FAQ_INTENTS or float(intent.get("confidence") or 0.0) < DIGRESSION_CONFIDENCE:
        return None
    selected = (parse_data.get("response_selector") or {}).get(name) or {}
    key = (selected.get("response") or {}).get("intent_response_key") or f"{name}/{GENERAL}"
    return None if key == PERSONAL_CHECK else f"utter_{key}"


def answered_digression(tracker: Tracker, dispatcher: CollectingDispatcher) -> bool:
    """Answers an FAQ question asked inside the form; the form then asks its question again."""
    response = digression_response(tracker.latest_message or {})
    if response is not None:
        dispatcher.utter_message(response=response)
    return response is not None


class ValidateDocumentForm(FormValidationAction):
    """Checks each answer with the domain core; handles stop, correction and repeated failures."""

    def name(self) -> str:
        return "validate_document_form"

    @staticmethod
    def _command(command: FormCommand, dispatcher: CollectingDispatcher) -> Dict[str, Any]:
        if command is FormCommand.STOP:
            dispatcher.utter_message(response="utter_document_stopped")
            return {**cleared_slots(), "requested_slot": None}
        if command is FormCommand.CORRECT_STATUS:
            dispatcher.utter_message(text=ASK_AGAIN_STATUS)
            return {"card_status": None}
        dispatcher.utter_message(text=ASK_AGAIN_BIRTHDATE)
        return {"birthdate": None, "card_status": None}

    @staticmethod
    def _failed(message: str, slot: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> Dict[str, Any]:
        failures = int(tracker.get_slot("form_failures") or 0) + 1
        if failures >= MAX_FAILURES:
            dispatcher.utter_message(response="utter_document_gave_up")
            return {**cleared_slots(), "requested_slot": None}
        dispatcher.utter_message(text=message)
        return {slot: None, "form_failures": failures}

    async def validate_birthdate(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        command = form_command(slot_value)
        if command is not None:
            return self._command(command, dispatcher)
        try:
            born = parse_date(str(slot_value or ""), today())
        except DateParseError as err:
            if answered_digression(tracker, dispatcher):
                return {"birthdate": None}
            return self._failed(err.message_ja, "birthdate", tracker, dispatcher)
        return {"birthdate": born.isoformat(), "form_failures": 0}

    async def validate_card_status(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        from_button: str | None = next(tracker.get_latest_entity_values("card_status"), None)
        text = from_button or str(slot_value or "")
        command = None if from_button else form_command(text)
        if command is not None:
            return self._command(command, dispatcher)
        status = parse_card_status(text)
        if status is None and not from_button and answered_digression(tracker, dispatcher):
            return {"card_status": None}
        if status is None:
            return self._failed(STATUS_NOT_UNDERSTOOD, "card_status", tracker, dispatcher)
        return {"card_status": status.value, "form_failures": 0}


class ActionAskCardStatus(Action):
    """Asks the card status with one button per status (free text is understood too)."""

    def name(self) -> str:
        return "action_ask_card_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(
            text="マイナンバーカードの状況を教えてください。あてはまるものを選ぶか、文章で入力してください。",
            buttons=status_buttons(),
        )
        return []


class ActionAnswerDocument(Action):
    """Tells the document, its expiry and what comes next; then forgets the answers."""

    def name(self) -> str:
        return "action_answer_document"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        birthdate, status = tracker.get_slot("birthdate"), tracker.get_slot("card_status")
        events: List[EventType] = [SlotSet(k, v) for k, v in cleared_slots().items()]
        if not birthdate or not status:  # the form was stopped; the validation has answered
            return events
        try:
            text = answer_document(date.fromisoformat(birthdate), status, active_profile(), today())
        except (InputError, ValueError) as err:
            text = getattr(err, "message_ja", "入力を確認できませんでした。もう一度お試しください。")
        dispatcher.utter_message(text=text, buttons=[RETRY_BUTTON])
        return events
