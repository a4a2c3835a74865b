"""The citizen's text of a knowledge-base entry: its answer with the profile's {placeholders}."""

from __future__ import annotations

from datetime import date

from bot.answers.answer_facts import answer_facts
from bot.answers.profile_phrases import placeholders
from bot.core.knowledge import Entry
from bot.core.profiles import Profile


def answer_values(profile: Profile, intent: str | None, today: date) -> dict[str, str]:
    """Every placeholder value an answer may name, for the profile, the topic and the date."""
    return {**placeholders(profile, intent), **answer_facts(profile, today)}


def render_entry(entry: Entry, profile: Profile, today: date) -> str:
    """The entry's answer as the citizen reads it; KeyError names a placeholder no profile fills."""
    return entry.answer.format_map(answer_values(profile, entry.intent, today))
