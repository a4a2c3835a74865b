"""A fake LINE platform on loopback, for the LINE channel tests.

It plays both sides of LINE: it signs and delivers webhook events to the channel, and it serves
the Messaging API calls the channel makes (reply, push, leave), recording each one. Like LINE, it
refuses requests without the access token or beyond LINE's limits (400), accepts a reply token
once, and can be told to treat a reply token as expired. It can also hold replies and pushes until
released, to show that the webhook answers before the work is done.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

# LINE's documented limits (Messaging API reference).
MAX_MESSAGES, MAX_TEXT_UNITS, MAX_ITEMS, MAX_LABEL, MAX_POSTBACK = 5, 5000, 13, 20, 300
INVALID_TOKEN = {"message": "Invalid reply token"}


@dataclass
class Call:
    """One Messaging API request the channel made."""

    kind: str  # "reply", "push" or "leave"
    path: str
    body: dict[str, Any]
    status: int = 0  # what the fake answered
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self.body.get("messages", [])

    @property
    def text(self) -> str:
        return "\n".join(m.get("text", "") for m in self.messages)

    @property
    def quick_reply_actions(self) -> list[dict[str, Any]]:
        return [item["action"] for m in self.messages for item in m.get("quickReply", {}).get("items", [])]


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def limit_errors(messages: Any) -> list[str]:
    """What in `messages` LINE would refuse."""
    if not isinstance(messages, list) or not 1 <= len(messages) <= MAX_MESSAGES:
        return [f"1 to {MAX_MESSAGES} messages expected"]
    errors = []
    for m in messages:
        if m.get("type") == "text" and not 1 <= _units(m.get("text", "")) <= MAX_TEXT_UNITS:
            errors.append("text length")
        items = m.get("quickReply", {}).get("items", [])
        if len(items) > MAX_ITEMS:
            errors.append("too many quick reply items")
        for action in (item.get("action", {}) for item in items):
            if not 1 <= len(action.get("label", "")) <= MAX_LABEL:
                errors.append(f"label {action.get('label')!r}")
            if action.get("type") == "postback" and not (
                1 <= len(action.get("data", "")) <= MAX_POSTBACK and len(action.get("displayText", "")) <= MAX_POSTBACK
            ):
                errors.append("postback data or displayText length")
            if action.get("type") == "datetimepicker" and action.get("mode") not in ("date", "time", "datetime"):
                errors.append("datetimepicker mode")
    return errors


class FakeLine:
    """The fake platform; use as a context manager. `webhook_url` must be set before `deliver`."""

    def __init__(self, channel_secret: str, access_token: str) -> None:
        self.channel_secret, self.access_token = channel_secret, access_token
        self.webhook_url = ""
        self.calls: list[Call] = []
        self._expired: set[str] = set()
        self._used: set[str] = set()
        self._changed = threading.Condition()
        self._released = threading.Event()
        self._released.set()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FakeLine:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._released.set()
        self._server.shutdown()
        self._server.server_close()

    # --- the webhook side -------------------------------------------------------------------
    def sign(self, body: bytes) -> str:
        return base64.b64encode(hmac.new(self.channel_secret.encode(), body, hashlib.sha256).digest()).decode()

    def deliver(
        self, events: list[dict[str, Any]], signature: str | None = "sign", raw: bytes | None = None
    ) -> tuple[int, str]:
        """POST a webhook like LINE; signature "sign" signs it, None leaves the header out."""
        body = raw if raw is not None else json.dumps({"destination": "Ufake", "events": events}).encode()
        request = urllib.request.Request(self.webhook_url, data=body, method="POST")
        request.add_header("Content-Type", "application/json")
        if signature is not None:
            request.add_header("X-Line-Signature", self.sign(body) if signature == "sign" else signature)
        try:
            with urllib.request.urlopen(request, timeout=60) as resp:
                return resp.status, resp.read().decode()
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode()

    # --- the Messaging API side ---------------------------------------------------------------
    def expire(self, reply_token: str) -> None:
        """Refuse this reply token as LINE does once it has expired."""
        self._expired.add(reply_token)

    def hold(self) -> None:
        """Keep reply and push requests waiting until `release`."""
        self._released.clear()

    def release(self) -> None:
        self._released.set()

    def wait_for(self, check: Callable[[list[Call]], bool], seconds: float = 120) -> list[Call]:
        """Wait until check(calls) holds; AssertionError naming the calls seen if it never does."""
        deadline = time.monotonic() + seconds
        with self._changed:
            while not check(list(self.calls)):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"LINE never got the expected calls; it got: {self.calls}")
                self._changed.wait(left)
            return list(self.calls)

    def reply_to(self, reply_token: str, seconds: float = 120) -> Call:
        """The accepted reply that used `reply_token` (waits for it)."""

        def done(calls: list[Call]) -> bool:
            return any(c.kind == "reply" and c.body.get("replyToken") == reply_token and c.status == 200 for c in calls)

        calls = self.wait_for(done, seconds)
        return next(
            c for c in calls if c.kind == "reply" and c.body.get("replyToken") == reply_token and c.status == 200
        )

    def calls_with(self, reply_token: str = "", to: str = "") -> list[Call]:
        return [
            c
            for c in self.calls
            if (reply_token and c.body.get("replyToken") == reply_token) or (to and c.body.get("to") == to)
        ]

    def refused(self) -> list[Call]:
        """Calls refused for a reason other than an expired or reused reply token."""
        return [c for c in self.calls if c.status not in (200, 0) and c.body.get("error") != INVALID_TOKEN]

    def _record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def _answer(self, call: Call) -> tuple[int, dict[str, Any]]:
        if call.headers.get("authorization") != f"Bearer {self.access_token}":
            return 401, {"message": "Authentication failed"}
        if call.kind == "leave":
            return 200, {}
        errors = limit_errors(call.body.get("messages"))
        if errors:
            return 400, {"message": "The request body has errors", "details": errors}
        if call.kind == "push":
            return (200, {}) if isinstance(call.body.get("to"), str) and call.body["to"] else (400, {"message": "to"})
        token = call.body.get("replyToken")
        if token in self._expired or token in self._used:
            return 400, INVALID_TOKEN
        self._used.add(token)
        return 200, {}

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self
        kinds = {"/v2/bot/message/reply": "reply", "/v2/bot/message/push": "push"}

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    body = json.loads(self.rfile.read(length) or b"{}")
                except ValueError:
                    body = {}
                kind = kinds.get(self.path) or ("leave" if self.path.endswith("/leave") else "")
                if not kind:
                    self.send_error(404)
                    return
                if kind != "leave":
                    fake._released.wait(300)
                call = Call(kind, self.path, body, headers={k.lower(): v for k, v in self.headers.items()})
                call.status, answer = fake._answer(call)
                if call.status != 200:
                    call.body = {**body, "error": answer}
                fake._record(call)
                payload = json.dumps(answer).encode()
                self.send_response(call.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                pass

        return Handler


def new_user() -> str:
    return "U" + uuid.uuid4().hex


def new_token() -> str:
    return uuid.uuid4().hex


def event(
    kind: str,
    user_id: str,
    reply_token: str | None = "",
    redelivery: bool = False,
    event_id: str = "",
    source: dict[str, Any] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """A webhook event as LINE sends it (reply_token "" makes a new one, None leaves it out)."""
    e = {
        "type": kind,
        "mode": "active",
        "timestamp": int(time.time() * 1000),
        "source": source or {"type": "user", "userId": user_id},
        "webhookEventId": event_id or uuid.uuid4().hex.upper(),
        "deliveryContext": {"isRedelivery": redelivery},
        **fields,
    }
    if reply_token is not None:
        e["replyToken"] = reply_token or new_token()
    return e


def text_event(user_id: str, text: str, reply_token: str = "", **kw: Any) -> dict[str, Any]:
    return event(
        "message", user_id, reply_token, message={"id": uuid.uuid4().hex[:14], "type": "text", "text": text}, **kw
    )


def postback_event(
    user_id: str, data: str, reply_token: str = "", params: dict[str, str] | None = None
) -> dict[str, Any]:
    postback: dict[str, Any] = {"data": data, **({"params": params} if params else {})}
    return event("postback", user_id, reply_token, postback=postback)
