"""Training only: one copy of each FAQ example (an intent/key example of the knowledge base) of every
intent but insurance_enrollment, with an opening that states the citizen's membership in front
(bot.core.preambles). The copies carry the intent only, so the intent classifier learns from them and
the entry selector does not. Messages at prediction time pass unchanged.

Session 13 (bench/analysis.md): validation routing 149 -> 151 of 158, a gain the openings' choice flatters;
on 51 fresh headings routing 44 -> 45 and key facts 32 -> 35; CV unchanged, the held-out sets within one question.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

import bot.core.preambles
from bot.core.input_text import clean_text
from bot.core.preambles import NOT_COPIED, with_preamble
from bot.rasa_plugins.code_fingerprint import CodeFingerprint
from bot.rasa_plugins.stateless_component import StatelessComponent


def preamble_copies(examples: List[Message]) -> List[Message]:
    """The copies of the FAQ examples outside insurance_enrollment, openings taken in turn."""
    chosen = [
        e
        for e in examples
        if "/" in str(e.get(INTENT_RESPONSE_KEY) or "") and e.get(INTENT) != NOT_COPIED and e.get(TEXT)
    ]
    return [
        Message(data={TEXT: clean_text(with_preamble(str(e.get(TEXT)), i)), INTENT: e.get(INTENT)})
        for i, e in enumerate(chosen)
    ]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class PreambleCopies(CodeFingerprint, StatelessComponent):
    """See the module docstring. Placed right after InputGuard, before the tokenizer."""

    also_fingerprinted = (bot.core.preambles,)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """The same training data with the copies after its examples. Not `TrainingData.merge`: that would
        also drop the examples that became duplicates when InputGuard cleaned them, and so change what
        the other components train on."""
        out = TrainingData(
            entity_synonyms=training_data.entity_synonyms,
            regex_features=training_data.regex_features,
            lookup_tables=training_data.lookup_tables,
            responses=training_data.responses,
        )
        out.training_examples = [*training_data.training_examples, *preamble_copies(training_data.training_examples)]
        return out

    def process(self, messages: List[Message]) -> List[Message]:
        return messages
