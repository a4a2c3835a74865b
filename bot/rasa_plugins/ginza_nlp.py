"""SpacyNLP for GiNZA that loads only the spaCy components the pipeline uses.

Rasa 3.6's SpacyNLP loads every component of ja_ginza but the parser. Our pipeline reads only
what GiNZA's Sudachi tokenizer gives (tokens, lemmas, part-of-speech tags) and the static word
vectors, so the neural components (tok2vec, ner, morphologizer, ...) are excluded: about 40x less
time per message (see docs/benchmarks.md).

Memory (docs/benchmarks.md): the vocabulary's string table (600,000 strings, ~120 MB) is not loaded
either: every token adds its own strings and vectors are found by the hash of the text, so tokens,
lemmas, tags and vectors are the same without it (tests/rasa/test_ginza_nlp.py). And the model is
loaded once per process: Rasa builds two graph nodes from a model loader (one provides the model,
one processes messages), and each would otherwise load its own copy (~280 MB).
"""

from __future__ import annotations

from functools import cache
from typing import Any, Dict, List, Tuple

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.exceptions import InvalidConfigException

NEURAL_COMPONENTS = ["tok2vec", "parser", "ner", "morphologizer", "compound_splitter", "bunsetu_recognizer"]
DEFAULT_EXCLUDE = [*NEURAL_COMPONENTS, "strings"]


@cache
def _load(model_name: str, exclude: Tuple[str, ...]) -> Any:
    import spacy

    return spacy.load(model_name, exclude=list(exclude))


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
        return {**SpacyNLP.get_default_config(), "exclude": list(DEFAULT_EXCLUDE)}

    @staticmethod
    def load_excluding(model_name: str, exclude: List[str]) -> SpacyModel:
        if not model_name:
            raise InvalidConfigException("GinzaNLP needs `model:` (e.g. ja_ginza) in config.yml.")
        try:
            return SpacyModel(model=_load(model_name, tuple(exclude)), model_name=model_name)
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
        return cls(model, config)
