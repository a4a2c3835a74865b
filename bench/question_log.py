"""The question log's costs: python -m bench.question_log [--records N] [--messages N] [--baseline DIR]

- masking one question (regex + GiNZA's NER on the pipeline's vocabulary), and what loading the NER
  adds to a process that already has the NLU pipeline's GiNZA;
- building the report from N made-up records (reading, grouping);
- with --baseline DIR (a checkout without the log, e.g. `git worktree add /tmp/base main`): the REST
  webhook's sequential latency and the Rasa server's peak memory, with and without the log.
Prints Markdown tables (docs/report.md quotes them).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench.nlu_data import ROOT, read_examples
from bench.process_memory import peak_rss_mib

BATCH = 10  # about a second of questions at 10 a second


def _anonymous_mib() -> float:
    with open("/proc/self/smaps_rollup", encoding="utf-8") as rollup:
        for line in rollup:
            if line.startswith("Anonymous:"):
                return int(line.split()[1]) / 1024
    return 0.0


def masking(texts: list[str]) -> list[str]:
    from bot.question_log import ginza
    from bot.question_log.masker import mask, mask_all
    from bot.spacy_models import TOKENIZER_ONLY, load_language

    load_language("ja_ginza", list(TOKENIZER_ONLY))  # as the NLU pipeline does in the Rasa server
    before, started = _anonymous_mib(), time.perf_counter()
    ginza.ner_nlp()
    load_s, added = time.perf_counter() - started, _anonymous_mib() - before
    for text in texts[:20]:
        mask(text)
    times = []
    for text in texts:
        started = time.perf_counter()
        mask(text)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    started = time.perf_counter()
    for i in range(0, len(texts), BATCH):
        mask_all(list(texts[i : i + BATCH]))
    batched = (time.perf_counter() - started) / len(texts) * 1000
    return [
        "| masking one question | value |",
        "|---|---|",
        f"| questions timed | {len(times)} (tests/nlu/test_nlu.yml) |",
        f"| median | {statistics.median(times):.1f} ms |",
        f"| 95th percentile | {times[int(len(times) * 0.95)]:.1f} ms |",
        f"| per question in batches of {BATCH} (as the server does) | {batched:.1f} ms |",
        f"| loading the NER onto the pipeline's GiNZA | {load_s:.1f} s, {added:.0f} MiB |",
    ]


def report_build(records: int) -> list[str]:
    import sqlalchemy as sa

    from bot.question_log.store import count_records
    from bot.report.build import build_report
    from bot.report.summary import Period
    from tests.report_screenshot import DAYS, UNTIL, demo_log

    until_end = Period(UNTIL, UNTIL).bounds()[1]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'tracker.db'}"
        engine = sa.create_engine(url)
        seed = 0
        while seed == 0 or count_records(engine, 0, until_end) < records:
            demo_log(url, seed=seed, first_id=seed * 1_000_000)
            seed += 1
        started = time.perf_counter()
        report = build_report(engine, Period(UNTIL - timedelta(days=DAYS - 1), UNTIL))
        total = time.perf_counter() - started
        rows += [
            "| report from the log | value |",
            "|---|---|",
            f"| records | {len(report.records)} ({sum(1 for g in report.groups for _ in g)} in the 5 groups) |",
            f"| read, count and group (GiNZA loaded on first use) | {total:.1f} s |",
        ]
    return rows


def serving(baseline: Path, messages: int) -> list[str]:
    """Sequential REST webhook latency and Rasa peak RSS, with the log (this checkout) and without."""
    texts = [t for t, _ in read_examples(ROOT / "tests" / "nlu" / "test_nlu.yml")][:messages]
    results = {}
    for name, root in (("with the question log", ROOT), ("without (baseline)", baseline)):
        code = (
            "import sys,time,json,statistics,tempfile\n"
            "from pathlib import Path\n"
            "from tests.servers import running_servers\n"
            "from bench.process_memory import peak_rss_mib\n"
            "texts=json.loads(sys.argv[1])\n"
            "with tempfile.TemporaryDirectory() as t, running_servers(Path(t), env={'BOT_TODAY':'2026-11-22'}) as s:\n"
            "    s.say('warm', texts[0]); times=[]\n"
            "    for i, x in enumerate(texts):\n"
            "        a=time.perf_counter(); s.say(f'b{i%7}', x); times.append((time.perf_counter()-a)*1000)\n"
            "    time.sleep(2); times.sort()\n"
            "    print(json.dumps([statistics.median(times), times[int(len(times)*0.95)], peak_rss_mib(s.rasa_pid)]))\n"
        )
        import json

        env = {**os.environ, "PYTHONPATH": str(root), "NHI_MODEL": os.environ.get("NHI_MODEL", "")}
        out = subprocess.run(
            [sys.executable, "-c", code, json.dumps(texts)], cwd=root, env=env, capture_output=True, text=True
        )
        results[name] = json.loads(out.stdout.strip().splitlines()[-1])
    rows = ["| REST webhook, one at a time | median | p95 | Rasa peak RSS |", "|---|---|---|---|"]
    for name, (median, p95, rss) in results.items():
        rows.append(f"| {name} | {median:.0f} ms | {p95:.0f} ms | {rss:.0f} MiB |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.question_log")
    parser.add_argument("--records", type=int, default=20000)
    parser.add_argument("--messages", type=int, default=80)
    parser.add_argument("--baseline", type=Path, help="a checkout without the question log, for serving costs")
    args = parser.parse_args()
    texts = [t for t, _ in read_examples(ROOT / "tests" / "nlu" / "test_nlu.yml")]
    for table in (masking(texts), report_build(args.records)):
        print("\n".join(table) + "\n", flush=True)
    if args.baseline:
        print("\n".join(serving(args.baseline, args.messages)))
    print(f"(peak RSS of this process: {peak_rss_mib(os.getpid()):.0f} MiB)")


if __name__ == "__main__":
    main()
