"""Rasa's REST channel, made safe: bad requests get a clear 400, and a citizen always gets an answer.

Same URL as Rasa's own REST channel: POST /webhooks/rest/webhook {"sender": ..., "message": ...}.
A rateable answer ends with a rating offer; {"sender": ..., "rating": {...}} rates it
(bot.question_log.ratings, docs/report.md).
The message text is never logged (it may hold a birthdate).
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.guarded_turn import run_turn
from bot.channels.rating_http import has_rating, rating_response
from bot.channels.replies import EMPTY_INPUT, complete_replies, has_text
from bot.channels.webhook_http import channel_blueprint, read_request

logger = logging.getLogger(__name__)


class SafeRestInput(RestInput):
    """REST input channel that never goes silent and never logs message text."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = channel_blueprint(self)

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            parsed = read_request(request)
            if isinstance(parsed, HTTPResponse):
                return parsed
            sender, text = parsed
            if has_rating(request):
                return await rating_response(request, sender)
            if not has_text(text):
                return response.json([{"recipient_id": sender, "text": EMPTY_INPUT}])
            collector = CollectingOutputChannel()
            failed = await run_turn(
                on_new_message,
                UserMessage(
                    text,
                    collector,
                    sender,
                    input_channel=self.name(),
                    metadata=self.get_metadata(request),
                ),
            )
            replies = complete_replies(text, collector.messages, failed)
            return response.json([{"recipient_id": sender, **r} if "recipient_id" not in r else r for r in replies])

        return hook
