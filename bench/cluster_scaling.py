"""Scale-out: the REST webhook workload through nginx against 1 and 2 replicas (make cluster's
setup: PostgreSQL, Redis, nginx on this machine), at 8 and 32 citizens; memory of the replicas."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.load import LoadResult, run_load, webhook_workload
from bench.process_memory import children, pss_mib, rss_mib
from cluster.cluster import running_cluster
from tests.servers import model_path

REPLICAS = (1, 2)
LEVELS = (8, 32)


@dataclass
class ReplicaMemory:
    replicas: int
    rasa_rss_mib: list[float]
    rasa_pss_mib: list[float]  # with its masking process
    actions_pss_mib: list[float]


Measured = list[tuple[int, LoadResult]]  # (replicas, result)
# Cores a busy replica takes: its event loop, and its question log's masking process (bench/analysis.md,
# session 11: about a fifth of the server's CPU per turn).
REPLICA_CORES = 1.2


def scaling(seconds: float, texts: list[str]) -> tuple[Measured, list[ReplicaMemory]]:
    """Each replica count in turn, on a fresh cluster; memory read after the load."""
    results: Measured = []
    memory: list[ReplicaMemory] = []
    os.environ.setdefault("NHI_API_TOKEN", secrets.token_hex(16))
    for count in REPLICAS:
        root = Path(tempfile.mkdtemp(prefix="nhi-bench-cluster-"))
        try:
            with running_cluster(
                root, count, model_path(), api_token=os.environ["NHI_API_TOKEN"], env={"BOT_TODAY": "2026-11-22"}
            ) as cluster:
                workload = webhook_workload(cluster.url, texts)
                run_load("warm-up", workload, 2 * count, 5)
                for level in LEVELS:
                    print(f"  {count} replica(s) x{level}", flush=True)
                    results.append((count, run_load("REST webhook via nginx", workload, level, seconds)))
                memory.append(
                    ReplicaMemory(
                        count,
                        [rss_mib(r.rasa.pid) for r in cluster.replicas],
                        [sum(map(pss_mib, [r.rasa.pid, *children(r.rasa.pid)])) for r in cluster.replicas],
                        [pss_mib(r.children[0].pid) for r in cluster.replicas],
                    )
                )
        finally:
            shutil.rmtree(root, ignore_errors=True)
    return results, memory


def throughput(results: Measured, replicas: int, level: int) -> LoadResult:
    return next(r for n, r in results if n == replicas and r.concurrency == level)


def scaling_section(results: Measured, memory: list[ReplicaMemory]) -> list[str]:
    lines = [
        "Conversations (a question, then the 3-turn document form) through nginx, with conversations in",
        "PostgreSQL and locks in Redis (`make cluster`), all on this machine.",
        "",
        "| replicas | concurrent citizens | requests | errors | p50 ms | p95 ms | requests/s |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {n} | {r.concurrency} | {r.requests} | {r.errors} | {r.p50_ms:.1f} | {r.p95_ms:.1f} | {r.per_second:.1f} |"
        for n, r in results
    ]
    lines += [
        "",
        "| replicas | Rasa RSS each (MB) | Rasa PSS each, with its masking process (MB) | Rasa PSS total "
        "| action server PSS each |",
    ]
    lines += ["|---|---|---|---|---|"]
    for m in memory:
        lines.append(
            f"| {m.replicas} | {', '.join(f'{v:.0f}' for v in m.rasa_rss_mib)} | "
            f"{', '.join(f'{v:.0f}' for v in m.rasa_pss_mib)} | {sum(m.rasa_pss_mib):.0f} | "
            f"{', '.join(f'{v:.0f}' for v in m.actions_pss_mib)} |"
        )
    one = throughput(results, 1, 8).per_second
    pss = [v for m in memory for v in m.rasa_pss_mib]
    lines += [
        "",
        "PSS counts a page shared by several processes (the mmapped Sudachi dictionary, model and library",
        "files) for its share only, with every process on the machine that maps the same files: the PSS",
        "total is what the replicas really take. Figures in MiB.",
        "",
        "Larger machines (an estimate from these figures, not a measurement): a replica is one Python",
        "process whose turns run on one event loop, so it uses about one core, plus a child process that",
        f"masks the question log's names (about a fifth of a core under load): {REPLICA_CORES} cores in all. Here two",
        "replicas share two cores with nginx, PostgreSQL, Redis, the action servers and the load generator:",
        "the second replica can only use what the first left of them. With c cores, c - 1 of them serve",
        f"about (c - 1) / {REPLICA_CORES} replicas, each near the single-replica rate measured here ({one:.1f}",
        f"messages/s at 8 citizens): about {3 / REPLICA_CORES * one:.0f} messages/s on 4 cores and",
        f"{7 / REPLICA_CORES * one:.0f} on 8. Each turn costs PostgreSQL one read and one write of a few rows",
        "and Redis a few commands, far from their limits at these rates. Memory: about "
        f"{sum(pss) / max(len(pss), 1):.0f} MiB of PSS per replica.",
    ]
    return lines
