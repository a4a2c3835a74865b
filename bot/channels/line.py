"""LINE official account channel: POST /webhooks/line/webhook (docs/line.md).

Every request is checked against X-Line-Signature before anything else (401 when missing or
wrong), answered 200 at once, and its events are handled in the background: replies go with the
reply token, and by push when the token has expired or more than five messages must be sent.
The tracker's sender id is a keyed hash of the LINE user id; neither the id nor any message text
is logged or stored. Group and multi-person chats are not answered (the account leaves them).

A redelivered event (same webhookEventId) is not answered twice, and one user's events are handled
in the order they came. Both hold across replicas when they share a Redis (bot.channels.shared_state):
the event ids are then kept there, and the order is kept by Rasa's lock store.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import os
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore, TrackerStore
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.guarded_turn import run_turn
from bot.channels.line_api import (
    DEFAULT_API_BASE_URL,
    LineApi,
    Message,
    date_picker_item,
    postback_item,
    signature_is_valid,
    text_messages,
)
from bot.channels.line_ratings import is_rating, rating_items, rating_reply
from bot.channels.replies import EMPTY_INPUT, apology, complete_replies, has_text
from bot.channels.shared_state import KEY_PREFIX, shared_redis
from bot.channels.webhook_http import channel_blueprint
from bot.core.names import Entity, Intent, asks_for_date, date_payload, payload
from bot.core.reference_date import today
from bot.question_log.ratings import offered_answer

if TYPE_CHECKING:
    from rasa.core.agent import Agent

logger = logging.getLogger(__name__)

FOLLOW_THANKS = "友だち追加ありがとうございます。このアカウントでは、ご質問に自動でお答えします。"
NOT_TEXT = "申し訳ありません。スタンプや画像、位置情報などにはお答えできません。ご質問を文字で入力してください。"
GROUP_NOTICE = (
    "このアカウントは、グループやトークルームではお答えできません。"
    "友だち追加のうえ、1対1のトークでご質問ください。このトークからは退出します。"
)
CHOOSE_BELOW = "下のボタンから選んでください。"
DATE_PICKER_LABEL = "カレンダーから選ぶ"
DATE_PICKER_DATA = Entity.BIRTHDATE  # the picker's postback data; the date itself comes in `params`
GREET_PAYLOAD = payload(Intent.GREET)
SENDER_PREFIX = "line-"
LINE_EARLIEST_DATE = date(1900, 1, 1)  # the date picker accepts nothing earlier
OLDEST_AGE = 120  # bot.core.dates.parse_date refuses older birthdates
TYPICAL_AGE = 60  # where the picker opens: many NHI members are 60 to 74
SEEN_EVENTS_KEPT = 10_000
SEEN_EVENTS_SECONDS = 24 * 3600  # how long the shared Redis keeps an event id
ORDER_KEY = "line-order-"  # lock store key of a user's events, beside Rasa's lock of the conversation
ORDER_POLL_SECONDS = 0.05

# credentials.yml key -> environment variable read when the key is absent
SETTINGS_ENV = {
    "channel_secret": "LINE_CHANNEL_SECRET",
    "channel_access_token": "LINE_CHANNEL_ACCESS_TOKEN",
    "user_id_key": "LINE_USER_ID_KEY",
    "api_base_url": "LINE_API_BASE_URL",
}
REQUIRED = ("channel_secret", "channel_access_token", "user_id_key")


@dataclass(frozen=True)
class LineSettings:
    channel_secret: str = ""
    channel_access_token: str = ""
    user_id_key: str = ""
    api_base_url: str = DEFAULT_API_BASE_URL

    @classmethod
    def read(cls, credentials: dict[str, Any] | None) -> LineSettings:
        """Each value from credentials.yml, else from its environment variable (SETTINGS_ENV)."""
        given = credentials or {}
        values = {key: str(given.get(key) or os.environ.get(env, "")).strip() for key, env in SETTINGS_ENV.items()}
        values["api_base_url"] = values["api_base_url"] or DEFAULT_API_BASE_URL
        return cls(**values)

    def missing(self) -> list[str]:
        return [key for key in REQUIRED if not getattr(self, key)]


def _object(value: Any) -> dict[str, Any]:
    """A JSON object from an event, or an empty one when the field is missing or of another type."""
    return value if isinstance(value, dict) else {}


def sender_id(user_id: str, key: str) -> str:
    """The Rasa sender id of a LINE user: HMAC-SHA256 of the user id, so the tracker never holds it."""
    return SENDER_PREFIX + hmac.new(key.encode(), user_id.encode(), hashlib.sha256).hexdigest()


def birthdate_picker(reference: date) -> Message:
    """The date picker button offered with the birthdate question: from 120 years ago to today."""
    earliest = max(LINE_EARLIEST_DATE, date(reference.year - OLDEST_AGE, 1, 1))
    initial = min(max(earliest, date(reference.year - TYPICAL_AGE, 1, 1)), reference)
    return date_picker_item(
        DATE_PICKER_LABEL, DATE_PICKER_DATA, initial.isoformat(), earliest.isoformat(), reference.isoformat()
    )


def postback_text(postback: Any) -> str | None:
    """What a postback says to the assistant: a picked date as its ISO payload (names.date_payload),
    else the button's payload; None when there is nothing usable."""
    if not isinstance(postback, dict):
        return None
    params = postback.get("params")
    if isinstance(params, dict) and "date" in params:
        try:
            return date_payload(date.fromisoformat(str(params["date"])))
        except ValueError:
            return None
    data = postback.get("data")
    return data if isinstance(data, str) and data.strip() and data != DATE_PICKER_DATA else None


def line_messages(replies: list[dict[str, Any]]) -> list[Message]:
    """The assistant's replies as LINE messages: buttons become quick replies (plus the date picker
    when a reply carries the picker hint, and 👍/👎 after a rateable answer), on the last message where
    LINE shows them."""
    items: dict[str, Message] = {}
    if any(asks_for_date(r) for r in replies):
        items[DATE_PICKER_DATA] = birthdate_picker(today())
    for button in (b for r in replies for b in r.get("buttons") or []):
        title, payload = str(button.get("title") or "").strip(), str(button.get("payload") or "").strip()
        if title and payload:
            items.setdefault(payload, postback_item(title, payload))
    for answer_id in filter(None, map(offered_answer, replies)):
        items.update({item["action"]["data"]: item for item in rating_items(answer_id)})
    texts = [r["text"] for r in replies if isinstance(r.get("text"), str) and r["text"].strip()]
    return text_messages(texts or [CHOOSE_BELOW if items else apology()], items.values())


class LineCollector(CollectingOutputChannel):
    """Collects the assistant's messages under the channel name `line`."""

    @classmethod
    def name(cls) -> str:
        return "line"  # responses may have `channel: line` variants


class RecentEvents:
    """The webhook event ids handled lately, so that a redelivered event is not answered twice."""

    def __init__(self, size: int = SEEN_EVENTS_KEPT) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._size = size

    def first_time(self, event_id: Any) -> bool:
        """True, and remembered, unless `event_id` was seen already (events without an id always pass)."""
        if not isinstance(event_id, str) or not event_id:
            return True
        if event_id in self._ids:
            return False
        self._ids[event_id] = None
        if len(self._ids) > self._size:
            self._ids.popitem(last=False)
        return True


class SharedRecentEvents:
    """RecentEvents in the replicas' shared Redis: the first replica to see an id answers it."""

    def __init__(self, red: Any, seconds: int = SEEN_EVENTS_SECONDS) -> None:
        self.red = red
        self.seconds = seconds

    def first_time(self, event_id: Any) -> bool:
        if not isinstance(event_id, str) or not event_id:
            return True
        return bool(self.red.set(f"{KEY_PREFIX}line-event:{event_id}", 1, nx=True, ex=self.seconds))


def _innermost(store: TrackerStore) -> TrackerStore:
    while hasattr(store, "_tracker_store"):  # FailSafeTrackerStore, AwaitableTrackerStore
        store = store._tracker_store
    return store


async def forget_conversation(agent: Agent, sender: str) -> None:
    """Erase a conversation from the tracker store (SQL and in-memory stores)."""
    store = _innermost(agent.tracker_store)
    async with agent.lock_store.lock(sender):
        if isinstance(store, SQLTrackerStore):
            with store.session_scope() as session:
                session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender).delete()
                session.commit()
        elif isinstance(store, InMemoryTrackerStore):
            store.store.pop(sender, None)
        else:
            logger.warning("line: cannot erase a conversation from a %s; it is kept", type(store).__name__)


class LineInput(InputChannel):
    """LINE Messaging API webhook, configured in credentials.yml or by LINE_* environment variables."""

    @classmethod
    def name(cls) -> str:
        return "line"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> LineInput:
        settings = LineSettings.read(credentials)
        missing = settings.missing()
        if missing and len(missing) < len(REQUIRED):
            names = ", ".join(f"{key} ({SETTINGS_ENV[key]})" for key in missing)
            raise RasaException(f"LINE channel: set {names} in credentials.yml or the environment")
        if missing:
            logger.warning("LINE channel not configured: every webhook request will be refused (docs/line.md)")
        return cls(settings)

    def __init__(self, settings: LineSettings) -> None:
        self.settings = settings
        self.api = LineApi(settings.channel_access_token, settings.api_base_url)
        self._recent = RecentEvents()
        self._tasks: set[asyncio.Task] = set()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = channel_blueprint(self)

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not signature_is_valid(
                self.settings.channel_secret, request.body, request.headers.get("X-Line-Signature")
            ):
                logger.warning("line: request refused: missing or wrong X-Line-Signature")
                return response.json({"error": "invalid signature"}, status=401)
            try:
                body = json.loads(request.body)
            except ValueError:
                return response.json({"error": "malformed JSON"}, status=400)
            events = body.get("events") if isinstance(body, dict) else None
            if not isinstance(events, list):
                return response.json({"error": "no events list"}, status=400)
            agent = request.app.ctx.agent
            for event in events:
                if isinstance(event, dict) and self._first_time(agent, event.get("webhookEventId")):
                    task = asyncio.create_task(self._handle(event, on_new_message, agent))
                    self._tasks.add(task)
                    task.add_done_callback(self._tasks.discard)
            return response.json({})

        return hook

    def _first_time(self, agent: Agent, event_id: Any) -> bool:
        """Whether the event is new; when that cannot be told (Redis down), it is answered."""
        red = shared_redis(agent)
        try:
            return (self._recent if red is None else SharedRecentEvents(red)).first_time(event_id)
        except Exception as exc:
            logger.error("line: could not check for a redelivered event: %s", type(exc).__name__)
            return True

    async def _handle(
        self, event: dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]], agent: Agent
    ) -> None:
        """One event; the events of one user are handled in the order they came."""
        source = _object(event.get("source"))
        user_id = source.get("userId")
        if event.get("mode") == "standby":
            return
        if source.get("type") in ("group", "room"):
            await self._group_event(event, source)
            return
        if source.get("type") != "user" or not isinstance(user_id, str) or not user_id:
            return
        sender = sender_id(user_id, self.settings.user_id_key)
        try:
            async with contextlib.AsyncExitStack() as in_order:
                await self._wait_turn(in_order, agent, sender)
                await self._respond(event, sender, user_id, on_new_message, agent)
        except Exception as exc:  # sending, or releasing the order lock, failed: nothing more to do
            logger.error("line: event handling failed after the answer: %s", type(exc).__name__)

    @staticmethod
    async def _wait_turn(in_order: contextlib.AsyncExitStack, agent: Agent, sender: str) -> None:
        """Wait until the user's earlier events are handled; when the lock store cannot keep the
        order (Redis down), go on: the turn then apologises rather than stay silent."""
        try:
            await in_order.enter_async_context(
                agent.lock_store.lock(ORDER_KEY + sender, wait_time_in_seconds=ORDER_POLL_SECONDS)
            )
        except Exception as exc:
            logger.error("line: could not keep a user's events in order: %s", type(exc).__name__)

    async def _respond(
        self,
        event: dict[str, Any],
        sender: str,
        user_id: str,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        agent: Agent,
    ) -> None:
        """Answer one event of a 1:1 chat through LINE (never silent); on unfollow, erase the conversation."""
        if event.get("type") == "unfollow":
            await self._forget(agent, sender)
            return
        try:
            messages = await self._answer(event, sender, on_new_message)
        except Exception as exc:  # never silent; the event is not logged: it may hold personal data
            logger.error("line: event handling failed: %s", type(exc).__name__)
            messages = text_messages([apology()])
        if messages:
            await self.api.send(event.get("replyToken"), user_id, messages)

    @staticmethod
    async def _forget(agent: Agent, sender: str) -> None:
        try:
            await forget_conversation(agent, sender)
        except Exception as exc:
            logger.error("line: could not erase a conversation after unfollow: %s", type(exc).__name__)

    async def _answer(
        self, event: dict[str, Any], sender: str, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> list[Message]:
        """The messages that answer one event of a 1:1 chat (none for events that need no answer)."""
        kind = event.get("type")
        if kind == "message":
            message = _object(event.get("message"))
            if message.get("type") != "text":
                return text_messages([NOT_TEXT])
            text = message.get("text")
            if not has_text(text):
                return text_messages([EMPTY_INPUT])
            return line_messages(await self._ask(text, sender, on_new_message))
        if kind == "postback" and is_rating(event.get("postback")):
            return await rating_reply(event["postback"])
        if kind == "postback":
            text = postback_text(event.get("postback"))
            return line_messages(await self._ask(text, sender, on_new_message)) if text else text_messages([NOT_TEXT])
        if kind == "follow":
            return line_messages([{"text": FOLLOW_THANKS}] + await self._ask(GREET_PAYLOAD, sender, on_new_message))
        return text_messages([NOT_TEXT]) if event.get("replyToken") else []

    async def _ask(
        self, text: str, sender: str, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> list[dict[str, Any]]:
        """The assistant's replies to `text`, never none (bot.channels.replies.complete_replies)."""
        collector = LineCollector()
        failed = await run_turn(on_new_message, UserMessage(text, collector, sender, input_channel=self.name()))
        return complete_replies(text, collector.messages, failed)

    async def _group_event(self, event: dict[str, Any], source: dict[str, Any]) -> None:
        """Groups and multi-person chats: on joining, say so once and leave; nothing else is answered."""
        if event.get("type") != "join":
            return
        if event.get("replyToken"):
            await self.api.reply(event["replyToken"], text_messages([GROUP_NOTICE]))
        chat_type = source["type"]
        chat_id = source.get(f"{chat_type}Id")
        if isinstance(chat_id, str) and chat_id:
            await self.api.leave(chat_type, chat_id)
