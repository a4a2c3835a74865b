"""Rasa's REST channel, made safe: bad requests get a clear 400, and a citizen always gets an answer.

Same URL as Rasa's own REST channel: POST /webhooks/rest/webhook {"sender": ..., "message": ...}.
The message text is never logged (it may hold a birthdate).
"""
from __future__ import annotations

import logging
from asyncio import CancelledError
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.replies import EMPTY_INPUT, complete_replies, is_blank, without_stray_command
from bot.rasa_plugins import action_failures

logger = logging.getLogger(__name__)
MAX_SENDER_CHARS = 200


def bad_request(message_ja: str) -> HTTPResponse:
    return response.json({"error": message_ja}, status=400)


def read_request(request: Request) -> tuple[str, str] | HTTPResponse:
    """(sender, text) from the JSON body, or a 400 response saying what is wrong."""
    try:
        body = request.json
    except Exception:  # sanic raises InvalidUsage for malformed JSON
        return bad_request("リクエストの形式が正しくありません（JSON として読めません）。")
    if not isinstance(body, dict):
        return bad_request("リクエストは {\"sender\": ..., \"message\": ...} の形で送ってください。")
    sender, text = body.get("sender") or "default", body.get("message")
    if text is not None and not isinstance(text, str):
        return bad_request("message は文字列で送ってください。")
    if not isinstance(sender, (str, int)) or len(str(sender)) > MAX_SENDER_CHARS:
        return bad_request("sender が正しくありません。")
    return str(sender), text or ""


def channel_blueprint(channel: InputChannel) -> Blueprint:
    """The blueprint of an input channel, with GET / answering {"status": "ok"} (a health check)."""
    hook = Blueprint(f"custom_webhook_{type(channel).__name__}", __name__)

    @hook.route("/", methods=["GET"])
    async def health(_: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    return hook


class SafeRestInput(RestInput):
    """REST input channel that never goes silent and never logs message text."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        action_failures.install()
        hook = channel_blueprint(self)

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            parsed = read_request(request)
            if isinstance(parsed, HTTPResponse):
                return parsed
            sender, text = parsed
            if is_blank(text):
                return response.json([{"recipient_id": sender, "text": EMPTY_INPUT}])
            collector = CollectingOutputChannel()
            action_failures.reset()
            try:
                await on_new_message(
                    UserMessage(without_stray_command(text), collector, sender, input_channel=self.name(), metadata=self.get_metadata(request))
                )
            except CancelledError:
                logger.error("rest: message handling timed out")
            except Exception as exc:  # the text is not logged: it may hold personal data
                logger.error("rest: message handling failed: %s", type(exc).__name__)
            replies = complete_replies(text, collector.messages, action_failures.action_failed())
            return response.json([{"recipient_id": sender, **r} if "recipient_id" not in r else r for r in replies])

        return hook
