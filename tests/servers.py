"""Start the real action server and Rasa server on free loopback ports, for end-to-end tests.

The Rasa HTTP API runs with a token (API_TOKEN, also in NHI_API_TOKEN), as in production; use
Servers.api() for its URLs. A test may stop and start either server (the fault tests).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from bot import rasa_cli

ROOT = Path(__file__).resolve().parent.parent
RASA = str(Path(sys.executable).with_name("rasa"))
API_TOKEN = secrets.token_hex(24)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def model_path() -> str:
    """NHI_MODEL (set by make), else the newest model under models/."""
    if os.environ.get("NHI_MODEL"):
        return str(ROOT / os.environ["NHI_MODEL"])
    models = sorted((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise RuntimeError("no trained model: run `make model` first")
    return str(models[-1])


def http_json(
    url: str, body: Any = None, raw: bytes | None = None, timeout: float = 60, method: str | None = None
) -> tuple[int, Any]:
    """POST JSON (or GET without a body, or `method`); returns (status, parsed JSON or text)."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            status, payload = resp.status, resp.read()
    except urllib.error.HTTPError as err:
        status, payload = err.code, err.read()
    try:
        return status, json.loads(payload)
    except ValueError:
        return status, payload.decode("utf-8", "replace")


def wait_until(check, seconds: float, what: str, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        with contextlib.suppress(Exception):
            if check():
                return
        time.sleep(0.5)
    raise RuntimeError(f"{what} did not start within {seconds} s")


def _stop(proc: subprocess.Popen | None, kill: bool = False) -> None:
    """SIGINT (a clean stop), or SIGKILL (a crash) when `kill`; SIGKILL after 20 s anyway."""
    if proc is None:
        return
    if kill:
        proc.kill()
    elif proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@dataclass
class Servers:
    """The two servers of one test setting; `cwd` is the checkout they run in."""

    rasa_url: str
    action_url: str | None
    rasa_log: Path
    action_log: Path | None
    workdir: Path
    cwd: Path = ROOT
    env: dict[str, str] = field(default_factory=dict)
    rasa_args: list[str] = field(default_factory=list)
    light: bool = True  # start Rasa as bot.rasa_cli (without jax) when the checkout has it; else plain `rasa`
    rasa_proc: subprocess.Popen | None = None
    action_proc: subprocess.Popen | None = None

    @property
    def rasa_pid(self) -> int:
        return self.rasa_proc.pid if self.rasa_proc else 0

    @property
    def action_pid(self) -> int | None:
        return self.action_proc.pid if self.action_proc else None

    def api(self, path: str) -> str:
        """A URL of the Rasa HTTP API, with the token."""
        return f"{self.rasa_url}{path}{'&' if '?' in path else '?'}token={API_TOKEN}"

    def say(self, sender: str, message: Any) -> list[dict[str, Any]]:
        status, replies = http_json(f"{self.rasa_url}/webhooks/rest/webhook", {"sender": sender, "message": message})
        assert status == 200, (status, replies)
        return replies

    def logs(self) -> str:
        paths = [self.rasa_log] + ([self.action_log] if self.action_log else [])
        return "".join(p.read_text(encoding="utf-8", errors="replace") for p in paths if p.exists())

    def _launch(self, command: list[str], args: list[str], log: Path) -> subprocess.Popen:
        return subprocess.Popen(
            [*command, "run", *args], cwd=self.cwd, env=self.env, stdout=log.open("a"), stderr=subprocess.STDOUT
        )

    def start_actions(self, wait: bool = True) -> None:
        assert self.action_url and self.action_log
        port = self.action_url.rsplit(":", 1)[1]
        self.action_proc = self._launch([RASA], ["actions", "--actions", "actions", "--port", port], self.action_log)
        if wait:
            self.wait_for_actions()

    def wait_for_actions(self) -> None:
        ready = lambda: http_json(f"{self.action_url}/health", timeout=2)[0] == 200  # noqa: E731
        wait_until(ready, 120, "action server", self.action_proc)

    def stop_actions(self, kill: bool = False) -> None:
        """Stop the action server: SIGKILL (a crash) when `kill`, else SIGINT."""
        _stop(self.action_proc, kill)
        self.action_proc = None

    def start_rasa(self) -> None:
        light = self.light and (self.cwd / "bot" / "rasa_cli.py").exists()  # a baseline may predate it
        self.rasa_proc = self._launch(rasa_cli.COMMAND if light else [RASA], self.rasa_args, self.rasa_log)
        # Channels answer only once the model is loaded (Rasa loads it before it listens).
        ready = lambda: http_json(f"{self.rasa_url}/webhooks/rest/", timeout=2)[0] == 200  # noqa: E731
        wait_until(ready, 240, "Rasa server", self.rasa_proc)

    def stop_rasa(self, kill: bool = False) -> None:
        """Stop the Rasa server: SIGKILL (a crash) when `kill`, else SIGINT."""
        _stop(self.rasa_proc, kill)
        self.rasa_proc = None

    def stop(self) -> None:
        self.stop_rasa()
        self.stop_actions()


def server_env(env: dict[str, str] | None = None, root: Path = ROOT) -> dict[str, str]:
    return {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONPATH": str(root),
        "NHI_API_TOKEN": API_TOKEN,
        **(env or {}),
    }


@contextlib.contextmanager
def running_servers(
    workdir: Path,
    env: dict[str, str] | None = None,
    with_actions: bool = True,
    credentials: dict[str, Any] | None = None,
    api: bool = True,
    root: Path = ROOT,
    model: str | None = None,
) -> Iterator[Servers]:
    """The action server (unless with_actions is False) and the Rasa server (HTTP API with the token
    unless `api` is False), stopped on exit. The conversations go to workdir/tracker.db.

    `root` and `model`: another checkout of the project and its model (the benchmark's baseline)."""
    workdir.mkdir(parents=True, exist_ok=True)
    action_port, rasa_port = free_port(), free_port()
    endpoints = yaml.safe_load((root / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{action_port}/webhook"
    endpoints["tracker_store"]["db"] = str(workdir / "tracker.db")
    (workdir / "endpoints.yml").write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    creds = yaml.safe_load((root / "credentials.yml").read_text(encoding="utf-8"))
    creds.update(credentials or {})
    (workdir / "credentials.yml").write_text(yaml.safe_dump(creds, allow_unicode=True), encoding="utf-8")
    rasa_args = ["--interface", "127.0.0.1", "--port", str(rasa_port), "--model", model or model_path()]
    rasa_args += ["--credentials", str(workdir / "credentials.yml"), "--endpoints", str(workdir / "endpoints.yml")]
    if api:
        rasa_args += ["--enable-api", "--auth-token", API_TOKEN]
    servers = Servers(
        f"http://127.0.0.1:{rasa_port}",
        f"http://127.0.0.1:{action_port}" if with_actions else None,
        workdir / "rasa_server.log",
        workdir / "action_server.log" if with_actions else None,
        workdir,
        cwd=root,
        env=server_env(env, root),
        rasa_args=rasa_args,
    )
    with _stopped_on_exit(servers):
        if with_actions:
            servers.start_actions(wait=False)  # both start at once; Rasa takes longer
        servers.start_rasa()
        if with_actions:
            servers.wait_for_actions()
        yield servers


@contextlib.contextmanager
def _stopped_on_exit(servers: Servers) -> Iterator[None]:
    try:
        yield
    finally:
        servers.stop()


@contextlib.contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """`path` cannot be written while inside, even by root (chattr +i), then as it was."""
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            import pytest

            pytest.skip("running as root on a file system without chattr +i")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(mode)


@contextlib.contextmanager
def unwritable_store(db: Path) -> Iterator[None]:
    """A SQLite store that cannot be written while inside: the file and its write-ahead log (where
    commits go in WAL mode), as on a full or read-only disk."""
    with contextlib.ExitStack() as stack:
        for path in (db, db.with_name(db.name + "-wal")):
            if path.exists():
                stack.enter_context(unwritable(path))
        yield
