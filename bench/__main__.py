"""make bench: python -m bench [--seconds N] [--folds N] [--only part ...]"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path
from typing import Sequence

from bench.baseline import BASELINE
from bench.cluster_scaling import scaling, scaling_section, throughput
from bench.environment import describe
from bench.ginza_floor import floors
from bench.knowledge_variants import compare, variants_table
from bench.nlu_cv import cross_validate
from bench.nlu_data import ROOT, read_examples
from bench.nlu_systems import PREVIOUS, SYSTEMS
from bench.report import MB, Target, comparison_table, cv_table, load_table, memory_lines, plot, write_report
from bench.serving import PARSE, ROUNDS, WEBHOOK, before_and_after
from bench.training_time import full_training_seconds
from bench.triage_speed import transcripts_per_second
from tests.servers import model_path

PARTS = ("cv", "heldout", "serving", "floor", "training", "triage", "scaling")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--seconds", type=float, default=20.0, help="duration of each load level")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=PARTS, default=list(PARTS))
    parser.add_argument("--out", default=str(ROOT / "docs"))
    parser.add_argument("--baseline", default=BASELINE, help="git revision served as the 'before'")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    texts = [t for t, _ in read_examples(ROOT / "tests" / "nlu" / "test_nlu.yml")]
    targets: list[Target] = []
    sections: dict[str, list[str]] = {}
    raw: dict[str, object] = {"environment": describe()}

    if "cv" in args.only:
        print(f"1/5 cross-validation ({args.folds} folds, {len(SYSTEMS)} systems)...", flush=True)
        cv = cross_validate(args.folds)
        raw["cv"] = [asdict(r) for r in cv]
        ours, baselines = cv[0], [r for r in cv[1:] if r.system != PREVIOUS]
        ahead = all(ours.accuracy > b.accuracy and ours.macro_f1 > b.macro_f1 for b in baselines)
        targets.append(
            Target(
                "understanding (5-fold CV)",
                "≥ 0.95 accuracy and macro-F1, ahead of both baselines",
                f"{ours.accuracy:.3f} / {ours.macro_f1:.3f}",
                ours.accuracy >= 0.95 and ours.macro_f1 >= 0.95 and ahead,
            )
        )
        sections["Understanding: 5-fold cross-validation, same folds"] = cv_table(cv)

    if "heldout" in args.only:
        print("held-out questions: pipeline variants trained and scored side by side...", flush=True)
        variants = compare(Path(model_path()))
        raw["heldout_variants"] = [asdict(v) for v in variants]
        real = variants[0].scores["real"]
        casual = variants[0].scores["casual"]
        targets += [
            Target("real held-out FAQ headings routed", "≥ 0.95", f"{real['routing']:.3f}", real["routing"] >= 0.95),
            Target(
                "real held-out: answer holds the key fact",
                "≥ 0.95",
                f"{real['key_facts']:.3f}",
                real["key_facts"] >= 0.95,
            ),
            Target("casual held-out wording routed", "≥ 0.97", f"{casual['routing']:.3f}", casual["routing"] >= 0.97),
        ]
        sections["Held-out questions: variants side by side"] = variants_table(variants)

    if "serving" in args.only:
        print(f"2/5 serving and memory, before ({args.baseline}) and after...", flush=True)
        before, after = before_and_after(args.baseline, texts, args.seconds)
        raw["serving"] = {
            name: {
                "results": [{**asdict(r), "per_second": r.per_second} for r in s.results],
                "rounds": [{**asdict(r), "per_second": r.per_second} for r in s.rounds],
                "memory_mib": asdict(s.memory),
            }
            for name, s in (("before", before), ("after", after))
        }
        parse8, webhook8 = after.at(PARSE), after.at(WEBHOOK)
        ratio = webhook8.per_second / parse8.per_second
        best = max(r.per_second for r in after.results if r.workload == WEBHOOK)
        rss_gb = after.memory.rasa_peak_mib * MB / 1000
        targets += [
            Target("turns/s ÷ /model/parse requests/s, 8 citizens", "≥ 0.5", f"{ratio:.2f}", ratio >= 0.5),
            Target(
                "REST webhook p95 at 8 citizens, one replica",
                "≤ 100 ms (aim 50)",
                f"{webhook8.p95_ms:.1f} ms",
                webhook8.p95_ms <= 100,
            ),
            Target("sustained throughput (REST webhook)", "≥ 50 messages/s", f"{best:.1f} messages/s", best >= 50),
            Target("Rasa server peak RSS", "≤ 1.0 GB", f"{rss_gb:.2f} GB", rss_gb <= 1.0),
            Target("Rasa server PSS", "—", f"{after.memory.rasa_pss_mib * MB / 1000:.2f} GB", None),
            Target(
                "its masking process (question log): peak RSS, PSS",
                "—",
                f"{after.memory.masking_peak_mib * MB:.0f} MB, {after.memory.masking_pss_mib * MB:.0f} MB",
                None,
            ),
            Target("action server peak RSS", "—", f"{after.memory.actions_peak_mib * MB:.0f} MB", None),
        ]
        plot(after.results, out / "benchmarks-latency.png")
        sections[f"Serving: before ({args.baseline}) and after, same run"] = comparison_table(before, after) + [
            "",
            f"Both sets of servers ran at the same time and took turns for {ROUNDS} rounds, the order swapped",
            "every round, on a machine shared with other people's tests: absolute numbers move from run to",
            "run, the ratios and the server CPU time per request much less.",
        ]
        sections["Serving: latency under load"] = load_table(after.results) + [
            "",
            f"Each level ran {args.seconds:.0f} s after one warm-up pass over the held-out texts. The webhook",
            "workload holds whole conversations: a question, then the document form (3 turns, typed as a",
            "citizen would; each reply is checked).",
            "",
            "![latency against concurrency](benchmarks-latency.png)",
        ]
        sections["Memory"] = memory_lines(before, after)

    if "floor" in args.only:
        print("3/5 GiNZA floor...", flush=True)
        floor = floors(texts)
        raw["ginza_ms"] = floor
        sections["The floor: GiNZA alone"] = ["| GiNZA | ms per message |", "|---|---|"] + [
            f"| {k} | {v:.2f} |" for k, v in floor.items()
        ]

    if "training" in args.only:
        print("4/5 full training from clean...", flush=True)
        seconds = full_training_seconds()
        raw["training_seconds"] = seconds
        targets.append(Target("full `rasa train` from clean", "≤ 5 min", f"{seconds / 60:.1f} min", seconds <= 300))

    if "triage" in args.only:
        print("5/5 triage...", flush=True)
        rate = transcripts_per_second()
        raw["triage_per_second"] = rate
        targets.append(Target("triage after model load", "≥ 50 transcripts/s", f"{rate:.0f} transcripts/s", rate >= 50))

    if "scaling" in args.only:
        print("scale-out: 1 and 2 replicas behind nginx...", flush=True)
        measured, memory = scaling(args.seconds, texts)
        raw["scaling"] = [{"replicas": n, **asdict(r), "per_second": r.per_second} for n, r in measured]
        raw["replica_memory_mib"] = [asdict(m) for m in memory]
        one, two = throughput(measured, 1, 8), throughput(measured, 2, 8)
        two32 = throughput(measured, 2, 32)
        targets += [
            Target(
                "scaling 1 → 2 replicas (8 citizens)",
                "reported",
                f"{one.per_second:.1f} → {two.per_second:.1f} messages/s (×{two.per_second / one.per_second:.2f})",
                None,
            ),
            Target("p95 at 32 citizens, 2 replicas", "reported", f"{two32.p95_ms:.0f} ms", None),
        ]
        sections["Scale-out: replicas behind nginx"] = scaling_section(measured, memory)

    write_report(out / "benchmarks.md", raw["environment"], targets, sections)  # type: ignore[arg-type]
    (out / "benchmarks.json").write_text(json.dumps(raw, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    print(f"wrote {out / 'benchmarks.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
