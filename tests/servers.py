"""Start the real action server and Rasa server on free loopback ports, for end-to-end tests."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml

ROOT = Path(__file__).resolve().parent.parent
RASA = str(Path(sys.executable).with_name("rasa"))
RASA_LIGHT = [sys.executable, "-m", "bot.rasa_cli"]  # Rasa's command line without jax (bot/rasa_cli.py)


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


def http_json(url: str, body: Any = None, raw: bytes | None = None, timeout: float = 60) -> tuple[int, Any]:
    """POST JSON (or GET without a body); returns (status, parsed JSON or text)."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
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


@dataclass
class Servers:
    rasa_url: str
    action_url: str | None
    rasa_log: Path
    action_log: Path | None
    workdir: Path
    rasa_pid: int = 0
    action_pid: int | None = None

    def say(self, sender: str, message: Any) -> list[dict[str, Any]]:
        status, replies = http_json(f"{self.rasa_url}/webhooks/rest/webhook", {"sender": sender, "message": message})
        assert status == 200, (status, replies)
        return replies

    def logs(self) -> str:
        paths = [self.rasa_log] + ([self.action_log] if self.action_log else [])
        return "".join(p.read_text(encoding="utf-8", errors="replace") for p in paths if p.exists())


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def running_servers(
    workdir: Path,
    env: dict[str, str] | None = None,
    with_actions: bool = True,
    credentials: dict[str, Any] | None = None,
    root: Path = ROOT,
    model: str | None = None,
) -> Iterator[Servers]:
    """The action server (unless with_actions is False) and the Rasa server, stopped on exit.

    `root` and `model`: another checkout of the project and its model (the benchmark's baseline)."""
    workdir.mkdir(parents=True, exist_ok=True)
    full_env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONPATH": str(root),
        **(env or {}),
    }
    action_port, rasa_port = free_port(), free_port()
    endpoints = yaml.safe_load((root / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{action_port}/webhook"
    endpoints["tracker_store"]["db"] = str(workdir / "tracker.db")
    (workdir / "endpoints.yml").write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    creds = yaml.safe_load((root / "credentials.yml").read_text(encoding="utf-8"))
    creds.update(credentials or {})
    (workdir / "credentials.yml").write_text(yaml.safe_dump(creds, allow_unicode=True), encoding="utf-8")
    procs: list[subprocess.Popen] = []
    action_log = workdir / "action_server.log" if with_actions else None
    try:
        if with_actions:
            procs.append(
                subprocess.Popen(
                    [RASA, "run", "actions", "--actions", "actions", "--port", str(action_port)],
                    cwd=root,
                    env={**full_env, "SANIC_HOST": "127.0.0.1"},
                    stdout=action_log.open("w"),
                    stderr=subprocess.STDOUT,
                )
            )
        rasa_log = workdir / "rasa_server.log"
        rasa = RASA_LIGHT if (root / "bot" / "rasa_cli.py").exists() else [RASA]  # an older checkout: plain rasa
        procs.append(
            subprocess.Popen(
                [
                    *rasa,
                    "run",
                    "--enable-api",
                    "--interface",
                    "127.0.0.1",
                    "--port",
                    str(rasa_port),
                    "--model",
                    model or model_path(),
                    "--credentials",
                    str(workdir / "credentials.yml"),
                    "--endpoints",
                    str(workdir / "endpoints.yml"),
                ],
                cwd=root,
                env=full_env,
                stdout=rasa_log.open("w"),
                stderr=subprocess.STDOUT,
            )
        )
        rasa_url = f"http://127.0.0.1:{rasa_port}"
        wait_until(lambda: http_json(f"{rasa_url}/status", timeout=2)[1]["model_file"], 240, "Rasa server", procs[-1])
        if with_actions:
            wait_until(
                lambda: http_json(f"http://127.0.0.1:{action_port}/health", timeout=2)[0] == 200,
                120,
                "action server",
                procs[0],
            )
        yield Servers(
            rasa_url,
            f"http://127.0.0.1:{action_port}" if with_actions else None,
            rasa_log,
            action_log,
            workdir,
            rasa_pid=procs[-1].pid,
            action_pid=procs[0].pid if with_actions else None,
        )
    finally:
        for proc in reversed(procs):
            _stop(proc)
