"""The answer the chat would give to a call: the domain responses, filled from the active profile.

For which_document with a birthdate and a card status, the document answer itself (bot.core.documents,
bot.answers.document_answer), as the chat gives at the end of its form; without them, the form's first
question, as the chat asks it.
"""

from __future__ import annotations

from datetime import date

from rasa.shared.core.domain import Domain

from bot.answers.document_service import answer_document
from bot.core.card_status import CardStatus
from bot.core.documents import InputError
from bot.core.names import Intent, Response, answer_response
from bot.core.profiles import Profile
from bot.rasa_plugins.nlg import ProfileNLG, response_values

CHANNEL = "triage"
# Intents whose answer is not utter_<intent> (data/rules: conversation, document_form, fallback).
RESPONSES: dict[str, tuple[str, ...]] = {
    Intent.AFFIRM: (Response.ANYTHING_ELSE,),
    Intent.DENY: (Response.ANYTHING_ELSE,),
    Intent.INFORM: (Response.INFORM_WITHOUT_QUESTION,),
    Intent.WHICH_DOCUMENT: (Response.DOCUMENT_INTRO, Response.ASK_BIRTHDATE),
    Intent.NLU_FALLBACK: (Response.FALLBACK_INTRO, Response.FALLBACK_CONTACT),
}


def response_names(intent: str | None) -> tuple[str, ...]:
    """The responses the chat utters for `intent`, in order."""
    intent = intent or Intent.NLU_FALLBACK
    return RESPONSES.get(intent, (answer_response(intent),))


class AnswerWriter:
    """Renders suggested answers with the responses of the model's domain."""

    def __init__(self, domain: Domain) -> None:
        self._nlg = ProfileNLG(domain=domain)

    def responses(self, intent: str | None) -> str:
        """The texts of the chat's responses to `intent`, one paragraph each."""
        values = response_values(intent)
        texts = []
        for name in response_names(intent):
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
    ) -> str:
        """What the assistant would answer this caller."""
        if intent == Intent.WHICH_DOCUMENT and birthdate is not None and status is not None:
            try:
                return answer_document(birthdate, status, profile, today)
            except InputError:  # cannot happen with a birthdate find_date accepted; ask as the chat does
                return self.responses(intent)
        return self.responses(intent)
