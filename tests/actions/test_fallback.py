import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionNluFallback
from tests.actions.conftest import make_tracker


@pytest.mark.asyncio
async def test_fallback_is_honest_offers_topics_and_the_desk(dispatcher: CollectingDispatcher) -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "lost_card", "confidence": 0.3},
        {"name": "greet", "confidence": 0.1},
        {"name": "lost_certificate", "confidence": 0.08},
    ]
    await ActionNluFallback().run(dispatcher, make_tracker("ほにゃらら", intent="nlu_fallback", ranking=ranking), {})
    responses = [m.get("response") for m in dispatcher.messages]
    assert responses[0] == "utter_fallback_intro" and responses[-1] == "utter_fallback_contact"
    assert [b["payload"] for b in dispatcher.messages[1]["buttons"]] == ["/lost_card", "/lost_certificate"]
