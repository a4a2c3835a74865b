"""A cheaper tracker store: Rasa's SQLTrackerStore, same table and rows, less work per turn.

Each turn, Rasa's SQL store reads the conversation, counts the rows it already holds, then writes
the new events, all through SQLAlchemy ORM queries that are rebuilt every time; on SQLite each
commit also waits for the disk twice. Together that was about a third of the Rasa server's time
per turn (docs/benchmarks.md). Two mixins, usable with any subclass of SQLTrackerStore (our
conversation store, bot.rasa_plugins.tracker_store.PrivateSQLTrackerStore, has both):

- `PreparedEventQueries`: the same reads and writes as Rasa's, as SQL statements built once and run
  on a plain connection (no ORM session), plus the rewrite of stored events whose stored form
  changed (`stored_form`: the private store redacts birthdates once answered); the count of rows
  already stored is skipped for a tracker this store has read or saved (Rasa's lock store keeps
  others from writing to that conversation in between). Each save is noted for the turn's question
  log (bot.rasa_plugins.saved_conversation), which then needs no second read.
- `SQLiteTuning`: on SQLite only, a write-ahead log with `synchronous=NORMAL` (a commit no longer
  waits for the disk; the database stays consistent, and a power cut, not a crash of the server,
  may lose the last turns), on pooled connections (SQLAlchemy 1.4 opens one per query on SQLite,
  and closing the last one also checkpoints and deletes the log).

tests/rasa/test_fast_sql_store.py checks that the rows read and written are Rasa's own.
"""

from __future__ import annotations

import itertools
import json
from typing import Any, Dict, List

import sqlalchemy as sa
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import event
from sqlalchemy.orm import sessionmaker

from bot.rasa_plugins.saved_conversation import note_saved

PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL")
STORED = "_stored_events"  # tracker attribute: how many of its events the database holds


def _set_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def tuned_sqlite_engine(url: Any) -> sa.engine.Engine:
    """An engine for the SQLite database at `url`, with pooled connections that get PRAGMAS."""
    engine = sa.create_engine(url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _set_pragmas)
    return engine


class SQLiteTuning:
    """Mixin for SQLTrackerStore: on SQLite, its engine is replaced by `tuned_sqlite_engine`."""

    engine: Any
    sessionmaker: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            self.engine = tuned_sqlite_engine(url)
            self.sessionmaker = sessionmaker(bind=self.engine)


def _event_statements(table: sa.Table) -> Dict[str, Any]:
    """Rasa's SQLTrackerStore._event_query (latest session, or all) and its count, as plain SQL."""
    name = table.name
    latest = (
        f"FROM {name} e, (SELECT max(timestamp) AS session_start FROM {name}"
        " WHERE sender_id = :sender_id AND type_name = :session_started) s"
        " WHERE e.sender_id = :sender_id AND (e.timestamp >= s.session_start OR s.session_start IS NULL)"
    )
    return {
        "latest": sa.text(f"SELECT e.data {latest} ORDER BY e.id"),
        "all": sa.text(f"SELECT data FROM {name} WHERE sender_id = :sender_id ORDER BY id"),
        "count": sa.text(f"SELECT count(*) {latest}"),
        "ids": sa.text(f"SELECT e.id {latest} ORDER BY e.id"),
        "update": sa.text(f"UPDATE {name} SET data = :data WHERE id = :row_id"),
        "insert": table.insert(),
    }


class PreparedEventQueries:
    """Mixin for SQLTrackerStore: its reads and writes as statements built once."""

    SQLEvent: Any
    domain: Any
    engine: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._statements = _event_statements(self.SQLEvent.__table__)
        with self.session_scope():  # type: ignore[attr-defined]
            pass  # Rasa's check that the PostgreSQL schema exists: once here, not on every query

    def _params(self, sender_id: str) -> Dict[str, str]:
        return {"sender_id": sender_id, "session_started": SessionStarted.type_name}

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        statement = self._statements["all" if fetch_events_from_all_sessions else "latest"]
        with self.engine.connect() as connection:
            rows = connection.execute(statement, self._params(sender_id)).scalars().all()
        if not (self.domain and rows):
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, [json.loads(data) for data in rows], self.domain.slots)
        if not fetch_events_from_all_sessions:
            setattr(tracker, STORED, len(rows))
        return tracker

    def _stored_count(self, connection: Any, tracker: DialogueStateTracker) -> int:
        """How many of the tracker's events the database holds (known for a tracker read or saved here)."""
        stored = getattr(tracker, STORED, None)
        if stored is None:
            stored = connection.execute(self._statements["count"], self._params(tracker.sender_id)).scalar()
        return int(stored)

    @staticmethod
    def stored_form(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """The events as they are to be stored (a subclass may redact them); Rasa's: as they are."""
        return events

    @staticmethod
    def event_row(sender_id: str, event: Event, data: Dict[str, Any]) -> Dict[str, Any]:
        """One row of the events table, as Rasa's SQLTrackerStore.save writes it (`data`: the
        event's dict as stored)."""
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": (data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Insert the new events; rewrite the stored ones whose stored form has changed since."""
        await self.stream_events(tracker)  # type: ignore[attr-defined]
        events = [e.as_dict() for e in tracker.events]
        kept = self.stored_form(events)
        params = self._params(tracker.sender_id)
        with self.engine.begin() as connection:
            stored = self._stored_count(connection, tracker)
            changed = [i for i in range(min(stored, len(events))) if kept[i] != events[i]]
            if changed:
                ids = connection.execute(self._statements["ids"], params).scalars().all()
                update = [{"row_id": ids[i], "data": json.dumps(kept[i])} for i in changed]
                connection.execute(self._statements["update"], update)
            new = zip(itertools.islice(tracker.events, stored, None), kept[stored:], strict=True)
            rows = [self.event_row(tracker.sender_id, event, data) for event, data in new]
            if rows:
                connection.execute(self._statements["insert"], rows)
        setattr(tracker, STORED, len(tracker.events))
        note_saved(tracker.sender_id, kept)
