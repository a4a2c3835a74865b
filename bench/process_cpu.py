"""CPU time a process has used, from /proc (Linux): divided by the requests it served, a cost per
request that holds on a busy machine, where throughput and latency move with the other load. Read
once the process has gone quiet, it includes the work a load left behind in the background."""

from __future__ import annotations

import os
import time
from typing import Callable


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of the process so far."""
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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
