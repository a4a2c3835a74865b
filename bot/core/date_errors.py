"""The error raised by bot.core.dates and bot.core.wareki (a separate module to avoid an import cycle)."""

from __future__ import annotations

from enum import Enum

# Closing sentence of most messages: the assistant asks for the birth date again.
ASK_AGAIN = "もう一度、生年月日を教えてください。"


class ErrorKind(str, Enum):
    """Why a date could not be accepted; stable codes for callers and logs."""

    EMPTY = "empty"  # nothing but whitespace
    TOO_LONG = "too_long"  # over the input limit
    NOT_FOUND = "not_found"  # nothing date-like
    INCOMPLETE = "incomplete"  # a year, a month or a day is missing
    NO_ERA = "no_era"  # a 1-3 digit year without an era
    INVALID_DATE = "invalid_date"  # no such day on the calendar (2月30日, 13月)
    ERA_RANGE = "era_range"  # outside its era (昭和64年1月8日, 平成元年1月1日, 昭和65年)
    UNKNOWN_ERA = "unknown_era"  # era name not recognised (era_date only)
    INCONSISTENT = "inconsistent"  # 和暦 and 西暦 years given together disagree
    MULTIPLE = "multiple"  # two or more different dates
    FUTURE = "future"  # after today
    TOO_OLD = "too_old"  # age over max_age
    OUT_OF_RANGE = "out_of_range"  # before 明治 (1868-01-25) or beyond year 9999


class DateParseError(ValueError):
    """A date the assistant cannot accept; `message_ja` is shown to the citizen as is."""

    def __init__(self, message_ja: str, kind: ErrorKind = ErrorKind.NOT_FOUND) -> None:
        super().__init__(message_ja)
        self.message_ja = message_ja
        self.kind = kind

    def __reduce__(self) -> tuple[type[DateParseError], tuple[str, ErrorKind]]:
        return (type(self), (self.message_ja, self.kind))
