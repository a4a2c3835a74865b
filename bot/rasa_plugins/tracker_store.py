"""The conversation store: Rasa's SQL tracker store, made private and loud (docs/privacy.md).

endpoints.yml:  tracker_store: {type: bot.rasa_plugins.tracker_store.PrivateSQLTrackerStore, ...}
with the keys of Rasa's SQL store (dialect sqlite by default, or postgresql with host, db, ...).

Differences from Rasa's SQLTrackerStore:
- SQLite: the folder of the file is created (mode 700) and the file is created mode 600 (an
  older, wider file is narrowed to 600), so `rasa run` works from a fresh checkout.
- A store that cannot be read and written stops the start with a message naming it; Rasa's own
  store logs "Could not create tables" and serves every turn from a new, empty conversation.
- At run time a failed read or write is an error for the turn (the channel apologises with the
  desk's phone). Rasa wraps every store in a FailSafeTrackerStore that would answer a failed read
  with a new conversation and keep a failed write in memory only; this store turns that off for
  itself. Errors name the problem without the SQL parameters (they hold what citizens typed).
- Each save stores the conversation as bot.core.birthdate_redaction allows: the answer to the
  birthdate question and the raw slot are never written in plain text, and the validated
  birthdate is erased, with the dates of the form's answer, once the form closed (answer, stop,
  restart, give-up).
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import Any, Iterable, Iterator

import sqlalchemy as sa
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, TrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from sanic import Sanic

from bot.core import log_privacy
from bot.core.birthdate_redaction import redact_birthdates
from bot.rasa_plugins.fast_sql_store import PreparedEventQueries, SQLiteTuning

logger = logging.getLogger(__name__)

FILE_MODE = 0o600
FOLDER_MODE = 0o700
_PROBE_SENDER = "__nhi_store_check__"


class StoreError(RasaException):
    """The conversation store cannot be used; the message says why, without any stored data."""


def _reason(error: BaseException) -> str:
    """What went wrong, without the SQL statement or its parameters."""
    text = str(getattr(error, "orig", None) or error)
    return text.splitlines()[0] if text.strip() else type(error).__name__


def sqlite_file(dialect: str, db: str, host: str | None = None) -> Path | None:
    """The SQLite file of a store configuration (None for other databases or in memory)."""
    if host or not dialect.lower().startswith("sqlite") or db in ("", ":memory:"):
        return None
    return Path(db)


def prepare_sqlite_file(path: Path) -> None:
    """Create the folder (mode 700) and the file (mode 600); narrow an existing file to 600."""
    try:
        if not path.parent.exists():
            path.parent.mkdir(mode=FOLDER_MODE, parents=True)
        fd = os.open(path, os.O_CREAT | os.O_RDWR, FILE_MODE)
        os.close(fd)
        if path.stat().st_mode & 0o777 != FILE_MODE:
            os.chmod(path, FILE_MODE)
            logger.warning("conversation store %s: permissions narrowed to 600", path)
    except OSError as err:
        raise StoreError(f"Cannot open the conversation store {path}: {err.strerror or err}") from None


def _raise(error: Exception) -> None:
    raise error


class PrivateSQLTrackerStore(PreparedEventQueries, SQLiteTuning, SQLTrackerStore):
    """SQLTrackerStore that creates its SQLite file privately, fails loudly and redacts birthdates;
    with less work per turn (bot.rasa_plugins.fast_sql_store: prepared statements, WAL on SQLite)."""

    def __init__(
        self,
        domain: Any = None,
        dialect: str = "sqlite",
        host: str | None = None,
        port: int | None = None,
        db: str = "rasa.db",
        username: str | None = None,
        password: str | None = None,
        event_broker: Any = None,
        login_db: str | None = None,
        query: dict | None = None,
        **kwargs: Any,
    ) -> None:
        log_privacy.install()
        path = sqlite_file(dialect, db, host)
        if path is not None:
            prepare_sqlite_file(path)
        self._where = str(path) if path is not None else f"{dialect} database {db!r}"
        super().__init__(domain, dialect, host, port, db, username, password, event_broker, login_db, query, **kwargs)
        # A pooled connection that a database restart closed is tested and replaced before use, so
        # the first read after a PostgreSQL restart does not fail (SQLAlchemy's pool_pre_ping).
        self.engine.pool._pre_ping = True
        self._loud = False
        self._check_read_and_write()

    def _check_read_and_write(self) -> None:
        """Read and write (rolled back) once, so that a store Rasa could not set up stops the start."""
        try:
            with self.session_scope() as session:
                session.query(self.SQLEvent.id).limit(1).all()
                session.add(self.SQLEvent(sender_id=_PROBE_SENDER, type_name="probe", data="{}"))
                session.flush()
                session.rollback()
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(
                f"Cannot use the conversation store {self._where}: {_reason(err)}. "
                "Check the path (or the database settings) in endpoints.yml and its permissions."
            ) from None

    @contextlib.contextmanager
    def _errors_named(self, doing: str) -> Iterator[None]:
        """Database errors become StoreError, without the SQL parameters; FailSafeTrackerStore is
        told to let them through."""
        self._surface_errors()
        try:
            yield
        except sa.exc.SQLAlchemyError as err:
            message = f"conversation store {self._where}: cannot {doing}: {_reason(err)}"
            logger.error(message)
            raise StoreError(message) from None

    def _surface_errors(self) -> None:
        """Make the FailSafeTrackerStore that Rasa wrapped around this store re-raise errors."""
        if self._loud:
            return
        for app in list(Sanic._app_registry.values()):  # the Rasa server's app (none in a script)
            store: Any = getattr(getattr(app.ctx, "agent", None), "tracker_store", None)
            wrappers: list[FailSafeTrackerStore] = []
            while isinstance(store, TrackerStore) and store is not self:
                if isinstance(store, FailSafeTrackerStore):
                    wrappers.append(store)
                store = getattr(store, "_tracker_store", None)
            if store is self:
                for wrapper in wrappers:
                    wrapper._on_tracker_store_error = _raise
                self._loud = True

    async def keys(self) -> Iterable[str]:
        with self._errors_named("list conversations"):
            return await super().keys()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        with self._errors_named("read a conversation"):
            return await super().retrieve(sender_id)

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        with self._errors_named("read a conversation"):
            return await super().retrieve_full_tracker(conversation_id)

    stored_form = staticmethod(redact_birthdates)  # what is written: birthdates redacted (module docstring)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the new events, and rewrite stored ones that must now be redacted."""
        with self._errors_named("save a conversation"):
            await super().save(tracker)
