"""A fresh checkout (no var/) started the standard Rasa way, and with scripts/run.sh (make run):
conversations are kept, the API is off or needs the token, ACTION_PORT reaches the Rasa server,
and a start that would be open, or without a usable store, stops with a clear message."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from tests.e2e.test_privacy import listening_addresses
from tests.servers import RASA, ROOT, Servers, free_port, http_json, model_path, server_env, unwritable, wait_until

NOT_IN_A_CLONE = (".git", ".venv", "models", "var", "results", "__pycache__", ".*_cache", "node_modules")
ENV = {"BOT_TODAY": "2026-11-22", "BOT_MUNICIPALITY": "takasaki"}


def fresh_checkout(dest: Path) -> Path:
    """The repository's files as a fresh clone has them: no var/, no venv, no models."""
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*NOT_IN_A_CLONE), symlinks=True)
    assert not (dest / "var").exists()
    return dest


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def complete_the_form(servers: Servers, sender: str) -> None:
    assert "生年月日を教えてください" in texts(servers.say(sender, "私の資格確認書の有効期限を調べてください"))
    assert "カードの状況" in texts(servers.say(sender, "昭和32年3月1日です"))
    answer = texts(servers.say(sender, '/inform{"card_status":"no_card"}'))
    assert "資格確認書" in answer and "令和9年2月28日（2027年2月28日）" in answer


def stored_senders(db: Path) -> set[str]:
    with sqlite3.connect(db) as con:
        return {s for (s,) in con.execute("SELECT DISTINCT sender_id FROM events")}


def test_rasa_run_from_a_fresh_checkout_keeps_the_conversation(tmp_path: Path) -> None:
    repo = fresh_checkout(tmp_path / "checkout")
    action_port, rasa_port = free_port(), free_port()
    endpoints = repo / "endpoints.yml"  # as it is, but for the action server's port (5055 may be taken here)
    endpoints.write_text(endpoints.read_text(encoding="utf-8").replace(":5055/", f":{action_port}/"), encoding="utf-8")
    servers = Servers(
        f"http://127.0.0.1:{rasa_port}",
        f"http://127.0.0.1:{action_port}",
        tmp_path / "rasa.log",
        tmp_path / "actions.log",
        tmp_path,
        cwd=repo,
        env=server_env({**ENV, "PYTHONPATH": str(repo)}),
        rasa_args=["--interface", "127.0.0.1", "--port", str(rasa_port), "--model", model_path()],
        light=False,  # plain `rasa run`
    )
    try:
        servers.start_actions(wait=False)  # `rasa run actions`: no SANIC_HOST
        servers.start_rasa()  # `rasa run`: endpoints.yml and credentials.yml of the checkout
        servers.wait_for_actions()
        complete_the_form(servers, "fresh-1")
        db = repo / "var" / "tracker.db"
        assert stored_senders(db) == {"fresh-1"}
        assert stat.S_IMODE(db.stat().st_mode) == 0o600 and stat.S_IMODE(db.parent.stat().st_mode) == 0o700
        assert http_json(servers.api("/status"))[0] == 404  # no --enable-api: no HTTP API at all
        assert listening_addresses(action_port) == {"127.0.0.1"} and listening_addresses(rasa_port) == {"127.0.0.1"}
    finally:
        servers.stop()


def test_run_sh_with_other_ports_and_the_api_token(tmp_path: Path) -> None:
    repo = fresh_checkout(tmp_path / "checkout")
    (repo / ".venv").symlink_to(Path(sys.executable).parent.parent)
    (repo / "models").symlink_to(Path(model_path()).parent)
    action_port, rasa_port = free_port(), free_port()
    env = server_env({**ENV, "PYTHONPATH": str(repo), "ACTION_PORT": str(action_port), "RASA_PORT": str(rasa_port)})
    log = (tmp_path / "run.log").open("w")
    run = subprocess.Popen(["scripts/run.sh"], cwd=repo, env=env, stdout=log, stderr=subprocess.STDOUT)
    servers = Servers(f"http://127.0.0.1:{rasa_port}", None, tmp_path / "run.log", None, tmp_path)
    try:
        wait_until(lambda: "The assistant is running" in servers.logs(), 300, "scripts/run.sh", run)
        complete_the_form(servers, "run-sh-1")  # the form needs the action server on ACTION_PORT
        assert stored_senders(repo / "var" / "tracker.db") == {"run-sh-1"}
        assert http_json(f"{servers.rasa_url}/status")[0] == 401
        assert http_json(servers.api("/status"))[0] == 200
    finally:
        run.send_signal(signal.SIGTERM)  # run.sh stops both servers
        run.wait(timeout=60)
    assert "Stopping the assistant" in servers.logs()


def start_refused(repo: Path, args: list[str]) -> str:
    """Run `rasa run args` in the checkout; it must stop by itself: its output."""
    env = server_env({**ENV, "PYTHONPATH": str(repo)})
    env.pop("NHI_API_TOKEN")
    result = subprocess.run(
        [RASA, "run", "--port", str(free_port()), "--model", model_path(), *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,  # a refusal comes before the model is loaded
    )
    assert result.returncode != 0
    return result.stdout + result.stderr


def test_an_open_start_is_refused(tmp_path: Path) -> None:
    repo = fresh_checkout(tmp_path / "checkout")
    output = start_refused(repo, ["--enable-api"])
    assert "Refusing to start" in output and '--auth-token "$NHI_API_TOKEN"' in output
    assert "--interface 127.0.0.1" in output
    output = start_refused(repo, ["--enable-api", "--auth-token", "", "--interface", "127.0.0.1"])
    assert "at least 16 characters" in output


def test_a_store_that_cannot_be_used_stops_the_start(tmp_path: Path) -> None:
    repo = fresh_checkout(tmp_path / "checkout")
    (repo / "var").mkdir()
    (repo / "var" / "blocked").write_text("a file where the store's folder should be")
    endpoints = repo / "endpoints.yml"
    endpoints.write_text(endpoints.read_text(encoding="utf-8").replace("var/tracker.db", "var/blocked/tracker.db"))
    output = start_refused(repo, ["--interface", "127.0.0.1"])
    assert "Cannot open the conversation store var/blocked/tracker.db" in output

    endpoints.write_text(endpoints.read_text(encoding="utf-8").replace("var/blocked/tracker.db", "var/tracker.db"))
    (repo / "var" / "tracker.db").touch()
    with unwritable(repo / "var" / "tracker.db"):
        output = start_refused(repo, ["--interface", "127.0.0.1"])
    assert "Cannot open the conversation store var/tracker.db" in output
