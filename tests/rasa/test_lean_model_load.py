"""Models loaded for prediction only (bot.rasa_plugins.lean_model_load) predict exactly as Rasa's load.

Fails when a Rasa upgrade changes what the plug-in replaces (the method's signature, or how Rasa
builds and restores a model), or when any prediction of a DIET model differs in any digit. The
shipped pipeline has no TensorFlow model since session 8 (config.yml), so a small DIET model is
trained here: our pipeline with DIET as shipped before (bench.nlu_systems.diet_config), a few epochs,
on part of the training data.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf
from rasa.utils.tensorflow.models import RasaModel

from bench.eval_sets import load_set
from bench.nlu_data import intent_of, training_examples
from bench.nlu_systems import diet_config, ours_config, train_nlu
from bot.rasa_plugins import lean_model_load
from bot.rasa_plugins.lean_model_load import RASA_LOAD, ConcretePredict, load_for_prediction
from bot.rasa_plugins.nlg import ProfileNLG
from bot.triage.classifier import Classification, NluGraph


def test_rasa_still_builds_a_model_by_training_one_step_before_reading_its_weights() -> None:
    assert list(inspect.signature(RASA_LOAD).parameters) == list(inspect.signature(load_for_prediction).parameters)
    source = inspect.getsource(RASA_LOAD)
    for step in ["model.fit(", "model.load_weights(model_file_name)", "model.run_inference(predict_data_example)"]:
        assert step in source, step


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [q["text"] for q in load_set("real")[:40] + load_set("casual")[:40]]


@pytest.fixture(scope="module")
def diet_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An NLU model of our pipeline with DIET (10 epochs, every 4th training example)."""
    work = tmp_path_factory.mktemp("diet")
    config = diet_config(ours_config())
    for component in config["pipeline"]:
        if component["name"] == "DIETClassifier":
            component["epochs"] = 10
    entries = ("EntrySelector", "KnowledgeSelection")  # the intent is enough here
    config["pipeline"] = [c for c in config["pipeline"] if not c["name"].endswith(entries)]
    return train_nlu(config, [(t, intent_of(label)) for t, label in training_examples()[::4]], work)


def classified(model: Path, texts: list[str], lean: bool) -> list[Classification]:
    with pytest.MonkeyPatch.context() as patch:
        if not lean:
            patch.setattr(lean_model_load, "install", lambda: None)
            patch.setattr(RasaModel, "load", classmethod(RASA_LOAD))
        graph = NluGraph.from_archive(model)
        assert lean_model_load.installed() is lean
        return graph.classify(texts)


def test_a_diet_model_predicts_the_same_bit_for_bit(diet_model: Path, texts: list[str]) -> None:
    rasas, ours = classified(diet_model, texts, lean=False), classified(diet_model, texts, lean=True)
    assert [c.intent for c in ours] == [c.intent for c in rasas]
    assert ours == rasas  # every confidence of every ranking, and every chosen entry


def test_every_rasa_server_installs_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RasaModel, "load", classmethod(RASA_LOAD))
    ProfileNLG()
    assert lean_model_load.installed()


def test_a_traced_prediction_is_called_through_its_concrete_function() -> None:
    calls = []

    def step(batch: tuple[tf.Tensor, tf.Tensor]) -> dict[str, tf.Tensor]:
        calls.append("traced")  # runs only while tracing
        return {"sum": tf.reduce_sum(batch[0]) + tf.cast(tf.reduce_sum(batch[1]), tf.float32)}

    signature = [(tf.TensorSpec([None, 2], tf.float32), tf.TensorSpec([None], tf.int64))]
    function = tf.function(step, input_signature=signature)
    predict = ConcretePredict(function)
    batch = (np.array([[1.0, 2.0]], dtype=np.float32), np.array([3, 4], dtype=np.int64))
    assert predict(batch)["sum"].numpy() == function(batch)["sum"].numpy() == 10.0
    assert calls == ["traced"]  # one graph for both calls
    with pytest.raises(ValueError):  # a shape the signature does not fit: the tf.function's own error
        predict((np.zeros((1, 3), dtype=np.float32), np.array([1], dtype=np.int64)))


def test_a_diet_models_classifier_predicts_through_its_concrete_function(diet_model: Path, texts: list[str]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        seen = []
        patch.setattr(ConcretePredict, "__call__", lambda self, batch: seen.append(self) or self.function(batch))
        NluGraph.from_archive(diet_model).classify(texts[:1])
    assert seen
