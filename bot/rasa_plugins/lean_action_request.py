"""What Rasa sends the action server: the current turn's events, not the whole conversation.

Rasa 3.6 (`RemoteAction._action_call_format`) sends `tracker.current_state(EventVerbosity.ALL)`:
every event of the conversation, each user message with its whole parse, and the active loop through
`dataclasses.asdict`, which deep-copies the parse of the message that started the form. Building that
and encoding it as JSON took 5% of the Rasa server's CPU under the webhook workload (a question, then
the document form), and the action server decoded it all again (docs/benchmarks.md).

`install()` replaces that method by one that sends the same request with two differences:
- `tracker.events` holds the events from the latest user message on (all of them if there is none);
- the active loop is the same dictionary, built without the deep copy.
Our actions read the latest message, the slots, the active loop and the slots set since the last
action (Rasa SDK's `slots_to_validate`), all of which the request keeps (actions/). A new action
cannot read earlier turns from `tracker.events`.

Installed by `bot.rasa_plugins.nlg.ProfileNLG`; tests/rasa/test_lean_action_request.py fails if a
Rasa upgrade changes what is replaced, and checks that our actions answer a conversation the same.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from rasa.core.actions.action import RemoteAction
from rasa.shared.core.constants import ACTIVE_LOOP, FOLLOWUP_ACTION
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

RASA_CALL_FORMAT = RemoteAction._action_call_format  # Rasa's own method


def turn_events(tracker: DialogueStateTracker) -> list[Event]:
    """The events from the latest user message on; every event if there is no user message."""
    events = list(tracker.events)
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            return events[index:]
    return events


def tracker_state(tracker: DialogueStateTracker) -> dict[str, Any]:
    """`tracker.current_state(EventVerbosity.ALL)` with the turn's events only, and the active loop
    copied one level deep."""
    loop = tracker.active_loop
    return {
        "sender_id": tracker.sender_id,
        "slots": tracker.current_slot_values(),
        "latest_message": tracker._latest_message_data(),
        "latest_event_time": tracker.events[-1].timestamp if tracker.events else None,
        FOLLOWUP_ACTION: tracker.followup_action,
        "paused": tracker.is_paused(),
        "events": [event.as_dict() for event in turn_events(tracker)],
        "latest_input_channel": tracker.get_latest_input_channel(),
        ACTIVE_LOOP: {f.name: getattr(loop, f.name) for f in dataclasses.fields(loop)} if loop else {},
        "latest_action": tracker.latest_action,
        "latest_action_name": tracker.latest_action_name,
    }


def action_call_format(self: RemoteAction, tracker: DialogueStateTracker, domain: Domain) -> dict[str, Any]:
    """RemoteAction._action_call_format, with `tracker_state` as the tracker."""
    request = RASA_CALL_FORMAT(self, DialogueStateTracker(tracker.sender_id, []), domain)
    request["tracker"] = tracker_state(tracker)
    return request


def install() -> None:
    """Replace RemoteAction._action_call_format by `action_call_format` (idempotent)."""
    RemoteAction._action_call_format = action_call_format


def installed() -> bool:
    return RemoteAction._action_call_format is action_call_format
