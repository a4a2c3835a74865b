"""Held-out evaluation on questions the knowledge base was not built from (the sets: bench.eval_sets).

Each question is classified by the model in process (the NLU graph, as the chat runs it), answered
as the chat answers it, and scored: routed to the right intent (or entry), and the answer holds
one of the question's official key facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bench.eval_sets import load_set, load_validation
from bot.core.names import Intent
from bot.core.profiles import Profile
from bot.triage.answers import AnswerWriter
from bot.triage.classifier import Classification, NluGraph


@dataclass
class HeldOutScore:
    name: str
    questions: int = 0
    routed: int = 0
    with_facts: int = 0
    facts_found: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def routing(self) -> float:
        return self.routed / self.questions if self.questions else 0.0

    @property
    def key_facts(self) -> float:
        return self.facts_found / self.with_facts if self.with_facts else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "questions": self.questions,
            "routing": round(self.routing, 4),
            "with_key_facts": self.with_facts,
            "key_facts": round(self.key_facts, 4),
        }


def answered(writer: AnswerWriter, reading: Classification, profile: Profile, today: date) -> tuple[str | None, str]:
    """The entry chosen for the reading's intent, and the chat's answer to it: none when the chat fell back
    (its apology and the desk's contact answer nothing, even where they share a word with a key fact)."""
    entry = reading.entry_for(reading.intent)
    if reading.intent == Intent.NLU_FALLBACK:
        return entry, ""
    return entry, writer.answer(reading.intent, None, None, profile, today, entry)


def entry_choice(graph: NluGraph, profile: Profile, today: date) -> dict[str, Any]:
    """On the validation headings: the intent routed, the labelled entry chosen when it was, and the
    answer holding one of the heading's key facts (whatever the intent)."""
    items = load_validation()
    writer = AnswerWriter(graph.domain)
    routed = chosen = found = 0
    for item, reading in zip(items, graph.classify([i["text"] for i in items]), strict=True):
        entry, answer = answered(writer, reading, profile, today)
        if reading.intent == item["intent"]:
            routed += 1
            chosen += entry == item["entry"]
        found += any(fact in answer for fact in item["key_facts"])
    return {
        "questions": len(items),
        "routing": round(routed / len(items), 4),
        "entry_given_intent": round(chosen / routed, 4) if routed else 0.0,
        "key_facts": round(found / len(items), 4),
    }


def evaluate(graph: NluGraph, name: str, profile: Profile, today: date) -> HeldOutScore:
    """Scores one held-out set with the loaded model."""
    items = load_set(name)
    writer = AnswerWriter(graph.domain)
    score = HeldOutScore(name)
    for item, reading in zip(items, graph.classify([i["text"] for i in items]), strict=True):
        entry, answer = answered(writer, reading, profile, today)
        routed = reading.intent == item["intent"] or (item.get("entry") is not None and entry == item["entry"])
        facts = item.get("key_facts") or []
        found = any(fact in answer for fact in facts)
        score.questions += 1
        score.routed += routed
        score.with_facts += bool(facts)
        score.facts_found += found
        if not routed or (facts and not found):
            score.misses.append(
                {"text": item["text"], "expected": item["intent"], "got": reading.intent, "entry": entry}
            )
    return score
