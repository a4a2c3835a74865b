"""A private PostgreSQL instance for the conversations: its own data directory, TCP on 127.0.0.1
only (no Unix socket), password authentication. initdb refuses to run as root, so as root both
initdb and the server run as the `postgres` user that Debian's package creates."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cluster.processes import Child, port_open, run_as, wait_until

OWNER = "postgres"  # used only when running as root
USER = "nhi"
DATABASE = "conversations"


def bin_dir() -> Path:
    """The newest PostgreSQL installed from Debian (/usr/lib/postgresql/<major>/bin)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if not found:
        raise RuntimeError("PostgreSQL is not installed: run scripts/setup_cluster.sh")
    return found[-1].parent


def _give_to_owner(path: Path) -> None:
    if os.geteuid() == 0:
        shutil.chown(path, OWNER, OWNER)


@dataclass
class Postgres:
    root: Path
    port: int
    password: str

    @property
    def data(self) -> Path:
        return self.root / "postgres"

    @property
    def url(self) -> str:
        return f"postgresql://{USER}:{self.password}@127.0.0.1:{self.port}/{DATABASE}"

    def initialise(self) -> None:
        """initdb once (the data directory is kept between runs), with the password from `password`."""
        if (self.data / "PG_VERSION").exists():
            return
        self.data.mkdir(parents=True, mode=0o700, exist_ok=True)
        _give_to_owner(self.data)
        with tempfile.NamedTemporaryFile("w", dir=self.root, delete=False) as pwfile:  # initdb wants data empty
            pwfile.write(self.password + "\n")
        _give_to_owner(Path(pwfile.name))
        try:
            done = subprocess.run(
                [
                    str(bin_dir() / "initdb"),
                    "--pgdata",
                    str(self.data),
                    "--username",
                    USER,
                    "--pwfile",
                    pwfile.name,
                    "--auth-host",
                    "scram-sha-256",
                    "--auth-local",
                    "scram-sha-256",
                    "--encoding",
                    "UTF8",
                    "--no-locale",
                ],
                capture_output=True,
                text=True,
                user=run_as(OWNER),
                group=run_as(OWNER),
            )
        finally:
            os.unlink(pwfile.name)
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{done.stdout}{done.stderr}")

    def child(self, log: Path) -> Child:
        return Child(
            "postgres",
            [
                str(bin_dir() / "postgres"),
                "-D",
                str(self.data),
                "-p",
                str(self.port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "unix_socket_directories=",
                "-c",
                "max_connections=200",
            ],
            log,
            user=OWNER,
            stop_signal=signal.SIGINT,  # fast shutdown: open transactions are rolled back
        )

    def wait_ready(self, child: Child, seconds: float = 60) -> None:
        wait_until(lambda: port_open(self.port) and self._connect_ok(), seconds, "PostgreSQL", child)

    def _connect_ok(self) -> bool:
        import psycopg2

        psycopg2.connect(self._dsn("postgres")).close()
        return True

    def _dsn(self, database: str) -> str:
        return f"host=127.0.0.1 port={self.port} user={USER} password={self.password} dbname={database}"

    def create_database(self) -> None:
        """The conversations database, unless it exists."""
        import psycopg2

        conn = psycopg2.connect(self._dsn("postgres"))
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,))
                if cur.fetchone() is None:
                    cur.execute(f"CREATE DATABASE {DATABASE}")
        finally:
            conn.close()

    def has_table(self, name: str) -> bool:
        import psycopg2

        conn = psycopg2.connect(self._dsn(DATABASE))
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT to_regclass(%s)", (name,))
                row = cur.fetchone()
                return row is not None and row[0] is not None
        finally:
            conn.close()
