"""PreambleCopies: at training, FAQ examples outside insurance_enrollment get one copy with a membership
opening, labelled with the intent only; other examples, and messages at prediction, are left alone."""

from __future__ import annotations

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.core.preambles import PREAMBLES
from bot.rasa_plugins.preamble_copies import PreambleCopies


def example(text: str, intent: str, key: str | None = None) -> Message:
    data = {"text": text, "intent": intent}
    if key:
        data["intent_response_key"] = f"{intent}/{key}"
    return Message(data=data)


def component(tmp_path) -> PreambleCopies:  # type: ignore[no-untyped-def]
    storage = LocalModelStorage(tmp_path)
    return PreambleCopies.create({}, storage, Resource("p"), ExecutionContext(GraphSchema({}), "t"))


def test_faq_examples_outside_insurance_enrollment_get_one_copy_with_the_intent_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = TrainingData()
    data.training_examples = [  # as InputGuard leaves them: two examples can be the same once cleaned
        example("マイナカードをなくした", "lost_card", "general"),
        example("接骨院で保険は使えますか", "what_to_bring", "bonesetter"),
        example("国保に入りたい", "insurance_enrollment", "general"),
        example("はい", "affirm"),
        example("はい", "affirm"),
    ]
    out = component(tmp_path).process_training_data(data)
    copies = out.training_examples[5:]
    expected = [PREAMBLES[0] + "マイナカードをなくした", PREAMBLES[1] + "接骨院で保険は使えますか"]
    assert [m.get("text") for m in copies] == expected
    assert [m.get("intent") for m in copies] == ["lost_card", "what_to_bring"]
    assert all(m.get("intent_response_key") is None for m in copies)
    assert out.training_examples[:5] == data.training_examples
    assert out.responses == data.responses
    # the entry selector trains on examples with an intent/key only: the copies add nothing there
    assert sum("/" in str(m.get("intent_response_key") or "") for m in out.intent_examples) == 3


def test_messages_at_prediction_pass_unchanged(tmp_path) -> None:  # type: ignore[no-untyped-def]
    message = Message(data={"text": "国保に入っていますが、マイナ保険証をなくしました"})
    assert component(tmp_path).process([message]) == [message]
    assert message.get("text") == "国保に入っていますが、マイナ保険証をなくしました"
