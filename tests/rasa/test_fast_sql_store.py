"""The fast store's mixins (bot.rasa_plugins.fast_sql_store, used by our conversation store) read and
write exactly the rows Rasa's own SQLTrackerStore does."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Callable, List

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_plugins.fast_sql_store import PreparedEventQueries, SQLiteTuning
from tests.servers import ROOT


class FastSQLTrackerStore(PreparedEventQueries, SQLiteTuning, SQLTrackerStore):
    """Rasa's SQL store with both mixins and nothing else (PrivateSQLTrackerStore adds redaction)."""


DOMAIN = Domain.load(str(ROOT / "domain.yml"))
GREET = {"name": "greet", "confidence": 0.9}


def first_session(t: float) -> List[Event]:
    return [
        ActionExecuted("action_session_start", timestamp=t),
        SessionStarted(timestamp=t + 1),
        ActionExecuted("action_listen", timestamp=t + 2),
        UserUttered("こんにちは", GREET, timestamp=t + 3),
        BotUttered("こんにちは。ご用件をどうぞ。", timestamp=t + 4),
    ]


def form_turn(t: float) -> List[Event]:
    return [
        ActionExecuted("action_listen", timestamp=t),
        UserUttered("昭和32年3月1日", {"name": "inform", "confidence": 0.8}, timestamp=t + 1),
        SlotSet("birthdate", "1957-03-01", timestamp=t + 2),
        ActionExecuted("document_form", policy="RulePolicy", confidence=1.0, timestamp=t + 3),
    ]


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def rows(db: Path) -> list[tuple]:
    with sa.create_engine(f"sqlite:///{db}").connect() as connection:
        query = "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events ORDER BY id"
        return [tuple(row) for row in connection.exec_driver_sql(query)]


def conversation(store: SQLTrackerStore) -> None:
    """Three turns as Rasa's processor makes them, the last one in a new session."""

    async def turn(events: List[Event]) -> None:
        tracker = await store.get_or_create_tracker("citizen", append_action_listen=False)
        tracker.update_with_events(events, DOMAIN, override_timestamp=False)
        await store.save(tracker)

    run(turn(first_session(1000.0)))
    run(turn(form_turn(1010.0)))
    run(turn(first_session(5000.0) + form_turn(5010.0)))


def stores(tmp_path: Path) -> tuple[SQLTrackerStore, SQLTrackerStore, Path, Path]:
    rasa_db, fast_db = tmp_path / "rasa.db", tmp_path / "fast.db"
    return SQLTrackerStore(DOMAIN, db=str(rasa_db)), FastSQLTrackerStore(DOMAIN, db=str(fast_db)), rasa_db, fast_db


def event_dicts(tracker: DialogueStateTracker | None) -> list[dict[str, Any]]:
    assert tracker is not None
    return [e.as_dict() for e in tracker.events]


def test_a_conversation_writes_the_same_rows_as_rasa(tmp_path: Path) -> None:
    rasa, fast, rasa_db, fast_db = stores(tmp_path)
    conversation(rasa)
    conversation(fast)
    assert len(rows(fast_db)) == 5 + 4 + 9
    assert rows(fast_db) == rows(rasa_db)


@pytest.mark.parametrize("read", [lambda s: s.retrieve("citizen"), lambda s: s.retrieve_full_tracker("citizen")])
def test_reads_give_the_same_tracker_as_rasa(tmp_path: Path, read: Callable) -> None:
    rasa, fast, rasa_db, fast_db = stores(tmp_path)
    conversation(fast)
    on_same_db = SQLTrackerStore(DOMAIN, db=str(fast_db))
    assert event_dicts(run(read(fast))) == event_dicts(run(read(on_same_db)))
    assert run(fast.retrieve("nobody")) is None


def test_saving_twice_or_a_tracker_it_did_not_read_adds_no_duplicate(tmp_path: Path) -> None:
    rasa, fast, rasa_db, fast_db = stores(tmp_path)
    for store in (rasa, fast):
        conversation(store)
        tracker = run(store.retrieve("citizen"))
        run(store.save(tracker))
        run(store.save(tracker))
        rebuilt = DialogueStateTracker.from_dict("citizen", event_dicts(tracker), DOMAIN.slots)
        rebuilt.update(ActionExecuted("action_listen", timestamp=6000.0))
        run(store.save(rebuilt))
    assert rows(fast_db) == rows(rasa_db)
    assert len(rows(fast_db)) == 5 + 4 + 9 + 1


def test_sqlite_commits_to_a_write_ahead_log_on_pooled_connections(tmp_path: Path) -> None:
    fast = stores(tmp_path)[1]
    assert isinstance(fast.engine.pool, sa.pool.QueuePool)
    with fast.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
