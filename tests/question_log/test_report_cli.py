"""python -m bot.report: the report in each format, and a clear message (never a traceback) for bad
input: a damaged or empty log, --since after --until, an unknown format."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.question_log import store
from bot.report.cli import main
from bot.report.summary import JST

TODAY = date(2026, 11, 22)
COMMENT = "<b>分かりにくい</b>"
ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = [  # (text, intent, answer, rating)
    ("マイナ保険証をなくした", "lost_card", "utter_lost_card", "down"),
    ('=HYPERLINK("http://evil")保険証', "lost_card", "utter_lost_card", "up"),
    ("住民票の写しはどこで取れますか", "out_of_scope", None, None),
    ("住民票が欲しいです", "nlu_fallback", None, None),
    ("こんにちは", "greet", None, None),
]


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = sa.create_engine(url)
    store.ensure_tables(engine)
    noon = datetime.combine(TODAY, time(12), JST).timestamp()
    for i, (text, intent, answer, rating) in enumerate(QUESTIONS):
        question_id = f"{i:032x}"
        store.insert_questions(
            engine,
            [
                {
                    "id": question_id,
                    "asked_at": noon + i,
                    "door": "line" if i % 2 else "widget",
                    "municipality": "takasaki",
                    "intent": intent,
                    "intent_confidence": 0.8,
                    "faq_entry": None,
                    "faq_confidence": None,
                    "answer": answer,
                    "fell_back": intent == "nlu_fallback",
                    "text": text,
                }
            ],
        )
        if rating:
            store.rate(engine, question_id, rating, noon + 10, COMMENT if rating == "down" else None)
    return url


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(args, today=TODAY)
    return status, capsys.readouterr().err


def test_json_has_every_number(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.json"
    assert run(["--db", db, "--format", "json", "-o", str(out)], capsys) == (0, "")
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["period"] == {"since": "2026-11-16", "until": "2026-11-22", "timezone": "Asia/Tokyo"}
    totals = report["totals"]
    assert (totals["questions"], totals["answered"], totals["fell_back"], totals["up"], totals["down"]) == (
        4,
        2,
        1,
        1,
        1,
    )
    assert report["per_day"][-1]["by_door"] == {"line": 2, "widget": 2}
    assert report["ratings"][0]["down"] == 1 and report["comments"][0]["comment"] == COMMENT
    assert report["unknown_topics"][0]["size"] == 2 and "住民票" in report["unknown_topics"][0]["keywords"]


def test_csv_opens_in_excel_and_never_runs_a_formula(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.csv"
    assert run(["--db", db, "--since", "2026-11-22", "--format", "csv", "-o", str(out)], capsys)[0] == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(QUESTIONS)
    texts = [row["質問（個人情報は伏せています）"] for row in rows]
    assert texts[1].startswith("'=HYPERLINK")
    assert [row["似た質問のグループ"] for row in rows[2:4]] == ["1", "1"]
    assert rows[4]["種別"] == "あいさつ等" and rows[0]["評価"] == "👎 役に立たなかった"


def test_html_is_one_page_with_charts(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    assert run(["--db", db, "-o", str(out)], capsys)[0] == 0
    page = out.read_text(encoding="utf-8")
    assert page.count("<svg") == 3 and "<script" not in page and "src=" not in page
    assert "住民票の写しはどこで取れますか" in page and "&lt;b&gt;分かりにくい&lt;/b&gt;" in page and "<b>" not in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2026-11-30", "--until", "2026-11-01"], "--since (2026-11-30) is after --until (2026-11-01)"),
        (["--format", "pdf"], "unknown --format 'pdf'"),
        (["--format", "xlsx"], "XLSX is not available"),
        (["--since", "2026-02-30"], "--since must be a day as YYYY-MM-DD"),
        (["--until", "昨日"], "--until must be a day as YYYY-MM-DD"),
        (["--since", "2020-01-01"], "longer than 366 days"),
    ],
)
def test_bad_arguments_get_a_clear_message(
    db: str, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = run(["--db", db, *args], capsys)
    assert status == 2 and message in err and "Traceback" not in err


def test_an_empty_period_still_gives_a_report_that_says_so(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "empty.html"
    status, err = run(["--db", db, "--since", "2026-01-01", "--until", "2026-01-31", "-o", str(out)], capsys)
    assert status == 0 and "no questions recorded from 2026-01-01 to 2026-01-31" in err
    assert "この期間の質問の記録はありません" in out.read_text(encoding="utf-8")


def test_missing_damaged_or_foreign_databases_get_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"\x00not a database" * 200)
    other = tmp_path / "other.db"
    sa.create_engine(f"sqlite:///{other}").connect().close()
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    cases = {
        f"sqlite:///{empty}": "table nhi_questions is missing",
        f"sqlite:///{tmp_path / 'nowhere.db'}": "no such database file",
        f"sqlite:///{broken}": "file is not a database",
        f"sqlite:///{other}": "table nhi_questions is missing",
        "not a url": "not a database URL",
    }
    for url, message in cases.items():
        status, err = run(["--db", url], capsys)
        assert status == 2 and message in err, (url, err)
    status, err = run(["--endpoints", str(tmp_path / "none.yml")], capsys)
    assert status == 2 and "no such endpoints file" in err


def test_a_damaged_record_is_left_out_with_a_warning(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sa.create_engine(db).begin() as connection:
        connection.execute(sa.text(f"UPDATE nhi_questions SET text = X'00ff' WHERE id = '{0:032x}'"))
    out = tmp_path / "report.json"
    status, err = run(["--db", db, "--format", "json", "-o", str(out)], capsys)
    assert status == 0 and f"1 damaged record(s) skipped: {0:032x}" in err
    assert json.loads(out.read_text(encoding="utf-8"))["damaged_records"] == 1


def test_progress_bars_when_asked(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(["--db", db, "--progress", "on", "-o", str(tmp_path / "r.html")], capsys)
    assert status == 0 and "records" in err and "grouping" in err


def test_the_module_command_prints_no_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"garbage" * 100)
    for args in (["--db", f"sqlite:///{broken}"], ["--format", "docx"]):
        result = subprocess.run(
            [sys.executable, "-m", "bot.report", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 2 and result.stderr.startswith("error: "), result.stderr
        assert "Traceback" not in result.stderr and "Warning" not in result.stderr
