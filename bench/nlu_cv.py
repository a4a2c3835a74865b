"""5-fold cross-validation of the systems in bench.nlu_systems on the same folds."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sklearn.metrics import accuracy_score, f1_score

from bench.nlu_data import folds, intent_of, training_examples
from bench.nlu_systems import SYSTEMS


@dataclass
class CvResult:
    system: str
    accuracy: float
    macro_f1: float
    worst: list[tuple[str, float, list[tuple[str, int]]]] = field(default_factory=list)


def evaluate(system: str, gold: list[str], predicted: list[str]) -> CvResult:
    labels = sorted(set(gold))
    per_intent = f1_score(gold, predicted, labels=labels, average=None, zero_division=0)
    worst = sorted(zip(labels, per_intent, strict=False), key=lambda p: p[1])[:5]
    confusions = []
    for intent, f1 in worst:
        wrong = Counter(p for g, p in zip(gold, predicted, strict=False) if g == intent and p != intent)
        confusions.append((intent, float(f1), wrong.most_common(3)))
    return CvResult(
        system, accuracy_score(gold, predicted), f1_score(gold, predicted, average="macro", zero_division=0), confusions
    )


def cross_validate(n_folds: int = 5, log=print) -> list[CvResult]:
    examples = training_examples()
    splits = folds(examples, n_folds)
    results = []
    for name, factory in SYSTEMS.items():
        predict = factory()
        gold: list[str] = []
        predicted: list[str] = []
        for k, (train_idx, test_idx) in enumerate(splits, 1):
            log(f"  {name}: fold {k}/{n_folds}")
            test = [examples[i] for i in test_idx]
            predicted += predict([examples[i] for i in train_idx], test)
            gold += [intent_of(label) for _, label in test]
        results.append(evaluate(name, gold, predicted))
    return results
