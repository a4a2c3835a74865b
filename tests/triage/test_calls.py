"""Reading calls: every line gives a call or an error record that keeps what could be read."""

from __future__ import annotations

import pytest

from bot.triage.calls import (
    EMPTY_TEXT,
    NO_TEXT,
    NOT_JSON,
    NOT_OBJECT,
    NOT_UTF8,
    TEXT_NOT_STRING,
    Call,
    ErrorRecord,
    read_call,
    read_line,
)


def test_a_call_keeps_all_its_fields() -> None:
    item = read_line('{"id": "a1", "text": "保険証をなくした", "caller": {"line": "03"}, "n": 3}'.encode(), 7)
    assert item == Call(
        {"id": "a1", "text": "保険証をなくした", "caller": {"line": "03"}, "n": 3}, "保険証をなくした", 7
    )


@pytest.mark.parametrize(
    "raw, error",
    [
        (b"not json", NOT_JSON),
        (b"", NOT_JSON),  # a blank line is a line too: nothing is dropped
        (b'{"id": 1, "text": "\xff\xfe"}', NOT_UTF8),
        (b"[1, 2]", NOT_OBJECT),
        (b"42", NOT_OBJECT),
        (b"[" * 100000 + b"]" * 100000, NOT_JSON),  # nested deeper than the JSON reader goes
    ],
)
def test_unreadable_lines_keep_their_line_number(raw: bytes, error: str) -> None:
    assert read_line(raw, 4) == {"line_number": 4, "error": error}


@pytest.mark.parametrize(
    "value, error",
    [
        ({"id": 9}, NO_TEXT),
        ({"id": 9, "text": None}, NO_TEXT),
        ({"id": 9, "text": 12}, TEXT_NOT_STRING),
        ({"id": 9, "text": "   "}, EMPTY_TEXT),
        ({"id": 9, "text": "\x00\u200b\x1b"}, EMPTY_TEXT),  # control and invisible characters only
    ],
)
def test_calls_without_text_keep_their_id_and_fields(value: dict, error: str) -> None:
    record = read_call(value, 2)
    assert isinstance(record, ErrorRecord)
    assert record == {**value, "line_number": 2, "error": error}


def test_over_http_there_is_no_line_number() -> None:
    assert read_call({"id": "x"}) == {"id": "x", "error": NO_TEXT}
