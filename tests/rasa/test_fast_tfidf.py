"""The prediction fast paths compute what scikit-learn computes, bit for bit, for the models our
components fit: FastTfidf's matrix (TfidfVectorizer.transform), the linear classifier's three blocks
side by side (scipy's hstack), and the probabilities (SGDClassifier.predict_proba). So the shipped
classifiers' outputs are unchanged by them, and a scikit-learn or SciPy upgrade that changes the
arithmetic under them fails here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from bench.eval_sets import load_set
from bench.nlu_data import training_examples
from bot.core.input_text import clean_text
from bot.rasa_plugins.entry_selector import EntrySelector, entry_model
from bot.rasa_plugins.fast_linear import probabilities
from bot.rasa_plugins.fast_tfidf import FastTfidf, reproducible
from bot.rasa_plugins.linear_intents import IntentFeatures, LinearIntents
from tests.rasa.test_linear_intents import message

ODD = ["", "😀😀", "<b>保険証</b>", "ｶｰﾄﾞ", "a" * 2000, "未登録語彙ゞゝ〆"]


@pytest.fixture(scope="module")
def texts() -> tuple[list[str], list[str]]:
    """(training texts, other texts): the training data, and held-out questions with odd input."""
    held_out = [q["text"] for q in load_set("real") + load_set("casual")]
    return [clean_text(t) for t, _ in training_examples()], [clean_text(t) for t in held_out] + ODD


def same(a: sp.csr_matrix, b: sp.csr_matrix) -> bool:
    return (
        a.shape == b.shape
        and a.indptr.tolist() == b.indptr.tolist()
        and a.indices.tolist() == b.indices.tolist()
        and a.data.tobytes() == b.data.tobytes()
    )


VECTORIZERS: dict[str, Callable[[], TfidfVectorizer]] = {
    "entry selector's characters": lambda: entry_model(1e-4, 42)[0],
    "linear intents' characters": lambda: IntentFeatures().chars,
    "linear intents' words": lambda: IntentFeatures().words,
}


@pytest.mark.parametrize("name", VECTORIZERS)
def test_the_same_matrix_bit_for_bit(name: str, texts: tuple[list[str], list[str]]) -> None:
    train, other = texts
    vectorizer = VECTORIZERS[name]()
    documents = (lambda t: list(t)) if name.endswith("words") else (lambda t: t)  # words: any token lists
    vectorizer.fit([documents(t) for t in train])
    fast = FastTfidf(vectorizer)
    assert reproducible(vectorizer)
    for text in other:  # one at a time, as in a parse
        assert same(fast.transform([documents(text)]), vectorizer.transform([documents(text)])), text
    batch = [documents(t) for t in other[:50]]
    assert same(fast.transform(batch), vectorizer.transform(batch))


@pytest.mark.parametrize("setting", [{"norm": "l1"}, {"binary": True}, {"use_idf": False}, {"norm": None}])
def test_settings_it_does_not_reproduce_go_through_scikit_learn(setting: dict) -> None:
    vectorizer = TfidfVectorizer(analyzer="char", **setting).fit(["保険証", "資格確認書", "マイナ保険証"])
    assert not reproducible(vectorizer)
    assert same(FastTfidf(vectorizer).transform(["保険証をなくした"]), vectorizer.transform(["保険証をなくした"]))


def test_both_classifiers_transform_through_it_once_loaded(tmp_path: Path) -> None:
    from tests.rasa.test_entry_selector import trained_and_loaded as entry_selector
    from tests.rasa.test_linear_intents import trained_and_loaded as linear_intents

    (tmp_path / "entries").mkdir()
    (tmp_path / "intents").mkdir()
    selector: EntrySelector = entry_selector(tmp_path / "entries")
    assert isinstance(selector._features, FastTfidf)
    intents: LinearIntents = linear_intents(tmp_path / "intents")
    assert intents._model is not None
    assert all(isinstance(t, FastTfidf) for t in intents._model[0]._fast)
    assert np.isfinite(intents._model[1].coef_).all()


def featured(texts: list[str], labels: list[str] | None = None) -> list:
    """Messages with lemmas (two-character pieces) and sentence vectors (some zero, some with zeros)."""
    rng = np.random.default_rng(0)
    out = []
    for number, text in enumerate(texts):
        m = message([text[i : i + 2] for i in range(0, len(text), 2)] or [""], 0, labels[number] if labels else None)
        vector = rng.normal(size=4).astype(np.float32) * (number % 7 != 0)  # every 7th a zero vector
        vector[number % 4] = 0.0
        m.features[0].features[:] = vector
        out.append(m)
    return out


@pytest.fixture(scope="module")
def linear(texts: tuple[list[str], list[str]]) -> tuple[IntentFeatures, np.ndarray, list]:
    """(features fitted on the training texts, the same features for prediction, held-out messages)."""
    train, other = texts
    fitted = IntentFeatures().fit(featured(train))
    return fitted, IntentFeatures().fit(featured(train)).for_prediction(), featured(other)


def test_the_linear_classifiers_blocks_side_by_side_bit_for_bit(linear: tuple) -> None:
    reference, fast, messages = linear
    assert fast._fast is not None and reference._fast is None
    for m in messages:  # one at a time, as in a parse
        assert same(fast.transform([m]), reference.transform([m])), m.get("text")
    assert same(fast.transform(messages[:50]), reference.transform(messages[:50]))


def test_the_probabilities_bit_for_bit(linear: tuple, texts: tuple[list[str], list[str]]) -> None:
    reference, fast, messages = linear
    train, _ = texts
    from sklearn.linear_model import SGDClassifier

    labels = [f"intent_{len(t) % 5}" for t in train]
    classifier = SGDClassifier(loss="log_loss", max_iter=5, tol=None, random_state=0)
    classifier.fit(reference.transform(featured(train)), labels)
    for m in messages:
        features = fast.transform([m])
        assert probabilities(classifier, features).tobytes() == classifier.predict_proba(features).tobytes()
    binary = SGDClassifier(loss="log_loss", max_iter=5, tol=None, random_state=0)
    binary.fit(reference.transform(featured(train[:40])), ["a", "b"] * 20)
    features = fast.transform(messages[:5])
    assert probabilities(binary, features).tobytes() == binary.predict_proba(features).tobytes()
