"""The evaluation sets' files, read without Rasa (the unit tests check them too).

- tests/knowledge/real_questions.yml: real FAQ headings from public pages whose hosts are held out
  (knowledge/heldout_hosts.txt): no page used for training examples is used here.
- tests/knowledge/casual_questions.yml: casual citizen wording, written apart from the training data.
- bench/candidates/real_headings_session*.yml (VALIDATION): real FAQ headings from training-side pages,
  each labelled with its knowledge entry and key facts; never trained on (bench/analysis.md, sessions 5,
  12 and 13). A validation set: used to choose between candidates, so its scores are not held-out scores.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "real": ROOT / "tests" / "knowledge" / "real_questions.yml",
    "casual": ROOT / "tests" / "knowledge" / "casual_questions.yml",
}
VALIDATION = (
    ROOT / "bench" / "candidates" / "real_headings_session5.yml",
    ROOT / "bench" / "candidates" / "real_headings_session12.yml",
    ROOT / "bench" / "candidates" / "real_headings_session13.yml",
)


def load_set(name: str) -> list[dict[str, Any]]:
    """The questions of a held-out set ("real" or "casual")."""
    return list(yaml.safe_load(SETS[name].read_text(encoding="utf-8")))


def validation_pages() -> list[dict[str, Any]]:
    """The validation files' pages (id, url, publisher, headings), in file order."""
    return [page for path in VALIDATION for page in yaml.safe_load(path.read_text(encoding="utf-8"))["pages"]]


def load_validation() -> list[dict[str, Any]]:
    """The validation headings as items with their intent, entry and key facts."""
    return [
        {"text": h["text"], "intent": h["entry"].split("/", 1)[0], "entry": h["entry"], "key_facts": h["key_facts"]}
        for page in validation_pages()
        for h in page["headings"]
    ]
