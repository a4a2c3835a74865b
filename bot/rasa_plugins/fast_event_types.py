"""Rasa's event classes found by name through a table.

Rasa 3.6 turns every stored event back into an object with `Event.resolve_by_type(name)`, which
walks the whole tree of Event subclasses (`all_subclasses`: built anew, with `inspect.isabstract`
on each class) until one has that `type_name`. A turn reads the conversation back (about 40 events)
and the action server's events: 3% of a webhook turn's Rasa CPU went to these walks
(docs/benchmarks.md).

`install()` replaces it by a dictionary built once from the same walk, first match kept, so that the
class found is the one Rasa's walk finds first. A name the table does not know (a class defined
later, `topic`, an unknown name) goes to Rasa's own method. `ProfileNLG` installs it;
tests/rasa/test_fast_event_types.py fails if a Rasa upgrade changes what it replaces.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Type

from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

RASA_RESOLVE = Event.resolve_by_type  # Rasa's own (static) method, for names the table does not know


@lru_cache(maxsize=1)
def event_types() -> dict[str, Type[Event]]:
    """type_name -> class, the first in Rasa's walk order."""
    table: dict[str, Type[Event]] = {}
    for cls in all_subclasses(Event):
        table.setdefault(cls.type_name, cls)
    return table


def resolve_by_type(type_name: str, default: Type[Event] | None = None) -> Type[Event] | None:
    """The event class named `type_name`, as Rasa's walk finds it."""
    found = event_types().get(type_name)
    return found if found is not None else RASA_RESOLVE(type_name, default)


def install() -> None:
    """Resolve event names through the table (idempotent)."""
    Event.resolve_by_type = staticmethod(resolve_by_type)


def installed() -> bool:
    return Event.resolve_by_type is resolve_by_type
