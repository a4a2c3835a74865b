"""docs/benchmarks.md and the latency plot."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.load import LoadResult
from bench.nlu_cv import CvResult


@dataclass
class Target:
    what: str
    target: str
    measured: str
    met: bool | None


def mark(met: bool | None) -> str:
    return "—" if met is None else ("met" if met else "**missed**")


def cv_table(results: list[CvResult]) -> list[str]:
    lines = ["| system | intent accuracy | macro-F1 |", "|---|---|---|"]
    lines += [f"| {r.system} | {r.accuracy:.3f} | {r.macro_f1:.3f} |" for r in results]
    for r in results:
        lines += ["", f"Worst 5 intents, {r.system}:", "", "| intent | F1 | confused with |", "|---|---|---|"]
        for intent, f1, confusions in r.worst:
            lines.append(f"| {intent} | {f1:.3f} | {', '.join(f'{c} ({n})' for c, n in confusions) or '—'} |")
    return lines


def load_table(results: list[LoadResult]) -> list[str]:
    lines = [
        "| workload | concurrent citizens | requests | errors | p50 ms | p95 ms | p99 ms | requests/s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.workload} | {r.concurrency} | {r.requests} | {r.errors} | {r.p50_ms:.1f} | {r.p95_ms:.1f} | "
        f"{r.p99_ms:.1f} | {r.per_second:.1f} |"
        for r in results
    ]
    return lines


def plot(results: list[LoadResult], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5))
    for workload in sorted({r.workload for r in results}):
        rows = sorted((r for r in results if r.workload == workload), key=lambda r: r.concurrency)
        xs = [r.concurrency for r in rows]
        ax.plot(xs, [r.p50_ms for r in rows], marker="o", label=f"{workload} p50")
        ax.plot(xs, [r.p95_ms for r in rows], marker="s", linestyle="--", label=f"{workload} p95")
    ax.axhline(100, color="grey", linewidth=0.8, linestyle=":", label="target p95 100 ms (webhook, 8)")
    ax.set_xscale("log", base=2)
    ax.set_xticks([1, 8, 32])
    ax.set_xticklabels(["1", "8", "32"])
    ax.set_xlabel("concurrent simulated citizens")
    ax.set_ylabel("latency (ms)")
    ax.set_title("Latency against concurrency (loopback, 2 cores)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_report(
    path: Path, environment: dict[str, str], targets: list[Target], sections: dict[str, list[str]]
) -> None:
    lines = [
        "# Benchmarks",
        "",
        "Made by `make bench` (not part of `make test`); numbers from one run on the machine below.",
        "Fixed seeds: folds and models 42. Re-run to reproduce; expect a few percent of noise in timings.",
        "",
        "| machine | value |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v} |" for k, v in environment.items()]
    lines += ["", "## Targets", "", "| what | target | measured | |", "|---|---|---|---|"]
    lines += [f"| {t.what} | {t.target} | {t.measured} | {mark(t.met)} |" for t in targets]
    for title, body in sections.items():
        lines += ["", f"## {title}", "", *body]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
