"""Transcripts per second of `python -m bot.triage`, model load excluded."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.nlu_data import ROOT, read_examples
from bench.nlu_systems import ENV


def _run(lines: list[str], tmp: Path) -> float:
    path = tmp / f"calls-{len(lines)}.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot.triage", str(path)],
        cwd=ROOT,
        env=ENV,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def transcripts_per_second(count: int = 2000) -> float:
    texts = [t for t, _ in read_examples(ROOT / "tests" / "nlu" / "test_nlu.yml")]
    lines = [json.dumps({"id": i, "text": texts[i % len(texts)]}, ensure_ascii=False) for i in range(count)]
    with tempfile.TemporaryDirectory() as tmp:
        load_only = _run(lines[:1], Path(tmp))
        full = _run(lines, Path(tmp))
    return (count - 1) / max(full - load_only, 1e-6)
