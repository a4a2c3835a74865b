"""👍/👎 on an answer: what a channel offers, what a client sends back, and what the citizen reads.

The offer rides on the last text reply of a rateable answer (an FAQ answer or the document answer):
    {"text": "...", "custom": {"nhi_rating": {"answer_id": "<id>"}}}
A client (the widget, any REST client) rates it on the same webhook it sends messages to:
    {"sender": "...", "rating": {"answer_id": "<id>", "value": "up" | "down", "comment": "..."}}
The comment is optional, one line, and may follow a 👎 in a second request. LINE gets the offer as
quick reply buttons (postback data below). A rating never reaches Rasa: the conversation goes on as
if nothing happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.answers.profile_phrases import contact_phrase
from bot.core.input_text import clean_text
from bot.core.profiles import active_profile
from bot.question_log.store import DOWN, RATINGS, UP, Rated

OFFER_KEY = "nhi_rating"
MAX_COMMENT_CHARS = 200
ANSWER_ID = re.compile(r"^[0-9a-f]{32}$")  # Rasa's message ids: uuid4().hex

THANKS = "ご評価ありがとうございます。"
SORRY = (
    "お役に立てず申し訳ありません。よろしければ、分かりにくかった点をひとことお知らせください"
    "（任意です。お名前や生年月日は書かないでください）。"
)
THANKS_FOR_COMMENT = "ご意見ありがとうございます。回答の改善に役立てます。"
ALREADY_RATED = "この回答は、すでに評価をいただいています。"
UNKNOWN_ANSWER = "評価する回答が見つかりませんでした。"
NOT_RECORDED = "申し訳ありません。ただいま評価を受け付けていません。"
BAD_RATING = (
    'rating は {"answer_id": "...", "value": "up" または "down", "comment": "..."（任意）} の形で送ってください。'
)
# LINE: the citizen picks a one-line comment after 👎 (quick replies; LINE has no text field for it).
LINE_COMMENTS = ("知りたいことと違った", "説明が分かりにくい", "情報が足りない", "情報が古い・誤っている")
LINE_PREFIX = "nhi-rating"
LABELS = {UP: "👍 役に立った", DOWN: "👎 役に立たなかった"}


@dataclass(frozen=True)
class Rating:
    answer_id: str
    value: str
    comment: str | None = None


def offer(answer_id: str) -> dict[str, Any]:
    """The custom payload of a rateable answer."""
    return {OFFER_KEY: {"answer_id": answer_id}}


def offered_answer(reply: dict[str, Any]) -> str | None:
    """The answer id of the rating offer a reply carries, else None."""
    custom = reply.get("custom")
    payload = custom.get(OFFER_KEY) if isinstance(custom, dict) else None
    answer_id = payload.get("answer_id") if isinstance(payload, dict) else None
    return answer_id if isinstance(answer_id, str) else None


def one_line(comment: Any) -> str | None:
    """The comment as one clean line of at most MAX_COMMENT_CHARS characters; None when blank."""
    text = " ".join(clean_text(comment).split())[:MAX_COMMENT_CHARS]
    return text or None


def read_rating(raw: Any) -> Rating | None:
    """The rating a client sent, or None when it is malformed."""
    if not isinstance(raw, dict):
        return None
    answer_id, value, comment = raw.get("answer_id"), raw.get("value"), raw.get("comment")
    if not isinstance(answer_id, str) or not ANSWER_ID.match(answer_id) or value not in RATINGS:
        return None
    if comment is not None and not isinstance(comment, str):
        return None
    return Rating(answer_id, value, one_line(comment))


def desk_line() -> str:
    desk = contact_phrase(active_profile().main_desk)
    return f"お急ぎの方や、詳しくお聞きになりたい方は、{desk}にお問い合わせください。"


def reply_text(outcome: Rated, rating: Rating) -> str:
    """What the citizen reads after rating (the desk's contact after a 👎)."""
    if outcome is Rated.UNKNOWN:
        return UNKNOWN_ANSWER
    if outcome is Rated.ALREADY:
        return ALREADY_RATED
    if outcome is Rated.COMMENTED or rating.comment:
        return THANKS_FOR_COMMENT + ("\n" + desk_line() if rating.value == DOWN else "")
    if rating.value == DOWN:
        return f"{THANKS}{SORRY}\n{desk_line()}"
    return THANKS


def line_data(answer_id: str, value: str, comment: int | None = None) -> str:
    """Postback data of a LINE rating button (comment: index in LINE_COMMENTS)."""
    return f"{LINE_PREFIX}:{value}:{answer_id}" + (f":{comment}" if comment is not None else "")


def read_line_data(data: Any) -> Rating | None:
    """The rating in LINE postback data, None when it is not one."""
    if not isinstance(data, str) or not data.startswith(LINE_PREFIX + ":"):
        return None
    parts = data.split(":")
    if len(parts) not in (3, 4):
        return None
    comment = None
    if len(parts) == 4:
        if not parts[3].isdigit() or int(parts[3]) >= len(LINE_COMMENTS):
            return None
        comment = LINE_COMMENTS[int(parts[3])]
    return read_rating({"answer_id": parts[2], "value": parts[1], "comment": comment})
