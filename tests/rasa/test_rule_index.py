"""RulePolicy's rules found through the index (bot.rasa_plugins.rule_index) are the ones Rasa's own
lookup finds, on every lookup of real conversations; and the index does narrow the search.

Fails if a Rasa upgrade changes the methods the index relies on.
"""

from __future__ import annotations

import asyncio
import inspect
import json
from typing import Any, Iterator

import pytest
from rasa.core.agent import Agent
from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.constants import SHOULD_NOT_BE_SET
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk.executor import ActionExecutor

from bot.rasa_plugins import rule_index
from bot.rasa_plugins.nlg import ProfileNLG
from bot.rasa_plugins.rule_index import RASA_GET_POSSIBLE_KEYS, RuleIndex, get_possible_keys
from tests.conversations import FORM_WITH_DETOURS
from tests.servers import model_path

# FAQ answers, a fallback, then the document form with its detours.
CONVERSATION = [
    "こんにちは",
    "マイナ保険証をなくしました",
    "ごみの出し方を教えて",
    *FORM_WITH_DETOURS,
    "ありがとうございました",
]


def test_the_methods_it_relies_on_are_still_rasas() -> None:
    assert list(inspect.signature(RASA_GET_POSSIBLE_KEYS).parameters) == ["self", "lookup", "states"]
    assert "self._is_rule_applicable(_key, i, state)" in inspect.getsource(RASA_GET_POSSIBLE_KEYS)
    applicable = inspect.getsource(RulePolicy._is_rule_applicable)
    assert "if not rule_previous_action or not current_previous_action:" in applicable
    assert "if turn_index >= len(reversed_rule_states):" in applicable
    matching = inspect.getsource(RulePolicy._does_rule_match_state)
    assert "and value_from_conversation != value_from_rules" in matching


@pytest.fixture(scope="module")
def agent() -> Iterator[Agent]:
    yield Agent.load(model_path(), action_endpoint=EndpointConfig("http://actions.invalid/webhook"))


def test_the_index_finds_the_rules_rasa_finds(agent: Agent, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TODAY", "2026-11-22")
    executor = ActionExecutor()
    executor.register_package("actions")

    async def run_action(self: EndpointConfig, json: dict[str, Any], **_: Any) -> dict[str, Any]:
        return await executor.run(json) or {"events": [], "responses": []}

    monkeypatch.setattr(EndpointConfig, "request", run_action)
    differences: list[str] = []
    candidates: list[tuple[int, int]] = []

    def compared(self: RulePolicy, lookup: dict[str, str], states: list[dict[str, Any]]) -> set[str]:
        found = RASA_GET_POSSIBLE_KEYS(self, lookup, states)
        if get_possible_keys(self, lookup, states) != found:
            differences.append(str(states[-1:]))
        if states:
            candidates.append((len(rule_index.index_of(self, lookup).candidates(states[-1])), len(lookup)))
        return found

    monkeypatch.setattr(RulePolicy, "_get_possible_keys", compared)

    async def talk() -> list[str]:
        return [str(r.get("text")) for text in CONVERSATION for r in await agent.handle_text(text, sender_id="rules")]

    replies = asyncio.run(talk())
    assert differences == []
    assert len(candidates) >= 2 * len(CONVERSATION)
    assert sum(found for found, _ in candidates) * 2 < sum(total for _, total in candidates)  # it narrows
    assert any("資格確認書" in reply for reply in replies)  # the form answered


def test_a_lookup_whose_rules_changed_is_indexed_again() -> None:
    policy = RulePolicy.__new__(RulePolicy)  # the index needs no more of it
    first = '[{"prev_action": {"action_name": "action_listen"}, "user": {"intent": "greet"}}]'
    second = '[{"prev_action": {"action_name": "utter_greet"}}]'
    lookup = {first: "utter_greet"}
    assert rule_index.index_of(policy, lookup).by_action == {"action_listen": [first]}
    lookup[second] = "action_listen"
    assert rule_index.index_of(policy, lookup).by_action == {"action_listen": [first], "utter_greet": [second]}
    assert RuleIndex.of({"[]": "x"}).any_action == ["[]"]


SYNTHETIC_RULES = [
    [],
    [{"user": {"intent": "greet"}}],  # conversation_start: no previous action
    [{"prev_action": {"action_name": "action_listen"}, "user": {"intent": "greet"}}],
    [{"prev_action": {"action_name": "utter_greet"}, "user": {"intent": "greet"}}],
    [{"prev_action": {"action_name": SHOULD_NOT_BE_SET}}],
    [{"prev_action": {"action_text": "hello"}}],
    [
        {"prev_action": {"action_name": "action_listen"}, "user": {"intent": "greet"}},
        {"prev_action": {"action_name": "utter_greet"}, "user": {"intent": "greet"}},
    ],
]
SYNTHETIC_STATES: list[list[dict[str, Any]]] = [
    [{}],
    [{"user": {"intent": "greet"}}],
    [{"prev_action": {"action_name": "action_listen"}, "user": {"intent": "greet"}}],
    [{"prev_action": {"action_name": "utter_greet"}, "user": {"intent": "greet"}}],
    [{"prev_action": {"action_text": "hello"}}],
    [
        {"prev_action": {"action_name": "action_listen"}, "user": {"intent": "greet"}},
        {"prev_action": {"action_name": "utter_greet"}, "user": {"intent": "greet"}},
    ],
]


@pytest.mark.parametrize("states", SYNTHETIC_STATES)
def test_rules_that_name_no_previous_action_are_tried_too(states: list[dict[str, Any]]) -> None:
    policy = RulePolicy.__new__(RulePolicy)
    lookup = {json.dumps(rule): f"action_{number}" for number, rule in enumerate(SYNTHETIC_RULES)}
    assert get_possible_keys(policy, lookup, states) == RASA_GET_POSSIBLE_KEYS(policy, lookup, states)


def test_installed_by_the_response_generator() -> None:
    ProfileNLG()
    assert rule_index.installed()
