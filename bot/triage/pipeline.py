"""Triage of calls: normalise, classify in one batch, then prioritise, route and answer each call."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any, Sequence

from bot.core.caller_facts import caller_facts
from bot.core.profiles import Profile, active_profile
from bot.core.reference_date import today as reference_today
from bot.triage.answers import AnswerWriter
from bot.triage.calls import Call, Item, error_record
from bot.triage.classifier import Classification, NluGraph
from bot.triage.normalize import normalize_transcript
from bot.triage.routing import department, priority

logger = logging.getLogger(__name__)
FAILED = "この通話は、内部のエラーで処理できませんでした。"


class Triage:
    """Triage with one loaded model; the profile and reference date are read for each batch."""

    def __init__(self, graph: NluGraph) -> None:
        self._graph = graph
        self._answers = AnswerWriter(graph.domain)

    @classmethod
    def from_model(cls, model_path: str | Path | None = None) -> Triage:
        """Load the model archive (default: the newest in models/) once, in process."""
        return cls(NluGraph.from_archive(model_path))

    def triage(self, items: Sequence[Item]) -> list[dict[str, Any]]:
        """One output record per item, in order: the call's fields plus FIELDS, or its error record.

        A failure inside the assistant turns the calls concerned into error records; the run goes on.
        The text is never logged (it may hold a birthdate).
        """
        calls = [item for item in items if isinstance(item, Call)]
        texts = [normalize_transcript(call.text) for call in calls]
        try:
            classifications = self._graph.classify(texts)
        except Exception as exc:
            logger.error("triage: classifying %d calls failed: %s", len(calls), type(exc).__name__)
            return [error_record(FAILED, item.fields, item.line) if isinstance(item, Call) else item for item in items]
        results = iter(zip(calls, texts, classifications, strict=False))
        profile, today = active_profile(), reference_today()
        out: list[dict[str, Any]] = []
        for item in items:
            if not isinstance(item, Call):
                out.append(item)
                continue
            call, text, classification = next(results)
            try:
                out.append({**call.fields, **self._fields(text, classification, profile, today)})
            except Exception as exc:
                logger.error("triage: a call failed: %s", type(exc).__name__)
                out.append(error_record(FAILED, call.fields, call.line))
        return out

    def _fields(self, text: str, classification: Classification, profile: Profile, today: date) -> dict[str, Any]:
        facts = caller_facts(text, classification.intent, today)
        intent, birthdate, status = facts.intent, facts.birthdate, facts.card_status
        return {
            "intent": intent,
            "confidence": round(classification.confidence_of(intent), 4),
            "priority": priority(intent, classification.likeliest).value,
            "department": department(profile, intent),
            "birthdate": birthdate.isoformat() if birthdate else None,
            "card_status": status.value if status else None,
            "suggested_answer": self._answers.answer(
                intent, birthdate, status, profile, today, classification.entry_for(intent)
            ),
            "normalized_text": text,
        }
