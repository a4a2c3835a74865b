"""The safe socket.io channel (for socket.io chat widgets): Rasa's events, never silent."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from typing import Any, Callable

import pytest
import socketio

from bot.channels.replies import EMPTY_INPUT, TOO_LONG
from bot.channels.safe_socketio import SafeSocketIOInput
from bot.rasa_plugins import action_failures
from tests.servers import Servers

Done = Callable[[list[str]], bool]


async def converse(
    url: str, turns: list[tuple[Any, Done]], session: bool = True, received: list[dict[str, Any]] | None = None
) -> list[list[str]]:
    """Send each event in turn; the bot_uttered texts received for it, until `done` says so (every
    bot_uttered event also goes to `received`, when given)."""
    client = socketio.AsyncClient(reconnection=False)
    inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    confirmed: asyncio.Queue[str] = asyncio.Queue()
    client.on("bot_uttered", inbox.put_nowait)
    client.on("session_confirm", confirmed.put_nowait)
    # polling: the websocket client of this python-engineio needs a newer aiohttp than Rasa's
    await client.connect(url, socketio_path="/socket.io", transports=["polling"], wait_timeout=30)
    try:
        session_id = uuid.uuid4().hex
        if session:
            await client.emit("session_request", {"session_id": session_id})
            assert await asyncio.wait_for(confirmed.get(), 30) == session_id
        answers = []
        for message, done in turns:
            event = {"message": message, "session_id": session_id} if session else message
            await client.emit("user_uttered", event)
            texts: list[str] = []
            while not done(texts):
                uttered = await asyncio.wait_for(inbox.get(), 120)
                if received is not None:
                    received.append(uttered)
                texts.append(uttered.get("text", ""))
            answers.append(texts)
        return answers
    finally:  # a polling client's disconnect waits out the open long-poll (~30 s): don't
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(client.disconnect(), 2)


def first(texts: list[str]) -> bool:
    return len(texts) >= 1


def test_question_is_answered(servers: Servers) -> None:
    lost = "マイナンバーカードをなくしてしまいました"
    [answer] = asyncio.run(converse(servers.rasa_url, [(lost, lambda t: "0120-95-0178" in "".join(t))]))
    assert "0120-95-0178" in answer[-1]


def test_empty_and_over_long_messages_are_answered(servers: Servers) -> None:
    turns = [("   ", first), ("マイナ保険証をなくした。" * 300, lambda t: len(t) >= 2)]
    empty, long = asyncio.run(converse(servers.rasa_url, turns))
    assert empty == [EMPTY_INPUT]
    assert long[0] == TOO_LONG and len(long) > 1


def hint_or_apology(texts: list[str]) -> bool:
    return "" in texts or any("申し訳ありません" in text for text in texts)


def test_the_picker_hint_is_passed_through(servers: Servers) -> None:
    """The birthdate question's custom payload arrives as {"custom": ...}; Rasa's own channel failed on it."""
    received: list[dict[str, Any]] = []
    question = "私の資格確認書の有効期限を調べてください"
    [texts] = asyncio.run(converse(servers.rasa_url, [(question, hint_or_apology)], received=received))
    assert any("生年月日を教えてください" in text for text in texts)
    assert {"custom": {"nhi_input": "date"}} in received
    assert not any("申し訳ありません" in text for text in texts)


@pytest.mark.parametrize(
    "event",
    [
        {"message": "マイナンバーカードをなくしてしまいました"},  # no session id
        {"message": "マイナンバーカードをなくしてしまいました", "metadata": "{not json"},
        "マイナンバーカードをなくしてしまいました",  # not an object at all
    ],
)
def test_malformed_events_are_answered_not_dropped(servers: Servers, event: Any) -> None:
    [answer] = asyncio.run(converse(servers.rasa_url, [(event, first)], session=False))
    assert answer and all(answer)


class _Sio:
    """Stands in for the socket.io server: records what would be emitted."""

    def __init__(self) -> None:
        self.emitted: list[tuple[str, Any, str]] = []

    async def emit(self, event: str, data: Any, room: str) -> None:
        self.emitted.append((event, data, room))


def test_failed_action_gets_the_apology_with_the_desk_phone() -> None:
    channel = SafeSocketIOInput(session_persistence=True)
    channel.sio = _Sio()  # type: ignore[assignment]
    action_failures.install()

    async def failing_action(_: Any) -> None:
        logging.getLogger("rasa.core.processor").error("Encountered an exception while running action 'x'")

    asyncio.run(channel.answer("sid-1", {"message": "届く書類を調べたい", "session_id": "s-1"}, failing_action))
    [(event, data, room)] = channel.sio.emitted  # type: ignore[attr-defined]
    assert event == "bot_uttered" and room == "s-1"
    assert "申し訳ありません" in data["text"] and "027-321-1235" in data["text"]
