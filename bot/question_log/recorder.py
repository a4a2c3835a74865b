"""The question log inside the Rasa server: after each turn, the question is recorded (masked) and a
rateable answer gets the rating offer; ratings from the channels are stored.

bot.channels.guarded_turn.run_turn calls `after_turn` for every message of every channel, with the
conversation as the tracker store saved it in that turn (or it is read from the store), so it works
the same for REST, the widget, LINE and socket.io. The log lives in the tracker store's own
database; with a tracker store that is not SQL it is off (one warning). Masking (GiNZA's NER) and
writing run in batches after the replies, on the event loop, the thread that runs the NLU pipeline
whose vocabulary the NER shares (QuestionLog).
Nothing here ever fails a turn, and no text or sender id is logged.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import time
from typing import TYPE_CHECKING, Any

from rasa.core.channels.channel import UserMessage
from sanic import Sanic
from sanic.exceptions import SanicException
from sqlalchemy.engine import Engine

from bot.core.profiles import active_profile
from bot.question_log import store
from bot.question_log.masker import mask, mask_all
from bot.question_log.ratings import Rating, offer
from bot.question_log.turns import Turn, read_turn

if TYPE_CHECKING:
    from rasa.core.agent import Agent

logger = logging.getLogger(__name__)
RASA_APPS = ("rasa_server", "rasa_core_no_api")  # the Sanic apps `rasa run` creates, with and without the API
FLUSH_SECONDS = 1.0
FLUSH_ROWS = 100
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


class QuestionLog:
    """Writes questions and ratings to the log tables; one per Rasa server process.

    Questions wait in memory for at most FLUSH_SECONDS (or FLUSH_ROWS questions), then are masked
    in one batch (GiNZA's NER takes about half the time per text in a batch) and written in one
    transaction (one disk sync for many), on the event loop's thread like the tracker store's own
    writes, so that neither waits for the other's lock and the spaCy vocabulary stays on one thread."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._ready = False
        self._unwritten: list[Turn] = []
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
            self.flush()
        elif self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(FLUSH_SECONDS, self.flush)

    def flush(self) -> None:
        """Mask and write the questions waiting in memory (also called at exit)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        turns, self._unwritten = self._unwritten, []
        if not turns:
            return
        try:
            municipality = active_profile().id
            texts = mask_all([turn.text for turn in turns])
            rows = [_row(turn, text, municipality) for turn, text in zip(turns, texts, strict=True)]
            self._tables()
            store.insert_questions(self.engine, rows)
        except Exception as exc:  # the log must never disturb a conversation
            logger.error("question log: could not record %d question(s): %s", len(turns), type(exc).__name__)

    def rate(self, rating: Rating) -> store.Rated:
        """Store a rating, once its question is written (written first if it is still waiting)."""
        if any(turn.question_id == rating.answer_id for turn in self._unwritten):
            self.flush()
        comment = mask(rating.comment) if rating.comment else None
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
