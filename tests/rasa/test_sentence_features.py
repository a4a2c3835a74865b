"""SentenceFeaturesOnly: DIET reads the text's sentence-level features alone, which is what it reads
anyway when nothing in it mixes positions (the premise is checked against the make bench variant that
uses it, bench.nlu_systems.diet_config, and against Rasa)."""

from __future__ import annotations

import inspect
from pathlib import Path

import numpy as np
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.rasa_layers import RasaSequenceLayer

from bench.nlu_systems import diet_config
from bot.rasa_plugins.sentence_features import SentenceFeaturesOnly

ROOT = Path(__file__).resolve().parents[2]
NAME = "bot.rasa_plugins.sentence_features.SentenceFeaturesOnly"


def featurized() -> Message:
    message = Message(data={"text": "保険証をなくした", "intent": "lost_certificate"})
    for kind, rows in (("sequence", 3), ("sentence", 1)):
        message.add_features(Features(np.ones((rows, 4)), kind, "text", "SpacyFeaturizer"))
    message.add_features(Features(np.ones((1, 2)), "sequence", "intent", "CountVectorsFeaturizer"))
    return message


def test_the_texts_tokens_become_one_placeholder_token(tmp_path: Path) -> None:
    component = SentenceFeaturesOnly.create(
        {}, LocalModelStorage(tmp_path), Resource("s"), ExecutionContext(GraphSchema({}), "t")
    )
    message, example = featurized(), featurized()
    component.process([message])
    component.process_training_data(TrainingData([example]))
    for m in (message, example):
        dense_sequence, dense_sentence = m.get_dense_features("text")
        sparse_sequence, sparse_sentence = m.get_sparse_features("text")
        assert dense_sequence is not None and dense_sentence is not None and sparse_sequence is not None
        assert dense_sequence.features.shape == (1, 4) and not dense_sequence.features.any()  # as wide as the sentence
        assert sparse_sequence.features.shape == (1, 1) and sparse_sentence is None
        assert (dense_sentence.features == 1).all()  # the sentence features as they were
        assert m.get_dense_features("intent")[0] is not None  # other attributes' tokens kept


def test_diet_reads_no_token_level_feature_in_this_configuration() -> None:
    """The premise: no transformer, no entities, no masked language model, so DIET's dense layers
    work position by position and its intent reads the sentence slot only. Fails if config.yml or
    Rasa changes that."""
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    pipeline = diet_config(config, sentence_features_only=True)["pipeline"]
    names = [c["name"] for c in pipeline]
    diet = next(c for c in pipeline if c["name"] == "DIETClassifier")
    assert names.index(NAME) == names.index("DIETClassifier") - 1
    assert diet.get("number_of_transformer_layers") == 0
    assert diet.get("entity_recognition") is False
    assert not diet.get("use_masked_language_model", False)
    source = inspect.getsource(RasaSequenceLayer.call)
    assert "if self._has_transformer:" in source
    assert "outputs, attention_weights = seq_sent_features_masked, tf.zeros((0,))" in source
