"""Wall time of a full `rasa train` from clean (empty cache, fresh output folder)."""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

from bench.nlu_data import ROOT
from bench.nlu_systems import ENV, RASA


def full_training_seconds() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**ENV, "RASA_CACHE_DIRECTORY": str(Path(tmp) / "cache")}
        start = time.perf_counter()
        subprocess.run(
            [RASA, "train", "--out", tmp, "--fixed-model-name", "bench", "--quiet"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - start
