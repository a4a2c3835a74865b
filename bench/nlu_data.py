"""Our NLU examples as (text, intent) pairs, and the fixed cross-validation folds."""

from __future__ import annotations

from pathlib import Path

import yaml
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
SEED = 42


def read_examples(path: Path) -> list[tuple[str, str]]:
    """(text, intent) for every example in one Rasa NLU YAML file; a retrieval intent's examples
    (intent/key) count for their intent."""
    pairs = []
    for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
        for line in block["examples"].splitlines():
            if line.startswith("- "):
                pairs.append((line[2:].strip(), block["intent"].split("/", 1)[0]))
    return pairs


def training_examples() -> list[tuple[str, str]]:
    """Every NLU example under data/nlu (the knowledge base's export included)."""
    return [p for f in sorted((ROOT / "data" / "nlu").rglob("*.yml")) for p in read_examples(f)]


def folds(examples: list[tuple[str, str]], n: int = 5) -> list[tuple[list[int], list[int]]]:
    """The same stratified folds for every system (fixed seed)."""
    splitter = StratifiedKFold(n_splits=n, shuffle=True, random_state=SEED)
    labels = [intent for _, intent in examples]
    return [(list(tr), list(te)) for tr, te in splitter.split(labels, labels)]


def write_nlu_yaml(examples: list[tuple[str, str]], path: Path) -> None:
    by_intent: dict[str, list[str]] = {}
    for text, intent in examples:
        by_intent.setdefault(intent, []).append(text)
    blocks = [{"intent": i, "examples": "".join(f"- {t}\n" for t in texts)} for i, texts in sorted(by_intent.items())]
    path.write_text(
        yaml.safe_dump({"version": "3.1", "nlu": blocks}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
