"""KnowledgeSelection: the message's FAQ intent gets its own entry, buttons get the general answer, and a
document request's birthdate and status become the form's entities."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_plugins.knowledge_selection import RANKING_KEPT, KnowledgeSelection, entry_per_intent

RANKING = [
    {"intent_response_key": "lost_card/reissue_time", "confidence": 0.6},
    {"intent_response_key": "card_safety/pin_forgotten", "confidence": 0.3},
    {"intent_response_key": "lost_card/general", "confidence": 0.1},
]


def parsed(text: str, intent: str, ranking: list[dict[str, Any]] | None = None) -> Message:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.9}})
    message.set("response_selector", {"default": {"response": {}, "ranking": ranking or []}})
    KnowledgeSelection().process([message])
    return message


def chosen(message: Message, intent: str) -> str:
    return message.get("response_selector")[intent]["response"]["intent_response_key"]


def test_each_intent_gets_its_best_ranked_entry_or_its_general_answer() -> None:
    choice = entry_per_intent(RANKING, None)
    assert choice["lost_card"][0] == "lost_card/reissue_time"
    assert choice["card_safety"][0] == "card_safety/pin_forgotten"
    assert choice["benefits"][0] == "benefits/general"


def test_the_answer_belongs_to_the_classified_intent() -> None:
    message = parsed("暗証番号を忘れた", "card_safety", RANKING)
    assert chosen(message, "card_safety") == "card_safety/pin_forgotten"
    assert (
        message.get("response_selector")["card_safety"]["response"]["utter_action"] == "utter_card_safety/pin_forgotten"
    )


def test_a_button_gets_the_general_answer() -> None:
    assert chosen(parsed("/lost_card", "lost_card", RANKING), "lost_card") == "lost_card/general"


def test_a_document_request_with_a_birthdate_starts_the_check_with_its_facts() -> None:
    message = parsed("昭和32年3月1日生まれで、カードは持っていません。書類はいつまで？", "which_document")
    entities = {e["entity"]: e["value"] for e in message.get("entities")}
    assert entities == {"document_check": "personal", "birthdate": "1957-03-01", "card_status": "no_card"}


@pytest.mark.parametrize("text", ["75歳からマイナ保険証は使えるの？", "資格確認書はいつ届きますか"])
def test_a_general_document_question_is_not_a_personal_check(text: str) -> None:
    assert not parsed(text, "which_document").get("entities")


def test_birthdate_and_status_make_a_document_request_of_an_answer() -> None:
    message = parsed("昭和32年3月1日 マイナ保険証はありません", "inform")
    assert message.get("intent")["name"] == "which_document"


def routed(intent: str, confidence: float, ranking: list[dict[str, Any]]) -> str:
    message = Message(data={"text": "質問", "intent": {"name": intent, "confidence": confidence}})
    message.set("response_selector", {"default": {"response": {}, "ranking": ranking}})
    KnowledgeSelection(route_by_entries=True).process([message])
    return str(message.get("intent")["name"])


def test_a_surer_entry_routes_an_faq_question_or_a_fallback() -> None:
    assert routed("benefits", 0.4, RANKING) == "lost_card"
    assert routed("nlu_fallback", 0.3, RANKING) == "lost_card"
    assert parsed("質問", "benefits", RANKING).get("intent")["name"] == "benefits"  # off by default


@pytest.mark.parametrize(
    ("intent", "confidence"), [("benefits", 0.7), ("lost_card", 0.2), ("affirm", 0.4), ("inform", 0.1)]
)
def test_a_surer_classifier_and_conversational_intents_are_not_overruled(intent: str, confidence: float) -> None:
    assert routed(intent, confidence, RANKING) == intent


def test_the_whole_ranking_chooses_but_only_its_head_is_kept_in_the_parse() -> None:
    filler = [{"intent_response_key": f"benefits/entry_{n}", "confidence": 0.5 - n / 100} for n in range(12)]
    late = {"intent_response_key": "arrears/late_entry", "confidence": 0.01}
    message = parsed("保険料の滞納", "arrears", [*filler, late])
    selectors = message.get("response_selector")
    assert chosen(message, "arrears") == "arrears/late_entry"  # chosen from beyond the kept head
    assert selectors["default"]["ranking"] == filler[:RANKING_KEPT]
    assert selectors["arrears"]["ranking"] == []


def test_only_the_final_intents_entry_is_kept_with_rasas_own_keys() -> None:
    message = Message(data={"text": "暗証番号を忘れた", "intent": {"name": "card_safety", "confidence": 0.9}})
    rasa_keys = {"all_retrieval_intents": ["lost_card", "card_safety"], "default": {"response": {}, "ranking": RANKING}}
    message.set("response_selector", rasa_keys)
    KnowledgeSelection().process([message])
    assert set(message.get("response_selector")) == {"all_retrieval_intents", "default", "card_safety"}
    assert set(parsed("/lost_card", "greet", RANKING).get("response_selector")) == {"default", "lost_card"}
    request = parsed("昭和32年3月1日 マイナ保険証はありません", "inform", RANKING)
    assert set(request.get("response_selector")) == {"default", "which_document"}
    assert set(parsed("はい", "affirm", RANKING).get("response_selector")) == {"default"}


def test_a_definition_question_gets_the_defining_entry_whatever_the_classifier_read() -> None:
    message = parsed("マイナ保険証とは何ですか？", "benefits", RANKING)
    assert message.get("intent")["name"] == "register_card"
    assert chosen(message, "register_card") == "register_card/what_is"
    assert "benefits" not in message.get("response_selector")
