"""Command line: python -m bot.triage [FILE] — JSON Lines of calls in, one triage record per line out.

Exit status: 0 when every line was triaged, 1 when some line could not be (its record says why, or
the reader of the output went away), 2 when the run could not start (no such file, no model, bad
profile or date).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from itertools import islice
from typing import BinaryIO, Iterable, Iterator, Sequence, TextIO, TypeVar

from tqdm import tqdm

from bot.core.profiles import ENV_VAR as MUNICIPALITY_ENV
from bot.core.profiles import ProfileError, available_profiles, load_profile
from bot.core.reference_date import ENV_VAR as TODAY_ENV
from bot.triage.calls import read_line
from bot.triage.output import CsvWriter, JsonLinesWriter
from bot.triage.pipeline import Triage
from bot.triage.summary import Summary

EXIT_OK, EXIT_FAILED_LINES, EXIT_CANNOT_RUN = 0, 1, 2
BATCH_SIZE = 64
PROGRESS_MIN_LINES = 200  # "auto" shows the bar for files this long, on a terminal
BOM = b"\xef\xbb\xbf"
T = TypeVar("T")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.triage",
        description="Classify, prioritise and route phone transcripts, with the answer the chat would give. "
        'Input: JSON Lines, one call a line: {"id": ..., "text": ...} plus any other fields.',
    )
    parser.add_argument("file", nargs="?", help="JSON Lines file (default: standard input)")
    parser.add_argument(
        "--format", choices=("jsonl", "csv"), default="jsonl", help="jsonl (default) or csv (UTF-8 with BOM, for Excel)"
    )
    parser.add_argument(
        "--summary",
        action="store_true",
        help="print counts by priority, intent and department, and timings, on standard error",
    )
    parser.add_argument("--model", help="model archive (default: $NHI_MODEL, else the newest in models/)")
    parser.add_argument(
        "--batch-size", type=int, default=BATCH_SIZE, help=f"calls per model run (default {BATCH_SIZE})"
    )
    parser.add_argument(
        "--progress",
        choices=("auto", "on", "off"),
        default="auto",
        help=f"progress bar on standard error (auto: files of {PROGRESS_MIN_LINES}+ lines, on a terminal)",
    )
    parser.add_argument(
        "--municipality",
        help=f"profile id or YAML path, as {MUNICIPALITY_ENV} (shipped: {', '.join(available_profiles())})",
    )
    parser.add_argument("--today", help=f"reference date YYYY-MM-DD, as {TODAY_ENV}")
    return parser


def numbered_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """(line number from 1, line without its end); a BOM before the first line is dropped."""
    for number, raw in enumerate(stream, 1):
        if number == 1 and raw.startswith(BOM):
            raw = raw[len(BOM) :]
        yield number, raw.rstrip(b"\r\n")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def count_lines(path: str) -> int:
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def run(
    triage: Triage,
    source: BinaryIO,
    out: BinaryIO,
    *,
    csv: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: tqdm | None = None,
) -> Summary:
    """Triage every line of `source` into `out`, in order; returns the counts."""
    writer = CsvWriter(out) if csv else JsonLinesWriter(out)
    summary = Summary()
    for chunk in batched(numbered_lines(source), batch_size):
        for record in triage.triage([read_line(raw, number) for number, raw in chunk]):
            writer.write(record)
            summary.add(record)
        if progress is not None:
            progress.update(len(chunk))
    writer.close()
    return summary


def _configure(args: argparse.Namespace) -> str | None:
    """Apply --municipality and --today; the problem, in words, when one is wrong."""
    try:
        if args.municipality:
            load_profile(args.municipality)
            os.environ[MUNICIPALITY_ENV] = args.municipality
        if args.today:
            date.fromisoformat(args.today)
            os.environ[TODAY_ENV] = args.today
    except ProfileError as err:
        return str(err)
    except ValueError:
        return f"--today must be YYYY-MM-DD, got {args.today!r}"
    if args.batch_size < 1:
        return "--batch-size must be at least 1"
    if args.file and not os.path.isfile(args.file):
        return f"no such file: {args.file}"
    return None


def _progress_bar(mode: str, total: int | None, stderr: TextIO) -> tqdm | None:
    show = mode == "on" or (mode == "auto" and total is not None and total >= PROGRESS_MIN_LINES and stderr.isatty())
    return tqdm(total=total, file=stderr, unit="call", desc="triage", dynamic_ncols=True) if show else None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    problem = _configure(args)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    started = time.perf_counter()
    try:
        triage = Triage.from_model(args.model or os.environ.get("NHI_MODEL") or None)
    except Exception as err:  # no model, or not one this code can load
        print(f"error: cannot load the model: {err}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    loaded = time.perf_counter()
    progress = _progress_bar(args.progress, count_lines(args.file) if args.file else None, sys.stderr)
    try:
        with open(args.file, "rb") if args.file else sys.stdin.buffer as source:
            summary = run(
                triage,
                source,
                sys.stdout.buffer,
                csv=args.format == "csv",
                batch_size=args.batch_size,
                progress=progress,
            )
    except BrokenPipeError:  # the reader went away (… | head): stop quietly; not every line was written
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED_LINES
    finally:
        if progress is not None:
            progress.close()
    if args.summary:
        sys.stderr.write(summary.render(loaded - started, time.perf_counter() - loaded))
    return EXIT_FAILED_LINES if summary.errors else EXIT_OK
