"""The real Rasa server runs with the lighter set-up: no jax loaded, conversations in a SQLite WAL,
the question log's names masked in a child process without TensorFlow."""

from __future__ import annotations

from pathlib import Path

from bench.process_memory import children
from tests.servers import Servers, wait_until


def test_the_rasa_server_has_tensorflow_but_not_jax(servers: Servers) -> None:
    server = maps(servers.rasa_pid)
    assert "libtensorflow" in server
    assert "jaxlib" not in server


def test_conversations_are_written_to_a_write_ahead_log(servers: Servers) -> None:
    assert servers.say("footprint", "保険証をなくしました")
    assert (servers.workdir / "tracker.db-wal").exists()


def test_names_are_masked_in_a_child_process_without_tensorflow(servers: Servers) -> None:
    assert servers.say("footprint-log", "山田太郎です。保険証をなくしました")

    def masking_maps() -> list[str]:
        """The memory maps of the Rasa server's masking process, once it has loaded GiNZA."""
        found = [maps(pid) for pid in children(servers.rasa_pid) if b"masking_process" in cmdline(pid)]
        return [text for text in found if "sudachi" in text]

    wait_until(lambda: masking_maps(), 60, "the masking process")
    assert "libtensorflow" not in masking_maps()[0]
    assert "masking process failed" not in servers.logs()


def cmdline(pid: int) -> bytes:
    return Path(f"/proc/{pid}/cmdline").read_bytes()


def maps(pid: int) -> str:
    return Path(f"/proc/{pid}/maps").read_text(encoding="utf-8")
