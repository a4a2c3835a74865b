"""The ResponseSelector's labels resolved through a table, exactly as Rasa's own walk resolves them.

Fails when a Rasa upgrade changes what bot.rasa_plugins.fast_response_keys replaces: the method's
name or signature, Rasa no longer calling it while it parses, or a different key for any label.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any, Iterator

import pytest
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.importers.importer import TrainingDataImporter

from bench.heldout import load_set
from bot.rasa_plugins import fast_response_keys
from bot.rasa_plugins.fast_response_keys import RASA_RESOLVE, resolve_intent_response_key
from bot.triage.classifier import NluGraph
from tests.servers import model_path

ROOT = Path(__file__).resolve().parent.parent.parent


def selector(responses: dict[str, list[dict[str, Any]]]) -> ResponseSelector:
    """A selector with only its responses: all that the resolution reads."""
    made = ResponseSelector.__new__(ResponseSelector)
    made.responses = responses
    return made


@pytest.fixture(scope="module")
def responses() -> dict[str, list[dict[str, Any]]]:
    importer = TrainingDataImporter.load_from_config(
        str(ROOT / "config.yml"), str(ROOT / "domain.yml"), [str(ROOT / "data")]
    )
    return importer.get_nlu_data().responses


def test_rasa_still_has_the_method_it_replaces() -> None:
    assert list(inspect.signature(RASA_RESOLVE).parameters) == ["self", "label"]
    assert "_resolve_intent_response_key" in inspect.getsource(ResponseSelector.process)


def test_every_label_resolves_as_rasa_resolves_it(responses: dict[str, list[dict[str, Any]]]) -> None:
    ours, rasas = selector(responses), selector(responses)
    names = [key.removeprefix("utter_") for key in responses]
    texts = [v.get("text") for variations in responses.values() for v in variations]
    labels = [*names, *texts, "no_such/entry", "", None]
    assert len(names) > 100
    for name in labels:
        label = {"name": name}
        assert resolve_intent_response_key(ours, label) == RASA_RESOLVE(rasas, label), name


def test_the_first_match_wins_as_in_rasas_walk() -> None:
    shared: dict[str, list[dict[str, Any]]] = {
        "utter_a/one": [{"text": "b/two"}, {"text": "same"}],
        "utter_b/two": [{"text": "same"}],
        "utter_c/three": [{}],
    }
    for name in ["a/one", "b/two", "same", "", "c/three", "d/four"]:
        label = {"name": name}
        assert resolve_intent_response_key(selector(shared), label) == RASA_RESOLVE(selector(shared), label), name


def test_a_response_name_rasa_cannot_split_is_left_to_rasa() -> None:
    odd = selector({"utter_a/one": [{"text": "x"}], "broken": [{"text": "y"}]})
    assert resolve_intent_response_key(odd, {"name": "a/one"}) == "a/one"
    with pytest.raises(IndexError):
        resolve_intent_response_key(odd, {"name": "y"})


@pytest.fixture(scope="module")
def graph() -> Iterator[NluGraph]:
    yield NluGraph.from_archive(model_path())  # its KnowledgeSelection installs the table
    fast_response_keys.install()


def test_the_loaded_model_parses_through_the_table_and_chooses_the_same_entries(
    graph: NluGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [q["text"] for q in load_set("casual")[:40]]
    assert ResponseSelector._resolve_intent_response_key is resolve_intent_response_key
    calls: list[str] = []

    def counted(self: ResponseSelector, label: dict[str, Any]) -> Any:
        calls.append(str(label.get("name")))
        return resolve_intent_response_key(self, label)

    monkeypatch.setattr(ResponseSelector, "_resolve_intent_response_key", counted)
    fast = graph.classify(texts)
    assert len(calls) > len(texts)  # Rasa resolves the top label and every ranked one through it
    monkeypatch.setattr(ResponseSelector, "_resolve_intent_response_key", RASA_RESOLVE)
    assert graph.classify(texts) == fast
