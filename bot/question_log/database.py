"""The conversations' database, opened from outside the Rasa server (the report, the retention
command): the tracker store of endpoints.yml, with the URL built as Rasa's SQLTrackerStore builds it."""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.utils.endpoints import read_endpoint_config
from sqlalchemy.engine import Engine

from bot.question_log.store import LogError

DEFAULT_ENDPOINTS = "endpoints.yml"
SQL_KEYS = ("dialect", "db", "username", "password", "port", "query")


def database_url(endpoints: str = DEFAULT_ENDPOINTS) -> sa.engine.URL | str:
    """The SQLAlchemy URL of the SQL tracker store in `endpoints` (LogError when there is none)."""
    if not os.path.isfile(endpoints):
        raise LogError(f"no such endpoints file: {endpoints}")
    try:
        config = read_endpoint_config(endpoints, "tracker_store")
    except Exception as exc:  # YAML errors and the like
        raise LogError(f"cannot read {endpoints}: {exc}") from exc
    kwargs = config.kwargs if config is not None else {}
    is_sql = config is not None and (str(config.type).lower() == "sql" or "dialect" in kwargs)
    if not is_sql:
        raise LogError(
            f"the tracker store in {endpoints} is not an SQL database; the question log lives in it (or give --db URL)"
        )
    settings = {key: kwargs[key] for key in SQL_KEYS if key in kwargs}
    return SQLTrackerStore.get_db_url(host=config.url, **settings)


def open_database(url: sa.engine.URL | str) -> Engine:
    """An engine for `url`; a SQLite file must exist already (opening it must not create an empty one)."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise LogError(f"not a database URL: {url}") from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database and not Path(parsed.database).is_file():
        raise LogError(f"no such database file: {parsed.database} (has the assistant run here yet?)")
    try:
        return sa.create_engine(parsed, **create_engine_kwargs(parsed))
    except (sa.exc.SQLAlchemyError, ImportError) as exc:
        raise LogError(f"cannot open the database: {exc}") from exc
