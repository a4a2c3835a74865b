"""The systems compared by cross-validation: our pipeline, Rasa without GiNZA, TF-IDF + LR."""

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


def no_ginza_config() -> dict:
    """Same DIET and input guard, char n-gram counts instead of GiNZA tokens and vectors."""
    ours = ours_config()
    diet = next(c for c in ours["pipeline"] if c["name"] == "DIETClassifier")
    return {
        "recipe": "default.v1",
        "language": "ja",
        "pipeline": [
            {"name": "bot.rasa_plugins.input_guard.InputGuard"},
            {"name": "bench.whitespace_tokenizer.SpaceSplitTokenizer"},
            {"name": "CountVectorsFeaturizer", "analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4},
            diet,
        ],
    }


def linear_intents_config(config: dict) -> dict:
    """`config` with a logistic regression over TF-IDF character n-grams, lemmas and GiNZA's mean
    vector (bot.rasa_plugins.linear_intents) in place of DIET, without the count-vector
    featurizers, which only DIET reads."""
    linear = {"name": "bot.rasa_plugins.linear_intents.LinearIntents", "alpha": 1e-5, "random_seed": 42}
    return {
        **config,
        "pipeline": [
            linear if c["name"] == "DIETClassifier" else c
            for c in config["pipeline"]
            if c["name"] != "CountVectorsFeaturizer"
        ],
    }


def sentence_features_config(config: dict) -> dict:
    """`config` with DIET reading the text's sentence-level features only: each text's tokens become
    one placeholder token (bot.rasa_plugins.sentence_features), just before DIET."""
    pipeline = []
    for component in config["pipeline"]:
        if component["name"] == "DIETClassifier":
            pipeline.append({"name": "bot.rasa_plugins.sentence_features.SentenceFeaturesOnly"})
        pipeline.append(component)
    return {**config, "pipeline": pipeline}


def rasa_predictor(config: dict) -> Predictor:
    """Train a Rasa NLU model on the training fold (in a fresh process; knowledge entries with their
    responses, for the entry chooser) and predict the test fold's intents, as the chat reads them."""

    def predict(train: list[tuple[str, str]], test: list[tuple[str, str]]) -> list[str]:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            (work / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
            write_nlu_yaml(train, work / "train.yml", entry_responses())
            write_nlu_yaml([(text, intent_of(label)) for text, label in test], work / "test.yml")
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
                    "fold",
                    "--quiet",
                ],
                cwd=ROOT,
                env=ENV,
                check=True,
                capture_output=True,
            )
            subprocess.run(
                [
                    RASA,
                    "test",
                    "nlu",
                    "--model",
                    str(work / "fold.tar.gz"),
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


# Ours first, then the two baselines, then a candidate for ours (compared with it, not a baseline).
CANDIDATE = "ours with a linear intent classifier instead of DIET"
SYSTEMS: dict[str, Callable[[], Predictor]] = {
    "ours (GiNZA tokens + vectors + char n-grams, DIET)": lambda: rasa_predictor(ours_config()),
    "Rasa without GiNZA (char n-gram counts, DIET)": lambda: rasa_predictor(no_ginza_config()),
    "TF-IDF char n-grams + logistic regression": lambda: tfidf_predictor,
    CANDIDATE: lambda: rasa_predictor(linear_intents_config(ours_config())),
}
