"""JSON Lines and CSV (UTF-8 with BOM, for Excel) as written (no model needed)."""

from __future__ import annotations

import csv
import io
import json

from bot.triage.calls import FIELDS, error_record
from bot.triage.output import EXCEL_CELL_MAX, CsvWriter, JsonLinesWriter, csv_bytes, csv_cell, json_line

GOOD = {
    "id": 1,
    "text": "保険証を\nなくした",
    "agent": "A",
    **{f: None for f in FIELDS},
    "intent": "lost_certificate",
    "confidence": 0.93,
    "suggested_answer": "一行目\n二行目",
}
BAD = error_record("JSON として読めない行です。", line=2)


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_json_line_is_one_line_and_round_trips() -> None:
    record = {"id": 1, "text": "改行\u2028区切り\u2029と\n改行", "n": None}
    line = json_line(record)
    assert line.endswith(b"\n") and len(line.decode("utf-8").splitlines()) == 1
    assert json.loads(line) == record


def test_csv_columns_and_cells() -> None:
    rows = read_csv(csv_bytes([GOOD, BAD]))
    assert list(rows[0]) == ["id", "text", "agent", *FIELDS, "error", "line_number"]
    assert rows[0]["text"] == "保険証を\nなくした" and rows[0]["suggested_answer"] == "一行目\n二行目"
    assert rows[0]["birthdate"] == "" and rows[0]["confidence"] == "0.93" and rows[0]["error"] == ""
    assert rows[1]["error"] == "JSON として読めない行です。" and rows[1]["line_number"] == "2" and rows[1]["id"] == ""


def test_csv_without_errors_has_no_error_columns() -> None:
    assert "error" not in read_csv(csv_bytes([GOOD]))[0]


def test_csv_cells_never_run_as_excel_formulas() -> None:
    assert csv_cell('=HYPERLINK("http://example.com")') == '\'=HYPERLINK("http://example.com")'
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)" and csv_cell("+81") == "'+81"
    assert csv_cell(-5) == "-5"  # a number from the caller's fields stays a number
    assert csv_cell({"line": "03"}) == '{"line": "03"}' and csv_cell(None) == "" and csv_cell(True) == "true"


def test_csv_cells_fit_in_excel() -> None:
    assert len(csv_cell("保険証" * 20000)) == EXCEL_CELL_MAX and csv_cell("あ" * 40000).endswith("…")
    assert csv_cell("あ" * EXCEL_CELL_MAX) == "あ" * EXCEL_CELL_MAX


def test_writers() -> None:
    out = io.BytesIO()
    writer = JsonLinesWriter(out)
    writer.write(GOOD)
    assert out.getvalue() == json_line(GOOD)  # written at once, not at the end
    out = io.BytesIO()
    writer = CsvWriter(out)
    writer.write(GOOD)
    writer.write(BAD)
    assert out.getvalue() == b""
    writer.close()
    assert out.getvalue() == csv_bytes([GOOD, BAD])
