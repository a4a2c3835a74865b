"""The question log's tables, in the conversations' own database (the tracker store's: SQLite by
default, PostgreSQL when clustered), and everything that reads or writes them.

nhi_questions: one row per citizen question, text already masked; no sender id, so a row cannot be
linked back to a conversation. nhi_answer_ratings: at most one 👍/👎 per answered question, with an
optional masked comment. Both follow the conversations' retention (purge_before).
"""

from __future__ import annotations

import contextlib
import enum
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Engine

UP, DOWN = "up", "down"
RATINGS = (UP, DOWN)

metadata = sa.MetaData()
questions = sa.Table(
    "nhi_questions",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("asked_at", sa.Float, nullable=False, index=True),
    sa.Column("door", sa.String(32), nullable=False),
    sa.Column("municipality", sa.String(64), nullable=False),
    sa.Column("intent", sa.String(128)),
    sa.Column("intent_confidence", sa.Float),
    sa.Column("faq_entry", sa.String(255)),
    sa.Column("faq_confidence", sa.Float),
    sa.Column("answer", sa.String(128)),
    sa.Column("fell_back", sa.Boolean, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)
ratings = sa.Table(
    "nhi_answer_ratings",
    metadata,
    sa.Column("question_id", sa.String(64), primary_key=True),
    sa.Column("rated_at", sa.Float, nullable=False, index=True),
    sa.Column("rating", sa.String(8), nullable=False),
    sa.Column("comment", sa.Text),
)


class LogError(RuntimeError):
    """The question log cannot be read: the message says why, in words for staff."""


class Rated(enum.Enum):
    """What became of a rating."""

    SAVED = "saved"
    COMMENTED = "commented"
    ALREADY = "already"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Record:
    """One question as the report reads it: the log row with its rating."""

    id: str
    asked_at: float
    door: str
    municipality: str
    intent: str | None
    intent_confidence: float | None
    faq_entry: str | None
    faq_confidence: float | None
    answer: str | None
    fell_back: bool
    text: str
    rating: str | None = None
    comment: str | None = None


def ensure_tables(engine: Engine) -> None:
    metadata.create_all(engine, checkfirst=True)


def insert_questions(engine: Engine, rows: list[dict[str, Any]]) -> None:
    """Write question rows (the columns of `questions`) in one transaction."""
    with engine.begin() as connection:
        connection.execute(questions.insert(), rows)


def question_exists(engine: Engine, question_id: str) -> bool:
    with engine.connect() as connection:
        found = connection.execute(sa.select(questions.c.id).where(questions.c.id == question_id)).first()
    return found is not None


def rate(engine: Engine, question_id: str, rating: str, rated_at: float, comment: str | None = None) -> Rated:
    """Record the first rating of an answer, or the comment that follows a 👎 without one."""
    with engine.begin() as connection:
        if connection.execute(sa.select(questions.c.id).where(questions.c.id == question_id)).first() is None:
            return Rated.UNKNOWN
        earlier = connection.execute(
            sa.select(ratings.c.rating, ratings.c.comment).where(ratings.c.question_id == question_id)
        ).first()
        if earlier is None:
            connection.execute(
                ratings.insert().values(question_id=question_id, rated_at=rated_at, rating=rating, comment=comment)
            )
            return Rated.SAVED
        if comment and rating == DOWN == earlier.rating and not earlier.comment:
            connection.execute(ratings.update().where(ratings.c.question_id == question_id).values(comment=comment))
            return Rated.COMMENTED
        return Rated.ALREADY


def purge_before(engine: Engine, cutoff: float) -> int:
    """Delete the questions asked before `cutoff` (a UNIX time) with their ratings; how many questions.
    The conversations' retention command calls this with the same cutoff."""
    ensure_tables(engine)
    with engine.begin() as connection:
        old = sa.select(questions.c.id).where(questions.c.asked_at < cutoff)
        connection.execute(ratings.delete().where(ratings.c.question_id.in_(old)))
        connection.execute(ratings.delete().where(ratings.c.rated_at < cutoff))
        return int(connection.execute(questions.delete().where(questions.c.asked_at < cutoff)).rowcount or 0)


def _between(since: float, until: float) -> Any:
    return sa.and_(questions.c.asked_at >= since, questions.c.asked_at < until)


def count_records(engine: Engine, since: float, until: float) -> int:
    with _reading(engine) as connection:
        return int(
            connection.execute(sa.select(sa.func.count()).select_from(questions).where(_between(since, until))).scalar()
            or 0
        )


def read_records(
    engine: Engine, since: float, until: float, on_damaged: Callable[[str], None] | None = None
) -> Iterator[Record]:
    """The questions asked in [since, until), oldest first, each with its rating. A row that cannot
    be read is skipped and its id given to `on_damaged`."""
    joined = questions.outerjoin(ratings, ratings.c.question_id == questions.c.id)
    query = (
        sa.select(questions, ratings.c.rating, ratings.c.comment)
        .select_from(joined)
        .where(_between(since, until))
        .order_by(questions.c.asked_at, questions.c.id)
    )
    with _reading(engine) as connection:
        for row in connection.execution_options(stream_results=True).execute(query):
            record = _record(row._mapping)
            if record is not None:
                yield record
            elif on_damaged is not None:
                on_damaged(str(row._mapping["id"]))


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _record(row: Any) -> Record | None:
    """A Record, or None when a value has the wrong type (a damaged row)."""
    asked_at, text, door = _number(row["asked_at"]), _text(row["text"]), _text(row["door"])
    if asked_at is None or text is None or door is None or not isinstance(row["fell_back"], (bool, int)):
        return None
    return Record(
        id=str(row["id"]),
        asked_at=asked_at,
        door=door,
        municipality=_text(row["municipality"]) or "",
        intent=_text(row["intent"]),
        intent_confidence=_number(row["intent_confidence"]),
        faq_entry=_text(row["faq_entry"]),
        faq_confidence=_number(row["faq_confidence"]),
        answer=_text(row["answer"]),
        fell_back=bool(row["fell_back"]),
        text=text,
        rating=row["rating"] if row["rating"] in RATINGS else None,
        comment=_text(row["comment"]),
    )


@contextlib.contextmanager
def _reading(engine: Engine) -> Iterator[sa.engine.Connection]:
    """A connection for reading; database errors become LogError with a plain reason."""
    try:
        with engine.connect() as connection:
            if not sa.inspect(connection).has_table(questions.name):
                raise LogError(f"no question log in {describe(engine)} (table {questions.name} is missing)")
            yield connection
    except sa.exc.SQLAlchemyError as exc:
        raise LogError(f"cannot read {describe(engine)}: {_reason(exc)}") from exc


def _reason(exc: sa.exc.SQLAlchemyError) -> str:
    original = getattr(exc, "orig", None)
    return str(original or exc).splitlines()[0]


def describe(engine: Engine) -> str:
    """The database, for messages: the SQLite file, or the URL without its password."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return (
            f"the SQLite file {Path(url.database or '').resolve()}" if url.database else "an in-memory SQLite database"
        )
    return url.render_as_string(hide_password=True)
