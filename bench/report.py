"""docs/benchmarks.md and the latency plot."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.load import LoadResult
from bench.nlu_cv import CvResult
from bench.serving import COMPARED, PARSE, WEBHOOK, Serving

MB = 1024 * 1024 / 1e6  # MiB -> MB (10^6 bytes)
ANALYSIS = Path(__file__).with_name("analysis.md")  # hand-written: the profile and what each step gained


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
        "| workload | concurrent citizens | requests | errors | p50 ms | p95 ms | p99 ms | requests/s "
        "| Rasa CPU ms/request |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.workload} | {r.concurrency} | {r.requests} | {r.errors} | {r.p50_ms:.1f} | {r.p95_ms:.1f} | "
        f"{r.p99_ms:.1f} | {r.per_second:.1f} | {r.server_cpu_ms:.1f} |"
        for r in results
    ]
    return lines


def comparison_table(before: Serving, after: Serving) -> list[str]:
    """Before and after at 8 citizens, with after ÷ before."""

    def row(what: str, old: float, new: float, digits: int = 1) -> str:
        ratio = f"{new / old:.2f}" if old else "—"
        return f"| {what} | {old:.{digits}f} | {new:.{digits}f} | {ratio} |"

    rows = []
    for s in (before, after):
        parse, webhook = s.at(PARSE), s.at(WEBHOOK)
        rows.append(
            [
                parse.per_second,
                webhook.per_second,
                webhook.per_second / parse.per_second,
                webhook.p50_ms,
                webhook.p95_ms,
                webhook.server_cpu_ms,
                parse.server_cpu_ms,
                s.memory.rasa_peak_mib * MB,
                s.memory.rasa_pss_mib * MB,
                s.memory.masking_peak_mib * MB,
                (s.memory.rasa_pss_mib + s.memory.masking_pss_mib) * MB,
            ]
        )
    names = [
        "/model/parse requests/s",
        "REST webhook turns/s",
        "turns/s ÷ parse requests/s",
        "REST webhook p50 ms",
        "REST webhook p95 ms",
        "Rasa server CPU ms per turn",
        "Rasa server CPU ms per parse",
        "Rasa server peak RSS MB",
        "Rasa server PSS MB",
        "its masking process: peak RSS MB",
        "Rasa server and masking process: PSS MB",
    ]
    lines = [f"| {COMPARED} citizens, median of the rounds | before | after | after ÷ before |", "|---|---|---|---|"]
    for i, name in enumerate(names):
        lines.append(row(name, rows[0][i], rows[1][i], 2 if "÷" in name else (0 if "MB" in name else 1)))
    lines.append("")
    for workload, what in ((WEBHOOK, "turn"), (PARSE, "parse")):
        ratios = [
            f"{new.server_cpu_ms / old.server_cpu_ms:.2f}"
            for old, new in zip(before.each_round(workload), after.each_round(workload), strict=True)
        ]
        lines.append(f"Rasa server CPU per {what}, after ÷ before, round by round: {', '.join(ratios)}.")
    return lines


def memory_lines(before: Serving, after: Serving) -> list[str]:
    return [
        f"After the load: Rasa server peak RSS (VmHWM) {after.memory.rasa_peak_mib * MB:.0f} MB "
        f"(before: {before.memory.rasa_peak_mib * MB:.0f} MB), PSS {after.memory.rasa_pss_mib * MB:.0f} MB; "
        f"its masking process peak RSS {after.memory.masking_peak_mib * MB:.0f} MB, "
        f"PSS {after.memory.masking_pss_mib * MB:.0f} MB; "
        f"action server peak RSS {after.memory.actions_peak_mib * MB:.0f} MB.",
        "PSS counts the pages a process shares with others (libraries, the mmapped Sudachi dictionary) for",
        "a share each: with several replicas on one machine, their PSS adds up to what they take together.",
    ]


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
    lines += ["", ANALYSIS.read_text(encoding="utf-8").rstrip()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
