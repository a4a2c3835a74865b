"""Serving under load, before and after: the baseline revision and the current code, side by side.

Both sets of servers run at the same time; at 8 citizens their loads alternate (before, after) so
that the other load on a shared machine weighs on both alike. Then the current code alone runs
every level.
"""

from __future__ import annotations

import contextlib
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from bench.baseline import checkout, model_for
from bench.load import LoadResult, parse_workload, run_load, warm_up, webhook_workload
from bench.process_cpu import cpu_seconds
from bench.process_memory import peak_rss_mib, pss_mib
from tests.servers import Servers, running_servers

LEVELS = (1, 8, 32)
COMPARED = 8
ENV = {"BOT_TODAY": "2026-11-22"}
PARSE, WEBHOOK = "/model/parse", "REST webhook"


@dataclass
class Memory:
    rasa_peak_mib: float
    rasa_pss_mib: float
    actions_peak_mib: float


@dataclass
class Serving:
    results: list[LoadResult]
    memory: Memory

    def at(self, workload: str, level: int = COMPARED) -> LoadResult:
        return next(r for r in self.results if r.workload == workload and r.concurrency == level)


def measured(servers: Servers, workload: str, texts: list[str], level: int, seconds: float) -> LoadResult:
    """One load level, with the Rasa server's CPU time per request."""
    citizen = (
        parse_workload(servers.api(PARSE), texts) if workload == PARSE else webhook_workload(servers.rasa_url, texts)
    )
    start = cpu_seconds(servers.rasa_pid)
    result = run_load(workload, citizen, level, seconds)
    cpu_ms = 1000 * (cpu_seconds(servers.rasa_pid) - start) / max(result.requests, 1)
    return replace(result, server_cpu_ms=cpu_ms)


def memory(servers: Servers) -> Memory:
    return Memory(peak_rss_mib(servers.rasa_pid), pss_mib(servers.rasa_pid), peak_rss_mib(servers.action_pid or 0))


def before_and_after(baseline: str, texts: list[str], seconds: float) -> tuple[Serving, Serving]:
    """(before, after): the baseline at 8 citizens, the current code at every level."""
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        old_root = stack.enter_context(checkout(baseline))
        old_model = model_for(old_root)
        print(f"  baseline {baseline}: model {old_model}", flush=True)
        old = stack.enter_context(running_servers(tmp / "before", ENV, root=old_root, model=old_model))
        new = stack.enter_context(running_servers(tmp / "after", ENV))
        for servers in (old, new):
            warm_up(servers.api(PARSE), texts)
        before: list[LoadResult] = []
        after: list[LoadResult] = []
        for workload in (PARSE, WEBHOOK):
            for level in LEVELS:
                if level == COMPARED:
                    print(f"  before: {workload} x{level}", flush=True)
                    before.append(measured(old, workload, texts, level, seconds))
                print(f"  after: {workload} x{level}", flush=True)
                after.append(measured(new, workload, texts, level, seconds))
        return Serving(before, memory(old)), Serving(after, memory(new))
