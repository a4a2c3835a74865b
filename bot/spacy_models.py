"""spaCy models loaded once per process and shared: the NLU pipeline's GiNZA tokenizer and vectors
(bot.rasa_plugins.ginza_nlp) are reused by the question log and the report (bot.question_log.ginza)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

# ja_ginza's components after its Sudachi tokenizer: what a tokenizer-only load leaves out.
GINZA_COMPONENTS = ("tok2vec", "parser", "ner", "morphologizer", "compound_splitter", "bunsetu_recognizer")
# ... and the vocabulary's string table, which nothing reads (tokens add their own strings).
TOKENIZER_ONLY = (*GINZA_COMPONENTS, "strings")
_LOADED: dict[tuple[str, frozenset[str]], Language] = {}


def load_language(model_name: str, exclude: list[str]) -> Language:
    """spacy.load without the `exclude`d components, once per process for each model and exclusion."""
    key = (model_name, frozenset(exclude))
    if key not in _LOADED:
        import spacy

        _LOADED[key] = spacy.load(model_name, exclude=exclude)
    return _LOADED[key]


def tokenizer_only(model_name: str) -> Language:
    """The model with its tokenizer and vectors alone: the one already loaded in this process, else loaded now."""
    for (name, excluded), nlp in _LOADED.items():
        if name == model_name and excluded >= set(GINZA_COMPONENTS):
            return nlp
    return load_language(model_name, list(TOKENIZER_ONLY))
