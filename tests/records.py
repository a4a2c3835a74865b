"""Question log records for tests, with plain defaults (an answered lost_card question)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.question_log.store import Record

DEFAULT = Record(
    id=f"{0:032x}",
    asked_at=0.0,
    door="widget",
    municipality="takasaki",
    intent="lost_card",
    intent_confidence=0.9,
    faq_entry=None,
    faq_confidence=None,
    answer="utter_lost_card",
    fell_back=False,
    text="マイナ保険証をなくした",
)


def a_record(**values: Any) -> Record:
    return replace(DEFAULT, **values)
