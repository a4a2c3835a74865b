"""Rasa's ResponseSelector, with its ranked labels resolved through a lookup table.

After ranking, Rasa 3.6's `ResponseSelector.process` resolves each ranked label to its
intent/response key with `_resolve_intent_response_key`, which walks every response of the domain
and splits every response name until one matches. With `ranking_length: 0` (every knowledge entry
ranked) that is 127 labels times a walk over 127 responses on every message: 30% of a parse's CPU
on our model, more than both classifiers' TensorFlow (docs/benchmarks.md).

`install()` replaces that method by a dictionary built once per selector from the same responses,
in the same order, so that the first match wins as in Rasa's walk. A label the table does not know
goes to Rasa's own method. `KnowledgeSelection.create` installs it (the component that needs the
whole ranking, present in every graph that loads our model: the server, triage and the benchmarks);
tests/rasa/test_fast_response_keys.py fails if a Rasa upgrade changes what it replaces.
"""

from __future__ import annotations

from typing import Any

from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.util import template_key_to_intent_response_key

RASA_RESOLVE = ResponseSelector._resolve_intent_response_key  # Rasa's own method, for unknown labels
_TABLE = "_nhi_response_keys"  # attribute holding (the responses it was built from, the table)


def response_keys(responses: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    """label name -> intent/response key, the first match in Rasa's walk order (the response's own
    key before its texts, earlier responses before later ones)."""
    table: dict[str, str] = {}
    for key, variations in responses.items():
        search_key = template_key_to_intent_response_key(key)
        table.setdefault(search_key, search_key)
        for variation in variations:
            table.setdefault(variation.get(TEXT, ""), search_key)
    return table


def resolve_intent_response_key(self: ResponseSelector, label: dict[str, Any]) -> str | None:
    """The intent/response key of a ranked label, as Rasa's walk would find it."""
    cached = self.__dict__.get(_TABLE)
    if cached is None or cached[0] is not self.responses:
        try:
            cached = (self.responses, response_keys(self.responses))
        except IndexError:  # a response name without "utter_": Rasa's walk says what it makes of it
            return RASA_RESOLVE(self, label)
        self.__dict__[_TABLE] = cached
    found = cached[1].get(label.get("name"))
    return found if found is not None else RASA_RESOLVE(self, label)


def install() -> None:
    """Resolve ranked labels through the table (idempotent)."""
    ResponseSelector._resolve_intent_response_key = resolve_intent_response_key
