"""Each message is answered once, however often a client sends it.

A browser that lost its connection while the assistant was working cannot know whether its message
arrived, so it sends it again with the same id. The second request gets the first one's replies
(waiting for them if needed) instead of the assistant seeing the message twice.
"""

from __future__ import annotations

import asyncio
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage

from bot.channels.replies import apology
from bot.rasa_plugins import action_failures

MESSAGE_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
Handler = Callable[[UserMessage], Awaitable[Any]]


@dataclass
class _Outcome:
    done: asyncio.Event = field(default_factory=asyncio.Event)
    messages: list[dict[str, Any]] = field(default_factory=list)
    failed: bool = False


def message_id(metadata: dict[str, Any] | None) -> str | None:
    """The client's id of the message, when it sent a well-formed one."""
    value = (metadata or {}).get("message_id")
    return value if isinstance(value, str) and MESSAGE_ID.match(value) else None


class MessageReplay:
    """Remembers the replies to the last `size` message ids, in memory."""

    def __init__(self, size: int = 2000) -> None:
        self.size = size
        self._outcomes: OrderedDict[tuple[str, str], _Outcome] = OrderedDict()

    def wrap(self, handle: Handler) -> Handler:
        """`handle`, answering a repeated (sender, message id) from memory."""

        async def once(message: UserMessage) -> None:
            mid = message_id(message.metadata)
            if mid is None:
                await handle(message)
                return
            key = (str(message.sender_id), mid)
            earlier = self._outcomes.get(key)
            if earlier is not None:
                await earlier.done.wait()
                self._replay(earlier, message)
                return
            outcome = self._remember(key)
            try:
                await handle(message)
            finally:
                # The list itself, not a copy: what the channel adds after the turn (the rating
                # offer, bot.question_log.recorder.after_turn) is replayed too.
                outcome.messages = getattr(message.output_channel, "messages", [])
                outcome.failed = action_failures.action_failed()
                outcome.done.set()

        return once

    def _remember(self, key: tuple[str, str]) -> _Outcome:
        outcome = self._outcomes[key] = _Outcome()
        while len(self._outcomes) > self.size:
            self._outcomes.popitem(last=False)
        return outcome

    @staticmethod
    def _replay(outcome: _Outcome, message: UserMessage) -> None:
        collected = getattr(message.output_channel, "messages", None)
        if collected is None:
            return
        collected.extend(outcome.messages)
        if outcome.failed:
            collected.append({"recipient_id": message.sender_id, "text": apology()})
