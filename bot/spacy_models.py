"""spaCy models loaded once per process and shared: the NLU pipeline's GiNZA tokenizer and vectors
(bot.rasa_plugins.ginza_nlp) are reused by the question log and the report (bot.question_log.ginza)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

# ja_ginza's components after its Sudachi tokenizer: what a tokenizer-only load leaves out.
GINZA_COMPONENTS = ("tok2vec", "parser", "ner", "morphologizer", "compound_splitter", "bunsetu_recognizer")
_TOKENIZER_ONLY: dict[str, Language] = {}


def load_language(model_name: str, exclude: list[str]) -> Language:
    """spacy.load without the `exclude`d components; a tokenizer-only load is kept for `tokenizer_only`."""
    import spacy

    nlp = spacy.load(model_name, exclude=exclude)
    if set(exclude) >= set(GINZA_COMPONENTS):
        _TOKENIZER_ONLY.setdefault(model_name, nlp)
    return nlp


def tokenizer_only(model_name: str) -> Language:
    """The model with its tokenizer and vectors alone: the one already loaded in this process, else loaded now."""
    return _TOKENIZER_ONLY.get(model_name) or load_language(model_name, list(GINZA_COMPONENTS))
