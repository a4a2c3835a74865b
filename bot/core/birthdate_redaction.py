"""What of a stored conversation may keep a birthdate, and for how long (docs/privacy.md).

A conversation is a list of Rasa events as dicts (Rasa's own JSON). The birthdate reaches it as
the citizen's answer to the form's question (typed, picked in a date picker, or sent as a payload
such as /inform{"birthdate":"1957-03-01"}), as the slot the answer fills, and as the slot the
form validated (ISO date). `redact_birthdates` returns the events as they may be kept:

- the answer to the birthdate question, and any message carrying a birthdate entity: text and
  entities replaced by REDACTED_TEXT at once (only the validated slot is needed afterwards);
- every other text the citizen wrote, and every other slot value: dates masked (bot.core.date_mask);
- the assistant's texts inside the form and its answer (the expiry reveals the birthday): dates
  masked;
- the birthdate slot: empty, except the validated date while the form is still open (it is needed
  for the answer), unless `keep_open_form` is False.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any, Iterable

from bot.core.date_mask import mask_dates_in_escaped

BIRTHDATE_SLOT = "birthdate"
FORM = "document_form"
REQUESTED_SLOT = "requested_slot"
REDACTED_TEXT = "［生年月日の回答・削除済み］"

Event = dict[str, Any]
_NEW_CONVERSATION = {"session_started", "restart"}


def _is_iso_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _entities(event: Event) -> list[dict[str, Any]]:
    parse_data = event.get("parse_data")
    entities = parse_data.get("entities") if isinstance(parse_data, dict) else None
    return [e for e in entities if isinstance(e, dict)] if isinstance(entities, list) else []


def _carries_birthdate_entity(event: Event) -> bool:
    return any(e.get("entity") == BIRTHDATE_SLOT for e in _entities(event))


def _replace_texts(event: Event, replace: Any) -> None:
    """Apply `replace` (str -> str) to the text of a user or bot event, its parsed copy and its
    string entity values."""
    if isinstance(event.get("text"), str):
        event["text"] = replace(event["text"])
    parse_data = event.get("parse_data")
    if isinstance(parse_data, dict) and isinstance(parse_data.get("text"), str):
        parse_data["text"] = replace(parse_data["text"])
    for entity in _entities(event):
        if isinstance(entity.get("value"), str):
            entity["value"] = replace(entity["value"])


def _slot_to_keep(events: list[Event], keep_open_form: bool) -> int | None:
    """The index of the one birthdate slot event that may stay: the last one, when it holds the
    validated date and the form is still open at the end."""
    loop, last_birthdate = None, None
    for index, event in enumerate(events):
        kind = event.get("event")
        if kind in _NEW_CONVERSATION:
            loop = None
        elif kind == "active_loop":
            loop = event.get("name")
        elif kind == "slot" and event.get("name") == BIRTHDATE_SLOT:
            last_birthdate = index
    if not keep_open_form or loop != FORM or last_birthdate is None:
        return None
    return last_birthdate if _is_iso_date(events[last_birthdate].get("value")) else None


def _texts(event: Event) -> list[str]:
    """The strings `_replace_texts` would rewrite."""
    parse_data = event.get("parse_data")
    found = [event.get("text"), parse_data.get("text") if isinstance(parse_data, dict) else None]
    found += [entity.get("value") for entity in _entities(event)]
    return [text for text in found if isinstance(text, str)]


def redact_birthdates(events: Iterable[Event], keep_open_form: bool = True) -> list[Event]:
    """The events as they may be stored (see the module docstring). The input is not changed: an
    event to rewrite is copied first, and the others are shared with the input (so that a save of a
    long conversation copies only what it redacts)."""
    out = list(events)
    keep = _slot_to_keep(out, keep_open_form)

    def rewritten(index: int) -> Event:
        out[index] = copy.deepcopy(out[index])
        return out[index]

    loop: str | None = None
    requested: Any = None
    answer_pending = False  # the form just closed: the next texts of the assistant are its answer
    for index, event in enumerate(out):
        if not isinstance(event, dict):
            continue
        kind = event.get("event")
        if kind in _NEW_CONVERSATION:
            loop, requested, answer_pending = None, None, False
        elif kind == "active_loop":
            answer_pending = loop == FORM and event.get("name") != FORM
            loop = event.get("name")
        elif kind == "slot" and event.get("name") == REQUESTED_SLOT:
            requested = event.get("value")
        elif kind == "slot" and event.get("name") == BIRTHDATE_SLOT:
            if index != keep and event.get("value") is not None:
                rewritten(index)["value"] = None
        elif kind == "slot" and isinstance(event.get("value"), str):
            masked = mask_dates_in_escaped(event["value"])
            if masked != event["value"]:
                rewritten(index)["value"] = masked
        elif kind == "user":
            answer_pending = False
            asked = loop == FORM and requested == BIRTHDATE_SLOT
            if asked or _carries_birthdate_entity(event):
                _replace_texts(rewritten(index), lambda _: REDACTED_TEXT)
            else:
                _mask_texts(out, index, rewritten)
        elif kind == "bot" and (loop == FORM or answer_pending):
            _mask_texts(out, index, rewritten)
    return out


def _mask_texts(out: list[Event], index: int, rewritten: Any) -> None:
    """Mask the dates in the texts of out[index], copying it only when a date is there."""
    if any(mask_dates_in_escaped(text) != text for text in _texts(out[index])):
        _replace_texts(rewritten(index), mask_dates_in_escaped)
