"""The card-status question, a domain.yml response that Rasa renders itself: one button per status."""

from __future__ import annotations

import asyncio

from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.core.card_status import CardStatus
from bot.core.names import Entity, Intent, payload
from bot.rasa_plugins.nlg import ProfileNLG
from tests.servers import ROOT


def test_the_question_has_one_button_per_status_with_its_label_and_payload() -> None:
    domain = Domain.load(str(ROOT / "domain.yml"))
    tracker = DialogueStateTracker("citizen", domain.slots)
    for channel in ("rest", "line", "socketio"):
        message = asyncio.run(ProfileNLG(domain=domain).generate("utter_ask_card_status", tracker, channel))
        assert message is not None and "カードの状況" in message["text"]
        assert message["buttons"] == [
            {"title": s.label_ja, "payload": payload(Intent.INFORM, {Entity.CARD_STATUS: s.value})} for s in CardStatus
        ]
