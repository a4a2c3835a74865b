"""make bench reads a server's CPU time once it has gone quiet (bench.process_cpu)."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys

from bench.process_cpu import QUIET_WINDOWS_AT_MOST, cpu_seconds, quiet_cpu_seconds
from bench.process_memory import children


def test_the_reading_waits_for_the_background_work() -> None:
    readings = iter([10.0, 11.0, 11.5, 11.52, 99.0])
    slept: list[float] = []
    assert quiet_cpu_seconds(1, window=1.0, read=lambda _: next(readings), sleep=slept.append) == 11.52
    assert slept == [1.0, 1.0, 1.0]


def test_a_process_that_stays_busy_is_read_after_the_last_window() -> None:
    clock = itertools.count()
    reading = quiet_cpu_seconds(1, window=1.0, read=lambda _: float(next(clock)), sleep=lambda _: None)
    assert reading == QUIET_WINDOWS_AT_MOST


def test_this_process_can_be_read() -> None:
    assert 0.0 < cpu_seconds(os.getpid()) <= quiet_cpu_seconds(os.getpid(), window=0.05)


def test_a_child_process_counts_while_it_runs_and_after_it_ended() -> None:
    before = cpu_seconds(os.getpid())
    child = subprocess.Popen(
        [sys.executable, "-c", "import time\nend = time.process_time() + 0.5\nwhile time.process_time() < end: pass\n"
         "print(flush=True)\ntime.sleep(30)"],
        stdout=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert child.stdout is not None and child.stdout.readline()
        assert child.pid in children(os.getpid())
        assert cpu_seconds(os.getpid()) - before >= 0.5
    finally:
        child.kill()
        child.wait()
    assert child.pid not in children(os.getpid()) and cpu_seconds(os.getpid()) - before >= 0.5
