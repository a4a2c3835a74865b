"""The real Rasa server runs with the lighter set-up: no jax loaded, conversations in a SQLite WAL."""

from __future__ import annotations

from pathlib import Path

from tests.servers import Servers


def test_the_rasa_server_has_tensorflow_but_not_jax(servers: Servers) -> None:
    maps = Path(f"/proc/{servers.rasa_pid}/maps").read_text(encoding="utf-8")
    assert "libtensorflow" in maps
    assert "jaxlib" not in maps


def test_conversations_are_written_to_a_write_ahead_log(servers: Servers) -> None:
    assert servers.say("footprint", "保険証をなくしました")
    assert (servers.workdir / "tracker.db-wal").exists()
