"""Peak and current resident memory of a process, from /proc (Linux)."""

from __future__ import annotations

import contextlib
from pathlib import Path


def _status_kib(pid: int, key: str) -> int:
    with open(f"/proc/{pid}/status", encoding="utf-8") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def peak_rss_mib(pid: int) -> float:
    """VmHWM: the highest resident set size the process has had."""
    return _status_kib(pid, "VmHWM") / 1024


def rss_mib(pid: int) -> float:
    return _status_kib(pid, "VmRSS") / 1024


def pss_mib(pid: int) -> float:
    """Proportional set size: shared pages (mmapped dictionaries and model files, the interpreter)
    count for a share only, so the PSS of several replicas adds up to what they really use."""
    with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    """The live child processes of `pid` (of all its threads)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(child) for child in (task / "children").read_text(encoding="utf-8").split()]
    return found
