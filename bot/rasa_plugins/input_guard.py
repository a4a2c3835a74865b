"""First NLU component: cleans and caps the text so that no input can break the pipeline."""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

import bot.core.input_text
from bot.core.input_text import clean_text
from bot.rasa_plugins.code_fingerprint import CodeFingerprint
from bot.rasa_plugins.stateless_component import StatelessComponent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class InputGuard(CodeFingerprint, StatelessComponent):
    """Replaces each message text by bot.core.input_text.clean_text of it."""

    also_fingerprinted = (bot.core.input_text,)

    @staticmethod
    def _clean(message: Message) -> None:
        text = message.get(TEXT)
        if text is not None:
            message.set(TEXT, clean_text(text))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            self._clean(example)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._clean(message)
        return messages
