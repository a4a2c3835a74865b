"""One replica of the assistant: a Rasa server and its own action server, both on loopback, with
the cluster's endpoints (deploy/endpoints.yml: PostgreSQL, Redis)."""

from __future__ import annotations

import json
import signal
import sys
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bot import rasa_cli
from cluster.processes import Child, wait_until

ROOT = Path(__file__).resolve().parent.parent
ENDPOINTS = ROOT / "deploy" / "endpoints.yml"
RASA = str(Path(sys.executable).with_name("rasa"))


def _get_ok(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=2) as resp:
        return resp.status == 200 and json.loads(resp.read()).get("status") == "ok"


@dataclass
class Replica:
    index: int
    rasa_port: int
    action_port: int
    children: list[Child] = field(default_factory=list)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    def start(self, env: dict[str, str], model: str, logs: Path, api_token: str | None) -> None:
        """Both servers, started; the Rasa HTTP API only with a token (NHI_API_TOKEN)."""
        api = ["--enable-api", "--auth-token", api_token] if api_token else []
        self.children = [
            Child(
                f"actions-{self.index}",
                [RASA, "run", "actions", "--actions", "actions", "--port", str(self.action_port)],
                logs / f"actions-{self.index}.log",
                env={**env, "SANIC_HOST": "127.0.0.1"},
                cwd=ROOT,
                stop_signal=signal.SIGINT,
            ).start(),
            Child(
                f"rasa-{self.index}",
                [
                    *rasa_cli.COMMAND,  # Rasa's command line without jax
                    "run",
                    "--interface",
                    "127.0.0.1",
                    "--port",
                    str(self.rasa_port),
                    "--model",
                    model,
                    "--credentials",
                    str(ROOT / "credentials.yml"),
                    "--endpoints",
                    str(ENDPOINTS),
                    *api,
                ],
                logs / f"rasa-{self.index}.log",
                env={**env, "NHI_ACTION_URL": f"{self.action_url}/webhook"},
                cwd=ROOT,
                stop_signal=signal.SIGINT,
            ).start(),
        ]

    @property
    def rasa(self) -> Child:
        return self.children[1]

    def wait_ready(self, seconds: float = 300) -> None:
        """The model is loaded (the channels answer their health check) and the actions are up."""
        wait_until(lambda: _get_ok(f"{self.rasa_url}/webhooks/rest/"), seconds, f"Rasa replica {self.index}", self.rasa)
        wait_until(
            lambda: urllib.request.urlopen(f"{self.action_url}/health", timeout=2).status == 200,
            seconds,
            f"action server {self.index}",
            self.children[0],
        )

    def stop(self) -> None:
        for child in reversed(self.children):
            child.stop()

    def kill(self) -> None:
        """kill -9 of both servers, as a crashed machine would."""
        for child in self.children:
            child.kill()
