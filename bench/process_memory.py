"""Peak and current resident memory of a process, from /proc (Linux)."""

from __future__ import annotations


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
    """Proportional set size: shared pages (libraries, the mmapped Sudachi dictionary) count for a
    share per process using them, so the PSS of replicas adds up to what they take together."""
    with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    return 0.0
