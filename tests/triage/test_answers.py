"""Suggested answers: the chat's own responses and document answer (the domain as Rasa trains it:
domain.yml with the knowledge base's responses; no model needed)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from rasa.shared.importers.importer import TrainingDataImporter

from bot.core.card_status import CardStatus
from bot.core.profiles import active_profile
from bot.triage.answers import AnswerWriter, response_names

ROOT = Path(__file__).resolve().parents[2]
INTENTS = re.findall(r"^\| (\w+) \|", (ROOT / "docs" / "intents.md").read_text(encoding="utf-8"), re.M)
INTENTS = [name for name in INTENTS if name != "intent"]
TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def writer() -> AnswerWriter:
    importer = TrainingDataImporter.load_from_config(
        str(ROOT / "config.yml"), str(ROOT / "domain.yml"), [str(ROOT / "data")]
    )
    return AnswerWriter(importer.get_domain())


def rule_responses() -> dict[str, list[str]]:
    """intent → the responses its rule in data/rules utters first."""
    out: dict[str, list[str]] = {}
    for path in sorted((ROOT / "data" / "rules").glob("*.yml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8")).get("rules") or []:
            steps = rule.get("steps") or []
            if rule.get("condition") or not steps or "intent" not in steps[0] or steps[0].get("entities"):
                continue
            utters = [s["action"] for s in steps[1:] if str(s.get("action", "")).startswith("utter_")]
            out[steps[0]["intent"]] = utters
    return out


def test_docs_list_the_thirty_intents() -> None:
    assert len(INTENTS) == 30 and len(set(INTENTS)) == 30


@pytest.mark.parametrize("intent", INTENTS + ["nlu_fallback"])
def test_every_intent_gets_a_filled_answer(writer: AnswerWriter, intent: str) -> None:
    answer = writer.answer(intent, None, None, active_profile(), TODAY)
    assert answer.strip()
    assert not re.search(r"\{\w+\}", answer), answer  # every placeholder filled from the profile


def test_answers_are_what_the_rules_utter() -> None:
    rules = rule_responses()
    assert rules, "no rules read"
    for intent, utters in rules.items():
        if intent == "nlu_fallback":  # answered by the custom action action_nlu_fallback
            continue
        # a retrieval action utter_<intent> utters one of the responses utter_<intent>/<key>
        assert [name.split("/")[0] for name in response_names(intent)][: len(utters)] == utters, intent


def test_profile_values_fill_the_answer(writer: AnswerWriter, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "027-321-1235" in writer.answer("human_handoff", None, None, active_profile(), TODAY)
    monkeypatch.setenv("BOT_MUNICIPALITY", "minato")
    answer = writer.answer("human_handoff", None, None, active_profile(), TODAY)
    assert "03-3578-2574" in answer and "027-" not in answer


@pytest.mark.parametrize(
    "born, status, expected",
    [  # the worked examples of shared/domain-rules.md (reference date 2026-11-22)
        (date(1988, 4, 2), CardStatus.REGISTERED, "有効期限はありません"),
        (date(1988, 4, 2), CardStatus.NO_CARD, "令和9年7月31日（2027年7月31日）"),
        (date(1952, 5, 20), CardStatus.NOT_REGISTERED, "令和9年5月19日（2027年5月19日）"),
        (date(1957, 3, 1), CardStatus.NO_CARD, "令和9年2月28日（2027年2月28日）"),
        (date(1950, 1, 1), CardStatus.NO_CARD, "後期高齢者医療制度"),
    ],
)
def test_document_answer_with_both_facts(writer: AnswerWriter, born: date, status: CardStatus, expected: str) -> None:
    assert expected in writer.answer("which_document", born, status, active_profile(), TODAY)


def test_document_question_without_both_facts_asks_as_the_chat_does(writer: AnswerWriter) -> None:
    answer = writer.answer("which_document", date(1957, 3, 1), None, active_profile(), TODAY)
    assert "お届けする書類と有効期限をお調べします" in answer and "生年月日を教えてください" in answer
