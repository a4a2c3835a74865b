"""python -m bot.triage: one record per line in order, bad lines reported, exit status, CSV, summary."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tqdm import tqdm

from bot.triage.cli import EXIT_CANNOT_RUN, EXIT_FAILED_LINES, EXIT_OK, main, run
from tests.servers import ROOT, model_path
from tests.triage.conftest import TODAY, read_transcripts

# One urgent call and two others, each for another desk.
CALLS = [
    next(c for c in read_transcripts() if c["expect"]["intent"] == name) for name in ("lost_card", "arrears", "contact")
]
GOOD = [json.dumps({"id": c["id"], "text": c["text"], "desk_note": "keep"}, ensure_ascii=False).encode() for c in CALLS]
# A file as phone systems write it: a BOM, CRLF line ends, and lines that are not calls.
MIXED = (
    b"\xef\xbb\xbf"
    + GOOD[0]
    + b"\r\n"
    + b"{not json\r\n"
    + GOOD[1]
    + b"\n"
    + b'{"id": "no-text"}\n'
    + b"\n"
    + b"\xff\xfe\n"
    + GOOD[2]
    + b"\n"
)
ENV = {
    **os.environ,
    "PYTHONPATH": str(ROOT),
    "BOT_TODAY": TODAY,
    "BOT_MUNICIPALITY": "takasaki",
    "NHI_MODEL": model_path(),
}


def triage_bytes(triage: Any, data: bytes, **options: Any) -> tuple[bytes, Any]:
    out = io.BytesIO()
    summary = run(triage, io.BytesIO(data), out, **options)
    return out.getvalue(), summary


def python_m(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.triage", *args], input=stdin, cwd=ROOT, env=ENV, capture_output=True, timeout=600
    )


def test_every_line_gives_one_record_in_order(triage: Any) -> None:
    data, summary = triage_bytes(triage, MIXED, batch_size=2)  # batches cut across bad lines
    records = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    assert len(records) == 7
    assert [r.get("id") for r in records] == [
        CALLS[0]["id"],
        None,
        CALLS[1]["id"],
        "no-text",
        None,
        None,
        CALLS[2]["id"],
    ]
    assert [r.get("line_number") for r in records] == [None, 2, None, 4, 5, 6, None]
    assert [bool(r.get("error")) for r in records] == [False, True, False, True, True, True, False]
    good = [r for r in records if "error" not in r]
    assert all(
        r["desk_note"] == "keep" and r["intent"] == c["expect"]["intent"] for r, c in zip(good, CALLS, strict=False)
    )
    assert (summary.calls, summary.errors) == (7, 4)


def test_csv_for_excel(triage: Any) -> None:
    data, _ = triage_bytes(triage, MIXED, csv=True)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == 7 and rows[0]["intent"] == CALLS[0]["expect"]["intent"]
    assert rows[0]["desk_note"] == "keep" and rows[1]["line_number"] == "2" and rows[1]["error"]
    assert "\n" in rows[0]["suggested_answer"]  # multi-line answers stay in one cell


def test_summary_and_progress(triage: Any) -> None:
    bar_output = io.StringIO()
    bar = tqdm(total=7, file=bar_output, unit="call", desc="triage")
    _, summary = triage_bytes(triage, MIXED, progress=bar)
    bar.close()
    assert "7/7" in bar_output.getvalue()
    text = summary.render(1.0, 2.0)
    assert text.startswith("calls: 7  triaged: 3  errors: 4\n")
    assert "(3.5 calls/s)" in text and "priority:" in text and "department:" in text
    assert "priority:\n      2  normal\n      1  urgent\n" in text and "      1  arrears\n" in text
    assert "      1  高崎市役所 納税課（電話 027-321-1223～1226）\n" in text


def test_python_m_on_standard_input_with_bad_lines() -> None:
    result = python_m(["--summary"], MIXED)
    assert result.returncode == EXIT_FAILED_LINES, result.stderr[-2000:]
    records = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert len(records) == 7 and records[1] == {"line_number": 2, "error": "JSON として読めない行です。"}
    assert records[0]["intent"] == CALLS[0]["expect"]["intent"]
    assert "calls: 7  triaged: 3  errors: 4" in result.stderr.decode("utf-8")


def test_python_m_csv_file_all_good(tmp_path: Path) -> None:
    path = tmp_path / "calls.jsonl"
    path.write_bytes(b"\n".join(GOOD) + b"\n")
    result = python_m([str(path), "--format", "csv", "--progress", "on", "--batch-size", "2"])
    assert result.returncode == EXIT_OK, result.stderr[-2000:]
    assert result.stdout.startswith(b"\xef\xbb\xbf") and len(result.stdout.decode("utf-8-sig").splitlines()) > 3
    assert "3/3" in result.stderr.decode("utf-8")  # the progress bar


@pytest.mark.parametrize(
    "args, problem",
    [
        (["missing.jsonl"], "no such file"),
        (["--today", "2026-13-01"], "--today must be YYYY-MM-DD"),
        (["--municipality", "atlantis"], "atlantis"),
        (["--batch-size", "0"], "--batch-size must be at least 1"),
        (["--model", "none.tar.gz"], "cannot load the model"),
    ],
)
def test_cannot_run(args: list[str], problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [str(tmp_path / a) if a.endswith(".jsonl") or a.endswith(".tar.gz") else a for a in args]
    assert main(args) == EXIT_CANNOT_RUN
    out, err = capsys.readouterr()
    assert problem in err and out == ""


# NUL and a lone surrogate (valid JSON escapes), in the text and in a caller's field and key.
ODD_CHARACTERS = (
    b'{"id": 1, "text": "\\u4fdd\\u967a\\u8a3c\\u0000\\u306a\\u304f\\u3057\\u305f", "note": "a\\u0000b"}\n'
    b'{"id": 2, "text": "\\ud800 \\u4fdd\\u967a\\u8a3c", "\\udfff": "\\ud83d"}\n' + GOOD[1] + b"\n"
)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_python_m_keeps_every_record_with_nul_and_lone_surrogates(fmt: str) -> None:
    result = python_m(["--format", fmt], ODD_CHARACTERS)
    assert result.returncode == EXIT_OK, result.stderr.decode(errors="replace")
    text = result.stdout.decode("utf-8")  # valid UTF-8 throughout
    if fmt == "jsonl":
        records = [json.loads(line) for line in text.splitlines()]
        assert [r["text"] for r in records[:2]] == ["保険証\x00なくした", "\ud800 保険証"]  # the same characters
        assert records[0]["note"] == "a\x00b" and records[1]["\udfff"] == "\ud83d"
    else:
        records = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
        assert [r["text"] for r in records[:2]] == ["保険証\\u0000なくした", "\\ud800 保険証"]
        assert records[0]["note"] == "a\\u0000b" and records[1]["\\udfff"] == "\\ud83d"
    assert [str(r["id"]) for r in records] == ["1", "2", str(CALLS[1]["id"])]
    assert all(r["intent"] for r in records)
