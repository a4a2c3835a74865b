"""Writing triage records: JSON Lines as they come, or one CSV file that Excel opens (UTF-8, BOM).

Every record is written, whatever characters it holds: a NUL (which CSV cannot hold) and a lone
UTF-16 surrogate such as \\ud800 (which UTF-8 cannot encode) are written as their \\uXXXX escape,
the JSON spelling of the same character.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any, BinaryIO, Iterable

from bot.triage.calls import ERROR_FIELDS, FIELDS

# Excel runs a cell that starts with one of these as a formula: a transcript must stay text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_MAX = 32767  # characters Excel keeps in a cell; longer text is cut, with … (JSON Lines keep it)
_UNWRITABLE = re.compile("[\x00\ud800-\udfff]")


def escape_unwritable(text: str) -> str:
    """`text` with NUL and lone surrogates written as \\uXXXX."""
    return _UNWRITABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_line(record: dict[str, Any]) -> bytes:
    """One JSON Lines line; U+2028/U+2029 escaped, since some readers split lines on them."""
    text = json.dumps(record, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return (escape_unwritable(text) + "\n").encode("utf-8")


def csv_columns(records: Iterable[dict[str, Any]]) -> list[str]:
    """The callers' fields in order of first appearance, then the triage fields, then the error ones."""
    records = list(records)
    ours = set(FIELDS) | set(ERROR_FIELDS)
    theirs = list(dict.fromkeys(k for r in records for k in r if k not in ours))
    errors = [k for k in ERROR_FIELDS if any(k in r for r in records)]
    return theirs + list(FIELDS) + errors


def csv_cell(value: Any) -> str:
    """A cell: empty for null, JSON for lists and objects, text that Excel does not run as a formula
    and that fits in an Excel cell."""
    if value is None:
        return ""
    if isinstance(value, (dict, list, bool)):
        value = json.dumps(value, ensure_ascii=False)
    text = escape_unwritable(str(value))
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        text = "'" + text
    return text if len(text) <= EXCEL_CELL_MAX else text[: EXCEL_CELL_MAX - 1] + "…"


def csv_bytes(records: list[dict[str, Any]]) -> bytes:
    """The whole CSV file: UTF-8 with a BOM, CRLF line ends, a header row."""
    columns = csv_columns(records)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([escape_unwritable(str(column)) for column in columns])
    for record in records:
        writer.writerow([csv_cell(record.get(column)) for column in columns])
    return buffer.getvalue().encode("utf-8-sig")


class JsonLinesWriter:
    """Writes each record at once, so that a pipe sees results while the run goes on."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def write(self, record: dict[str, Any]) -> None:
        self._stream.write(json_line(record))

    def close(self) -> None:
        self._stream.flush()


class CsvWriter:
    """Keeps the records and writes the file at the end (the header needs every column)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._records: list[dict[str, Any]] = []

    def write(self, record: dict[str, Any]) -> None:
        self._records.append(record)

    def close(self) -> None:
        self._stream.write(csv_bytes(self._records))
        self._stream.flush()
