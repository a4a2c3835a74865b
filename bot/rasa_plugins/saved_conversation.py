"""The conversation as the store saved it during a turn, handed to the question log.

After every turn the question log reads the turn's question and answer from the conversation
(bot.question_log.recorder.after_turn). Reading it back from the store cost a second query and a
second decoding of every event: 7% of the Rasa server's CPU (docs/benchmarks.md). Within
`kept_during_turn()` (bot.channels.guarded_turn.run_turn), the store notes each conversation it
saves, in its stored form (birthdates redacted as written), by sender id; the question log reads
that. The notes belong to the turn's own task (a context variable): concurrent turns never see each
other's, and nothing outlives the turn.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from typing import Any, Iterator

Saved = dict[str, list[dict[str, Any]]]  # sender id -> the stored form of its events
_SAVED: ContextVar[Saved | None] = ContextVar("nhi_saved_conversation", default=None)


@contextlib.contextmanager
def kept_during_turn() -> Iterator[Saved]:
    """What the store saves inside the block, by sender id (the last save of each)."""
    saved: Saved = {}
    token = _SAVED.set(saved)
    try:
        yield saved
    finally:
        _SAVED.reset(token)


def note_saved(sender_id: str, stored_events: list[dict[str, Any]]) -> None:
    """Called by the store after a committed save; nothing outside `kept_during_turn`."""
    saved = _SAVED.get()
    if saved is not None:
        saved[sender_id] = stored_events
