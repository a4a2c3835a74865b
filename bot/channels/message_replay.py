"""Each message is answered once, however often a client sends it.

A browser that lost its connection while the assistant was working cannot know whether its message
arrived, so it sends it again with the same id. The second request gets the first one's replies
(waiting for them if needed) instead of the assistant seeing the message twice.

The replies are kept in memory (MemoryReplies), or in Redis when replicas share one (RedisReplies,
bot.channels.shared_state), where the retry may reach another replica than the first request.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from typing import Any, Awaitable, Callable, Protocol

from rasa.core.channels.channel import UserMessage
from rasa.core.lock_store import LOCK_LIFETIME

from bot.channels.replies import apology
from bot.channels.shared_state import KEY_PREFIX
from bot.rasa_plugins import action_failures

logger = logging.getLogger(__name__)
MESSAGE_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
Handler = Callable[[UserMessage], Awaitable[Any]]


@dataclass
class Outcome:
    """What the citizen got for a message."""

    messages: list[dict[str, Any]]
    failed: bool


class ReplyStore(Protocol):
    async def claim(self, key: str) -> Outcome | None:
        """None when the message is new (and now ours to answer), else its first answer, waited for."""

    async def keep(self, key: str, outcome: Outcome) -> None:
        """The answer to a claimed message, for its later copies."""

    async def forget(self, key: str) -> None:
        """A claimed message that could not be answered: copies waiting now get the apology, later
        copies are answered anew."""


@dataclass
class _Pending:
    done: asyncio.Event = field(default_factory=asyncio.Event)
    outcome: Outcome | None = None


class MemoryReplies:
    """The answers to the last `size` messages, in this process."""

    def __init__(self, size: int = 2000) -> None:
        self.size = size
        self._pending: dict[str, _Pending] = {}
        self._done: OrderedDict[str, Outcome] = OrderedDict()

    async def claim(self, key: str) -> Outcome | None:
        if key in self._done:
            return self._done[key]
        pending = self._pending.get(key)
        if pending is None:
            self._pending[key] = _Pending()
            return None
        await pending.done.wait()
        return pending.outcome

    async def keep(self, key: str, outcome: Outcome) -> None:
        pending = self._pending.pop(key, None)
        self._done[key] = outcome
        while len(self._done) > self.size:
            self._done.popitem(last=False)
        if pending is not None:
            pending.outcome = outcome
            pending.done.set()

    async def forget(self, key: str) -> None:
        pending = self._pending.pop(key, None)
        if pending is not None:
            pending.outcome = Outcome([], True)
            pending.done.set()


PENDING = b"pending"


class RedisReplies:
    """The answers in Redis, shared by the replicas: `pending` while a replica works on the message
    (for at most a conversation lock's lifetime: a replica that died does not block the retry),
    then the answer for `keep_seconds`."""

    def __init__(self, red: Any, keep_seconds: int = 600, poll_seconds: float = 0.05) -> None:
        self.red = red
        self.keep_seconds = keep_seconds
        self.poll_seconds = poll_seconds

    async def claim(self, key: str) -> Outcome | None:
        name = f"{KEY_PREFIX}reply:{key}"
        deadline = time.monotonic() + 2 * LOCK_LIFETIME
        while time.monotonic() < deadline:
            if self.red.set(name, PENDING, nx=True, ex=int(LOCK_LIFETIME)):
                return None
            value = self.red.get(name)
            if value is not None and value != PENDING:
                return Outcome(**json.loads(value))
            await asyncio.sleep(self.poll_seconds)
        return None  # never answered in time: answer it here

    async def keep(self, key: str, outcome: Outcome) -> None:
        self.red.set(f"{KEY_PREFIX}reply:{key}", json.dumps(asdict(outcome), ensure_ascii=False), ex=self.keep_seconds)

    async def forget(self, key: str) -> None:
        self.red.delete(f"{KEY_PREFIX}reply:{key}")


async def _quietly(step: Awaitable[None]) -> None:
    """A store step for retries only: the citizen has the answer (or the apology) either way."""
    try:
        await step
    except Exception as exc:
        logger.warning("widget: could not keep the answer for a retry: %s", type(exc).__name__)


def message_id(metadata: dict[str, Any] | None) -> str | None:
    """The client's id of the message, when it sent a well-formed one."""
    value = (metadata or {}).get("message_id")
    return value if isinstance(value, str) and MESSAGE_ID.match(value) else None


class MessageReplay:
    """Answers a repeated (sender, message id) with the first answer, from the store `store()` gives."""

    def __init__(self, store: Callable[[], ReplyStore]) -> None:
        self._store = store

    def wrap(self, handle: Handler) -> Handler:
        """`handle`, answering a repeated (sender, message id) from the store."""

        async def once(message: UserMessage) -> None:
            mid = message_id(message.metadata)
            if mid is None:
                await handle(message)
                return
            store, key = self._store(), f"{mid}:{message.sender_id}"
            earlier = await store.claim(key)
            if earlier is not None:
                self._replay(earlier, message)
                return
            try:
                await handle(message)
            except BaseException:  # nothing was saved: waiting copies get the apology, later ones a new try
                await _quietly(store.forget(key))
                raise
            # The list itself, not a copy: what the channel adds after the turn (the rating offer,
            # bot.question_log.recorder.after_turn) is replayed too (in memory; Redis keeps the answer).
            outcome = Outcome(getattr(message.output_channel, "messages", []), action_failures.action_failed())
            await _quietly(store.keep(key, outcome))

        return once

    @staticmethod
    def _replay(outcome: Outcome, message: UserMessage) -> None:
        collected = getattr(message.output_channel, "messages", None)
        if collected is None:
            return
        collected.extend(outcome.messages)
        if outcome.failed:
            collected.append({"recipient_id": message.sender_id, "text": apology()})
