"""The small part of the LINE Messaging API the channel uses: the webhook signature, the reply,
push and leave calls, and LINE message objects built within LINE's limits.

No line-bot-sdk release can share Rasa 3.6's environment (see docs/line.md), so this talks HTTP
with the aiohttp Rasa already ships. Nothing here logs message text or user ids.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import uuid
from dataclasses import dataclass
from typing import Any, Iterable

import aiohttp

logger = logging.getLogger(__name__)

DEFAULT_API_BASE_URL = "https://api.line.me"
MAX_MESSAGES = 5  # message objects in one reply or push request
MAX_TEXT_UNITS = 5000  # a text message, counted in UTF-16 code units
MAX_QUICK_REPLY_ITEMS = 13
MAX_LABEL_CHARS = 20  # a quick reply label
MAX_POSTBACK_CHARS = 300  # postback data and displayText
ELLIPSIS = "…"
_LABEL_BREAKS = "、。・ （(「"
_TIMEOUT = aiohttp.ClientTimeout(total=20)

Message = dict[str, Any]


def signature_is_valid(channel_secret: str, body: bytes, signature: str | None) -> bool:
    """Whether `signature` is base64(HMAC-SHA256(channel secret, raw body)), compared in constant time."""
    if not channel_secret or not signature:
        return False
    expected = base64.b64encode(hmac.new(channel_secret.encode(), body, hashlib.sha256).digest())
    return hmac.compare_digest(expected, signature.strip().encode("utf-8", "replace"))


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = MAX_TEXT_UNITS) -> list[str]:
    """`text` in pieces of at most `limit` UTF-16 units, cut after a line break when there is one."""
    pieces: list[str] = []
    while utf16_units(text) > limit:
        end, units = 0, 0
        while units + utf16_units(text[end]) <= limit:
            units += utf16_units(text[end])
            end += 1
        newline = text.rfind("\n", 0, end)
        cut = newline + 1 if newline > 0 else end
        pieces.append(text[:cut].rstrip("\n"))
        text = text[cut:]
    return pieces + [text] if text.strip() or not pieces else pieces


def short_label(title: str, limit: int = MAX_LABEL_CHARS) -> str:
    """A quick reply label of at most `limit` characters: cut at a word break near the end, with '…'."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    head = title[: limit - 1]
    cut = max(head.rfind(ch) for ch in _LABEL_BREAKS)
    return (head[:cut] if cut >= limit // 2 else head).rstrip() + ELLIPSIS


def postback_item(title: str, data: str) -> Message:
    """A quick reply button that sends `data` back and shows `title` as the citizen's message."""
    shown = title if len(title) <= MAX_POSTBACK_CHARS else title[: MAX_POSTBACK_CHARS - 1] + ELLIPSIS
    return {
        "type": "action",
        "action": {
            "type": "postback",
            "label": short_label(title),
            "data": data[:MAX_POSTBACK_CHARS],
            "displayText": shown,
        },
    }


def date_picker_item(label: str, data: str, initial: str, earliest: str, latest: str) -> Message:
    """A quick reply button opening LINE's date picker (dates as YYYY-MM-DD)."""
    return {
        "type": "action",
        "action": {
            "type": "datetimepicker",
            "label": short_label(label),
            "data": data,
            "mode": "date",
            "initial": initial,
            "min": earliest,
            "max": latest,
        },
    }


def text_messages(texts: Iterable[str], quick_reply_items: Iterable[Message] = ()) -> list[Message]:
    """LINE text messages for `texts`, merged so that they fit in one request where they can, with the
    quick reply items (at most 13) on the last message, the only one LINE shows them on."""
    bubbles = [piece for text in texts if text and text.strip() for piece in split_text(text.strip())]
    while len(bubbles) > MAX_MESSAGES:
        merged = bubbles[MAX_MESSAGES - 1] + "\n\n" + bubbles[MAX_MESSAGES]
        if utf16_units(merged) > MAX_TEXT_UNITS:
            break
        bubbles[MAX_MESSAGES - 1 : MAX_MESSAGES + 1] = [merged]
    messages: list[Message] = [{"type": "text", "text": bubble} for bubble in bubbles]
    items = list(quick_reply_items)[:MAX_QUICK_REPLY_ITEMS]
    if messages and items:
        messages[-1]["quickReply"] = {"items": items}
    return messages


@dataclass(frozen=True)
class LineApi:
    """Messaging API client: reply, push (the fallback) and leave."""

    access_token: str
    base_url: str = DEFAULT_API_BASE_URL

    async def _post(self, path: str, body: Message | None = None, headers: dict[str, str] | None = None) -> int:
        """POST to the API; the HTTP status, or 0 when LINE could not be reached."""
        all_headers = {"Authorization": f"Bearer {self.access_token}", **(headers or {})}
        try:
            async with aiohttp.ClientSession(timeout=_TIMEOUT) as session:
                async with session.post(self.base_url.rstrip("/") + path, json=body or {}, headers=all_headers) as resp:
                    await resp.read()
                    return resp.status
        except (aiohttp.ClientError, TimeoutError) as err:
            logger.error("line: API call failed: %s", type(err).__name__)
            return 0

    async def reply(self, reply_token: str, messages: list[Message]) -> bool:
        status = await self._post("/v2/bot/message/reply", {"replyToken": reply_token, "messages": messages})
        if status != 200:
            logger.info("line: reply not accepted (HTTP %s); pushing instead", status)
        return status == 200

    async def push(self, user_id: str, messages: list[Message]) -> bool:
        """Push with a retry key, so that the one retry after a server error cannot send twice."""
        headers = {"X-Line-Retry-Key": str(uuid.uuid4())}
        body = {"to": user_id, "messages": messages}
        for _ in range(2):
            status = await self._post("/v2/bot/message/push", body, headers)
            if status in (200, 409):  # 409: LINE accepted this retry key already
                return True
            if 0 < status < 500:
                break
        logger.error("line: push failed (HTTP %s)", status)
        return False

    async def leave(self, chat_type: str, chat_id: str) -> bool:
        """Leave a group ("group") or a multi-person chat ("room")."""
        status = await self._post(f"/v2/bot/{chat_type}/{chat_id}/leave")
        return status == 200

    async def send(self, reply_token: str | None, user_id: str | None, messages: list[Message]) -> bool:
        """Everything in `messages`, in order: the first five with the reply token, the rest (or all of
        them when the token is missing or expired) pushed five at a time."""
        batches = [messages[i : i + MAX_MESSAGES] for i in range(0, len(messages), MAX_MESSAGES)]
        if batches and reply_token and await self.reply(reply_token, batches[0]):
            batches = batches[1:]
        if batches and not user_id:
            logger.error("line: cannot push without a user id; %d message(s) not sent", sum(map(len, batches)))
            return False
        ok = True
        for batch in batches:
            ok = await self.push(user_id or "", batch) and ok
        return ok
