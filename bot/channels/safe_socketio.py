"""Rasa's socket.io channel, made safe like the REST one: every message gets an answer.

Same events and options as Rasa's `socketio` channel (user_uttered / bot_uttered, session_request),
for chat widgets that speak socket.io. Differences: the session room is really joined (Rasa 3.6
forgets to await it with this python-socketio, so its channel never delivered a reply); an empty
message gets EMPTY_INPUT, an over-long one the TOO_LONG notice first, a failed action or a turn
without any reply the apology with the desk's phone; a malformed event is answered instead of
dropped; a custom payload arrives as {"custom": ...}; message text is never logged.
The project's own widget uses the REST channel instead (docs/widget.md).
"""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from bot.channels.guarded_turn import run_turn
from bot.channels.replies import EMPTY_INPUT, TOO_LONG, apology, has_text
from bot.core.input_text import is_too_long

logger = logging.getLogger(__name__)
Handler = Callable[[UserMessage], Awaitable[Any]]


class _CountingOutput(SocketIOOutput):
    """socket.io output that counts what it sent."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.sent = 0

    async def _send_message(self, socket_id: str, response: Any) -> None:
        self.sent += 1
        await super()._send_message(socket_id, response)

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        """A custom payload (the picker hint, say) passed through as {"custom": ...}, as the REST channel
        gives it. Rasa 3.6 hands the payload's keys to emit() as arguments, which fails for any other key."""
        await self._send_message(recipient_id, {"custom": json_message})


def _metadata(raw: Any) -> dict[str, Any]:
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return {}
    return raw if isinstance(raw, dict) else {}


class SafeSocketIOInput(SocketIOInput):
    """socket.io input channel that never goes silent."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        hook = super().blueprint(on_new_message)
        assert self.sio is not None

        sio = self.sio

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any) -> None:
            # Rasa 3.6 calls enter_room without await, which python-socketio 5.10+ made a coroutine:
            # the client never joined its session's room and never received a reply.
            requested = data.get("session_id") if isinstance(data, dict) else None
            session_id = str(requested) if isinstance(requested, (str, int)) and requested else uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any) -> None:
            await self.answer(sid, data, on_new_message)

        return hook

    def _sender(self, sid: str, data: dict[str, Any]) -> str:
        """The session id the client asked for, else the socket's own id (Rasa would drop the message)."""
        session = data.get("session_id")
        return str(session) if self.session_persistence and isinstance(session, (str, int)) and session else sid

    async def answer(self, sid: str, data: Any, on_new_message: Handler) -> None:
        """Handle one user_uttered event; the citizen always gets at least one bot_uttered."""
        data = data if isinstance(data, dict) else {"message": data}
        text, sender = data.get("message"), self._sender(sid, data)
        output = _CountingOutput(self.sio, self.bot_message_evt)
        if not has_text(text):
            await output.send_text_message(sender, EMPTY_INPUT)
            return
        if is_too_long(text):
            await output.send_text_message(sender, TOO_LONG)
        before = output.sent
        failed = await run_turn(
            on_new_message,
            UserMessage(
                text,
                output,
                sender,
                input_channel=self.name(),
                metadata=_metadata(data.get(self.metadata_key)),
            ),
        )
        if failed or output.sent == before:
            await output.send_text_message(sender, apology())
