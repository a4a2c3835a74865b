"""A private Redis for the replicas' shared short-lived state: Rasa's conversation locks, the LINE
webhook events already handled, the widget's replies kept for a retried message. Loopback only,
password required, nothing written to disk (all of it may be lost on a restart)."""

from __future__ import annotations

import signal
from dataclasses import dataclass
from pathlib import Path

from cluster.processes import Child, port_open, wait_until

REDIS_SERVER = "/usr/bin/redis-server"


@dataclass
class RedisServer:
    root: Path
    port: int
    password: str

    @property
    def config(self) -> Path:
        return self.root / "redis" / "redis.conf"

    def child(self, log: Path) -> Child:
        """The server, configured by a file only its owner can read (it holds the password)."""
        self.config.parent.mkdir(parents=True, exist_ok=True)
        self.config.touch(mode=0o600)
        self.config.write_text(
            "\n".join(
                [
                    "bind 127.0.0.1",
                    f"port {self.port}",
                    "protected-mode yes",
                    f"requirepass {self.password}",
                    'save ""',
                    "appendonly no",
                    f"dir {self.config.parent}",
                    "daemonize no",
                    'logfile ""',
                    "",
                ]
            ),
            encoding="utf-8",
        )
        return Child("redis", [REDIS_SERVER, str(self.config)], log, stop_signal=signal.SIGTERM)

    def wait_ready(self, child: Child, seconds: float = 30) -> None:
        wait_until(lambda: port_open(self.port) and self.client().ping(), seconds, "Redis", child)

    def client(self):  # type: ignore[no-untyped-def]
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, password=self.password, socket_timeout=5)
