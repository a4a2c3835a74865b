"""The answer the chat would give to a call: the domain responses, filled from the active profile.

For which_document with a birthdate and a card status, the document answer itself (bot.core.documents,
bot.answers.document_answer), as the chat gives at the end of its form; without them, the form's first
question, as the chat asks it.
"""

from __future__ import annotations

from datetime import date

from rasa.shared.core.domain import Domain

from bot.answers.document_service import answer_document
from bot.answers.knowledge_export import DOCUMENT_INTENT, PERSONAL_KEY
from bot.core.card_status import CardStatus
from bot.core.documents import InputError
from bot.core.knowledge import FAQ_INTENTS, GENERAL
from bot.core.names import Intent, Response, answer_response
from bot.core.profiles import Profile
from bot.rasa_plugins.nlg import ProfileNLG, response_values

CHANNEL = "triage"
PERSONAL_CHECK = f"{DOCUMENT_INTENT}/{PERSONAL_KEY}"
# Intents whose answer is not utter_<intent> (data/rules: conversation, document_form, fallback).
RESPONSES: dict[str, tuple[str, ...]] = {
    Intent.AFFIRM: (Response.ANYTHING_ELSE,),
    Intent.DENY: (Response.ANYTHING_ELSE,),
    Intent.INFORM: (Response.INFORM_WITHOUT_QUESTION,),
    Intent.WHICH_DOCUMENT: (Response.DOCUMENT_INTRO, Response.ASK_BIRTHDATE),
    Intent.NLU_FALLBACK: (Response.FALLBACK_INTRO, Response.FALLBACK_CONTACT),
}


def response_names(intent: str | None, entry: str | None = None) -> tuple[str, ...]:
    """The responses the chat utters for `intent` and its knowledge entry (intent/key), in order."""
    intent = intent or Intent.NLU_FALLBACK
    if intent in FAQ_INTENTS:
        key = entry if entry and entry.startswith(f"{intent}/") else f"{intent}/{GENERAL}"
        return RESPONSES[Intent.WHICH_DOCUMENT] if key == PERSONAL_CHECK else (answer_response(key),)
    return RESPONSES.get(intent, (answer_response(intent),))


class AnswerWriter:
    """Renders suggested answers with the responses of the model's domain."""

    def __init__(self, domain: Domain) -> None:
        self._nlg = ProfileNLG(domain=domain)

    def responses(self, intent: str | None, entry: str | None = None) -> str:
        """The texts of the chat's responses to `intent` (and its entry), one paragraph each."""
        values = response_values(intent)
        texts = []
        for name in response_names(intent, entry):
            response = self._nlg.generate_from_slots(name, values, CHANNEL)
            if response and response.get("text"):
                texts.append(response["text"])
        return "\n".join(texts)

    def answer(
        self,
        intent: str | None,
        birthdate: date | None,
        status: CardStatus | None,
        profile: Profile,
        today: date,
        entry: str | None = None,
    ) -> str:
        """What the assistant would answer this caller (entry: the knowledge entry chosen for the intent)."""
        if intent == Intent.WHICH_DOCUMENT and (birthdate is not None or status is not None):
            entry = PERSONAL_CHECK  # the chat starts its form and asks for what is missing
            if birthdate is not None and status is not None:
                try:
                    return answer_document(birthdate, status, profile, today)
                except InputError:  # cannot happen with a birthdate find_date accepted; ask as the chat does
                    pass
        return self.responses(intent, entry)
