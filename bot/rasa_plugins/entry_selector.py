"""Ranks the knowledge base's entries for a message: the FAQ answer chooser, in place of Rasa's
ResponseSelector.

Each FAQ intent is a Rasa retrieval intent whose entries (intent/key) are the knowledge base's
answers. Rasa's ResponseSelector ranks them with a second TensorFlow model; this component ranks them
with a logistic regression (fitted by stochastic gradient descent) over character 1- to 3-grams of
the cleaned text, trained on the same examples. On real FAQ headings from training-side pages it picked
the labelled entry inside the right intent far more often (docs/benchmarks.md), with the same key
facts on the held-out sets; it trains in seconds instead of two minutes and spares a TensorFlow model
per parse.

Its output has the shape of Rasa's selector ("default" with the whole ranking), so the next
component (bot.rasa_plugins.knowledge_selection) and Rasa's retrieval actions read it unchanged.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_DEFAULT_INTENT,
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RESPONSES_KEY,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.shared.nlu.constants import INTENT_RESPONSE_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.pipeline import Pipeline, make_pipeline

from bot.rasa_plugins.fast_linear import probabilities
from bot.rasa_plugins.fast_tfidf import FastTfidf
from bot.rasa_plugins.stored_model import StoredModelComponent

logger = logging.getLogger(__name__)


def entry_model(alpha: float, seed: int) -> Pipeline:
    """Character 1- to 3-grams seen in two examples or more, then a logistic regression with L2
    penalty `alpha`, fitted by stochastic gradient descent."""
    features = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2)
    return make_pipeline(features, SGDClassifier(loss="log_loss", alpha=alpha, max_iter=50, random_state=seed))


def ready_for_prediction(model: Pipeline) -> Pipeline:
    """The same model with its weights in column order: scikit-learn multiplies a message's sparse
    features by the transposed weights, which scipy otherwise copies whole (127 x 11,000) on every
    call, two thirds of the selector's time. Predictions are unchanged."""
    classifier = model[-1]
    classifier.coef_ = np.asfortranarray(classifier.coef_)
    return model


def ranked_labels(probabilities: np.ndarray, classes: Any) -> list[list[tuple[str, float]]]:
    """For each row of a classifier's probabilities, every label with its probability, best first
    (ties in label order)."""
    labels = [str(label) for label in classes]
    out = []
    for row in probabilities:
        values = row.tolist()
        out.append([(labels[i], values[i]) for i in np.argsort(-row, kind="stable").tolist()])
    return out


def ranking(model: Pipeline, features: FastTfidf, texts: list[str]) -> list[list[dict[str, Any]]]:
    """For each text, every entry with its probability, best first (`features`: the model's first
    step's transform)."""
    ids = {str(label): i for i, label in enumerate(model.classes_)}
    return [
        [{"id": ids[key], PREDICTED_CONFIDENCE_KEY: p, INTENT_RESPONSE_KEY: key} for key, p in row]
        for row in ranked_labels(probabilities(model[-1], features.transform(texts)), model.classes_)
    ]


def selector_output(ranked: list[dict[str, Any]], retrieval_intents: list[str]) -> dict[str, Any]:
    """Rasa's response_selector property: the best entry and the whole ranking under "default"
    (never empty: a model exists only when two entries or more were trained)."""
    best = ranked[0]
    key = best[INTENT_RESPONSE_KEY]
    return {
        RESPONSE_SELECTOR_RETRIEVAL_INTENTS: retrieval_intents,
        RESPONSE_SELECTOR_DEFAULT_INTENT: {
            RESPONSE_SELECTOR_PREDICTION_KEY: {
                RESPONSE_SELECTOR_RESPONSES_KEY: [],
                PREDICTED_CONFIDENCE_KEY: best[PREDICTED_CONFIDENCE_KEY],
                INTENT_RESPONSE_KEY: key,
                RESPONSE_SELECTOR_UTTER_ACTION_KEY: f"utter_{key}",
            },
            RESPONSE_SELECTOR_RANKING_KEY: ranked,
        },
    }


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class EntrySelector(StoredModelComponent):
    """See the module docstring. Config: `alpha`, the regression's L2 penalty, and `random_seed`. The
    model is saved with its weights in column order (`ready_for_prediction`)."""

    MODEL_FILE = "entry_selector.joblib"
    _model: Pipeline | None

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"alpha": 1e-4, "random_seed": 42}

    def _use(self, model: Pipeline | None) -> None:
        """Predict with `model` (None: leave messages alone), and its retrieval intents."""
        self._model = model
        self._features = FastTfidf(model[0]) if model is not None else None
        labels = model.classes_ if model is not None else []
        self._intents = sorted({str(label).split("/", 1)[0] for label in labels})

    def train(self, training_data: TrainingData) -> Resource:
        pairs = [
            (str(example.get(TEXT)), str(example.get(INTENT_RESPONSE_KEY)))
            for example in training_data.intent_examples
            if "/" in str(example.get(INTENT_RESPONSE_KEY) or "")
        ]
        if len({label for _, label in pairs}) < 2:
            logger.warning("EntrySelector: fewer than two knowledge entries in the training data; nothing trained.")
            return self._resource
        texts, labels = zip(*pairs, strict=True)
        model = entry_model(float(self._config["alpha"]), int(self._config["random_seed"]))
        return self._save(ready_for_prediction(model.fit(list(texts), list(labels))))

    def process(self, messages: list[Message]) -> list[Message]:
        if self._model is None or self._features is None or not messages:
            return messages
        ranked = ranking(self._model, self._features, [str(message.get(TEXT) or "") for message in messages])
        for message, entries in zip(messages, ranked, strict=True):
            message.set(RESPONSE_SELECTOR_PROPERTY_NAME, selector_output(entries, self._intents), add_to_output=True)
        return messages
