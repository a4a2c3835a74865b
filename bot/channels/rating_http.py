"""Ratings sent to a webhook channel (REST, widget): {"sender": ..., "rating": {...}}
(bot.question_log.ratings). Answered here, before Rasa: a rating never changes the conversation."""

from __future__ import annotations

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.webhook_http import bad_request
from bot.question_log.ratings import BAD_RATING, NOT_RECORDED, read_rating, reply_text
from bot.question_log.recorder import question_log
from bot.question_log.store import Rated

NOT_BOTH = "評価とメッセージは、別々に送ってください。"
STATUS = {Rated.UNKNOWN: 404, Rated.ALREADY: 409}


def has_rating(request: Request) -> bool:
    """Whether the (already valid JSON) request body is a rating rather than a message."""
    body = request.json
    return isinstance(body, dict) and "rating" in body


async def rating_response(request: Request, sender: str) -> HTTPResponse:
    """Store the rating; the thanks (and, after 👎, the desk's contact) as the webhook's replies."""
    if request.json.get("message"):
        return bad_request(NOT_BOTH)
    rating = read_rating(request.json.get("rating"))
    if rating is None:
        return bad_request(BAD_RATING)
    log = question_log(getattr(request.app.ctx, "agent", None))
    if log is None:
        return response.json({"error": NOT_RECORDED}, status=503)
    outcome = log.rate(rating)
    text = reply_text(outcome, rating)
    if outcome in STATUS:
        return response.json({"error": text}, status=STATUS[outcome])
    return response.json([{"recipient_id": sender, "text": text}])
