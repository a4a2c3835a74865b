"""The systems compared by cross-validation: our pipeline, Rasa without GiNZA, TF-IDF + LR, and our
pipeline with DIET as shipped until session 7."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from bench.nlu_data import ROOT, SEED, entry_responses, intent_of, write_nlu_yaml
from bot.core.input_text import clean_text

RASA = str(Path(sys.executable).with_name("rasa"))
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONPATH": str(ROOT)}
Predictor = Callable[[list[tuple[str, str]], list[tuple[str, str]]], list[str]]


def _pipeline_without_fallback(config: dict) -> dict:
    """Intent accuracy is compared without the FallbackClassifier (no system has one)."""
    config = dict(config)
    config["pipeline"] = [c for c in config["pipeline"] if c["name"] != "FallbackClassifier"]
    config.pop("policies", None)
    return config


def ours_config() -> dict:
    return _pipeline_without_fallback(yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8")))


# DIET as shipped until session 7 (config.yml now has bot.rasa_plugins.linear_intents in its place),
# with the count-vector featurizers only it read.
DIET = {
    "name": "DIETClassifier",
    "epochs": 100,
    "number_of_transformer_layers": 0,
    "hidden_layers_sizes": {"text": [256, 128]},
    "entity_recognition": False,
    "random_seed": 42,
    "constrain_similarities": True,
}
DIET_FEATURIZERS = [
    {"name": "CountVectorsFeaturizer"},
    {"name": "CountVectorsFeaturizer", "analyzer": "char_wb", "min_ngram": 1, "max_ngram": 3},
]
LINEAR_INTENTS = "bot.rasa_plugins.linear_intents.LinearIntents"
SENTENCE_FEATURES_ONLY = "bot.rasa_plugins.sentence_features.SentenceFeaturesOnly"


def no_ginza_config() -> dict:
    """DIET and the input guard on char n-gram counts instead of GiNZA tokens and vectors."""
    return {
        "recipe": "default.v1",
        "language": "ja",
        "pipeline": [
            {"name": "bot.rasa_plugins.input_guard.InputGuard"},
            {"name": "bench.whitespace_tokenizer.SpaceSplitTokenizer"},
            {"name": "CountVectorsFeaturizer", "analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4},
            DIET,
        ],
    }


def diet_config(config: dict, sentence_features_only: bool = False) -> dict:
    """`config` with DIET and its count-vector featurizers (as shipped until session 7) in place of the
    linear intent classifier, the rest of `config` as it is; with `sentence_features_only`, DIET reads
    each text's sentence-level features alone (bot.rasa_plugins.sentence_features)."""
    diet = DIET_FEATURIZERS + [{"name": SENTENCE_FEATURES_ONLY}] * sentence_features_only + [DIET]
    pipeline: list[dict] = []
    for component in config["pipeline"]:
        pipeline += diet if component["name"] == LINEAR_INTENTS else [component]
    return {**config, "pipeline": pipeline}


def train_nlu(config: dict, examples: list[tuple[str, str]], work: Path, responses: dict | None = None) -> Path:
    """An NLU model of `config` trained on `examples` (labels as given) in a fresh process, in `work`."""
    (work / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    write_nlu_yaml(examples, work / "train.yml", responses)
    subprocess.run(
        [
            RASA,
            "train",
            "nlu",
            "-c",
            str(work / "config.yml"),
            "--nlu",
            str(work / "train.yml"),
            "--out",
            str(work),
            "--fixed-model-name",
            "nlu",
            "--quiet",
        ],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=True,
    )
    return work / "nlu.tar.gz"


def rasa_predictor(config: dict) -> Predictor:
    """Train a Rasa NLU model on the training fold (in a fresh process; knowledge entries with their
    responses, for the entry chooser) and predict the test fold's intents, as the chat reads them."""

    def predict(train: list[tuple[str, str]], test: list[tuple[str, str]]) -> list[str]:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            model = train_nlu(config, train, work, entry_responses())
            write_nlu_yaml([(text, intent_of(label)) for text, label in test], work / "test.yml")
            subprocess.run(
                [
                    RASA,
                    "test",
                    "nlu",
                    "--model",
                    str(model),
                    "--nlu",
                    str(work / "test.yml"),
                    "--out",
                    str(work / "res"),
                    "--successes",
                    "--no-plot",
                ],
                cwd=ROOT,
                env=ENV,
                check=True,
                capture_output=True,
            )
            predicted: dict[str, str] = {}
            for name in ("intent_successes.json", "intent_errors.json"):
                path = work / "res" / name
                if path.exists():
                    for row in json.loads(path.read_text(encoding="utf-8")):
                        predicted[row["text"]] = row["intent_prediction"]["name"]
            # Rasa reports the cleaned text; map back through the same cleaning.
            return [predicted.get(text, predicted.get(clean_text(text), "?")) for text, _ in test]

    return predict


def tfidf_predictor(train: list[tuple[str, str]], test: list[tuple[str, str]]) -> list[str]:
    model = make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True),
        LogisticRegression(C=10.0, max_iter=3000, random_state=SEED),
    )
    model.fit([clean_text(t) for t, _ in train], [intent_of(label) for _, label in train])
    return list(model.predict([clean_text(t) for t, _ in test]))


# Ours first, then the two baselines, then ours with DIET as until session 7 (compared with ours, not
# a baseline).
PREVIOUS = "ours with DIET (GiNZA tokens + vectors + char n-gram counts) in place of the linear classifier"
SYSTEMS: dict[str, Callable[[], Predictor]] = {
    "ours (GiNZA normalized lemmas + vector + char n-grams, linear classifier)": lambda: rasa_predictor(ours_config()),
    "Rasa without GiNZA (char n-gram counts, DIET)": lambda: rasa_predictor(no_ginza_config()),
    "TF-IDF char n-grams + logistic regression": lambda: tfidf_predictor,
    PREVIOUS: lambda: rasa_predictor(diet_config(ours_config())),
}
