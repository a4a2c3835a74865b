"""Faults in the middle of the document form: the action server killed, the Rasa server restarted,
the conversation store made unwritable. Every citizen gets an answer or the apology with the desk's
phone, and nothing is lost: once the fault is gone, the citizen goes on where they were."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path
from typing import Iterator

import pytest

from tests.servers import Servers, running_servers, unwritable_store

DESK_PHONE = "027-321-1235"
APOLOGY = "申し訳ありません。ただいまお答えできませんでした。"


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """Servers of their own: these tests stop and start them."""
    env = {"BOT_TODAY": "2026-11-22", "BOT_MUNICIPALITY": "takasaki"}
    with running_servers(tmp_path_factory.mktemp("faults"), env=env) as s:
        yield s


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def new_sender() -> str:
    return f"fault-{uuid.uuid4().hex[:8]}"


def apologised(replies: list[dict]) -> bool:
    """Only the apology with the desk's phone: nothing the assistant would not remember."""
    return len(replies) == 1 and APOLOGY in replies[0]["text"] and DESK_PHONE in replies[0]["text"]


def stored_events(servers: Servers, sender: str) -> list[str]:
    with sqlite3.connect(servers.workdir / "tracker.db") as db:
        return [d for (d,) in db.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,))]


def ask_for_the_document(servers: Servers, sender: str) -> None:
    assert "生年月日を教えてください" in texts(servers.say(sender, "届く書類と有効期限を調べたい"))


def finish_the_form(servers: Servers, sender: str) -> None:
    assert "カードの状況" in texts(servers.say(sender, "昭和32年3月1日"))
    answer = texts(servers.say(sender, "カードは持っていません"))
    assert "資格確認書" in answer and "令和9年2月28日（2027年2月28日）" in answer


def test_action_server_killed_mid_form(servers: Servers) -> None:
    sender, other = new_sender(), new_sender()
    ask_for_the_document(servers, sender)
    servers.stop_actions(kill=True)
    try:
        assert apologised(servers.say(sender, "昭和32年3月1日"))  # the form needs the action server
        assert "0120-95-0178" in texts(servers.say(other, "マイナ保険証をなくしました"))  # answers need none
    finally:
        servers.start_actions()
    stored = [json.dumps(json.loads(e), ensure_ascii=False) for e in stored_events(servers, sender)]
    assert stored and all("昭和32年" not in e and "1957-03-01" not in e for e in stored)
    assert "生年月日を教えてください" in texts(servers.say(sender, "はい"))  # still in the form, asked again
    finish_the_form(servers, sender)


def test_rasa_server_restarted_mid_form(servers: Servers) -> None:
    sender = new_sender()
    ask_for_the_document(servers, sender)
    assert "カードの状況" in texts(servers.say(sender, "昭和32年3月1日"))
    servers.stop_rasa(kill=True)  # a crash, not a clean stop
    servers.start_rasa()
    answer = texts(servers.say(sender, "カードは持っていません"))
    assert "資格確認書" in answer and "令和9年2月28日（2027年2月28日）" in answer


def test_store_made_unwritable_mid_form(servers: Servers) -> None:
    sender, newcomer = new_sender(), new_sender()
    ask_for_the_document(servers, sender)
    before = stored_events(servers, sender)
    with unwritable_store(Path(servers.workdir / "tracker.db")):
        assert apologised(servers.say(sender, "昭和32年3月1日"))
        assert apologised(servers.say(newcomer, "マイナ保険証をなくしました"))
        assert stored_events(servers, sender) == before
    assert "cannot save a conversation" in servers.logs()
    finish_the_form(servers, sender)  # the citizen answers again and goes on where they were
    assert "0120-95-0178" in texts(servers.say(newcomer, "マイナ保険証をなくしました"))
