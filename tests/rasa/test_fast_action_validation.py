"""The compiled check of action-server responses behaves exactly as Rasa's own, on the Rasa we run.

Fails when a Rasa upgrade changes what bot.rasa_plugins.fast_action_validation replaces: the method's
name or signature, Rasa no longer calling it, or a different accept/reject on any response below.
"""

from __future__ import annotations

import copy
import inspect
from typing import Any

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain

from bot.rasa_plugins import fast_action_validation
from bot.rasa_plugins.fast_action_validation import RASA_VALIDATE, validate_action_result
from bot.rasa_plugins.nlg import ProfileNLG

BUTTONS = [{"title": "持っていない", "payload": '/inform{"card_status":"no_card"}'}]
# What rasa-sdk sends back (rasa_sdk.executor.CollectingDispatcher), as our actions use it.
SDK_RESPONSE = {
    "text": "マイナンバーカードの状況を教えてください。",
    "buttons": BUTTONS,
    "elements": [],
    "custom": {},
    "template": None,
    "response": None,
    "image": None,
    "attachment": None,
}
VALID: list[Any] = [
    {},
    {"events": [], "responses": []},
    {
        "events": [
            {"event": "slot", "timestamp": None, "name": "birthdate", "value": "1957-03-01"},
            {"event": "slot", "timestamp": None, "name": "form_failures", "value": 0},
        ],
        "responses": [SDK_RESPONSE],
    },
    {"events": [{"event": "active_loop", "name": None}, {"event": "slot", "name": "requested_slot", "value": None}]},
    {"events": [{"event": "followup", "name": "utter_greet"}, {"event": "action_execution_rejected"}]},
    {"events": [{"event": "reset_slots"}, {"event": "restart", "timestamp": 1.5, "metadata": {"a": 1}}]},
    {"events": [{"event": "user", "text": "こんにちは", "parse_data": {"intent": {"name": "greet"}, "entities": []}}]},
    {"events": [{"event": "entities", "entities": [{"entity": "card_status", "value": "no_card", "start": 0}]}]},
    {"responses": [{"response": "utter_document_stopped"}, {"text": "x", "custom": {"k": [1, 2]}}]},
    {"events": [{"event": "bot", "text": "はい"}], "extra": "ignored"},
]
INVALID: list[Any] = [
    None,
    [],
    "events",
    {"events": {}},
    {"events": [{}]},
    {"events": [{"event": 3}]},
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"event": "slot", "name": "birthdate"}]},
    {"events": [{"event": "slot", "name": 1, "value": 2}]},
    {"events": [{"event": "slot", "name": "a", "value": 1, "timestamp": "yesterday"}]},
    {"events": [{"event": "slot", "name": "a", "value": 1, "metadata": []}]},
    {"events": [{"event": "entities"}]},
    {"events": [{"event": "entities", "entities": [{"value": "no_card"}]}]},
    {"events": [{"event": "action", "name": 5}]},
    {"events": [{"event": "user", "parse_data": {"intent": {"confidence": "high"}}}]},
    {"responses": {}},
    {"responses": ["text"]},
    {"events": [{"event": "bot"}], "responses": [None]},
    {"events": [{"event": "slot", "name": "a", "value": 1}, {"event": "entities", "entities": "no_card"}]},
    {"events": [{"name": "a", "value": 1}]},
    {"events": [{"event": "slot", "name": "a", "value": 1}, None]},
]


def outcome(check: Any, result: Any) -> tuple[bool, str]:
    """(accepted, error message) of one check on one response."""
    try:
        return bool(check(RemoteAction("validate_document_form", None), result)), ""
    except ValidationError as err:
        return False, err.message


def test_the_replaced_method_is_still_what_rasa_calls_with_each_response() -> None:
    assert list(inspect.signature(RASA_VALIDATE).parameters) == ["self", "result"]
    assert "jsonschema" in inspect.getsource(RASA_VALIDATE)
    assert "self._validate_action_result(response)" in inspect.getsource(RemoteAction.run)
    assert inspect.signature(RemoteAction.action_response_format_spec).parameters == {}


@pytest.mark.parametrize("response", VALID)
def test_valid_responses_are_accepted_as_by_rasa(response: Any) -> None:
    assert outcome(validate_action_result, response) == outcome(RASA_VALIDATE, response) == (True, "")


@pytest.mark.parametrize("response", INVALID)
def test_invalid_responses_are_rejected_with_rasas_error(response: Any) -> None:
    fast, rasa = outcome(validate_action_result, response), outcome(RASA_VALIDATE, response)
    assert fast == rasa
    assert not fast[0] and "Failed to validate Action server response" in fast[1]


def test_the_events_are_checked_by_the_branch_of_their_name() -> None:
    check = fast_action_validation.response_check()
    assert isinstance(check, fast_action_validation.Discriminated) and len(check.branches) == 23


def test_a_schema_not_told_apart_by_event_names_is_checked_whole() -> None:
    schema = copy.deepcopy(RemoteAction.action_response_format_spec())  # Rasa's schema shares its parts
    assert fast_action_validation.discriminated(schema) is not None
    schema["properties"]["events"]["items"]["oneOf"].append({"properties": {"event": {"const": "slot"}}})
    assert fast_action_validation.discriminated(schema) is None
    schema["properties"]["events"]["items"]["oneOf"][-1] = {"properties": {}}
    assert fast_action_validation.discriminated(schema) is None


def test_the_profile_nlg_installs_it() -> None:
    original = RemoteAction._validate_action_result
    try:
        RemoteAction._validate_action_result = RASA_VALIDATE  # type: ignore[method-assign]
        assert not fast_action_validation.installed()
        ProfileNLG(domain=Domain.empty())
        assert fast_action_validation.installed()
    finally:
        RemoteAction._validate_action_result = original  # type: ignore[method-assign]
