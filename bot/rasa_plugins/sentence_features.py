"""Drops the text's token-level (sequence) features before DIET, which then reads the sentence-level
features alone.

With no transformer layer, no entity recognition and no masked language model (config.yml), DIET's
intent is read from the sentence-level slot of its combined features only: its dense layers work
position by position and nothing mixes positions (rasa.utils.tensorflow.rasa_layers.RasaSequenceLayer).
Every token's features were still carried, transformed and thrown away, in training and in each
parse. DIET insists on some token-level features, so each text gets one placeholder token instead:
a constant sparse column and zeros as wide as its dense sentence features, so that both kinds have the
same width and DIET adds no layer to unify them.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_plugins.code_fingerprint import CodeFingerprint
from bot.rasa_plugins.stateless_component import StatelessComponent

ORIGIN = "SentenceFeaturesOnly"


def drop_token_features(message: Message) -> None:
    """The message's text with one placeholder token for its sequence features (other attributes'
    features are kept); a text without features is left alone."""
    kept = [f for f in message.features if not (f.type == FEATURE_TYPE_SEQUENCE and f.attribute == TEXT)]
    if len(kept) == len(message.features):
        return
    message.features = kept
    message.add_features(Features(scipy.sparse.coo_matrix(np.ones((1, 1))), FEATURE_TYPE_SEQUENCE, TEXT, ORIGIN))
    sentence = message.get_dense_features(TEXT)[1]
    if sentence is not None:
        width = sentence.features.shape[-1]
        message.add_features(Features(np.zeros((1, width), dtype=np.float32), FEATURE_TYPE_SEQUENCE, TEXT, ORIGIN))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class SentenceFeaturesOnly(CodeFingerprint, StatelessComponent):
    """See the module docstring. Goes after the last featurizer, before DIET."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            drop_token_features(example)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            drop_token_features(message)
        return messages
