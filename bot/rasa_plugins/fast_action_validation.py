"""Rasa's check of action-server responses, with the JSON schema compiled once.

Rasa 3.6 checks every action-server response in `RemoteAction._validate_action_result` with
`jsonschema.validate(result, schema)`. That call first validates the schema itself against its
meta-schema and builds a new validator, every time: about 80 ms of CPU per custom-action call on
our machine, half of the Rasa server's time in a form turn (docs/benchmarks.md).

`install()` replaces that method by one that checks the same schema with the same validator class
(the one `jsonschema.validate` picks), built and meta-checked once. A response that fails the check
is handed to Rasa's own method, so the rejection and its error message stay Rasa's.

Even compiled, the check cost about 1 ms a form turn: each event is tried against all 23 branches
of the schema's `oneOf`, and every branch that fails builds an error. But the branches are told
apart by the event's name (`event: {const: ...}`, one name each, and `event` is required), so an
event is valid under `oneOf` exactly when it is valid under its own name's branch. The check uses
that (`discriminated`), when the schema still has that shape; otherwise it checks the schema whole. The plug-in is
installed by `bot.rasa_plugins.nlg.ProfileNLG` (configured in endpoints.yml, so loaded by every Rasa
server); tests/rasa/test_fast_action_validation.py fails if a Rasa upgrade changes what it replaces.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict

from jsonschema import validators
from jsonschema.protocols import Validator
from rasa.core.actions.action import RemoteAction

RASA_VALIDATE = RemoteAction._validate_action_result  # Rasa's own method, kept for rejections


@lru_cache(maxsize=1)
def response_validator() -> Validator:
    """The validator `jsonschema.validate` would build for Rasa's response schema, built once."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


@dataclass(frozen=True)
class Discriminated:
    """Rasa's response schema checked as `outer` (the schema with each event's `oneOf` left out)
    and then each event by the branch of its own name."""

    outer: Validator
    branches: Dict[str, Validator]

    def is_valid(self, result: Any) -> bool:
        if not self.outer.is_valid(result):
            return False
        events = result.get("events") if isinstance(result, dict) else None
        if not isinstance(events, list):
            return True
        return all(
            event["event"] in self.branches and self.branches[event["event"]].is_valid(event) for event in events
        )


def discriminated(schema: Dict[str, Any]) -> Discriminated | None:
    """The schema as a `Discriminated` check, or None when its events' `oneOf` is not told apart by
    a required `event` name (one `const` a branch, no two alike)."""
    try:
        event = schema["properties"]["events"]["items"]
        branches = event["oneOf"]
        names = [branch["properties"]["event"]["const"] for branch in branches]
    except (KeyError, TypeError):
        return None
    if "event" not in event.get("required", []) or len(set(names)) != len(names) or set(event) & {"anyOf", "allOf"}:
        return None
    validator_class = validators.validator_for(schema)
    outer = copy.deepcopy(schema)
    outer["properties"]["events"]["items"] = {key: value for key, value in event.items() if key != "oneOf"}
    return Discriminated(
        validator_class(outer), {name: validator_class(branch) for name, branch in zip(names, branches, strict=True)}
    )


@lru_cache(maxsize=1)
def response_check() -> Validator | Discriminated:
    """The fastest check that accepts exactly what `response_validator` accepts."""
    response_validator()  # the meta-check of Rasa's schema
    return discriminated(RemoteAction.action_response_format_spec()) or response_validator()


def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    """True for a valid response; otherwise Rasa's own check raises its ValidationError."""
    if response_check().is_valid(result):
        return True
    return RASA_VALIDATE(self, result)


def install() -> None:
    """Replace Rasa's per-call schema check by the compiled one (idempotent)."""
    RemoteAction._validate_action_result = validate_action_result


def installed() -> bool:
    return RemoteAction._validate_action_result is validate_action_result
