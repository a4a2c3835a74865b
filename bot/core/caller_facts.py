"""What a caller said about themselves: a birthdate and a card status, read by the domain core.

A transcript names many dates and cards that are not the caller's own (「令和9年7月31日まで使えますか」,
「マイナ保険証のメリットは」). So a date counts as the birthdate only in the document questions or
next to a word such as 生まれ, and a card status only where the caller speaks of their own card.

The chat asks for the birthdate and the card status one at a time; on the phone, callers say both
and their question in one breath (「昭和27年5月20日生まれでカードは持ってないんですがどの書類が届きますか」),
which the model, trained on chat turns, reads as an answer (inform) or not at all (nlu_fallback).
Such a call gives all that the document lookup needs, so it is taken as which_document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.core.card_status import CardStatus
from bot.core.card_status_parse import parse_card_status
from bot.core.dates import DateParseError, find_date
from bot.core.form_commands import mentions_birthdate
from bot.core.names import Intent

# The document form asks for both; `inform` is a caller answering one of its questions.
FORM_INTENTS = frozenset({Intent.WHICH_DOCUMENT, Intent.INFORM})
# Intents in which the caller describes the card they hold (or lost, or cannot use).
OWN_CARD_INTENTS = FORM_INTENTS | {Intent.LOST_CARD, Intent.CARD_RENEWAL, Intent.REQUEST_CERTIFICATE}
# Readings that give way to which_document when the caller gave both facts.
_ANSWER_OR_UNSURE = frozenset({Intent.INFORM, Intent.NLU_FALLBACK})


@dataclass(frozen=True)
class CallerFacts:
    """The intent the call is triaged under, and the facts the caller gave."""

    intent: str | None
    birthdate: date | None
    card_status: CardStatus | None


def said_birthdate(text: str, intent: str | None, today: date) -> date | None:
    """The caller's birthdate, or None when they gave none (or one that cannot be a birthdate)."""
    if intent not in FORM_INTENTS and not mentions_birthdate(text):
        return None
    try:
        return find_date(text, today)
    except DateParseError:  # impossible, in the future, or two different dates
        return None


def said_card_status(text: str, intent: str | None) -> CardStatus | None:
    """The caller's card status, or None when they did not describe their own card."""
    return parse_card_status(text) if intent in OWN_CARD_INTENTS else None


def caller_facts(text: str, intent: str | None, today: date) -> CallerFacts:
    """The facts in `text` for the assistant's reading `intent` (see the module docstring)."""
    if intent in _ANSWER_OR_UNSURE:
        document = Intent.WHICH_DOCUMENT
        birthdate, status = said_birthdate(text, document, today), said_card_status(text, document)
        if birthdate is not None and status is not None:
            return CallerFacts(document, birthdate, status)
    return CallerFacts(intent, said_birthdate(text, intent, today), said_card_status(text, intent))
