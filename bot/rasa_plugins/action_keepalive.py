"""Keep-alive connections from the Rasa server to the action server.

Rasa 3.6 (`EndpointConfig.request`) opens a new aiohttp session for every custom-action call, and
with it a new TCP connection: 6% of the Rasa server's CPU time per turn, the largest cost of a form
turn after the NLU (docs/benchmarks.md). `install()` replaces `EndpointConfig.session` by one that
builds the same session (headers, basic auth, time-out) on a connection pool shared by the event
loop's sessions and not closed with them, so calls reuse open connections. `close()` closes the
pools; the webhook channels call it when the server stops (bot/channels/webhook_http.py).

tests/rasa/test_action_keepalive.py fails if a Rasa upgrade changes what this replaces.
"""

from __future__ import annotations

import asyncio

import aiohttp
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.utils.endpoints import EndpointConfig

RASA_SESSION = EndpointConfig.session  # Rasa's own method
# An idle connection is closed by us before the action server would (Sanic's keep-alive: 5 s), so a
# request never goes out on a connection the server is closing.
IDLE_SECONDS = 2.0
_POOLS: dict[asyncio.AbstractEventLoop, aiohttp.TCPConnector] = {}


def pool() -> aiohttp.TCPConnector:
    """The running event loop's shared connection pool."""
    loop = asyncio.get_running_loop()
    connector = _POOLS.get(loop)
    if connector is None or connector.closed:
        connector = _POOLS[loop] = aiohttp.TCPConnector(keepalive_timeout=IDLE_SECONDS)
    return connector


def session(self: EndpointConfig) -> aiohttp.ClientSession:
    """Rasa's EndpointConfig.session, on the shared pool."""
    auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) if self.basic_auth else None
    return aiohttp.ClientSession(
        headers=self.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        connector=pool(),
        connector_owner=False,
    )


async def close() -> None:
    """Close the running loop's pool (when the server stops)."""
    connector = _POOLS.pop(asyncio.get_running_loop(), None)
    if connector is not None:
        await connector.close()


def install() -> None:
    """Every session Rasa opens uses the shared pool (idempotent)."""
    EndpointConfig.session = session


def installed() -> bool:
    return EndpointConfig.session is session
