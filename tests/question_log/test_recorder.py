"""The question log's batches in a real SQLite file, masked by the real masking process: the turns go
on meanwhile, each question is written once and masked, the server masks a batch itself when the
process fails, and a rating or the exit writes what is still in memory."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.question_log import recorder, store
from bot.question_log.masking_process import REPLY_SECONDS
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
def masked_here(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The batches the server masked itself (when the masking process failed)."""
    seen: list[list[str]] = []
    real = recorder.mask_all

    def spied(texts: list[str]) -> list[str]:
        seen.append(list(texts))
        return real(texts)

    monkeypatch.setattr(recorder, "mask_all", spied)
    monkeypatch.setattr(recorder, "FLUSH_SECONDS", 0.01)
    return seen


async def until(condition: Any) -> None:
    for _ in range(6000):  # 30 s: a new masking process loads GiNZA first
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("the question log did not write")


def test_batches_are_masked_by_the_masking_process_and_written_once(
    engine: Engine, masked_here: list[list[str]]
) -> None:
    log = QuestionLog(engine)

    async def conversation() -> None:
        for number in range(3):
            log.record(turn(f"q{number}"))
        await until(lambda: len(written(engine)) == 3)
        log.record(turn("q3", "住民票はどこで取れますか"))  # after the first batch: the next one
        await until(lambda: len(written(engine)) == 4)

    asyncio.run(conversation())
    rows = dict(written(engine))
    assert len(rows) == 4 and all("山田" not in text for text in rows.values())
    assert rows["q0"] == "［氏名］です。保険証をなくしました" and rows["q3"] == "住民票はどこで取れますか"
    assert recorder.masking_process().pid not in (None, os.getpid()) and not masked_here


@pytest.fixture
def hung_child() -> Iterator[int]:
    """A running masking process, stopped (SIGSTOP) as a hung one would be; killed after the test."""
    process = recorder.masking_process()
    process.names_masked(["はじめまして"])
    pid = process.pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    yield pid
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def test_a_batch_the_masking_process_failed_is_masked_here_and_the_next_goes_to_a_new_one(
    engine: Engine, masked_here: list[list[str]], hung_child: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = QuestionLog(engine)
    process = recorder.masking_process()
    asked: list[list[str]] = []
    ask = process.names_masked

    def counted(texts: list[str], seconds: float | None = None) -> list[str] | None:
        asked.append(texts)
        return ask(texts, seconds)

    monkeypatch.setattr(process, "names_masked", counted)
    monkeypatch.setattr(process, "reply_seconds", 0.5)  # the batch waits for it no longer than it may

    async def conversation() -> None:
        log.record(turn("q0"))
        await until(lambda: len(written(engine)) == 1)
        assert len(asked) == 1  # the batch it failed is masked here, not sent again
        process.reply_seconds = REPLY_SECONDS
        log.record(turn("q1", "鈴木一郎と申します"))
        await until(lambda: len(written(engine)) == 2)

    asyncio.run(conversation())
    assert written(engine) == [("q0", "［氏名］です。保険証をなくしました"), ("q1", "［氏名］と申します")]
    assert masked_here == [[NAMED]]
    assert process.pid not in (None, hung_child)


def test_a_rating_of_a_question_being_masked_writes_it_first(engine: Engine, masked_here: list[list[str]]) -> None:
    log = QuestionLog(engine)

    async def rated() -> Rated:
        log.record(turn("q0"))
        log._start_batch()  # the masking process has it now
        outcome = log.rate(Rating("q0", DOWN))
        await asyncio.sleep(0.1)  # the batch's own write comes to nothing
        return outcome

    assert asyncio.run(rated()) is Rated.SAVED
    assert written(engine) == [("q0", "［氏名］です。保険証をなくしました")]


def test_a_rating_waits_for_a_hung_masking_process_no_longer_than_it_may(
    engine: Engine, masked_here: list[list[str]], hung_child: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = QuestionLog(engine)
    monkeypatch.setattr(recorder, "NOW_SECONDS", 0.5)

    async def rated() -> tuple[Rated, float]:
        log.record(turn("q0"))
        log._start_batch()  # the masking thread now waits for the hung child (up to 2 minutes)
        started = time.monotonic()
        outcome = log.rate(Rating("q0", DOWN, "鈴木一郎です"))
        return outcome, time.monotonic() - started

    outcome, waited = asyncio.run(rated())
    assert outcome is Rated.SAVED and waited < 30  # the NER loads here once: GiNZA, not the hung child
    assert written(engine) == [("q0", "［氏名］です。保険証をなくしました")]
    assert masked_here == [[NAMED], ["鈴木一郎です"]]


def test_flush_at_exit_writes_what_waits_without_an_event_loop(engine: Engine, masked_here: list[list[str]]) -> None:
    log = QuestionLog(engine)

    async def leave_waiting() -> None:
        log.record(turn("q0"))
        log._start_batch()
        log.record(turn("q1", "鈴木一郎と申します"))

    asyncio.run(leave_waiting())
    log.flush()
    assert written(engine) == [("q0", "［氏名］です。保険証をなくしました"), ("q1", "［氏名］と申します")]
