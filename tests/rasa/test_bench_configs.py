"""make bench's pipeline variants are built from config.yml: each is the pipeline it says it is, so a
change to config.yml cannot turn a variant silently into the shipped pipeline."""

from __future__ import annotations

import pytest
from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bench.knowledge_variants import VARIANTS
from bench.nlu_systems import DIET, LINEAR_INTENTS, SENTENCE_FEATURES_ONLY, diet_config, ours_config


def names(config: dict) -> list[str]:
    return [c["name"] for c in config["pipeline"]]


def test_ours_is_config_yml_with_the_linear_classifier() -> None:
    assert LINEAR_INTENTS in names(ours_config())
    assert "DIETClassifier" not in names(ours_config())


@pytest.mark.parametrize("sentence_features_only", [False, True])
def test_the_diet_variants_replace_the_linear_classifier(sentence_features_only: bool) -> None:
    pipeline = names(diet_config(ours_config(), sentence_features_only))
    assert LINEAR_INTENTS not in pipeline and pipeline.count(DIET["name"]) == 1
    assert (SENTENCE_FEATURES_ONLY in pipeline) is sentence_features_only
    featurizers = [i for i, n in enumerate(pipeline) if n.endswith("Featurizer") or n == SENTENCE_FEATURES_ONLY]
    assert max(featurizers) < pipeline.index(DIET["name"])  # DIET reads every featurizer's output


def test_every_variant_differs_from_ours_and_names_registered_components() -> None:
    ours = ours_config()
    for name, make in VARIANTS.items():
        config = make()
        config.pop("policies", None)
        config["pipeline"] = [c for c in config["pipeline"] if c["name"] != "FallbackClassifier"]
        assert (config == ours) is name.startswith("ours"), name
        for component in names(config):
            DefaultV1Recipe._from_registry(component)  # raises for a component Rasa cannot build
