"""Which calls the desk returns first, and which desk of the municipality handles each one."""

from __future__ import annotations

from enum import Enum

from bot.answers.profile_phrases import contact_phrase, general_contact_phrase
from bot.core.names import Intent
from bot.core.profiles import Profile

# A lost or stolen card or certificate can be misused (なりすまし受診): every hour matters (seed 002).
URGENT_INTENTS = frozenset({Intent.LOST_CARD, Intent.LOST_CERTIFICATE})


class Priority(str, Enum):
    URGENT = "urgent"
    NORMAL = "normal"


def priority(intent: str | None, likeliest: str | None) -> Priority:
    """Urgent for a lost card or certificate, also when the assistant is unsure but finds it likeliest."""
    if intent == Intent.NLU_FALLBACK:
        intent = likeliest
    return Priority.URGENT if intent in URGENT_INTENTS else Priority.NORMAL


def department(profile: Profile, intent: str | None) -> str:
    """The desk (name and phone) that handles `intent`; the city's general contact when out of scope."""
    if intent == Intent.OUT_OF_SCOPE:
        return general_contact_phrase(profile)
    return contact_phrase(profile.desk_for_intent(intent))
