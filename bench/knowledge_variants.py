"""Pipeline variants trained on the same data and scored on the same held-out sets (bench.heldout):
what each candidate feature does for real FAQ headings and casual wording, and what it costs to train."""

from __future__ import annotations

import copy
import math
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bench.heldout import entry_choice, evaluate
from bench.nlu_data import ROOT
from bench.nlu_systems import ENV, RASA, SENTENCE_FEATURES_ONLY, diet_config
from bot.core.profiles import load_profile
from bot.triage.classifier import NluGraph

TODAY = date(2026, 11, 25)
Config = dict[str, Any]


def _ours() -> Config:
    return yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))


def _with_component(config: Config, suffix: str, **options: Any) -> Config:
    config = copy.deepcopy(config)
    for component in config["pipeline"]:
        if component["name"].endswith(suffix):
            component.update(options)
    return config


def _with_ginza(config: Config, **options: Any) -> Config:
    return _with_component(config, "GinzaNLP", **options)


def _with_response_selector(config: Config) -> Config:
    """Rasa's ResponseSelector ranks the entries instead of the entry selector (as shipped until
    session 6: 25 epochs, 128-wide embeddings, every entry ranked)."""
    config = copy.deepcopy(config)
    selector = {
        "name": "ResponseSelector",
        "epochs": 25,
        "ranking_length": 0,
        "dense_dimension": {"text": 128, "label": 128},
        "hidden_layers_sizes": {"text": [256, 128]},
        "constrain_similarities": True,
        "random_seed": 42,
    }
    config["pipeline"] = [selector if c["name"].endswith("EntrySelector") else c for c in config["pipeline"]]
    return config


def _with_lookups(config: Config) -> Config:
    """A RegexFeaturizer over the lookup tables (LOOKUPS), after the other featurizers."""
    config = copy.deepcopy(config)
    at = next(i for i, c in enumerate(config["pipeline"]) if c["name"] in (SENTENCE_FEATURES_ONLY, "DIETClassifier"))
    featurizer = {"name": "RegexFeaturizer", "use_word_boundaries": False, "case_sensitive": False}
    config["pipeline"].insert(at, featurizer)
    return config


LOOKUPS = ROOT / "bench" / "lookups"  # training data only the lookup variant reads
VARIANTS: dict[str, Callable[[], Config]] = {
    "ours (Sudachi normalized forms as lemmas)": _ours,
    "GiNZA dictionary-form lemmas (shipped until session 8)": lambda: _with_ginza(_ours(), lemma="dictionary"),
    "Sudachi split mode A (short units: 資格確認書 → 資格/確認/書)": lambda: _with_ginza(_ours(), split_mode="A"),
    "domain synonym groups as lemmas (knowledge/synonyms.yml)": lambda: _with_ginza(_ours(), synonyms=True),
    "DIET instead of the linear classifier": lambda: diet_config(_ours()),
    "DIET reading sentence-level features only (one placeholder token)": lambda: diet_config(_ours(), True),
    "DIET, with document names as lookup features (RegexFeaturizer)": lambda: _with_lookups(diet_config(_ours())),
    "DIET, and Rasa's ResponseSelector ranks the entries (shipped until session 6)": lambda: _with_response_selector(
        diet_config(_ours())
    ),
    "entries also route (a surer entry overrules the intent)": lambda: _with_component(
        _ours(), "KnowledgeSelection", route_by_entries=True
    ),
}


@dataclass
class VariantScore:
    variant: str
    train_seconds: float
    scores: dict[str, dict[str, Any]]
    error: str = ""  # why training failed (then no scores)


def scored(name: str, model: Path, train_seconds: float) -> VariantScore:
    graph = NluGraph.from_archive(model)
    profile = load_profile("takasaki")
    scores = {s: evaluate(graph, s, profile, TODAY).summary() for s in ("real", "casual")}
    scores["validation"] = entry_choice(graph, profile, TODAY)
    return VariantScore(name, train_seconds, scores)


def train_and_score(name: str, config: Config) -> VariantScore:
    """Trains the whole assistant with `config` in a temporary folder and scores the held-out sets."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        start = time.perf_counter()
        uses_lookups = any(c["name"] == "RegexFeaturizer" for c in config["pipeline"])
        data = ["--data", "data", str(LOOKUPS)] if uses_lookups else []
        done = subprocess.run(
            [RASA, "train", "--config", str(work / "config.yml"), "--out", str(work)]
            + data
            + ["--fixed-model-name", "variant", "--quiet"],
            cwd=ROOT,
            env=ENV,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            lines = [line for line in done.stderr.splitlines() if line.strip()]
            return VariantScore(name, seconds, {}, lines[-1] if lines else f"exit {done.returncode}")
        return scored(name, work / "variant.tar.gz", seconds)


def compare(shipped: Path | None = None) -> list[VariantScore]:
    """Every variant trained and scored; ours is the `shipped` model when given (trained from the
    same config.yml and data; its training time is the full-training row of make bench)."""
    ours = next(iter(VARIANTS))
    return [
        scored(name, shipped, float("nan")) if name == ours and shipped else train_and_score(name, make())
        for name, make in VARIANTS.items()
    ]


def _minutes(seconds: float) -> str:
    return "shipped model" if math.isnan(seconds) else f"{seconds / 60:.1f} min"


def variants_table(results: list[VariantScore]) -> list[str]:
    lines = [
        "| variant | real: routed | real: key fact | casual: routed | casual: key fact "
        "| validation: entry (right intent) | validation: key fact | training |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if r.error:
            lines.append(f"| {r.variant} | training failed: {r.error} | | | | | | |")
            continue
        real, casual, validation = r.scores["real"], r.scores["casual"], r.scores["validation"]
        lines.append(
            f"| {r.variant} | {real['routing']:.3f} | {real['key_facts']:.3f} | {casual['routing']:.3f} "
            f"| {casual['key_facts']:.3f} | {validation['entry_given_intent']:.3f} | {validation['key_facts']:.3f} "
            f"| {_minutes(r.train_seconds)} |"
        )
    return lines
