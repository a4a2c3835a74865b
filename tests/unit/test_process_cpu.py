"""make bench reads a server's CPU time once it has gone quiet (bench.process_cpu)."""

from __future__ import annotations

import itertools
import os

from bench.process_cpu import QUIET_WINDOWS_AT_MOST, cpu_seconds, quiet_cpu_seconds


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
