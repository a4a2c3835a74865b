"""Call records: reading them (one JSON object with a `text` per line or per HTTP item), and what
triage writes back.

A call that cannot be read becomes an error record that keeps what could be read (the id and
other fields, the line number), so that nothing is dropped and the caller can find it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Union

from bot.core.input_text import clean_text

# The fields triage adds to each call, in this order (a contract with the desks' tools).
FIELDS = (
    "intent",
    "confidence",
    "priority",
    "department",
    "birthdate",
    "card_status",
    "suggested_answer",
    "normalized_text",
)
ERROR_FIELDS = ("error", "line_number")

NOT_UTF8 = "UTF-8 の文字として読めない行です。"
NOT_JSON = "JSON として読めない行です。"
NOT_OBJECT = '{"id": ..., "text": ...} の形の JSON オブジェクトにしてください。'
NO_TEXT = "text がありません。"
TEXT_NOT_STRING = "text は文字列にしてください。"
EMPTY_TEXT = "text が空です。"


@dataclass(frozen=True)
class Call:
    """A readable call: its fields as given (id, text and any others), its text and line number."""

    fields: dict[str, Any]
    text: str
    line: int | None = None


class ErrorRecord(dict[str, Any]):
    """The output for a call that could not be triaged (a dict, written like any other record)."""


Item = Union[Call, ErrorRecord]


def error_record(message: str, fields: dict[str, Any] | None = None, line: int | None = None) -> ErrorRecord:
    """The call's fields as given, its line number (when read from a file) and the error."""
    record = ErrorRecord(fields or {})
    if line is not None:
        record["line_number"] = line
    record["error"] = message
    return record


def read_call(value: Any, line: int | None = None) -> Item:
    """A Call from a decoded JSON value, or an error record saying what is wrong."""
    if not isinstance(value, dict):
        return error_record(NOT_OBJECT, line=line)
    text = value.get("text")
    if text is None:
        return error_record(NO_TEXT, value, line)
    if not isinstance(text, str):
        return error_record(TEXT_NOT_STRING, value, line)
    if not clean_text(text):  # blank, or control and invisible characters only
        return error_record(EMPTY_TEXT, value, line)
    return Call(value, text, line)


def read_line(raw: bytes, line: int) -> Item:
    """A Call from one line of a JSON Lines file (numbered from 1)."""
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return error_record(NOT_UTF8, line=line)
    try:
        value = json.loads(decoded)
    except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
        return error_record(NOT_JSON, line=line)
    return read_call(value, line)
