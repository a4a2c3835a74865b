"""Honest fallback: says it did not understand, offers the likeliest topics and the desk."""

from __future__ import annotations

from typing import List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.core.names import CustomAction, Response
from bot.core.topics import topic_buttons


class ActionNluFallback(Action):
    def name(self) -> str:
        return CustomAction.NLU_FALLBACK

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(response=Response.FALLBACK_INTRO)
        buttons = topic_buttons(tracker.latest_message.get("intent_ranking") or [])
        if buttons:
            dispatcher.utter_message(text="もしかして、次のどれかでしょうか。", buttons=buttons)
        dispatcher.utter_message(response=Response.FALLBACK_CONTACT)
        return []
