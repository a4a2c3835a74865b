"""python -m bot.retention: conversations older than the period go, newer ones stay, birthdates of
forms left open are erased, and another table joins by one line."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import yaml
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActiveLoop, SlotSet, UserUttered

from bot.rasa_plugins.tracker_store import PrivateSQLTrackerStore
from bot.retention import RetainedTable, delete_older_than
from tests.servers import ROOT

DAY = 86400
DOMAIN = Domain.load(str(ROOT / "domain.yml"))


def conversation(store: PrivateSQLTrackerStore, sender: str, age_seconds: float, open_form: bool = False) -> None:
    tracker = asyncio.run(store.get_or_create_tracker(sender))
    tracker.update(UserUttered("保険証をなくしました"))
    if open_form:
        for event in (ActiveLoop("document_form"), SlotSet("requested_slot", "card_status")):
            tracker.update(event)
        tracker.update(SlotSet("birthdate", "1956-12-10"))
    asyncio.run(store.save(tracker))
    with sqlite3.connect(store_file(store)) as db:
        db.execute("UPDATE events SET timestamp = ? WHERE sender_id = ?", (time.time() - age_seconds, sender))


def store_file(store: PrivateSQLTrackerStore) -> str:
    return str(store.engine.url.database)


def endpoints_for(db: Path, tmp_path: Path) -> Path:
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["tracker_store"]["db"] = str(db)
    path = tmp_path / "endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    return path


def senders(db: Path) -> set[str]:
    return {s for (s,) in sqlite3.connect(db).execute("SELECT DISTINCT sender_id FROM events")}


def test_command_deletes_old_conversations_and_erases_idle_birthdates(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    store = PrivateSQLTrackerStore(DOMAIN, db=str(db))
    conversation(store, "old", 31 * DAY)
    conversation(store, "recent", 29 * DAY)
    conversation(store, "left-mid-form", 2 * 3600, open_form=True)
    conversation(store, "mid-form-now", 60, open_form=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NHI_RETENTION_DAYS": ""}
    args = [sys.executable, "-m", "bot.retention", "--endpoints", str(endpoints_for(db, tmp_path))]
    result = subprocess.run(args, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "idle conversation" in result.stdout
    assert senders(db) == {"recent", "left-mid-form", "mid-form-now"}
    query = "SELECT sender_id FROM events WHERE json_extract(data, '$.value') = '1956-12-10'"
    assert [s for (s,) in sqlite3.connect(db).execute(query)] == ["mid-form-now"]

    result = subprocess.run([*args, "--days", "7"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and senders(db) == {"left-mid-form", "mid-form-now"}


def test_days_must_be_a_whole_positive_number(tmp_path: Path) -> None:
    args = [sys.executable, "-m", "bot.retention", "--days", "0", "--endpoints", str(tmp_path / "none.yml")]
    result = subprocess.run(args, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    assert result.returncode == 2 and "at least 1" in result.stderr


def test_another_table_joins_the_same_retention(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    store = PrivateSQLTrackerStore(DOMAIN, db=str(db))
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE questions (intent TEXT, asked_at REAL)")
        con.executemany("INSERT INTO questions VALUES (?, ?)", [("lost_card", 0.0), ("arrears", time.time())])
    tables = [RetainedTable("events", "timestamp"), RetainedTable("questions", "asked_at")]
    deleted = delete_older_than(store.engine, time.time() - 30 * DAY, tables)
    assert deleted == {"events": 0, "questions": 1}
    assert sqlite3.connect(db).execute("SELECT intent FROM questions").fetchall() == [("arrears",)]


def test_retention_deletes_old_questions_and_ratings_too(tmp_path: Path) -> None:
    """The question log keeps no record longer than the conversations (issue 14 shares issue 11's period)."""
    import sqlalchemy as sa

    from bot.question_log.store import ensure_tables, questions, ratings
    from bot.retention import delete_older_than

    engine = sa.create_engine(f"sqlite:///{tmp_path / 'log.db'}")
    ensure_tables(engine)
    with engine.begin() as connection:
        for qid, asked_at in (("old", 100.0), ("new", 10_000.0)):
            row = {"id": qid, "asked_at": asked_at, "door": "rest", "municipality": "takasaki", "fell_back": False}
            row.update({c.name: "x" for c in questions.columns if c.name not in row and not c.nullable})
            connection.execute(sa.insert(questions).values(**row))
    deleted = delete_older_than(engine, 5_000.0)
    assert deleted[questions.name] == 1 and ratings.name in deleted
    with engine.connect() as connection:
        assert [r.id for r in connection.execute(sa.select(questions.c.id))] == ["new"]
