"""Held-out questions (bench.heldout): real FAQ headings from pages never used for training, and
casual wording written apart from the training data, routed and answered with their key facts."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bench.eval_sets import ROOT
from bench.heldout import HeldOutScore, answered, entry_choice, evaluate
from bot.core.profiles import load_profile
from bot.triage.answers import AnswerWriter
from bot.triage.classifier import NluGraph
from tests.servers import model_path

TODAY = date(2026, 11, 25)
# Floors (routing, key facts): a little under what the shipped model scores (docs/benchmarks.md:
# real 0.780 / 0.897 of 100 questions since session 13, casual 0.975 / 0.955 since session 12), so that no
# change makes it worse unnoticed.
# The real routing floor went down from 0.75 with the linear intent classifier (session 8), which
# routes 4 real questions fewer than DIET at seed 42, one fewer on the mean of three seeds, and
# 7 more casual ones on that mean (bench/analysis.md). Issue 12's targets (real 0.95 / 0.95, casual 0.97) are not
# all met yet; make bench reports against them.
TARGETS = {"real": (0.71, 0.85), "casual": (0.95, 0.93)}
# The validation headings (bench.eval_sets.VALIDATION, three files, 209 headings): the labelled entry chosen inside
# the right intent. The entry selector scores 0.68 (133 of 196 routed, session 13), Rasa's ResponseSelector
# scored 0.47 (35 of 74, session 5's file). And the answer holding one of the heading's key facts, written from
# the official answers in session 13: 0.75 (156 of 209; session 12's model 0.69, before the answers were tuned
# on the first 158).
ENTRY_FLOOR = 0.6
VALIDATION_FACTS_FLOOR = 0.65


@pytest.fixture(scope="module")
def graph() -> NluGraph:
    return NluGraph.from_archive(model_path())


@pytest.fixture(scope="module")
def scores(graph: NluGraph) -> dict[str, HeldOutScore]:
    out = {name: evaluate(graph, name, load_profile("takasaki"), TODAY) for name in TARGETS}
    (ROOT / "results").mkdir(exist_ok=True)
    report = {name: {**s.summary(), "misses": s.misses} for name, s in out.items()}
    (ROOT / "results" / "heldout_knowledge.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    return out


@pytest.mark.parametrize("name", TARGETS)
def test_heldout_questions_are_routed_and_answered_with_their_key_facts(
    scores: dict[str, HeldOutScore], name: str
) -> None:
    score = scores[name]
    routing, facts = TARGETS[name]
    assert score.questions >= 80, score.summary()
    assert score.routing >= routing, (score.summary(), score.misses)
    assert score.key_facts >= facts, (score.summary(), score.misses)


def test_the_validation_headings_get_their_labelled_entry_and_key_facts(graph: NluGraph) -> None:
    choice = entry_choice(graph, load_profile("takasaki"), TODAY)
    assert choice["questions"] >= 150, choice
    assert choice["entry_given_intent"] >= ENTRY_FLOOR, choice
    assert choice["key_facts"] >= VALIDATION_FACTS_FLOOR, choice


def test_a_fallback_holds_no_key_fact(graph: NluGraph) -> None:
    """The fallback's apology and the desk's contact share words with some key facts (「問い合わせ」): they
    answer nothing, so they never count as holding one."""
    reading = graph.classify(["ぴよぴよ"])[0]
    assert reading.intent == "nlu_fallback"
    assert answered(AnswerWriter(graph.domain), reading, load_profile("takasaki"), TODAY)[1] == ""
