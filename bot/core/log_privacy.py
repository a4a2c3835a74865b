"""Last line of defence for the logs: no date-like text in any log line above DEBUG.

Our own code never logs what citizens type, and the channels keep Rasa from logging it
(bot.channels.replies.without_stray_command). Rasa and its libraries may still quote a message in a
warning, an error or a traceback (a malformed /intent{...} payload, say). `install()` adds a
filter to every logging handler that exists by then or is added later, and wraps the `warnings`
formatter Rasa's warnings go through, so that dates (bot.core.date_mask, JSON \\u escapes
included) are masked.
DEBUG records are left whole: debug logging is for a developer's machine, never for production.
"""

from __future__ import annotations

import logging
import warnings
from typing import Any

from bot.core.date_mask import mask_dates_in_escaped


class DateMaskFilter(logging.Filter):
    """Renders the record's message and traceback once, with dates masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno <= logging.DEBUG or getattr(record, "_nhi_masked", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: let logging report it as usual
            return True
        record.msg, record.args = mask_dates_in_escaped(message), None
        if record.exc_info:
            record.exc_text = mask_dates_in_escaped(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        if record.stack_info:
            record.stack_info = mask_dates_in_escaped(record.stack_info)
        record._nhi_masked = True
        return True


def _handlers() -> list[logging.Handler]:
    loggers: list[Any] = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    return [h for lg in loggers if isinstance(lg, logging.Logger) for h in lg.handlers]


def _masking_formatwarning(original: Any) -> Any:
    def formatwarning(message: Any, category: Any, filename: str, lineno: int, line: str | None = None) -> str:
        return mask_dates_in_escaped(original(message, category, filename, lineno, line))

    formatwarning.nhi_masking = True  # type: ignore[attr-defined]
    return formatwarning


def _masked(handler: logging.Handler) -> logging.Handler:
    if not any(isinstance(f, DateMaskFilter) for f in handler.filters):
        handler.addFilter(DateMaskFilter())
    return handler


def _adding_masked_handlers(original: Any) -> Any:
    def add_handler(self: logging.Logger, handler: logging.Handler) -> None:
        original(self, _masked(handler))

    add_handler.nhi_masking = True  # type: ignore[attr-defined]
    return add_handler


def install() -> None:
    """Attach the filter to every handler (once each), and to every handler added later through
    `Logger.addHandler` (as logging.config and Sanic add theirs), and mask warnings. Safe and cheap
    to call often: the handlers are walked once."""
    if not getattr(logging.Logger.addHandler, "nhi_masking", False):
        for handler in _handlers():
            _masked(handler)
        logging.Logger.addHandler = _adding_masked_handlers(logging.Logger.addHandler)  # type: ignore[method-assign]
    if not getattr(warnings.formatwarning, "nhi_masking", False):
        warnings.formatwarning = _masking_formatwarning(warnings.formatwarning)
