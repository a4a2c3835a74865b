"""CPU time a process has used, from /proc (Linux): divided by the requests it served, a cost per
request that holds on a busy machine, where throughput and latency move with the other load."""

from __future__ import annotations

import os


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of the process so far."""
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
