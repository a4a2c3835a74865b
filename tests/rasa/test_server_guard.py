"""The Rasa server refuses to start open: the HTTP API without a token, or Rasa's 0.0.0.0 default."""

from __future__ import annotations

import pytest
import rasa.server
from sanic import Sanic

from bot.rasa_plugins.server_guard import OpenServerError, check, interface_given, is_loopback

TOKEN = "t" * 24


@pytest.fixture(autouse=True)
def sanic_test_mode() -> None:
    Sanic.test_mode = True  # several apps named rasa_server in one process


def app(host: str, **api: str | None) -> Sanic:
    """Rasa's own app: with the HTTP API (`api` holds auth_token / jwt_secret), or without it."""
    built = rasa.server.create_app(**api) if api else Sanic(f"no_api_{abs(hash(host))}")
    built.state.host = host  # what `rasa run --interface` sets
    return built


def test_api_needs_a_token() -> None:
    with pytest.raises(OpenServerError, match="--auth-token"):
        check(app("127.0.0.1", auth_token=None), argv=["rasa", "run", "--enable-api"])
    with pytest.raises(OpenServerError, match="at least 16"):
        check(app("127.0.0.1", auth_token="short"), argv=[])
    check(app("127.0.0.1", auth_token=TOKEN), argv=[])
    check(app("127.0.0.1", jwt_secret="secret"), argv=[])


def test_api_off_needs_nothing() -> None:
    check(app("127.0.0.1"), argv=[])


def test_every_interface_only_when_named() -> None:
    with pytest.raises(OpenServerError, match="--interface 127.0.0.1"):
        check(app("0.0.0.0", auth_token=TOKEN), argv=["rasa", "run"])
    check(app("0.0.0.0", auth_token=TOKEN), argv=["rasa", "run", "--interface", "0.0.0.0"])
    check(app("::1"), argv=[])


def test_flags_and_addresses() -> None:
    assert interface_given(["-i", "0.0.0.0"]) and interface_given(["--interface=0.0.0.0"])
    assert not interface_given(["--port", "5005"])
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("[::1]")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2") and not is_loopback(None)
