"""Event classes found by name through a table, exactly as Rasa's own walk finds them.

Fails when a Rasa upgrade changes what bot.rasa_plugins.fast_event_types replaces: the method's
name or signature, Rasa no longer calling it to rebuild events, or a different class for any name.
"""

from __future__ import annotations

import inspect
from typing import Any, Iterator

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

from bot.rasa_plugins import fast_event_types
from bot.rasa_plugins.fast_event_types import RASA_RESOLVE, resolve_by_type
from bot.rasa_plugins.nlg import ProfileNLG


@pytest.fixture
def rasas_own() -> Iterator[None]:
    """Rasa's method in place during the test, whatever was installed before."""
    installed = Event.__dict__["resolve_by_type"]
    Event.resolve_by_type = staticmethod(RASA_RESOLVE)  # type: ignore[method-assign]
    yield
    Event.resolve_by_type = installed  # type: ignore[method-assign]


def test_the_replaced_method_is_still_what_rasa_calls_to_rebuild_an_event() -> None:
    assert list(inspect.signature(RASA_RESOLVE).parameters) == ["type_name", "default"]
    assert "all_subclasses(Event)" in inspect.getsource(RASA_RESOLVE)
    assert "Event.resolve_by_type(event_name, default)" in inspect.getsource(Event.from_parameters)


@pytest.mark.parametrize("name", sorted({cls.type_name for cls in all_subclasses(Event)}))
def test_every_event_name_finds_rasas_class(name: str) -> None:
    assert resolve_by_type(name) is RASA_RESOLVE(name)


def test_unknown_names_go_to_rasas_method() -> None:
    assert resolve_by_type("no_such_event", SlotSet) is SlotSet
    assert resolve_by_type("topic") is None
    with pytest.raises(ValueError, match="Unknown event name"):
        resolve_by_type("no_such_event")


def test_a_class_defined_after_the_table_is_found() -> None:
    fast_event_types.event_types()

    class Later(ActionExecuted):
        type_name = "nhi_test_later_event"

    assert resolve_by_type("nhi_test_later_event") is Later


def test_the_profile_nlg_installs_it_and_rasa_rebuilds_events_through_it(rasas_own: Any) -> None:
    assert not fast_event_types.installed()
    ProfileNLG(domain=Domain.empty())
    assert fast_event_types.installed()
    rebuilt = Event.from_parameters(
        {"event": "user", "text": "こんにちは", "parse_data": {"intent": {"name": "greet"}}}
    )
    assert isinstance(rebuilt, UserUttered) and rebuilt.text == "こんにちは"
