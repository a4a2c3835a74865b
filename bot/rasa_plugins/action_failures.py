"""Notices when Rasa could not run a custom action (e.g. the action server is down).

Rasa 3.6 logs the failure and goes on without the action's messages, which can leave a citizen
without an answer. A log filter on Rasa's processor marks the failure in a context variable
that the channel handling the message reads afterwards (same asyncio task).

The log line is Rasa's only signal: MessageProcessor._run_action catches the exception itself.
tests/rasa/test_action_failures.py runs that step with an action server that is down, so a Rasa
upgrade that changes the message or the logger fails there.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar

_FAILED: ContextVar[bool] = ContextVar("nhi_action_failed", default=False)
_MARKER = "Encountered an exception while running action"
_LOGGER = "rasa.core.processor"


class _ActionFailureFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith(_MARKER):
            _FAILED.set(True)
        return True


def install() -> None:
    """Attach the filter once to Rasa's processor logger."""
    logger = logging.getLogger(_LOGGER)
    if not any(isinstance(f, _ActionFailureFilter) for f in logger.filters):
        logger.addFilter(_ActionFailureFilter())


def reset() -> None:
    """Call before handling a message."""
    _FAILED.set(False)


def action_failed() -> bool:
    """Whether an action failed while handling the current message."""
    return _FAILED.get()
