"""Command line: python -m bot.report --since 2026-11-01 [--until 2026-11-30] --format html|csv|json

Reads the question log from the conversations' database (the tracker store of endpoints.yml, or
--db URL) and writes the report to --output (default: standard output). Exit status: 0 when the
report was written (also for a period without records: the report says so), 2 when it could not be
(bad arguments, no database, a damaged log; the reason is on standard error, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, timedelta
from typing import Any, BinaryIO, Callable, Sequence, TextIO

from tqdm import tqdm

from bot.question_log.database import database_url, open_database
from bot.question_log.store import LogError
from bot.report.build import Report, build_report
from bot.report.csv_report import write_csv
from bot.report.html_report import render
from bot.report.summary import JST, Period

EXIT_OK, EXIT_CANNOT_RUN = 0, 2
FORMATS = ("html", "csv", "xlsx", "json")
DEFAULT_DAYS = 7
MAX_DAYS = 366
PROGRESS_MIN_RECORDS = 1000  # "auto" shows the bars from this many records, on a terminal
NO_XLSX = (
    "XLSX is not available: no library in requirements.lock writes it well (openpyxl and XlsxWriter are not "
    "installed). Use --format csv: Excel opens it directly (UTF-8 with BOM)."
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_CANNOT_RUN, f"error: {message}\n(python -m bot.report --help shows every option)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m bot.report",
        description="Report for staff from the question log: questions per day and door, top topics, answer and "
        "fallback rates, ratings per answer (worst first), and the unanswered or 👎 questions grouped by "
        "similarity. Dates are days in Japan time, both included.",
    )
    parser.add_argument("--since", help=f"first day, YYYY-MM-DD (default: {DEFAULT_DAYS} days before --until)")
    parser.add_argument("--until", help="last day, YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--format",
        default="html",
        help="html (default: one page with charts), csv (one row per question, for Excel), json (the numbers); "
        "xlsx is not available",
    )
    parser.add_argument("--output", "-o", help="file to write (default: standard output)")
    parser.add_argument("--endpoints", default="endpoints.yml", help="endpoints.yml whose tracker store holds the log")
    parser.add_argument("--db", help="SQLAlchemy URL of the database instead (e.g. sqlite:///var/tracker.db)")
    parser.add_argument(
        "--progress",
        choices=("auto", "on", "off"),
        default="auto",
        help=f"progress bars on standard error (auto: {PROGRESS_MIN_RECORDS}+ records, on a terminal)",
    )
    return parser


def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise LogError(f"{option} must be a day as YYYY-MM-DD (e.g. 2026-11-01), got {value!r}") from None


def period_of(since_text: str | None, until_text: str | None, today: date) -> Period:
    """The Period of --since and --until (LogError when they are wrong)."""
    until = _day(until_text, "--until") if until_text else today
    since = _day(since_text, "--since") if since_text else until - timedelta(days=DEFAULT_DAYS - 1)
    if since > until:
        raise LogError(f"--since ({since}) is after --until ({until}): nothing to report")
    if (until - since).days >= MAX_DAYS:
        raise LogError(f"the period is longer than {MAX_DAYS} days: report one year at a time")
    return Period(since, until)


def _format(value: str) -> str:
    fmt = value.strip().lower()
    if fmt == "xlsx":
        raise LogError(NO_XLSX)
    if fmt not in FORMATS:
        raise LogError(f"unknown --format {value!r}: choose html, csv or json")
    return fmt


def _progress(mode: str, stderr: TextIO) -> Callable[[str, int], Callable[[int], Any] | None]:
    def start(what: str, total: int) -> Callable[[int], Any] | None:
        show = mode == "on" or (mode == "auto" and total >= PROGRESS_MIN_RECORDS and stderr.isatty())
        if not show:
            return None
        bar = tqdm(total=total, file=stderr, unit="record", desc=what, dynamic_ncols=True, leave=False)
        return bar.update

    return start


def _write(report: Report, fmt: str, out: BinaryIO) -> None:
    if fmt == "csv":
        write_csv(report, out)
    elif fmt == "json":
        out.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2).encode("utf-8") + b"\n")
    else:
        out.write(render(report.as_dict()).encode("utf-8"))


def main(argv: Sequence[str] | None = None, today: date | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        fmt = _format(args.format)
        period = period_of(args.since, args.until, today or datetime.now(JST).date())
        engine = open_database(args.db or database_url(args.endpoints))
        report = build_report(engine, period, _progress(args.progress, sys.stderr))
        if args.output:
            with open(args.output, "wb") as out:
                _write(report, fmt, out)
        else:
            _write(report, fmt, sys.stdout.buffer)
    except LogError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except OSError as err:
        print(f"error: cannot write {args.output}: {err.strerror}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    if report.damaged:
        print(
            f"warning: {len(report.damaged)} damaged record(s) skipped: {', '.join(report.damaged[:5])}",
            file=sys.stderr,
        )
    if not report.records:
        print(f"note: no questions recorded from {period.since} to {period.until}", file=sys.stderr)
    return EXIT_OK
