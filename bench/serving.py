"""Serving under load, before and after: the baseline revision and the current code, side by side.

Both sets of servers run at the same time. At 8 citizens they take turns for ROUNDS rounds, the
order swapped every round (before then after, after then before, ...), so that the other load on a
shared machine weighs on both alike; each figure is the median over the rounds. Then the current
code alone runs the other levels.
"""

from __future__ import annotations

import contextlib
import statistics
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from bench.baseline import checkout, model_for
from bench.load import LoadResult, parse_workload, run_load, warm_up, webhook_workload
from bench.process_cpu import quiet_cpu_seconds
from bench.process_memory import children, peak_rss_mib, pss_mib
from tests.servers import Servers, running_servers

LEVELS = (1, 8, 32)
COMPARED = 8
ROUNDS = 3
ENV = {"BOT_TODAY": "2026-11-22"}
PARSE, WEBHOOK = "/model/parse", "REST webhook"


@dataclass
class Memory:
    rasa_peak_mib: float
    rasa_pss_mib: float
    actions_peak_mib: float
    masking_peak_mib: float  # the Rasa server's child processes (the question log's masking process)
    masking_pss_mib: float


@dataclass
class Serving:
    results: list[LoadResult]  # at COMPARED, the medians over the rounds
    memory: Memory
    rounds: list[LoadResult] = field(default_factory=list)  # each round at COMPARED, in order

    def at(self, workload: str, level: int = COMPARED) -> LoadResult:
        return next(r for r in self.results if r.workload == workload and r.concurrency == level)

    def each_round(self, workload: str) -> list[LoadResult]:
        return [r for r in self.rounds if r.workload == workload]


def median_result(rounds: list[LoadResult]) -> LoadResult:
    """One load's rounds as one result: the median of each figure, the requests and errors summed."""
    per_second = statistics.median(r.per_second for r in rounds)
    requests = sum(r.requests for r in rounds)
    return replace(
        rounds[0],
        seconds=requests / per_second if per_second else 0.0,
        requests=requests,
        errors=sum(r.errors for r in rounds),
        p50_ms=statistics.median(r.p50_ms for r in rounds),
        p95_ms=statistics.median(r.p95_ms for r in rounds),
        p99_ms=statistics.median(r.p99_ms for r in rounds),
        server_cpu_ms=statistics.median(r.server_cpu_ms for r in rounds),
    )


def measured(servers: Servers, workload: str, texts: list[str], level: int, seconds: float) -> LoadResult:
    """One load level, with the Rasa server's CPU time per request, read from quiet to quiet: the
    work a load leaves in the background (the question log masking its last questions) counts for
    that load, and none of the load before it."""
    citizen = (
        parse_workload(servers.api(PARSE), texts) if workload == PARSE else webhook_workload(servers.rasa_url, texts)
    )
    start = quiet_cpu_seconds(servers.rasa_pid)
    result = run_load(workload, citizen, level, seconds)
    cpu_ms = 1000 * (quiet_cpu_seconds(servers.rasa_pid) - start) / max(result.requests, 1)
    return replace(result, server_cpu_ms=cpu_ms)


def memory(servers: Servers) -> Memory:
    masking = children(servers.rasa_pid)
    return Memory(
        peak_rss_mib(servers.rasa_pid),
        pss_mib(servers.rasa_pid),
        peak_rss_mib(servers.action_pid or 0),
        sum(peak_rss_mib(pid) for pid in masking),
        sum(pss_mib(pid) for pid in masking),
    )


def before_and_after(baseline: str, texts: list[str], seconds: float) -> tuple[Serving, Serving]:
    """(before, after): the baseline at 8 citizens, the current code at every level (at 8, the
    medians of ROUNDS rounds taken in turn with the baseline's)."""
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        old_root = stack.enter_context(checkout(baseline))
        old_model = model_for(old_root)
        print(f"  baseline {baseline}: model {old_model}", flush=True)
        old = stack.enter_context(running_servers(tmp / "before", ENV, root=old_root, model=old_model))
        new = stack.enter_context(running_servers(tmp / "after", ENV))
        for servers in (old, new):
            warm_up(servers.api(PARSE), texts)
        rounds: dict[str, list[LoadResult]] = {"before": [], "after": []}
        for number in range(ROUNDS):
            order = [("before", old), ("after", new)]
            for workload in (PARSE, WEBHOOK):
                for name, servers in order if number % 2 == 0 else order[::-1]:
                    print(f"  round {number + 1}/{ROUNDS}, {name}: {workload} x{COMPARED}", flush=True)
                    rounds[name].append(measured(servers, workload, texts, COMPARED, seconds))
        medians = {
            name: {w: median_result([r for r in results if r.workload == w]) for w in (PARSE, WEBHOOK)}
            for name, results in rounds.items()
        }
        before = list(medians["before"].values())
        after: list[LoadResult] = []
        for workload in (PARSE, WEBHOOK):
            for level in LEVELS:
                if level == COMPARED:
                    after.append(medians["after"][workload])
                else:
                    print(f"  after: {workload} x{level}", flush=True)
                    after.append(measured(new, workload, texts, level, seconds))
        return Serving(before, memory(old), rounds["before"]), Serving(after, memory(new), rounds["after"])
