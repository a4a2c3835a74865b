"""Calls to the action server reuse their connection, with the session Rasa would have built.

Fails if a Rasa upgrade changes what bot.rasa_plugins.action_keepalive replaces.
"""

from __future__ import annotations

import asyncio
import inspect

from aiohttp import web
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_plugins import action_keepalive
from bot.rasa_plugins.action_keepalive import RASA_SESSION, session
from tests.servers import free_port


def test_rasa_still_opens_a_session_per_request_from_the_replaced_method() -> None:
    assert list(inspect.signature(RASA_SESSION).parameters) == ["self"]
    assert "async with self.session() as session:" in inspect.getsource(EndpointConfig.request)


def test_the_session_has_rasas_headers_auth_and_time_out() -> None:
    endpoint = EndpointConfig(
        "http://127.0.0.1:1/webhook", headers={"X-City": "takasaki"}, basic_auth={"username": "u", "password": "p"}
    )

    async def compare() -> None:
        theirs, ours = RASA_SESSION(endpoint), session(endpoint)
        try:
            for attribute in ("_default_headers", "_default_auth", "_timeout"):
                assert getattr(ours, attribute) == getattr(theirs, attribute), attribute
        finally:
            await theirs.close()
            await ours.close()
            await action_keepalive.close()

    asyncio.run(compare())


def client_ports(calls: int, keep_alive: bool) -> set[int]:
    """The client ports the server saw for `calls` requests made the way RemoteAction makes them."""
    seen: set[int] = set()

    async def webhook(request: web.Request) -> web.Response:
        seen.add(request.transport.get_extra_info("peername")[1])  # type: ignore[union-attr]
        return web.json_response({"events": [], "responses": []})

    async def run() -> None:
        app = web.Application()
        app.router.add_post("/webhook", webhook)
        runner = web.AppRunner(app)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        original = EndpointConfig.session
        try:
            EndpointConfig.session = session if keep_alive else RASA_SESSION  # type: ignore[method-assign]
            for _ in range(calls):
                assert await endpoint.request(json={"next_action": "x"}, method="post") == {
                    "events": [],
                    "responses": [],
                }
        finally:
            EndpointConfig.session = original  # type: ignore[method-assign]
            await action_keepalive.close()
            await runner.cleanup()

    asyncio.run(run())
    return seen


def test_calls_reuse_one_connection() -> None:
    assert len(client_ports(3, keep_alive=True)) == 1
    assert len(client_ports(3, keep_alive=False)) == 3  # Rasa's own: a connection per call
