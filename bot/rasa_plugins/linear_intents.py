"""Classifies a message's intent with a logistic regression (fitted by stochastic gradient descent)
over three blocks of features, each scaled to unit length: character 1- to 3-grams of the cleaned
text, GiNZA's lemmas (both TF-IDF weighted) and GiNZA's mean word vector (SpacyFeaturizer).

In place of DIET since session 8 (config.yml; DIET stays a make bench variant): it trains in seconds,
needs no TensorFlow model per parse, and its scores hardly move with the seed. Its output is DIET's:
the intent and a ranking of the ten best, which the FallbackClassifier reads unchanged.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.preprocessing import normalize
from sklearn.utils.extmath import row_norms

from bot.rasa_plugins.entry_selector import ranked_labels
from bot.rasa_plugins.fast_linear import probabilities as linear_probabilities
from bot.rasa_plugins.fast_tfidf import FastTfidf, csr_rows
from bot.rasa_plugins.stored_model import StoredModelComponent

RANKING_LENGTH = 10  # as DIET's default


def _lemmas(message: Message) -> list[str]:
    return [str(token.lemma) for token in message.get(TOKENS_NAMES[TEXT]) or []]


def _identity(lemmas: list[str]) -> list[str]:
    return lemmas


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    """`sklearn.preprocessing.normalize(vectors)` without its input checks: the same arithmetic
    (rows of near-zero length stay as they are)."""
    norms = row_norms(vectors)
    norms[norms < 10 * np.finfo(norms.dtype).eps] = 1.0
    vectors /= norms[:, np.newaxis]
    return vectors


def _sentence_vector(message: Message) -> np.ndarray | None:
    """The dense sentence features (GiNZA's mean word vector), if the message has any."""
    sentence = message.get_dense_features(TEXT)[1]
    return None if sentence is None else np.asarray(sentence.features, dtype=np.float32).reshape(-1)


class IntentFeatures:
    """The three feature blocks, fitted on the training messages. A message without a sentence
    vector (no word to average) gets zeros in that block."""

    def __init__(self) -> None:
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True)
        self.words = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
        self.vector_size = 0
        self._fast: tuple[FastTfidf, FastTfidf] | None = None  # set for prediction only

    def for_prediction(self) -> IntentFeatures:
        """Itself, transforming through FastTfidf's rows from now on, joined without building a
        matrix per block (the same features bit for bit, for the few messages of a parse)."""
        fast = (FastTfidf(self.chars), FastTfidf(self.words))
        self._fast = fast if all(f.reproduces for f in fast) else None
        return self

    def fit(self, messages: list[Message]) -> IntentFeatures:
        self.chars.fit([str(m.get(TEXT) or "") for m in messages])
        self.words.fit([_lemmas(m) for m in messages])
        self.vector_size = next((len(v) for v in map(_sentence_vector, messages) if v is not None), 0)
        return self

    def transform(self, messages: list[Message]) -> sp.csr_matrix:
        vectors = np.zeros((len(messages), self.vector_size), dtype=np.float32)
        for row, message in enumerate(messages):
            vector = _sentence_vector(message) if self.vector_size else None
            if vector is not None and len(vector) == self.vector_size:
                vectors[row] = vector
        texts, lemmas = [str(m.get(TEXT) or "") for m in messages], [_lemmas(m) for m in messages]
        if self._fast is None:
            blocks = [self.chars.transform(texts), self.words.transform(lemmas), sp.csr_matrix(normalize(vectors))]
            return sp.hstack(blocks, format="csr")
        return self._joined(self._fast, texts, lemmas, _unit_rows(vectors))

    @staticmethod
    def _joined(
        fast: tuple[FastTfidf, FastTfidf], texts: list[str], lemmas: list[list[str]], vectors: np.ndarray
    ) -> sp.csr_matrix:
        """The three blocks side by side, as `sp.hstack` puts them (each row's entries block after
        block), without building each block's matrix first."""
        chars, words = fast
        words_start = chars.width
        vector_start = words_start + words.width
        rows = []
        for (char_columns, char_weights), (word_columns, word_weights), vector in zip(
            chars.rows(texts), words.rows(lemmas), vectors, strict=True
        ):
            nonzero = np.flatnonzero(vector)
            columns = np.concatenate([char_columns, word_columns + words_start, nonzero + vector_start])
            rows.append((columns, np.concatenate([char_weights, word_weights, vector[nonzero].astype(np.float64)])))
        return csr_rows(rows, vector_start + vectors.shape[1])


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntents(StoredModelComponent):
    """See the module docstring. Config: `alpha`, the regression's L2 penalty, and `random_seed`."""

    MODEL_FILE = "linear_intents.joblib"
    _model: tuple[IntentFeatures, SGDClassifier] | None

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"alpha": 1e-5, "random_seed": 42}

    def _use(self, model: tuple[IntentFeatures, SGDClassifier] | None) -> None:
        self._model = None if model is None else (model[0].for_prediction(), model[1])

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT)]
        labels = [str(e.get(INTENT)) for e in examples]
        if len(set(labels)) < 2:
            return self._resource
        features = IntentFeatures().fit(examples)
        classifier = SGDClassifier(
            loss="log_loss",
            alpha=float(self._config["alpha"]),
            max_iter=50,
            tol=None,
            random_state=int(self._config["random_seed"]),
        ).fit(features.transform(examples), labels)
        classifier.coef_ = np.asfortranarray(classifier.coef_)
        return self._save((features, classifier))

    def process(self, messages: list[Message]) -> list[Message]:
        if self._model is None or not messages:
            return messages
        features, classifier = self._model
        probabilities = linear_probabilities(classifier, features.transform(messages))
        for message, ranked in zip(messages, ranked_labels(probabilities, classifier.classes_), strict=True):
            ranking = [{INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: p} for name, p in ranked[:RANKING_LENGTH]]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
