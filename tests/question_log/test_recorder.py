"""The question log's batches in a real SQLite file with the real GiNZA: the NER runs in its own
thread while the event loop goes on, each question is written once and masked, and a rating or the
exit writes what is still in memory."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.question_log import ginza, recorder, store
from bot.question_log.ratings import Rating
from bot.question_log.recorder import QuestionLog
from bot.question_log.store import DOWN, Rated
from bot.question_log.turns import Turn

NAMED = "山田太郎です。保険証をなくしました"


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    store.ensure_tables(engine)
    return engine


def turn(question_id: str, text: str = NAMED) -> Turn:
    return Turn(question_id, 1.0, "rest", text, "lost_card", 0.9, None, None, "utter_lost_card", False, True, None)


def written(engine: Engine) -> list[tuple[str, str]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(sa.select(store.questions.c.id, store.questions.c.text))]


@pytest.fixture
def ner_threads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The threads the NER ran in."""
    seen: list[int] = []
    real = ginza.add_entities

    def spied(docs: list[Any]) -> list[Any]:
        seen.append(threading.get_ident())
        return real(docs)

    monkeypatch.setattr(ginza, "add_entities", spied)
    monkeypatch.setattr(recorder, "FLUSH_SECONDS", 0.01)
    return seen


async def until(condition: Any) -> None:
    for _ in range(2000):
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("the question log did not write")


def test_a_batch_is_masked_in_the_ner_thread_and_written_once(engine: Engine, ner_threads: list[int]) -> None:
    log = QuestionLog(engine)

    async def conversation() -> int:
        for number in range(3):
            log.record(turn(f"q{number}"))
        await until(lambda: len(written(engine)) == 3)
        log.record(turn("q3", "住民票はどこで取れますか"))  # after the first batch: the next one
        await until(lambda: len(written(engine)) == 4)
        await asyncio.sleep(0.05)
        return threading.get_ident()

    loop_thread = asyncio.run(conversation())
    rows = dict(written(engine))
    assert len(rows) == 4 and all("山田" not in text for text in rows.values())
    assert rows["q0"] == "［氏名］です。保険証をなくしました" and rows["q3"] == "住民票はどこで取れますか"
    assert ner_threads and loop_thread not in ner_threads


def test_a_rating_of_a_question_in_the_ner_thread_writes_it_first(engine: Engine, ner_threads: list[int]) -> None:
    log = QuestionLog(engine)

    async def rated() -> Rated:
        log.record(turn("q0"))
        log._start_batch()  # the NER thread has it now
        outcome = log.rate(Rating("q0", DOWN))
        await asyncio.sleep(0.1)  # the batch's own write comes to nothing
        return outcome

    assert asyncio.run(rated()) is Rated.SAVED
    assert written(engine) == [("q0", "［氏名］です。保険証をなくしました")]


def test_flush_at_exit_writes_what_waits_without_an_event_loop(engine: Engine, ner_threads: list[int]) -> None:
    log = QuestionLog(engine)

    async def leave_waiting() -> None:
        log.record(turn("q0"))
        log._start_batch()
        log.record(turn("q1", "鈴木一郎と申します"))

    asyncio.run(leave_waiting())
    log.flush()
    assert written(engine) == [("q0", "［氏名］です。保険証をなくしました"), ("q1", "［氏名］と申します")]
