"""The question log's tables in a real SQLite file: records, one rating per answer, retention."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.question_log import store
from bot.question_log.store import DOWN, UP, Rated


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    store.ensure_tables(engine)
    return engine


def add(engine: Engine, question_id: str, asked_at: float, text: str = "保険証をなくした") -> None:
    store.insert_questions(
        engine,
        [
            {
                "id": question_id,
                "asked_at": asked_at,
                "door": "rest",
                "municipality": "takasaki",
                "intent": "lost_card",
                "intent_confidence": 0.9,
                "faq_entry": None,
                "faq_confidence": None,
                "answer": "utter_lost_card",
                "fell_back": False,
                "text": text,
            }
        ],
    )


def test_one_rating_per_answer_and_a_comment_after_a_down_rating(engine: Engine) -> None:
    add(engine, "a", 100.0)
    assert store.rate(engine, "a", DOWN, 101.0) is Rated.SAVED
    assert store.rate(engine, "a", UP, 102.0) is Rated.ALREADY
    assert store.rate(engine, "a", DOWN, 103.0, "分かりにくい") is Rated.COMMENTED
    assert store.rate(engine, "a", DOWN, 104.0, "もう一度") is Rated.ALREADY
    assert store.rate(engine, "missing", UP, 105.0) is Rated.UNKNOWN
    [record] = store.read_records(engine, 0, 1000)
    assert (record.rating, record.comment) == (DOWN, "分かりにくい")


def test_an_up_rating_takes_no_later_comment(engine: Engine) -> None:
    add(engine, "a", 100.0)
    assert store.rate(engine, "a", UP, 101.0) is Rated.SAVED
    assert store.rate(engine, "a", DOWN, 102.0, "やっぱり") is Rated.ALREADY


def test_records_of_a_period_oldest_first(engine: Engine) -> None:
    for question_id, asked_at in (("b", 200.0), ("a", 100.0), ("c", 300.0)):
        add(engine, question_id, asked_at)
    assert [r.id for r in store.read_records(engine, 100.0, 300.0)] == ["a", "b"]
    assert store.count_records(engine, 0, 1000) == 3


def test_purge_deletes_old_questions_with_their_ratings(engine: Engine) -> None:
    add(engine, "old", 100.0)
    add(engine, "new", 1000.0)
    store.rate(engine, "old", DOWN, 1001.0)
    store.rate(engine, "new", UP, 1002.0)
    assert store.purge_before(engine, 500.0) == 1
    with engine.connect() as connection:
        assert [r.question_id for r in connection.execute(sa.select(store.ratings))] == ["new"]
    assert [r.id for r in store.read_records(engine, 0, 2000)] == ["new"]


def test_a_damaged_row_is_skipped_and_named(engine: Engine) -> None:
    add(engine, "good", 100.0)
    add(engine, "bad", 150.0)
    with engine.begin() as connection:  # SQLite keeps whatever a damaged file holds
        connection.execute(sa.text("UPDATE nhi_questions SET text = X'ff00fe' WHERE id = 'bad'"))
    damaged: list[str] = []
    assert [r.id for r in store.read_records(engine, 0, 1000, on_damaged=damaged.append)] == ["good"]
    assert damaged == ["bad"]


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(store.LogError, match="file is not a database"):
        list(store.read_records(sa.create_engine(f"sqlite:///{broken}"), 0, 1))


def test_a_database_without_the_log_says_so(tmp_path: Path) -> None:
    with pytest.raises(store.LogError, match="nhi_questions is missing"):
        store.count_records(sa.create_engine(f"sqlite:///{tmp_path / 'empty.db'}"), 0, 1)
