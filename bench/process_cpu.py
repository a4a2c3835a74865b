"""CPU time a process has used, from /proc (Linux): divided by the requests it served, a cost per
request that holds on a busy machine, where throughput and latency move with the other load. Read
once the process has gone quiet, it includes the work a load left behind in the background."""

from __future__ import annotations

import contextlib
import os
import time
from typing import Callable

from bench.process_memory import children


def _own_and_reaped_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return sum(int(field) for field in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time so far of the process and its children (the Rasa server's masking
    process; those that ended count once they are waited for)."""
    total = _own_and_reaped_seconds(pid)
    for child in children(pid):
        with contextlib.suppress(OSError):
            total += cpu_seconds(child)
    return total


# A process is quiet when it used less than this share of a core over a window, long enough to
# cover the question log's wait before it masks a batch (FLUSH_SECONDS, 1 s).
QUIET_SHARE = 0.05
QUIET_WINDOW_SECONDS = 1.5
QUIET_WINDOWS_AT_MOST = 20


def quiet_cpu_seconds(
    pid: int,
    window: float = QUIET_WINDOW_SECONDS,
    read: Callable[[int], float] = cpu_seconds,
    sleep: Callable[[float], None] = time.sleep,
) -> float:
    """The process's CPU time once it has gone quiet (its work in the background done, such as the
    question log masking the last questions of a load), or after QUIET_WINDOWS_AT_MOST windows."""
    before = read(pid)
    for _ in range(QUIET_WINDOWS_AT_MOST):
        sleep(window)
        now = read(pid)
        if now - before < QUIET_SHARE * window:
            return now
        before = now
    return before
