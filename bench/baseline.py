"""The benchmark's "before": an earlier revision of the project, exported next to this one, with its model.

Serving it in the same run as the current code gives before/after ratios that hold on a noisy,
shared machine, where absolute timings move from one run to the next.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

from bench.nlu_data import ROOT
from bench.nlu_systems import ENV, RASA

# main before issue 13 (a turn at the floor): the validation plug-in, the fast tracker store, one
# action-server call per form turn and the lighter GiNZA loading all came after it.
BASELINE = "5f3f340"


@contextlib.contextmanager
def checkout(revision: str) -> Iterator[Path]:
    """The project's files at `revision` (git archive, so the repository is left as it is)."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "archive", revision], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        yield Path(tmp)


def model_for(root: Path) -> str:
    """The model for the checkout's training inputs, kept in this project's models/; trained there if missing."""
    name = subprocess.run([str(root / "scripts" / "model_path.sh")], capture_output=True, text=True, check=True)
    model = ROOT / name.stdout.strip()
    if not model.exists():
        subprocess.run(
            [RASA, "train", "--fixed-model-name", model.name.removesuffix(".tar.gz"), "--out", str(model.parent)],
            cwd=root,
            env={**ENV, "PYTHONPATH": str(root)},
            check=True,
            capture_output=True,
        )
    return str(model)
