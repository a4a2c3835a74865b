"""What every webhook channel shares: reading the JSON request, the 400 answer, and the blueprint
with its health check."""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.rasa_plugins import action_keepalive, heap_freeze, server_guard

MAX_SENDER_CHARS = 200
NOT_JSON = "リクエストの形式が正しくありません（JSON として読めません）。"
# Each request names its conversation: without a sender, two clients would share one.
NO_SENDER = "sender（会話ごとに決めた ID）を付けて送ってください。"


def bad_request(message_ja: str) -> HTTPResponse:
    return response.json({"error": message_ja}, status=400)


def read_request(request: Request) -> tuple[str, str] | HTTPResponse:
    """(sender, text) from the JSON body, or a 400 response saying what is wrong."""
    try:
        body = request.json
    except Exception:  # sanic raises InvalidUsage for malformed JSON
        return bad_request(NOT_JSON)
    if not isinstance(body, dict):
        return bad_request('リクエストは {"sender": ..., "message": ...} の形で送ってください。')
    sender, text = body.get("sender"), body.get("message")
    if text is not None and not isinstance(text, str):
        return bad_request("message は文字列で送ってください。")
    if sender is None or (isinstance(sender, str) and not sender.strip()):
        return bad_request(NO_SENDER)
    if isinstance(sender, bool) or not isinstance(sender, (str, int)) or len(str(sender)) > MAX_SENDER_CHARS:
        return bad_request("sender が正しくありません。")
    return str(sender), text or ""


def channel_blueprint(channel: InputChannel) -> Blueprint:
    """The blueprint of an input channel, with GET / answering {"status": "ok"} (a health check),
    that keeps the server from starting open to others (bot.rasa_plugins.server_guard), freezes the
    started server's objects out of full garbage collections (bot.rasa_plugins.heap_freeze); when the
    server stops, it closes the kept-alive connections to the action server."""
    hook = Blueprint(f"custom_webhook_{type(channel).__name__}", __name__)
    hook.listener("before_server_start")(server_guard.check_on_start)
    hook.listener("after_server_start")(heap_freeze.freeze_after_start)

    @hook.route("/", methods=["GET"])
    async def health(_: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    @hook.listener("after_server_stop")
    async def close_action_connections(app: Sanic, loop: Any) -> None:
        await action_keepalive.close()

    return hook
