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
from bot.answers.knowledge_export import DOCUMENT_INTENT, PERSONAL_KEY
from bot.core.card_status_parse import parse_card_status
from bot.core.dates import DateParseError, parse_date, picked_date
from bot.core.documents import InputError
from bot.core.form_commands import FormCommand, form_command
from bot.core.knowledge import FAQ_INTENTS, GENERAL
from bot.core.names import ANSWER_MARK, DOCUMENT_ANSWER, CustomAction, Entity, Intent, Response, Slot, payload
from bot.core.profiles import active_profile
from bot.core.reference_date import today

MAX_FAILURES = 3
# domain.yml's forms.document_form.required_slots, known here: Rasa sends this action no domain
# (endpoints.yml: enable_selective_domain), so a form turn does not carry 127 KB of responses.
FORM_SLOTS = (Slot.BIRTHDATE, Slot.CARD_STATUS)
DIGRESSION_CONFIDENCE = 0.6  # an FAQ question inside the form is answered above this confidence
PERSONAL_CHECK = f"{DOCUMENT_INTENT}/{PERSONAL_KEY}"
STATUS_NOT_UNDERSTOOD = "すみません、カードの状況が分かりませんでした。下のボタンから選んでください。"
ASK_AGAIN_BIRTHDATE = "分かりました。生年月日をもう一度お聞きします。"
ASK_AGAIN_STATUS = "分かりました。カードの状況をもう一度お聞きします。"
RETRY_BUTTON = {"title": "もう一度調べる", "payload": payload(Intent.WHICH_DOCUMENT)}


def cleared_slots() -> Dict[str, Any]:
    return {Slot.BIRTHDATE: None, Slot.CARD_STATUS: None, Slot.FORM_FAILURES: 0}


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
    """Checks each answer with the domain core; handles stop, correction and repeated failures;
    answers once both are known."""

    def name(self) -> str:
        return CustomAction.VALIDATE_DOCUMENT_FORM

    def domain_slots(self, domain: DomainDict) -> List[str]:
        """The form's slots (FORM_SLOTS), whatever domain the request carries."""
        return list(FORM_SLOTS)

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        events = await super().run(dispatcher, tracker, domain)  # leaves the validated values in tracker.slots
        return events + self.answer(dispatcher, tracker)

    @staticmethod
    def answer(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        """When both answers are valid: the document, its expiry and what comes next; then the form
        ends and forgets them. Otherwise nothing."""
        birthdate, status = tracker.get_slot(Slot.BIRTHDATE), tracker.get_slot(Slot.CARD_STATUS)
        if not birthdate or not status:
            return []
        try:
            text = answer_document(date.fromisoformat(birthdate), status, active_profile(), today())
        except (InputError, ValueError) as err:
            text = getattr(err, "message_ja", "入力を確認できませんでした。もう一度お試しください。")
        dispatcher.utter_message(text=text, buttons=[RETRY_BUTTON], **{ANSWER_MARK: DOCUMENT_ANSWER})
        return [SlotSet(k, v) for k, v in {**cleared_slots(), Slot.REQUESTED_SLOT: None}.items()]

    @staticmethod
    def _command(command: FormCommand, dispatcher: CollectingDispatcher) -> Dict[str, Any]:
        if command is FormCommand.STOP:
            dispatcher.utter_message(response=Response.DOCUMENT_STOPPED)
            return {**cleared_slots(), Slot.REQUESTED_SLOT: None}
        if command is FormCommand.CORRECT_STATUS:
            dispatcher.utter_message(text=ASK_AGAIN_STATUS)
            return {Slot.CARD_STATUS: None}
        dispatcher.utter_message(text=ASK_AGAIN_BIRTHDATE)
        return {Slot.BIRTHDATE: None, Slot.CARD_STATUS: None}

    @staticmethod
    def _failed(message: str, slot: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> Dict[str, Any]:
        failures = int(tracker.get_slot(Slot.FORM_FAILURES) or 0) + 1
        if failures >= MAX_FAILURES:
            dispatcher.utter_message(response=Response.DOCUMENT_GAVE_UP)
            return {**cleared_slots(), Slot.REQUESTED_SLOT: None}
        dispatcher.utter_message(text=message)
        return {slot: None, Slot.FORM_FAILURES: failures}

    async def validate_birthdate(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        picked = next(tracker.get_latest_entity_values(Entity.BIRTHDATE), None)
        command = None if picked is not None else form_command(slot_value)
        if command is not None:
            return self._command(command, dispatcher)
        try:
            # A date from a calendar comes as an ISO entity (bot.core.names.date_payload); typed text is read.
            born = picked_date(picked, today()) if picked is not None else parse_date(str(slot_value or ""), today())
        except DateParseError as err:
            if picked is None and answered_digression(tracker, dispatcher):
                return {Slot.BIRTHDATE: None}
            return self._failed(err.message_ja, Slot.BIRTHDATE, tracker, dispatcher)
        return {Slot.BIRTHDATE: born.isoformat(), Slot.FORM_FAILURES: 0}

    async def validate_card_status(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        from_button: str | None = next(tracker.get_latest_entity_values(Entity.CARD_STATUS), None)
        text = from_button or str(slot_value or "")
        command = None if from_button else form_command(text)
        if command is not None:
            return self._command(command, dispatcher)
        status = parse_card_status(text)
        if status is None and not from_button and answered_digression(tracker, dispatcher):
            return {Slot.CARD_STATUS: None}
        if status is None:
            return self._failed(STATUS_NOT_UNDERSTOOD, Slot.CARD_STATUS, tracker, dispatcher)
        return {Slot.CARD_STATUS: status.value, Slot.FORM_FAILURES: 0}
