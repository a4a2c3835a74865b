"""The question log inside the Rasa server: after each turn, the question is recorded (masked) and a
rateable answer gets the rating offer; ratings from the channels are stored.

bot.channels.guarded_turn.run_turn calls `after_turn` for every message of every channel, with the
conversation as the tracker store saved it in that turn (or it is read from the store), so it works
the same for REST, the widget, LINE and socket.io. The log lives in the tracker store's own
database; with a tracker store that is not SQL it is off (one warning). Masking and writing run in
batches after the replies; GiNZA's NER in a child process (bot.question_log.masking_process).
Nothing here ever fails a turn, and no text or sender id is logged.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rasa.core.channels.channel import UserMessage
from sanic import Sanic
from sanic.exceptions import SanicException
from sqlalchemy.engine import Engine

from bot.core.masking import mask_personal_data
from bot.core.profiles import active_profile
from bot.question_log import store
from bot.question_log.masker import mask_all
from bot.question_log.masking_process import MaskingProcess
from bot.question_log.ratings import Rating, offer
from bot.question_log.turns import Turn, read_turn

if TYPE_CHECKING:
    from rasa.core.agent import Agent

logger = logging.getLogger(__name__)
RASA_APPS = ("rasa_server", "rasa_core_no_api")  # the Sanic apps `rasa run` creates, with and without the API
FLUSH_SECONDS = 1.0
FLUSH_ROWS = 100
NOW_SECONDS = 10.0  # the longest the event loop waits for the masking process (a flush, a rating's comment)
RATED_DOORS = frozenset({"rest", "widget", "line"})  # doors that show the rating offer


def rasa_agent() -> Agent | None:
    """The agent of the Rasa server running in this process, if any."""
    for name in RASA_APPS:
        try:
            agent = getattr(Sanic.get_app(name).ctx, "agent", None)
        except SanicException:
            continue
        if agent is not None:
            return agent
    return None


def sql_engine(tracker_store: Any) -> Engine | None:
    """The SQLAlchemy engine of an SQL tracker store (through Rasa's wrappers), else None."""
    while not hasattr(tracker_store, "engine") and hasattr(tracker_store, "_tracker_store"):
        tracker_store = tracker_store._tracker_store
    engine = getattr(tracker_store, "engine", None)
    return engine if isinstance(engine, Engine) else None


@lru_cache(maxsize=1)
def masking_thread() -> ThreadPoolExecutor:
    """The one thread of this process that waits for the masking process."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="question-log-masking")


@lru_cache(maxsize=1)
def masking_process() -> MaskingProcess:
    """The child process of this server that masks the question log's names."""
    return MaskingProcess()


def masked_by_child(texts: list[str], seconds: float | None = None) -> list[str] | None:
    """Each text with personal data replaced by placeholders: dates and numbers here, names in the
    masking process (None if it failed, or gave no answer within `seconds`)."""
    return masking_process().names_masked([mask_personal_data(text) for text in texts], seconds)


def here_if_failed(texts: list[str], by_child: list[str] | None) -> list[str]:
    """`by_child`, or the texts masked here if the masking process failed. Only in the thread that
    runs the NLU pipeline, or at exit: GiNZA's tokenizer here shares its vocabulary."""
    return by_child if by_child is not None else mask_all(texts)


def masked_now(texts: list[str]) -> list[str]:
    """Each text masked, on the event loop: by the masking process if it answers within
    NOW_SECONDS (it answers in milliseconds, a new one in about 3 s), else here."""
    return here_if_failed(texts, masked_by_child(texts, NOW_SECONDS))


@dataclass
class _Batch:
    """Questions being masked."""

    turns: list[Turn]
    texts: Future[list[str] | None]


class QuestionLog:
    """Writes questions and ratings to the log tables; one per Rasa server process.

    Questions wait in memory for at most FLUSH_SECONDS (or FLUSH_ROWS questions), then are masked
    in one batch (GiNZA's NER takes about half the time per text in a batch) and written in one
    transaction (one disk sync for many). A thread of its own waits for the masking process, so
    that the turns go on meanwhile; writing stays on the event loop, like the tracker store's own
    writes, so that neither waits for the other's lock. One batch at a time: the questions that
    arrive meanwhile wait for the next."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._ready = False
        self._unwritten: list[Turn] = []
        self._batch: _Batch | None = None
        self._timer: asyncio.TimerHandle | None = None
        atexit.register(self.flush)

    def _tables(self) -> None:
        if not self._ready:
            store.ensure_tables(self.engine)
            self._ready = True

    def record(self, turn: Turn) -> None:
        """Keep `turn`'s question for the next batch."""
        self._unwritten.append(turn)
        if len(self._unwritten) >= FLUSH_ROWS:
            self._start_batch()
        else:
            self._wait_for_more()

    def _wait_for_more(self) -> None:
        if self._timer is None and self._unwritten:
            self._timer = asyncio.get_running_loop().call_later(FLUSH_SECONDS, self._start_batch)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _start_batch(self) -> None:
        """Send the waiting questions to be masked (unless a batch is there already: when it is
        written, the next one starts)."""
        self._cancel_timer()
        if self._batch is not None or not self._unwritten:
            return
        turns, self._unwritten = self._unwritten, []
        try:
            self._batch = _Batch(turns, masking_thread().submit(masked_by_child, [turn.text for turn in turns]))
        except Exception as exc:  # the log must never disturb a conversation
            self._failed(turns, exc)
            return
        loop, batch = asyncio.get_running_loop(), self._batch
        batch.texts.add_done_callback(lambda _: self._when_done(loop, batch))

    def _when_done(self, loop: asyncio.AbstractEventLoop, batch: _Batch) -> None:
        """In the masking thread: have the event loop write the batch and start the next."""
        try:
            loop.call_soon_threadsafe(self._next_batch, batch)
        except RuntimeError:
            pass  # the loop is closed: flush writes the batch at exit

    def _next_batch(self, done: _Batch) -> None:
        if self._batch is not done:
            return  # flush has written it already
        self._finish_batch()
        if len(self._unwritten) >= FLUSH_ROWS:
            self._start_batch()
        else:
            self._wait_for_more()

    def _finish_batch(self, seconds: float | None = None) -> None:
        """Write the batch being masked, waiting for it at most `seconds` (else it is masked here)."""
        batch, self._batch = self._batch, None
        if batch is None:
            return  # written already, by flush
        try:
            texts = [turn.text for turn in batch.turns]
            try:
                by_child = batch.texts.result(timeout=seconds)
            except FutureTimeout:
                by_child = None
            self._write(batch.turns, here_if_failed(texts, by_child))
        except Exception as exc:
            self._failed(batch.turns, exc)

    def flush(self) -> None:
        """Mask and write every question in memory now, in this thread (at exit, and before a
        rating of a question not written yet)."""
        self._cancel_timer()
        self._finish_batch(NOW_SECONDS)
        turns, self._unwritten = self._unwritten, []
        if turns:
            try:
                self._write(turns, masked_now([turn.text for turn in turns]))
            except Exception as exc:
                self._failed(turns, exc)

    def _write(self, turns: list[Turn], texts: list[str]) -> None:
        municipality = active_profile().id
        rows = [_row(turn, text, municipality) for turn, text in zip(turns, texts, strict=True)]
        self._tables()
        store.insert_questions(self.engine, rows)

    @staticmethod
    def _failed(turns: list[Turn], exc: Exception) -> None:
        logger.error("question log: could not record %d question(s): %s", len(turns), type(exc).__name__)

    def _waiting(self) -> list[Turn]:
        return [*(self._batch.turns if self._batch else []), *self._unwritten]

    def rate(self, rating: Rating) -> store.Rated:
        """Store a rating, once its question is written (written first if it is still waiting)."""
        if any(turn.question_id == rating.answer_id for turn in self._waiting()):
            self.flush()
        comment = masked_now([rating.comment])[0] if rating.comment else None
        self._tables()
        return store.rate(self.engine, rating.answer_id, rating.value, time.time(), comment)


def _row(turn: Turn, text: str, municipality: str) -> dict[str, Any]:
    return {
        "id": turn.question_id,
        "asked_at": turn.asked_at or time.time(),
        "door": turn.door,
        "municipality": municipality,
        "intent": turn.intent,
        "intent_confidence": turn.intent_confidence,
        "faq_entry": turn.faq_entry,
        "faq_confidence": turn.faq_confidence,
        "answer": turn.answer,
        "fell_back": turn.fell_back,
        "text": text,
    }


_logs: dict[int, QuestionLog | None] = {}


def question_log(agent: Agent | None = None) -> QuestionLog | None:
    """The log of this Rasa server (None without an SQL tracker store)."""
    agent = agent or rasa_agent()
    if agent is None or agent.tracker_store is None:
        return None
    key = id(agent.tracker_store)
    if key not in _logs:
        engine = sql_engine(agent.tracker_store)
        if engine is None:
            logger.warning("question log off: it needs an SQL tracker store (endpoints.yml)")
        _logs[key] = QuestionLog(engine) if engine is not None else None
    return _logs[key]


def attach_offer(replies: list[dict[str, Any]] | None, answer_id: str) -> None:
    """Put the rating offer on the last reply with text (the answer it rates), as its `custom`."""
    answer = next((reply for reply in reversed(replies or []) if reply.get("text")), None)
    if answer is not None:
        answer["custom"] = {**(answer.get("custom") or {}), **offer(answer_id)}


async def stored_events(agent: Agent, sender_id: str) -> list[dict[str, Any]] | None:
    """The conversation read back from the store, as event dicts (None if there is none)."""
    tracker = await agent.tracker_store.retrieve(sender_id)
    return None if tracker is None else [event.as_dict() for event in tracker.events]


async def after_turn(message: UserMessage, failed: bool = False, saved: list[dict[str, Any]] | None = None) -> None:
    """Record `message`'s question, and offer the rating of its answer unless the turn `failed`
    (the citizen got the apology); never raises. `saved`: the conversation as the turn saved it
    (bot.rasa_plugins.saved_conversation), else it is read from the store."""
    try:
        agent = rasa_agent()
        log = question_log(agent)
        if agent is None or log is None:
            return
        events = saved if saved is not None else await stored_events(agent, message.sender_id)
        if events is None:
            return
        turn = read_turn(events, message.message_id)
        if turn is None:
            return
        if turn.rating_for and not failed and message.input_channel in RATED_DOORS:
            attach_offer(getattr(message.output_channel, "messages", None), turn.rating_for)
        if turn.is_question:
            log.record(turn)
    except Exception as exc:
        logger.error("question log: %s after a turn", type(exc).__name__)
