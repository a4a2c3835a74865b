"""EntrySelector: trained on retrieval-intent examples, saved in and loaded from Rasa's model storage,
it ranks every entry in the shape of Rasa's ResponseSelector output, which KnowledgeSelection reads."""

from __future__ import annotations

from pathlib import Path

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_plugins.entry_selector import EntrySelector, entry_model, ready_for_prediction
from bot.rasa_plugins.knowledge_selection import KnowledgeSelection

EXAMPLES = {
    "lost_card/stop_card": ["マイナ保険証をなくした", "カードを落とした 止めるには", "紛失したカードを停止したい"],
    "lost_card/reissue_time": ["再発行はどれくらいかかる", "カードの再発行まで何日", "再交付の期間を知りたい"],
    "card_safety/pin_forgotten": ["暗証番号を忘れた", "暗証番号がわからない", "パスワードを忘れてロックされた"],
}
CONTEXT = ExecutionContext(GraphSchema({}), "test")


def training_data() -> TrainingData:
    messages = [
        Message(data={"text": text, "intent": key.split("/")[0], "intent_response_key": key})
        for key, texts in EXAMPLES.items()
        for text in texts
    ]
    messages.append(Message(data={"text": "こんにちは", "intent": "greet"}))  # no entry: not trained on
    return TrainingData(messages)


def trained_and_loaded(tmp_path: Path) -> EntrySelector:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("entry_selector")
    EntrySelector.create({}, storage, resource, CONTEXT).train(training_data())
    return EntrySelector.load({}, storage, resource, CONTEXT)


def test_every_entry_is_ranked_best_first_in_the_selector_shape(tmp_path: Path) -> None:
    message = Message(data={"text": "暗証番号を忘れてしまいました"})
    trained_and_loaded(tmp_path).process([message])
    selector = message.get("response_selector")
    assert selector["all_retrieval_intents"] == ["card_safety", "lost_card"]
    ranking = selector["default"]["ranking"]
    assert [r["intent_response_key"] for r in ranking][0] == "card_safety/pin_forgotten"
    assert sorted(r["intent_response_key"] for r in ranking) == sorted(EXAMPLES)
    confidences = [r["confidence"] for r in ranking]
    assert confidences == sorted(confidences, reverse=True) and abs(sum(confidences) - 1) < 1e-6
    best = selector["default"]["response"]
    assert best["intent_response_key"] == "card_safety/pin_forgotten"
    assert best["utter_action"] == "utter_card_safety/pin_forgotten"


def test_knowledge_selection_gives_the_intent_its_best_entry(tmp_path: Path) -> None:
    message = Message(data={"text": "再発行まで何日かかりますか", "intent": {"name": "lost_card", "confidence": 0.9}})
    trained_and_loaded(tmp_path).process([message])
    KnowledgeSelection().process([message])
    assert message.get("response_selector")["lost_card"]["response"]["intent_response_key"] == "lost_card/reissue_time"


def test_a_model_trained_without_entries_leaves_messages_alone(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("entry_selector")
    only_yes = TrainingData([Message(data={"text": "はい", "intent": "affirm"})])
    EntrySelector.create({}, storage, resource, CONTEXT).train(only_yes)
    message = Message(data={"text": "はい"})
    EntrySelector.load({}, storage, resource, CONTEXT).process([message])
    assert message.get("response_selector") is None


def test_weights_in_column_order_predict_the_same(tmp_path: Path) -> None:
    texts = [text for examples in EXAMPLES.values() for text in examples]
    labels = [key for key, examples in EXAMPLES.items() for _ in examples]
    model = entry_model(1e-4, 42).fit(texts, labels)
    before = model.predict_proba(texts)
    ready = ready_for_prediction(model)
    assert ready[-1].coef_.flags.f_contiguous
    assert (ready.predict_proba(texts) == before).all()
    assert trained_and_loaded(tmp_path)._model[-1].coef_.flags.f_contiguous  # as the server loads it
