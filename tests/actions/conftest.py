"""Real rasa-sdk trackers and dispatchers for the action tests (as in RasaHQ/financial-demo)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


def make_tracker(
    text: str = "",
    slots: dict[str, Any] | None = None,
    intent: str = "inform",
    entities: list[dict[str, Any]] | None = None,
    ranking: list[dict[str, Any]] | None = None,
    requested_slot: str | None = None,
    events: list[dict[str, Any]] | None = None,
) -> Tracker:
    all_slots = {"birthdate": None, "card_status": None, "form_failures": 0.0, "requested_slot": requested_slot}
    all_slots.update(slots or {})
    return Tracker.from_dict(
        {
            "sender_id": "test",
            "slots": all_slots,
            "latest_message": {
                "text": text,
                "intent": {"name": intent, "confidence": 0.9},
                "intent_ranking": ranking or [],
                "entities": entities or [],
            },
            "events": events or [],
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": "document_form"} if requested_slot else {},
            "latest_action_name": "action_listen",
        }
    )


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TODAY", "2026-11-22")
    monkeypatch.delenv("BOT_MUNICIPALITY", raising=False)
