"""Rasa's WhitespaceTokenizer allowed for Japanese, for the no-GiNZA baseline only.

Rasa refuses it for ja (no spaces between words); the baseline wants exactly that: the text
stays in few long tokens, so that char_wb n-grams span the whole phrase.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class SpaceSplitTokenizer(WhitespaceTokenizer):
    @staticmethod
    def not_supported_languages() -> List[str] | None:
        return None
