"""The names code shares with domain.yml and data/: intents, entities, slots, the form, responses, actions.

Code names a domain object only through these constants. tests/rasa/test_names.py checks them both
ways: each name here exists in the domain or the training data, and each intent, entity, slot, form
and custom action there is here. Retrieval sub-intents and their responses (`lost_card/stop_card`,
`utter_lost_card/stop_card`) are generated from the knowledge base and are not listed.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Final


class Intent:
    """Intents (domain.yml `intents`; data/nlu)."""

    # Questions the desk answers (bot/core/topics.py gives each one a label).
    LOST_CARD: Final = "lost_card"
    LOST_CERTIFICATE: Final = "lost_certificate"
    REGISTER_CARD: Final = "register_card"
    CHECK_REGISTRATION: Final = "check_registration"
    CANCEL_REGISTRATION: Final = "cancel_registration"
    ELDERLY_CERTIFICATE: Final = "elderly_certificate"
    WHICH_DOCUMENT: Final = "which_document"  # the document form: birthdate and card status → the answer
    WITHOUT_CARD: Final = "without_card"
    OLD_INSURANCE_CARD: Final = "old_insurance_card"
    WHAT_TO_BRING: Final = "what_to_bring"
    REQUEST_CERTIFICATE: Final = "request_certificate"
    NOTICE_USAGE: Final = "notice_usage"
    CARD_RENEWAL: Final = "card_renewal"
    BENEFITS: Final = "benefits"
    HIGH_COST_CERTIFICATE: Final = "high_cost_certificate"
    INSURANCE_ENROLLMENT: Final = "insurance_enrollment"
    CARD_SAFETY: Final = "card_safety"
    INCORRECT_INFORMATION: Final = "incorrect_information"
    CONTACT: Final = "contact"
    HUMAN_HANDOFF: Final = "human_handoff"
    ARREARS: Final = "arrears"
    ORGAN_DONATION: Final = "organ_donation"
    # The conversation itself.
    GREET: Final = "greet"
    GOODBYE: Final = "goodbye"
    THANK: Final = "thank"
    AFFIRM: Final = "affirm"
    DENY: Final = "deny"
    BOT_CHALLENGE: Final = "bot_challenge"
    OUT_OF_SCOPE: Final = "out_of_scope"  # not about NHI: the city's general contact
    INFORM: Final = "inform"  # an answer to one of the form's questions
    NLU_FALLBACK: Final = "nlu_fallback"  # Rasa's FallbackClassifier: unsure what the message is about


class Entity:
    """Entities (domain.yml `entities`), set by button and picker payloads."""

    CARD_STATUS: Final = "card_status"
    BIRTHDATE: Final = "birthdate"  # an ISO date picked in a calendar, or named in a document request
    DOCUMENT_CHECK: Final = "document_check"  # "personal": the citizen's own document and expiry


class Slot:
    """Slots (domain.yml `slots`; requested_slot is Rasa's own, set by forms)."""

    BIRTHDATE: Final = "birthdate"
    CARD_STATUS: Final = "card_status"
    FORM_FAILURES: Final = "form_failures"
    REQUESTED_SLOT: Final = "requested_slot"


class Form:
    """Forms (domain.yml `forms`)."""

    DOCUMENT: Final = "document_form"


class CustomAction:
    """Custom actions (domain.yml `actions`, served by actions/)."""

    VALIDATE_DOCUMENT_FORM: Final = "validate_document_form"
    NLU_FALLBACK: Final = "action_nlu_fallback"


class Response:
    """The responses code utters or renders by name (domain.yml `responses`)."""

    ASK_BIRTHDATE: Final = "utter_ask_birthdate"
    DOCUMENT_INTRO: Final = "utter_document_intro"
    DOCUMENT_STOPPED: Final = "utter_document_stopped"
    DOCUMENT_GAVE_UP: Final = "utter_document_gave_up"
    ANYTHING_ELSE: Final = "utter_anything_else"
    INFORM_WITHOUT_QUESTION: Final = "utter_inform_without_question"
    FALLBACK_INTRO: Final = "utter_fallback_intro"
    FALLBACK_CONTACT: Final = "utter_fallback_contact"


# The picker hint: the custom payload of a question whose answer is a date (utter_ask_birthdate).
# Each door renders it its own way (widget: a calendar, LINE: a date picker) and sends the picked
# date back as DATE_ANSWER_INTENT with the ISO date in DATE_ANSWER_ENTITY (date_payload).
INPUT_HINT: Final = "nhi_input"
DATE_INPUT: Final = "date"
DATE_ANSWER_INTENT: Final = Intent.INFORM
DATE_ANSWER_ENTITY: Final = Entity.BIRTHDATE

# The mark of the document answer: a key of its bot message's metadata, set by the form's validation
# (actions/document_form.py); the question log rates the answer for the question that started the form.
ANSWER_MARK: Final = "nhi_answer"
DOCUMENT_ANSWER: Final = "document"


def all_names(kind: type) -> frozenset[str]:
    """Every name a class of this module holds."""
    return frozenset(value for key, value in vars(kind).items() if key.isupper() and isinstance(value, str))


def answer_response(intent: str) -> str:
    """The response that answers an FAQ intent (data/rules/faq.yml): utter_<intent>."""
    return f"utter_{intent}"


def payload(intent: str, entities: dict[str, str] | None = None) -> str:
    """What a button sends: /intent, or /intent{"entity":"value"} (Rasa's own payload syntax)."""
    return f"/{intent}" + (json.dumps(entities, ensure_ascii=False, separators=(",", ":")) if entities else "")


def response_payload(intent: str, entities: dict[str, str] | None = None) -> str:
    """A button payload as written in a domain response: Rasa fills {placeholders} in responses,
    so the braces are doubled (a single brace logs an interpolation error and is sent as written)."""
    return payload(intent, entities).replace("{", "{{").replace("}", "}}")


def date_payload(picked: date) -> str:
    """What a door sends for a date picked in answer to the picker hint: /inform{"birthdate":"1957-03-01"}."""
    return payload(DATE_ANSWER_INTENT, {DATE_ANSWER_ENTITY: picked.isoformat()})


def asks_for_date(reply: dict[str, object]) -> bool:
    """Whether an assistant reply carries the picker hint for a date."""
    custom = reply.get("custom")
    return isinstance(custom, dict) and custom.get(INPUT_HINT) == DATE_INPUT
