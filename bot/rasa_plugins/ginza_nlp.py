"""SpacyNLP for GiNZA that loads only the spaCy components the pipeline uses.

Rasa 3.6's SpacyNLP loads every component of ja_ginza but the parser. Our pipeline reads only
what GiNZA's Sudachi tokenizer gives (tokens, lemmas, part-of-speech tags) and the static word
vectors, so the neural components (tok2vec, ner, morphologizer, ...) are excluded: about 40x less
time per message (see docs/benchmarks.md).

Memory (docs/benchmarks.md): the vocabulary's string table (600,000 strings, ~120 MB) is not loaded
either: every token adds its own strings and vectors are found by the hash of the text, so tokens,
lemmas, tags and vectors are the same without it (tests/rasa/test_ginza_nlp.py). And the model is
loaded once per process (bot.spacy_models): Rasa builds two graph nodes from a model loader (one
provides the model, one processes messages), and each would otherwise load its own copy (~280 MB);
the question log's NER shares its vocabulary too.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.exceptions import InvalidConfigException
from spacy.lang.ja import JapaneseTokenizer
from spacy.language import Language
from spacy.tokens import Doc

from bot.core.synonyms import canonical
from bot.spacy_models import TOKENIZER_ONLY, load_language

DEFAULT_EXCLUDE = list(TOKENIZER_ONLY)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MODEL_LOADER, DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER],
    is_trainable=False,
    model_from="GinzaNLP",
)
class GinzaNLP(SpacyNLP):
    """Loads a spaCy model with `exclude` (default: every GiNZA component after the tokenizer, and
    the string table), once per process."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # Compared in make bench (bench/knowledge_variants.py):
        # lemma: "dictionary" (GiNZA's lemma_, Sudachi's dictionary form) or "normalized" (Sudachi's
        # normalized form, so that 失くした, 無くした and なくした meet);
        # split_mode: Sudachi's A (short units: 資格確認書 -> 資格/確認/書), B, or C (the model's);
        # synonyms: each lemma read as its domain synonym group's word (bot.core.synonyms).
        return {
            **SpacyNLP.get_default_config(),
            "exclude": list(DEFAULT_EXCLUDE),
            "lemma": "dictionary",
            "split_mode": None,
            "synonyms": False,
        }

    @staticmethod
    def load_excluding(model_name: str | None, exclude: List[str]) -> SpacyModel:
        if not model_name:
            raise InvalidConfigException("GinzaNLP needs `model:` (e.g. ja_ginza) in config.yml.")
        try:
            return SpacyModel(model=load_language(model_name, exclude), model_name=model_name)
        except OSError as exc:
            raise InvalidConfigException(f"Cannot load the spaCy model '{model_name}': {exc}") from exc

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GinzaNLP:
        config = {**cls.get_default_config(), **config}
        model = cls.load_excluding(config.get("model"), config["exclude"])
        cls.ensure_proper_language_model(model.model)
        configure(model.model, config)
        return cls(model, config)


NORMALIZED_LEMMA = "nhi_normalized_lemma"
SYNONYM_LEMMA = "nhi_synonym_lemma"


def configure(nlp: Language, config: Dict[str, Any]) -> None:
    """Sets the (shared, bot.spacy_models) model to exactly what `config` asks, whatever an earlier
    configuration of another graph in this process set: the split mode and the lemma pipes."""
    mode = config["split_mode"] or nlp.config["nlp"]["tokenizer"].get("split_mode")  # else the model's own
    if getattr(nlp.tokenizer, "split_mode", mode) != mode:
        nlp.tokenizer = JapaneseTokenizer(nlp.vocab, split_mode=mode)
    wanted = [NORMALIZED_LEMMA] * (config["lemma"] == "normalized") + [SYNONYM_LEMMA] * bool(config["synonyms"])
    for name in (NORMALIZED_LEMMA, SYNONYM_LEMMA):
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    for name in wanted:
        nlp.add_pipe(name, last=True)


@Language.component(NORMALIZED_LEMMA)
def normalized_lemma(doc: Doc) -> Doc:
    """Sudachi's normalized form (GiNZA's norm_) as each token's lemma."""
    for token in doc:
        token.lemma_ = token.norm_
    return doc


@Language.component(SYNONYM_LEMMA)
def synonym_lemma(doc: Doc) -> Doc:
    """Each token's lemma as its domain synonym group's word (bot.core.synonyms)."""
    for token in doc:
        token.lemma_ = canonical(token.lemma_, token.norm_)
    return doc
