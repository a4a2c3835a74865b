"""LinearIntents: trained on intent examples with their lemmas and sentence vectors, saved in and
loaded from Rasa's model storage, it sets the intent and a ranking in DIET's shape."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_plugins.linear_intents import RANKING_LENGTH, LinearIntents

CONTEXT = ExecutionContext(GraphSchema({}), "test")
# intent: (examples as lemma lists, the direction of their sentence vectors)
EXAMPLES = {
    "lost_card": ([["カード", "を", "なくす"], ["カード", "を", "落とす"], ["紛失", "する"]], 0),
    "greet": ([["こんにちは"], ["おはよう"], ["もしもし"]], 1),
    **{f"other_{i}": ([[f"語{i}", "です"], [f"語{i}", "か"]], 2) for i in range(10)},
}


def message(lemmas: list[str], direction: int, intent: str | None = None) -> Message:
    text = "".join(lemmas)
    tokens, start = [], 0
    for lemma in lemmas:
        tokens.append(Token(lemma, start, lemma=lemma))
        start += len(lemma)
    m = Message(data={"text": text, "text_tokens": tokens, **({"intent": intent} if intent else {})})
    vector = np.zeros((1, 4), dtype=np.float32)
    vector[0, direction] = 1.0
    m.add_features(Features(vector, "sentence", "text", "SpacyFeaturizer"))
    return m


def trained_and_loaded(tmp_path: Path, examples: dict = EXAMPLES) -> LinearIntents:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("linear_intents")
    data = TrainingData([message(words, d, intent) for intent, (lemmas, d) in examples.items() for words in lemmas])
    LinearIntents.create({}, storage, resource, CONTEXT).train(data)
    return LinearIntents.load({}, storage, resource, CONTEXT)


def test_the_intent_and_a_ranking_in_diets_shape(tmp_path: Path) -> None:
    m = message(["カード", "を", "紛失", "する"], 0)
    trained_and_loaded(tmp_path).process([m])
    ranking = m.get("intent_ranking")
    assert m.get("intent") == ranking[0] and ranking[0]["name"] == "lost_card"
    assert len(ranking) == RANKING_LENGTH and len({r["name"] for r in ranking}) == RANKING_LENGTH
    confidences = [r["confidence"] for r in ranking]
    assert confidences == sorted(confidences, reverse=True) and 0 < sum(confidences) <= 1 + 1e-6


def test_the_sentence_vector_is_a_feature(tmp_path: Path) -> None:
    """Words seen under no intent: only the vector tells greet from lost_card."""
    model = trained_and_loaded(tmp_path)
    near_greet, near_lost = message(["未知"], 1), message(["未知"], 0)
    model.process([near_greet, near_lost])
    assert near_greet.get("intent")["name"] == "greet"
    assert near_lost.get("intent")["name"] == "lost_card"


def test_with_one_intent_nothing_is_trained_and_messages_are_left_alone(tmp_path: Path) -> None:
    model = trained_and_loaded(tmp_path, {"greet": EXAMPLES["greet"]})
    m = message(["こんにちは"], 1)
    model.process([m])
    assert m.get("intent") is None
