"""Models loaded for prediction only (bot.rasa_plugins.lean_model_load) predict exactly as Rasa's load.

Fails when a Rasa upgrade changes what the plug-in replaces (the method's signature, or how Rasa
builds and restores a model), or when any prediction of the shipped model differs in any digit.
"""

from __future__ import annotations

import inspect

import pytest
from rasa.utils.tensorflow.models import RasaModel

from bench.heldout import load_set
from bot.rasa_plugins import lean_model_load
from bot.rasa_plugins.lean_model_load import RASA_LOAD, load_for_prediction
from bot.rasa_plugins.nlg import ProfileNLG
from bot.triage.classifier import Classification, NluGraph
from tests.servers import model_path


def test_rasa_still_builds_a_model_by_training_one_step_before_reading_its_weights() -> None:
    assert list(inspect.signature(RASA_LOAD).parameters) == list(inspect.signature(load_for_prediction).parameters)
    source = inspect.getsource(RASA_LOAD)
    for step in ["model.fit(", "model.load_weights(model_file_name)", "model.run_inference(predict_data_example)"]:
        assert step in source, step


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [q["text"] for q in load_set("real")[:40] + load_set("casual")[:40]]


def classified(texts: list[str], lean: bool) -> list[Classification]:
    with pytest.MonkeyPatch.context() as patch:
        if not lean:
            patch.setattr(lean_model_load, "install", lambda: None)
            patch.setattr(RasaModel, "load", classmethod(RASA_LOAD))
        graph = NluGraph.from_archive(model_path())
        assert lean_model_load.installed() is lean
        return graph.classify(texts)


def test_the_shipped_model_predicts_the_same_bit_for_bit(texts: list[str]) -> None:
    rasas, ours = classified(texts, lean=False), classified(texts, lean=True)
    assert [c.intent for c in ours] == [c.intent for c in rasas]
    assert ours == rasas  # every confidence of every ranking, and every chosen entry


def test_every_rasa_server_installs_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RasaModel, "load", classmethod(RASA_LOAD))
    ProfileNLG()
    assert lean_model_load.installed()
