"""Start and stop the whole local cluster: PostgreSQL, Redis, the replicas, then nginx."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Protocol

from cluster.nginx import Nginx
from cluster.postgres import DATABASE, USER, Postgres
from cluster.processes import Child, free_port, wait_until
from cluster.redis_server import RedisServer
from cluster.replicas import ROOT, Replica

# A turn that holds a conversation's lock longer than this is presumed lost (its replica died):
# the next turn of that citizen waits at most this long. Rasa's default is 60 s.
LOCK_LIFETIME_SECONDS = 15
# Each replica handles one turn at a time on its event loop: a few connections are plenty.
SQL_POOL = {"SQL_POOL_SIZE": "5", "SQL_MAX_OVERFLOW": "5"}


class Service(Protocol):
    def child(self, log: Path) -> Child: ...

    def wait_ready(self, child: Child, seconds: float = ...) -> None: ...


def _secrets(root: Path) -> dict[str, str]:
    """The database and Redis passwords, made once and kept (mode 600) with the data."""
    path = root / "secrets.json"
    if path.exists():
        return dict(json.loads(path.read_text(encoding="utf-8")))
    values = {"db_password": secrets.token_hex(16), "redis_password": secrets.token_hex(16)}
    path.touch(mode=0o600)
    path.write_text(json.dumps(values), encoding="utf-8")
    return values


@dataclass
class Cluster:
    root: Path
    postgres: Postgres
    redis: RedisServer
    nginx: Nginx
    replicas: list[Replica]
    env: dict[str, str] = field(default_factory=dict)
    services: dict[str, Child] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """The public entry: nginx."""
        return self.nginx.url

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def start_service(self, name: str) -> None:
        """(Re)start "postgres", "redis" or "nginx" on its port and wait until it answers."""
        servers: dict[str, Service] = {"postgres": self.postgres, "redis": self.redis, "nginx": self.nginx}
        server = servers[name]
        child = self.services[name] = server.child(self.logs / f"{name}.log").start()
        server.wait_ready(child)

    def stop_service(self, name: str) -> None:
        self.services[name].stop()

    def replica_env(self) -> dict[str, str]:
        return {
            **os.environ,
            **self.env,
            "PYTHONPATH": str(ROOT),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "TICKET_LOCK_LIFETIME": str(LOCK_LIFETIME_SECONDS),
            **SQL_POOL,
            "NHI_DB_HOST": "127.0.0.1",
            "NHI_DB_PORT": str(self.postgres.port),
            "NHI_DB_NAME": DATABASE,
            "NHI_DB_USER": USER,
            "NHI_DB_PASSWORD": self.postgres.password,
            "NHI_REDIS_HOST": "127.0.0.1",
            "NHI_REDIS_PORT": str(self.redis.port),
            "NHI_REDIS_PASSWORD": self.redis.password,
        }

    def start_replicas(self, model: str, api_token: str | None) -> None:
        """The first replica alone until Rasa has created its tables (two would race), then the others."""
        env = self.replica_env()
        first, *others = self.replicas
        first.start(env, model, self.logs, api_token)
        wait_until(lambda: self.postgres.has_table("events"), 300, "the conversation tables", first.rasa)
        for replica in others:
            replica.start(env, model, self.logs, api_token)
        for replica in self.replicas:
            replica.wait_ready()

    def stop(self) -> None:
        """Everything, the entry first and the stores last."""
        if "nginx" in self.services:
            self.services["nginx"].stop()
        for replica in self.replicas:
            replica.stop()
        for name in ("redis", "postgres"):
            if name in self.services:
                self.services[name].stop()


@contextlib.contextmanager
def running_cluster(
    root: Path,
    replicas: int,
    model: str,
    public_port: int | None = None,
    api_token: str | None = None,
    env: dict[str, str] | None = None,
) -> Iterator[Cluster]:
    """The cluster under `root` (data kept between runs), stopped on exit, however it exits; `env`
    is added to the replicas' environment."""
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o711)  # the postgres user must reach its data directory; nothing else is listable
    keys = _secrets(root)
    members = [Replica(i + 1, free_port(), free_port()) for i in range(replicas)]
    cluster = Cluster(
        root,
        Postgres(root, free_port(), keys["db_password"]),
        RedisServer(root, free_port(), keys["redis_password"]),
        Nginx(root, public_port or free_port(), [r.rasa_port for r in members]),
        members,
        dict(env or {}),
    )
    try:
        cluster.postgres.initialise()
        cluster.start_service("postgres")
        cluster.postgres.create_database()
        cluster.start_service("redis")
        cluster.start_replicas(model, api_token)
        cluster.start_service("nginx")
        yield cluster
    finally:
        cluster.stop()
