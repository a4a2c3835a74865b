"""Input channel of the city website chat widget, served by the Rasa server itself.

  POST /webhooks/widget/webhook   {"sender", "message", "message_id"}: the safe REST channel, where a
                                  retried message id gets the first answer again (message_replay; in
                                  Redis when replicas share one, bot.channels.shared_state)
  GET  /webhooks/widget/nhi-chat.js   the widget (one <script> tag on a city page)
  GET  /webhooks/widget/demo          a demo city NHI page with the widget open (also /demo/mynumber)

Replies pass through as the REST channel gives them, the picker hint (bot/core/names.py) included:
the widget renders {"custom": {"nhi_input": "date"}} as a calendar.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.message_replay import MemoryReplies, MessageReplay, RedisReplies, ReplyStore, message_id
from bot.channels.safe_rest import SafeRestInput
from bot.channels.shared_state import shared_redis
from bot.channels.widget_pages import demo_asset, demo_page, widget_script
from bot.core.profiles import active_profile

NO_CACHE = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}


class WidgetInput(SafeRestInput):
    """The safe REST channel under /webhooks/widget/, plus the widget's own files."""

    @classmethod
    def name(cls) -> str:
        return "widget"

    def __init__(self) -> None:
        super().__init__()
        self._memory_replies = MemoryReplies()
        self._replay = MessageReplay(self._reply_store)
        self._app: Sanic | None = None

    def _agent(self) -> Any:
        return getattr(getattr(self._app, "ctx", None), "agent", None)

    def _reply_store(self) -> ReplyStore:
        red = shared_redis(self._agent())
        return self._memory_replies if red is None else RedisReplies(red)

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        """Only the client's message id (kept in the tracker; it holds nothing personal)."""
        try:
            body = request.json
        except Exception:  # the message route answers bad JSON itself
            return None
        metadata = {"message_id": body.get("message_id")} if isinstance(body, dict) else None
        return metadata if message_id(metadata) else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = super().blueprint(self._replay.wrap(on_new_message))

        @hook.listener("before_server_start")
        async def keep_app(app: Sanic, _: Any) -> None:
            self._app = app  # its agent tells whether replies are shared through Redis (clustered)

        @hook.route("/nhi-chat.js", methods=["GET"])
        async def script(_: Request) -> HTTPResponse:
            return response.text(
                widget_script(active_profile()), content_type="application/javascript; charset=utf-8", headers=NO_CACHE
            )

        @hook.route("/demo", methods=["GET"])
        async def demo_home(_: Request) -> HTTPResponse:
            return _page("")

        @hook.route("/demo/<name:str>", methods=["GET"])
        async def demo_other(_: Request, name: str) -> HTTPResponse:
            asset = demo_asset(name)
            if asset is not None:
                return response.text(asset[0], content_type=asset[1], headers=NO_CACHE)
            return _page(name)

        return hook


def _page(name: str) -> HTTPResponse:
    page = demo_page(name, active_profile())
    if page is None:
        return response.text("ページが見つかりません。", status=404)
    return response.html(page, headers=NO_CACHE)
