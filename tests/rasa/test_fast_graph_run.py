"""Our trained model's graph gives the same results run without dask as with Rasa's dask runner.

Fails if a Rasa upgrade changes what bot.rasa_plugins.fast_graph_run replaces.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any, Iterator

import dask
import pytest
import rasa.core.processor
from rasa.core.agent import Agent
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

from bot.rasa_plugins import fast_graph_run
from bot.rasa_plugins.fast_graph_run import DASK_RUN, run_in_order
from tests.servers import model_path

# FAQ turns only: they need no action server.
CONVERSATION = ["こんにちは", "マイナ保険証をなくしました", "資格確認書をなくしました", "ありがとうございました"]


def test_the_replaced_method_is_still_rasas_dask_run() -> None:
    assert list(inspect.signature(DASK_RUN).parameters) == ["self", "inputs", "targets"]
    source = inspect.getsource(DASK_RUN)
    assert "self._build_dask_graph(minimal_schema)" in source and "dask.get(run_graph, run_targets)" in source
    assert "self._add_inputs_to_graph(inputs, run_graph)" in source
    assert "DaskGraphRunner" in inspect.getsource(rasa.core.processor)


def test_tasks_inputs_and_missing_keys_are_read_as_dask_reads_them() -> None:
    calls: list[str] = []

    def node(name: str):
        def call(*inputs: Any) -> tuple[str, Any]:
            calls.append(name)
            return name, [value for _, value in inputs] if inputs and isinstance(inputs[0], tuple) else list(inputs)

        return call

    graph = {
        "__input__": ("__input__", ["message"]),
        "a": (node("a"), "__input__"),
        "b": (node("b"), "a", "__input__"),
        "c": (node("c"), "a", "b"),
        "d": (node("d"), "not_a_key"),
    }
    assert run_in_order(graph, ["c", "d"]) == dict(dask.get(graph, ["c", "d"]))
    assert sorted(calls) == sorted(["a", "b", "c", "d"] * 2)  # each node once per run


@pytest.fixture(scope="module")
def agent() -> Iterator[Agent]:
    yield Agent.load(model_path())


def turns(agent: Agent, sender: str) -> list[tuple]:
    """What the assistant understood and did, turn by turn."""

    async def talk() -> list[tuple]:
        for text in CONVERSATION:
            await agent.handle_text(text, sender_id=sender)
        tracker = await agent.tracker_store.retrieve(sender)
        out = []
        for e in tracker.events:
            if isinstance(e, UserUttered):
                ranking = tuple(r["confidence"] for r in e.parse_data["intent_ranking"])
                out.append(("user", e.text, e.intent_name, ranking))
            elif isinstance(e, (ActionExecuted, BotUttered)):
                out.append((e.type_name, getattr(e, "action_name", None), getattr(e, "text", None)))
        return out

    return asyncio.run(talk())


def test_nlu_and_dialogue_give_the_same_results_as_with_dask(agent: Agent) -> None:
    original = DaskGraphRunner.run
    try:
        DaskGraphRunner.run = DASK_RUN  # type: ignore[method-assign]
        with_dask = turns(agent, "with-dask")
        fast_graph_run.install()
        without_dask = turns(agent, "without-dask")
    finally:
        DaskGraphRunner.run = original  # type: ignore[method-assign]
    assert [t[:3] for t in with_dask if t[0] == "user"] == [
        ("user", CONVERSATION[0], "greet"),
        ("user", CONVERSATION[1], "lost_card"),
        ("user", CONVERSATION[2], "lost_certificate"),
        ("user", CONVERSATION[3], "thank"),
    ]
    assert without_dask == with_dask
