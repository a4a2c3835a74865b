"""Which calls the desk returns first, and which desk of the municipality handles each one."""

from __future__ import annotations

from enum import Enum

from bot.answers.profile_phrases import contact_phrase, general_contact_phrase
from bot.core.profiles import Profile
from bot.triage.intent_names import FALLBACK, OUT_OF_SCOPE

# A lost or stolen card or certificate can be misused (なりすまし受診): every hour matters (seed 002).
URGENT_INTENTS = frozenset({"lost_card", "lost_certificate"})


class Priority(str, Enum):
    URGENT = "urgent"
    NORMAL = "normal"


def priority(intent: str | None, likeliest: str | None) -> Priority:
    """Urgent for a lost card or certificate, also when the assistant is unsure but finds it likeliest."""
    if intent == FALLBACK:
        intent = likeliest
    return Priority.URGENT if intent in URGENT_INTENTS else Priority.NORMAL


def department(profile: Profile, intent: str | None) -> str:
    """The desk (name and phone) that handles `intent`; the city's general contact when out of scope."""
    if intent == OUT_OF_SCOPE:
        return general_contact_phrase(profile)
    return contact_phrase(profile.desk_for_intent(intent))
