"""GinzaNLP's lighter loading changes nothing the pipeline reads, and happens once per process."""

from __future__ import annotations

from typing import Any

import numpy as np
import spacy
import yaml

from bot.rasa_plugins.ginza_nlp import GinzaNLP
from bot.spacy_models import GINZA_COMPONENTS
from tests.servers import ROOT

ODD_INPUT = ["マイナ保険証は持っていません", "😀😀", "<b>保険証</b>", "ｱｲｳ ABC abc 123", "ふぉげほげ未知語", "S32.3.1"]


def every_text() -> list[str]:
    texts = list(ODD_INPUT)
    for path in [*sorted((ROOT / "data" / "nlu").rglob("*.yml")), ROOT / "tests" / "nlu" / "test_nlu.yml"]:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            texts += [line[2:].strip() for line in item.get("examples", "").splitlines() if line.startswith("- ")]
    return texts


def what_the_pipeline_reads(nlp: Any, text: str) -> tuple[list[tuple], np.ndarray]:
    doc = nlp(text)
    tokens = [(t.text, t.idx, t.lemma_, t.tag_, t.pos_, t.has_vector) for t in doc]
    return tokens, np.array([t.vector for t in doc])


def test_tokens_lemmas_tags_and_vectors_are_those_of_the_full_vocabulary() -> None:
    full = spacy.load("ja_ginza", exclude=list(GINZA_COMPONENTS))
    light = GinzaNLP.create({"model": "ja_ginza"}, None, None, None).provide().model  # type: ignore[arg-type]
    assert len(light.vocab.strings) < len(full.vocab.strings) // 10  # the string table was left out
    texts = every_text()
    assert len(texts) > 2000
    for text in texts:
        tokens, vectors = what_the_pipeline_reads(light, text)
        expected_tokens, expected_vectors = what_the_pipeline_reads(full, text)
        assert tokens == expected_tokens, text
        assert np.array_equal(vectors, expected_vectors), text


def test_the_provider_and_the_processor_share_one_loaded_model() -> None:
    first = GinzaNLP.create({"model": "ja_ginza"}, None, None, None)  # type: ignore[arg-type]
    second = GinzaNLP.create({"model": "ja_ginza"}, None, None, None)  # type: ignore[arg-type]
    assert first.provide().model is second.provide().model


def lemmas(config: dict[str, Any], text: str) -> list[str]:
    nlp = GinzaNLP.create({"model": "ja_ginza", **config}, None, None, None).provide().model  # type: ignore[arg-type]
    return [t.lemma_ for t in nlp(text)]


def test_each_graph_gets_the_split_mode_and_lemmas_its_configuration_asks_for() -> None:
    """The model is shared in a process (make bench scores variants one after the other)."""
    text = "資格確認書を失くした"
    assert lemmas({}, text) == ["資格確認書", "を", "失くす", "た"]
    assert lemmas({"split_mode": "A", "lemma": "normalized"}, text) == ["資格", "確認", "書", "を", "無くす", "た"]
    assert lemmas({"synonyms": True}, text) == ["資格確認書", "を", "紛失", "た"]
    assert lemmas({}, text) == ["資格確認書", "を", "失くす", "た"]
