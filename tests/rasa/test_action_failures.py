"""The failed-action flag (bot/rasa_plugins/action_failures.py) rests on the line Rasa logs when a custom
action cannot run. These tests run Rasa's own action step (MessageProcessor._run_action) with a custom
action whose server is down: a Rasa upgrade that changes the message or the logger fails here, instead
of leaving citizens without the apology."""

from __future__ import annotations

import pytest
from rasa.core.actions.action import ActionListen, RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.processor import MessageProcessor
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.core.names import CustomAction
from bot.rasa_plugins import action_failures
from tests.servers import free_port


async def run_action(action_name: str) -> bool:
    """Rasa runs one action; whether the flag says it failed."""
    domain = Domain.from_dict({"actions": [action_name]})
    # Nothing listens on this port: the action server is down.
    endpoint = EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook")
    action = ActionListen() if action_name == ActionListen().name() else RemoteAction(action_name, endpoint)
    processor = object.__new__(MessageProcessor)  # the action step needs the domain, not a trained model
    processor.domain = domain
    action_failures.install()
    action_failures.reset()
    await processor._run_action(
        action,
        DialogueStateTracker("test", domain.slots),
        CollectingOutputChannel(),
        TemplatedNaturalLanguageGenerator(domain.responses),
        PolicyPrediction.for_action_name(domain, action_name),
    )
    return action_failures.action_failed()


@pytest.mark.asyncio
async def test_a_custom_action_that_cannot_run_sets_the_flag() -> None:
    assert await run_action(CustomAction.NLU_FALLBACK)


@pytest.mark.asyncio
async def test_an_action_that_runs_leaves_the_flag_unset() -> None:
    assert not await run_action(ActionListen().name())
