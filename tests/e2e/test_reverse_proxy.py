"""nginx in front of the single-machine assistant (one upstream): the doors pass, Rasa's HTTP API
does not. The same deploy/nginx/nhi-doors.conf serves the cluster (tests/cluster)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

import pytest

from bot.channels.replies import TOO_LONG
from cluster.nginx import Nginx
from cluster.processes import free_port
from tests.e2e.test_socketio_channel import converse
from tests.servers import Servers, http_json

LOST_CARD = "マイナンバーカードをなくしてしまいました"


@pytest.fixture(scope="module")
def proxy(servers: Servers) -> Iterator[str]:
    """nginx's URL; its directory is reachable by nginx's unprivileged workers (pytest's is not)."""
    root = Path(tempfile.mkdtemp(prefix="nhi-proxy-"))
    os.chmod(root, 0o711)
    nginx = Nginx(root, free_port(), [urlparse(servers.rasa_url).port or 0])
    child = nginx.child(root / "logs" / "nginx.log").start()
    try:
        nginx.wait_ready(child)
        yield nginx.url
    finally:
        child.stop()
        shutil.rmtree(root, ignore_errors=True)


def reply_text(url: str, door: str, message: str) -> str:
    status, replies = http_json(f"{url}/webhooks/{door}/webhook", {"sender": "proxy-test", "message": message})
    assert status == 200, (status, replies)
    return "\n".join(r.get("text", "") for r in replies)


@pytest.mark.parametrize("door", ["rest", "widget"])
def test_the_chat_doors_pass(proxy: str, door: str) -> None:
    assert "0120-95-0178" in reply_text(proxy, door, LOST_CARD)


def test_an_over_long_message_passes_and_is_answered(proxy: str) -> None:
    """60 kB of text: nginx buffers it in its own temporary directory before passing it on."""
    assert TOO_LONG in reply_text(proxy, "rest", "あ" * 20000)


def test_the_widget_script_and_the_line_webhook_pass(proxy: str) -> None:
    status, script = http_json(f"{proxy}/webhooks/widget/nhi-chat.js")
    assert status == 200 and "function" in script
    status, body = http_json(f"{proxy}/webhooks/line/webhook", {"events": []})
    assert (status, body) == (401, {"error": "invalid signature"}), "the LINE channel itself answered"


def test_socketio_passes(proxy: str) -> None:
    [answer] = asyncio.run(converse(proxy, [(LOST_CARD, lambda t: any("0120-95-0178" in x for x in t))]))
    assert "0120-95-0178" in "".join(answer)


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/status"),
        ("GET", "/version"),
        ("GET", "/conversations/proxy-test/tracker"),
        ("POST", "/conversations/proxy-test/tracker/events"),
        ("POST", "/model/parse"),
        ("DELETE", "/model"),
        ("GET", "/webhooks/rest/"),
        ("GET", "/webhooks/widget/demo"),
        ("POST", "/webhooks/triage/webhook"),
        ("GET", "/webhooks/rest/webhook"),
    ],
)
def test_rasa_s_api_and_everything_else_is_refused(proxy: str, servers: Servers, method: str, path: str) -> None:
    def status_of(base: str) -> int:
        data = json.dumps({"text": LOST_CARD}).encode() if method == "POST" else None
        request = urllib.request.Request(f"{base}{path}", data=data, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as resp:
                return int(resp.status)
        except urllib.error.HTTPError as err:
            return err.code

    assert status_of(proxy) in (403, 404)
    if method == "GET":
        assert status_of(servers.rasa_url) != 404, "the path exists on the Rasa server behind nginx"
