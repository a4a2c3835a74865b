"""👍/👎 on LINE: the rating offer as two quick reply buttons, and the postback they send answered
before Rasa (bot.question_log.ratings). After 👎, quick replies offer a one-line comment."""

from __future__ import annotations

from typing import Any

from bot.channels.line_api import Message, postback_item, text_messages
from bot.question_log.ratings import (
    LABELS,
    LINE_COMMENTS,
    LINE_PREFIX,
    NOT_RECORDED,
    UNKNOWN_ANSWER,
    line_data,
    read_line_data,
    reply_text,
)
from bot.question_log.recorder import question_log
from bot.question_log.store import DOWN, RATINGS, Rated


def rating_items(answer_id: str) -> list[Message]:
    """The quick reply buttons that rate the answer `answer_id`."""
    return [postback_item(LABELS[value], line_data(answer_id, value)) for value in RATINGS]


def is_rating(postback: Any) -> bool:
    data = postback.get("data") if isinstance(postback, dict) else None
    return isinstance(data, str) and data.startswith(LINE_PREFIX + ":")


async def rating_reply(postback: dict[str, Any]) -> list[Message]:
    """Store the rating a rating button sent; the thanks, and after 👎 the comment buttons."""
    rating = read_line_data(postback.get("data"))
    if rating is None:
        return text_messages([UNKNOWN_ANSWER])
    log = question_log()
    if log is None:
        return text_messages([NOT_RECORDED])
    outcome = log.rate(rating)
    comments = []
    if outcome is Rated.SAVED and rating.value == DOWN and not rating.comment:
        comments = [postback_item(text, line_data(rating.answer_id, DOWN, i)) for i, text in enumerate(LINE_COMMENTS)]
    return text_messages([reply_text(outcome, rating)], comments)
