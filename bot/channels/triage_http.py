"""Phone-line triage over HTTP, for phone systems that post transcripts as they arrive.

  POST /webhooks/triage/webhook   {"id": ..., "text": ..., any other fields}
      → 200 with the same object plus the triage fields (bot/triage/calls.FIELDS), or
        400 with the object, "error" and no triage fields when it has no usable text.
      A JSON array of up to MAX_CALLS such objects → 200 with an array in the same order; an item
      that cannot be triaged carries "error" there instead (nothing is dropped).
  GET  /webhooks/triage/          {"status": "ok"}

The Rasa server's own loaded model classifies (no second copy); the transcripts are not logged and
no conversation is stored.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable

from rasa.core.agent import Agent
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.processor import MessageProcessor
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.webhook_http import NOT_JSON, bad_request, channel_blueprint
from bot.triage.calls import ErrorRecord, read_call
from bot.triage.classifier import NluGraph
from bot.triage.pipeline import Triage

MAX_CALLS = 100  # per request: the model runs in the server's event loop; files go to the CLI
TOO_MANY = f"一度に送れる通話は{MAX_CALLS}件までです。"
NOT_READY = "モデルの準備ができていません。しばらくしてからもう一度送ってください。"


class TriageInput(InputChannel):
    """Same JSON in and out as python -m bot.triage, one call or a list of calls per request."""

    @classmethod
    def name(cls) -> str:
        return "triage"

    def __init__(self) -> None:
        self._processor: MessageProcessor | None = None
        self._triage: Triage | None = None

    def _triage_for(self, agent: Agent | None) -> Triage | None:
        """Triage with the agent's current model (rebuilt when the server loads another one)."""
        if agent is None or not agent.is_ready() or agent.processor is None:
            return None
        if agent.processor is not self._processor:
            self._triage = Triage(NluGraph.from_processor(agent.processor))
            self._processor = agent.processor
        return self._triage

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = channel_blueprint(self)

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = request.json
            except Exception:  # sanic raises InvalidUsage for malformed JSON
                return bad_request(NOT_JSON)
            if isinstance(body, list) and len(body) > MAX_CALLS:
                return bad_request(TOO_MANY)
            triage = self._triage_for(getattr(request.app.ctx, "agent", None))
            if triage is None:
                return response.json({"error": NOT_READY}, status=503)
            if isinstance(body, list):
                return response.json(triage.triage([read_call(item) for item in body]))
            [record] = triage.triage([read_call(body)])
            return response.json(record, status=400 if isinstance(record, ErrorRecord) else 200)

        return hook
