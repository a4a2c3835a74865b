"""Retention: delete stored conversations older than the retention period (docs/privacy.md).

    python -m bot.retention [--days 30] [--endpoints endpoints.yml]

Run it daily (cron or a systemd timer, docs/privacy.md). It reads the conversation store from
endpoints.yml, as the Rasa server does, and
- deletes every row older than the period (default 30 days, or NHI_RETENTION_DAYS) from each
  table in TABLES: Rasa's conversation events, and any table another part of the assistant keeps
  in the same database (add it to TABLES, with the column holding its time in epoch seconds);
- erases the birthdate of document forms left open for longer than a conversation session
  (60 minutes, domain.yml session_expiration_time): a citizen who comes back later starts anew.
Exit status: 0 done, 2 when it could not run (the message says why).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from typing import Sequence

import sqlalchemy as sa
from rasa.utils.endpoints import read_endpoint_config

from bot.core.birthdate_redaction import BIRTHDATE_SLOT, redact_birthdates
from bot.question_log.store import questions, ratings
from bot.rasa_plugins.tracker_store import PrivateSQLTrackerStore, StoreError

DEFAULT_DAYS = 30
DAYS_ENV = "NHI_RETENTION_DAYS"
IDLE_MINUTES = 60  # domain.yml session_config.session_expiration_time
EXIT_OK, EXIT_CANNOT_RUN = 0, 2


@dataclass(frozen=True)
class RetainedTable:
    """A table whose rows are deleted after the retention period; `time_column` holds epoch seconds."""

    name: str
    time_column: str


TABLES: list[RetainedTable] = [
    RetainedTable("events", "timestamp"),
    RetainedTable(questions.name, "asked_at"),  # the question log (bot.question_log.store)
    RetainedTable(ratings.name, "rated_at"),
]


def delete_older_than(engine: sa.engine.Engine, cutoff: float, tables: Sequence[RetainedTable] = ()) -> dict[str, int]:
    """Delete the rows older than `cutoff` (epoch seconds) from each table (TABLES by default)
    that exists; the number of rows deleted, by table."""
    present = set(sa.inspect(engine).get_table_names())
    deleted: dict[str, int] = {}
    with engine.begin() as connection:
        for table in tables or TABLES:
            if table.name in present:
                rows = sa.table(table.name, sa.column(table.time_column))
                result = connection.execute(sa.delete(rows).where(rows.c[table.time_column] < cutoff))
                deleted[table.name] = result.rowcount
    return deleted


def redact_idle_forms(store: PrivateSQLTrackerStore, idle_before: float) -> int:
    """Erase the birthdate from conversations that keep one and were idle since `idle_before`;
    the number of conversations changed."""
    event = store.SQLEvent
    changed = 0
    with store.session_scope() as session:
        holding = session.query(event.sender_id).filter(
            event.type_name == "slot", event.action_name == BIRTHDATE_SLOT, ~event.data.contains('"value": null')
        )
        for (sender,) in holding.distinct().all():
            rows = session.query(event).filter(event.sender_id == sender).order_by(event.id).all()
            if not rows or max(r.timestamp or 0 for r in rows) >= idle_before:
                continue
            before = [json.loads(r.data) for r in rows]
            after = redact_birthdates(before, keep_open_form=False)
            for row, old, new in zip(rows, before, after, strict=True):
                if old != new:
                    row.data = json.dumps(new)
            changed += 1
        session.commit()
    return changed


def open_store(endpoints: str) -> PrivateSQLTrackerStore:
    """The conversation store configured in `endpoints` (a SQL store: ours or Rasa's)."""
    config = read_endpoint_config(endpoints, "tracker_store")
    kind = (config.type or "").lower() if config else ""
    if not (kind == "sql" or kind.endswith("privatesqltrackerstore")):
        raise StoreError(f"{endpoints}: retention needs a SQL tracker_store, found {kind or 'none'}")
    assert config is not None
    return PrivateSQLTrackerStore(host=config.url, **config.kwargs)


def _days(value: str | None) -> int:
    days = int(value) if value not in (None, "") else DEFAULT_DAYS
    if days < 1:
        raise ValueError(days)
    return days


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot.retention", description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", help=f"retention period in days (default ${DAYS_ENV}, else {DEFAULT_DAYS})")
    parser.add_argument("--endpoints", default="endpoints.yml", help="Rasa endpoints file (default endpoints.yml)")
    return parser


def main(argv: Sequence[str] | None = None, now: float | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        days = _days(args.days if args.days is not None else os.environ.get(DAYS_ENV))
    except ValueError:
        print(f"error: the retention period must be a whole number of days, at least 1 ({DAYS_ENV})", file=sys.stderr)
        return EXIT_CANNOT_RUN
    now = time.time() if now is None else now
    try:
        store = open_store(args.endpoints)
        deleted = delete_older_than(store.engine, now - days * 86400)
        redacted = redact_idle_forms(store, now - IDLE_MINUTES * 60)
    except (StoreError, OSError, sa.exc.SQLAlchemyError) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    counts = ", ".join(f"{n} from {table}" for table, n in deleted.items()) or "none"
    print(f"retention {days} days: rows deleted: {counts}; birthdates erased from {redacted} idle conversation(s)")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
