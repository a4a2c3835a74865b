"""Rasa's check of action-server responses, with the JSON schema compiled once.

Rasa 3.6 checks every action-server response in `RemoteAction._validate_action_result` with
`jsonschema.validate(result, schema)`. That call first validates the schema itself against its
meta-schema and builds a new validator, every time: about 80 ms of CPU per custom-action call on
our machine, half of the Rasa server's time in a form turn (docs/benchmarks.md).

`install()` replaces that method by one that checks the same schema with the same validator class
(the one `jsonschema.validate` picks), built and meta-checked once. A response that fails the check
is handed to Rasa's own method, so the rejection and its error message stay Rasa's. The plug-in is
installed by `bot.rasa_plugins.nlg.ProfileNLG` (configured in endpoints.yml, so loaded by every Rasa
server); tests/rasa/test_fast_action_validation.py fails if a Rasa upgrade changes what it replaces.
"""

from __future__ import annotations

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


def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    """True for a valid response; otherwise Rasa's own check raises its ValidationError."""
    if response_validator().is_valid(result):
        return True
    return RASA_VALIDATE(self, result)


def install() -> None:
    """Replace Rasa's per-call schema check by the compiled one (idempotent)."""
    RemoteAction._validate_action_result = validate_action_result


def installed() -> bool:
    return RemoteAction._validate_action_result is validate_action_result
