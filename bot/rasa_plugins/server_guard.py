"""Closed by default: the Rasa server refuses to start open to others (docs/deployment.md).

Checked when the server starts (a listener every channel of ours registers):
- Rasa's HTTP API (--enable-api) reads and rewrites every conversation and can unload the model,
  so it runs only with a token (--auth-token "$NHI_API_TOKEN", at least 16 characters) or JWT
  (--jwt-secret). Without --enable-api it is off.
- `rasa run` listens on every interface (0.0.0.0) unless told otherwise; the server refuses that
  default and listens beyond 127.0.0.1 only with an explicit --interface.
"""

from __future__ import annotations

import ipaddress
import logging
import sys
from typing import Any, Sequence

from rasa.shared.exceptions import RasaException
from sanic import Sanic

logger = logging.getLogger(__name__)

TOKEN_ENV = "NHI_API_TOKEN"
MIN_TOKEN_CHARS = 16
_API_ROUTE = "model"  # PUT/DELETE /model exists only with --enable-api
_INTERFACE_FLAGS = ("-i", "--interface")


class OpenServerError(RasaException):
    """The server would be open to others; the message says how to start it closed."""


def _api_token(app: Sanic) -> tuple[bool, str | None]:
    """(whether the HTTP API is on, the token its routes check)."""
    for route in app.router.routes:
        if route.path.strip("/") == _API_ROUTE:
            handler = route.handler
            names = handler.__code__.co_freevars
            cells = dict(zip(names, handler.__closure__ or (), strict=True))
            return True, cells["token"].cell_contents if "token" in cells else None
    return False, None


def interface_given(argv: Sequence[str]) -> bool:
    """Whether the command line names the interface (`rasa run --interface ...`)."""
    return any(arg in _INTERFACE_FLAGS or arg.startswith("--interface=") for arg in argv)


def is_loopback(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(str(host or "").strip("[]")).is_loopback
    except ValueError:
        return False


def problems(api_on: bool, token: str | None, jwt: bool, host: str | None, interface_explicit: bool) -> list[str]:
    """What makes the server open, each with what to do instead."""
    found = []
    if api_on and not jwt and (token is None or len(token) < MIN_TOKEN_CHARS):
        found.append(
            "The Rasa HTTP API (--enable-api) would answer without a token of at least "
            f'{MIN_TOKEN_CHARS} characters. Start with --enable-api --auth-token "${TOKEN_ENV}" '
            f"(e.g. {TOKEN_ENV}=$(openssl rand -hex 24)) or --jwt-secret, or leave --enable-api out."
        )
    if not is_loopback(host) and not interface_explicit:
        found.append(
            f"Rasa would listen on every interface ({host}) by default. Start with --interface 127.0.0.1 "
            "(a reverse proxy in front, docs/deployment.md), or name the interface explicitly."
        )
    return found


def check(app: Sanic, argv: Sequence[str] | None = None) -> None:
    """Raise OpenServerError when the server would be open; log when it listens beyond this machine."""
    api_on, token = _api_token(app)
    host = getattr(app.state, "host", None)
    explicit = interface_given(sys.argv if argv is None else argv)
    found = problems(api_on, token, bool(app.config.get("USE_JWT")), host, explicit)
    if found:
        raise OpenServerError("Refusing to start: " + " ".join(found))
    if not is_loopback(host):
        logger.warning("listening on %s (beyond this machine), as configured with --interface", host)


async def check_on_start(app: Sanic, _: Any) -> None:
    """Sanic listener form of `check` (before_server_start)."""
    check(app)
