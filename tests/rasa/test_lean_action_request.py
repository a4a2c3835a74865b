"""The action server gets the current turn's events only (bot.rasa_plugins.lean_action_request):
the rest of the request is Rasa's, and our actions answer a whole conversation the same from it.

Fails if a Rasa upgrade changes what the plug-in replaces or the tracker state it rebuilds.
"""

from __future__ import annotations

import asyncio
import inspect
import json
from typing import Any, Iterator

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.agent import Agent
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk.executor import ActionExecutor

from bot.rasa_plugins import lean_action_request
from bot.rasa_plugins.lean_action_request import RASA_CALL_FORMAT, action_call_format, tracker_state, turn_events
from bot.rasa_plugins.nlg import ProfileNLG
from tests.conversations import FORM_WITH_DETOURS
from tests.servers import model_path


def test_the_replaced_method_is_still_rasas() -> None:
    assert list(inspect.signature(RASA_CALL_FORMAT).parameters) == ["self", "tracker", "domain"]
    source = inspect.getsource(RASA_CALL_FORMAT)
    assert "tracker.current_state(EventVerbosity.ALL)" in source and '"tracker": tracker_state' in source


def _without_events(state: dict[str, Any]) -> str:
    return json.dumps({**state, "events": None}, sort_keys=True, ensure_ascii=False)


class Checked:
    """An action endpoint that runs our actions in process, on the lean request and on Rasa's own.
    Differences are collected, not raised: Rasa would take an exception for a failed action."""

    def __init__(self) -> None:
        self.executor = ActionExecutor()
        self.executor.register_package("actions")
        self.compared = 0
        self.differences: list[str] = []
        self.full: dict[str, Any] | None = None

    def call_format(self, action: RemoteAction, tracker: DialogueStateTracker, domain: Any) -> dict[str, Any]:
        self.full = RASA_CALL_FORMAT(action, tracker, domain)
        lean = action_call_format(action, tracker, domain)
        full_state = self.full["tracker"]  # tracker.current_state(EventVerbosity.ALL), as the test above checks
        events = lean["tracker"]["events"]
        if _without_events(lean["tracker"]) != _without_events(full_state):
            self.differences.append(f"tracker state: {_without_events(lean['tracker'])}")
        if not events or events != full_state["events"][-len(events) :]:
            self.differences.append(f"events: {events}")
        if {**lean, "tracker": None} != {**self.full, "tracker": None}:
            self.differences.append(f"request: {lean.keys()}")
        return lean

    async def request(self, json: dict[str, Any], **_: Any) -> dict[str, Any]:
        assert self.full is not None
        lean_answer = await self.executor.run(json)
        full_answer = await self.executor.run(self.full)
        if lean_answer != full_answer:
            self.differences.append(f"{json['next_action']}: {lean_answer} != {full_answer}")
        self.compared += 1
        return lean_answer or {"events": [], "responses": []}


@pytest.fixture(scope="module")
def agent() -> Iterator[Agent]:
    yield Agent.load(
        model_path(), action_endpoint=EndpointConfig("http://actions.invalid/webhook", enable_selective_domain=True)
    )


def test_our_actions_answer_the_same_from_the_turns_events(agent: Agent, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TODAY", "2026-11-22")
    checked = Checked()
    monkeypatch.setattr(RemoteAction, "_action_call_format", lambda *args: checked.call_format(*args))
    monkeypatch.setattr(EndpointConfig, "request", lambda self, **kwargs: checked.request(**kwargs))

    async def talk() -> list[str]:
        replies = []
        for text in FORM_WITH_DETOURS:
            for reply in await agent.handle_text(text, sender_id="lean-request"):
                replies.append(str(reply.get("text")))
        return replies

    replies = asyncio.run(talk())
    assert checked.differences == []
    assert checked.compared >= len(FORM_WITH_DETOURS) - 1
    assert any("資格確認書" in reply for reply in replies)  # the form answered


def test_the_turn_starts_at_the_latest_user_message() -> None:
    events = [
        ActionExecuted("action_listen"),
        UserUttered("a"),
        ActionExecuted("utter_x"),
        UserUttered("b"),
        SlotSet("s", 1),
    ]
    tracker = DialogueStateTracker.from_events("x", events)
    assert [e.as_dict()["event"] for e in turn_events(tracker)] == ["user", "slot"]
    assert turn_events(DialogueStateTracker.from_events("x", events[:1])) == events[:1]
    assert tracker_state(tracker)["events"][0]["text"] == "b"


def test_installed_by_the_response_generator() -> None:
    ProfileNLG()
    assert lean_action_request.installed()
