"""The document form: birthdate and card status in, document and expiry out (bot.core.documents).

One action-server call per form turn: Rasa asks both questions from domain.yml responses
(utter_ask_birthdate, utter_ask_card_status), and the validation gives the answer as soon as both
answers are valid, then forgets them.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Dict, List

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.answers.document_service import answer_document
from bot.core.card_status_parse import parse_card_status
from bot.core.dates import DateParseError, parse_date
from bot.core.documents import InputError
from bot.core.form_commands import FormCommand, form_command
from bot.core.profiles import active_profile
from bot.core.reference_date import today

MAX_FAILURES = 3
STATUS_NOT_UNDERSTOOD = "すみません、カードの状況が分かりませんでした。下のボタンから選んでください。"
ASK_AGAIN_BIRTHDATE = "分かりました。生年月日をもう一度お聞きします。"
ASK_AGAIN_STATUS = "分かりました。カードの状況をもう一度お聞きします。"
RETRY_BUTTON = {"title": "もう一度調べる", "payload": "/which_document"}


def cleared_slots() -> Dict[str, Any]:
    return {"birthdate": None, "card_status": None, "form_failures": 0}


class ValidateDocumentForm(FormValidationAction):
    """Checks each answer with the domain core; handles stop, correction and repeated failures;
    answers once both are known."""

    def name(self) -> str:
        return "validate_document_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        events = await super().run(dispatcher, tracker, domain)  # leaves the validated values in tracker.slots
        return events + self.answer(dispatcher, tracker)

    @staticmethod
    def answer(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        """When both answers are valid: the document, its expiry and what comes next; then the form
        ends and forgets them. Otherwise nothing."""
        birthdate, status = tracker.get_slot("birthdate"), tracker.get_slot("card_status")
        if not birthdate or not status:
            return []
        try:
            text = answer_document(date.fromisoformat(birthdate), status, active_profile(), today())
        except (InputError, ValueError) as err:
            text = getattr(err, "message_ja", "入力を確認できませんでした。もう一度お試しください。")
        dispatcher.utter_message(text=text, buttons=[RETRY_BUTTON])
        return [SlotSet(k, v) for k, v in {**cleared_slots(), "requested_slot": None}.items()]

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
        if status is None:
            return self._failed(STATUS_NOT_UNDERSTOOD, "card_status", tracker, dispatcher)
        return {"card_status": status.value, "form_failures": 0}
