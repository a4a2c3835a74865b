"""Our NLU examples as (text, intent) pairs, and the fixed cross-validation folds."""

from __future__ import annotations

from pathlib import Path

import yaml
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
SEED = 42


def intent_of(label: str) -> str:
    """The contract intent of a label: a knowledge entry (intent/key) counts for its intent."""
    return label.split("/", 1)[0]


def read_examples(path: Path, entries: bool = False) -> list[tuple[str, str]]:
    """(text, intent) for every example in one Rasa NLU YAML file; a retrieval intent's examples
    (intent/key) count for their intent, or keep their entry with `entries`."""
    pairs = []
    for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
        for line in block["examples"].splitlines():
            if line.startswith("- "):
                label = block["intent"] if entries else intent_of(block["intent"])
                pairs.append((line[2:].strip(), label))
    return pairs


def training_examples() -> list[tuple[str, str]]:
    """Every NLU example under data/nlu (the knowledge base's export included), labelled with its
    entry (intent/key) where it has one."""
    return [p for f in sorted((ROOT / "data" / "nlu").rglob("*.yml")) for p in read_examples(f, entries=True)]


def entry_responses() -> dict[str, list[dict]]:
    """The knowledge entries' responses (utter_intent/key), which the entry chooser trains on."""
    responses: dict[str, list[dict]] = {}
    for path in sorted((ROOT / "data" / "nlu" / "knowledge").glob("*.yml")):
        responses.update(yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {})
    return responses


def folds(examples: list[tuple[str, str]], n: int = 5) -> list[tuple[list[int], list[int]]]:
    """The same folds for every system (fixed seed), stratified by intent."""
    splitter = StratifiedKFold(n_splits=n, shuffle=True, random_state=SEED)
    labels = [intent_of(label) for _, label in examples]
    return [(list(tr), list(te)) for tr, te in splitter.split(labels, labels)]


def write_nlu_yaml(examples: list[tuple[str, str]], path: Path, responses: dict[str, list[dict]] | None = None) -> None:
    """Examples as Rasa NLU YAML (labels as given: intents, or entries with their `responses`)."""
    by_intent: dict[str, list[str]] = {}
    for text, intent in examples:
        by_intent.setdefault(intent, []).append(text)
    blocks = [{"intent": i, "examples": "".join(f"- {t}\n" for t in texts)} for i, texts in sorted(by_intent.items())]
    data: dict = {"version": "3.1", "nlu": blocks}
    if responses:
        data["responses"] = {k: v for k, v in responses.items() if k.removeprefix("utter_") in by_intent}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
