"""Last NLU component: ties the FAQ entry to the intent, and reads a document request's facts.

- The entry selector (bot.rasa_plugins.entry_selector) ranks every knowledge-base entry (intent/key)
  in one "default" selector, whatever the intent classifier chose. This component gives the
  message's final FAQ intent its own selector entry: its best-ranked entry, or its general answer
  (a button payload such as /lost_card, or an intent whose entries were all ranked low). Rasa's
  retrieval action utter_<intent> reads it, so the answer always belongs to the intent that triage,
  reports and rules see. Only that intent's entry is kept: the rules answer an FAQ intent only when it is the
  message's own, and the other 21 entries made up most of each stored user message.
- Optionally (`route_by_entries: true`), the entries also route: when the classifier read an FAQ
  intent or fell back, and the best-ranked entry is more confident than the classifier, the message
  gets that entry's intent (two classifiers, the intent's and the entries', and the surer one wins).
  Conversational intents (yes, no, a birthdate, greetings) are never overruled.
- A message that only asks what a document is (「マイナ保険証とは」) gets the entry that defines it
  (bot.core.definition_questions), whatever the classifier read.
- A which_document message that asks for the personal check, or names a birthdate, gets the entity
  document_check (which starts the form), and the birthdate (ISO) and card status it names, so the
  form asks only for what is missing. A message that gives both a
  birthdate and a status is a document request whatever the classifier read (bot.core.caller_facts).
- The ranking is used whole here, then only its first RANKING_KEPT entries are kept in the parse
  (the default selector's ranking, and the intent's entries among them): every message's parse is
  stored with the conversation, read back and sent to the action server on every turn.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_DEFAULT_INTENT,
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RESPONSES_KEY,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RESPONSE_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.answers.knowledge_export import DOCUMENT_INTENT, PERSONAL_KEY
from bot.core.caller_facts import caller_facts
from bot.core.definition_questions import definition_entry
from bot.core.knowledge import FAQ_INTENTS, GENERAL
from bot.core.names import Entity, Intent
from bot.core.reference_date import today

_PAYLOAD = re.compile(r"^/([A-Za-z_]+)")
RANKING_KEPT = 10  # ranked entries kept in the parse (Rasa's default ranking_length)


def entry_per_intent(ranking: list[dict[str, Any]], payload_intent: str | None) -> dict[str, tuple[str, float]]:
    """intent -> (intent/key, confidence): the best-ranked entry of each FAQ intent; the general
    answer for the intent a button payload names, and for intents with no ranked entry."""
    chosen: dict[str, tuple[str, float]] = {}
    for label in ranking:
        key = str(label.get(INTENT_RESPONSE_KEY) or "")
        intent = key.split("/", 1)[0]
        if intent in FAQ_INTENTS and intent not in chosen:
            chosen[intent] = (key, float(label.get(PREDICTED_CONFIDENCE_KEY) or 0.0))
    for intent in FAQ_INTENTS:
        if intent == payload_intent or intent not in chosen:
            chosen[intent] = (f"{intent}/{GENERAL}", 0.0)
    return chosen


def entry_intent(reading: dict[str, Any], ranking: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The intent of the best-ranked entry, with its confidence, when it should overrule `reading`
    (the classifier's intent: an FAQ intent or nlu_fallback, less confident than the entry)."""
    if not ranking or (reading.get("name") not in FAQ_INTENTS and reading.get("name") != Intent.NLU_FALLBACK):
        return None
    best = ranking[0]
    intent = str(best.get(INTENT_RESPONSE_KEY) or "").split("/", 1)[0]
    confidence = float(best.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
    if intent not in FAQ_INTENTS or intent == reading.get("name"):
        return None
    if confidence <= float(reading.get(PREDICTED_CONFIDENCE_KEY) or 0.0):
        return None
    return {"name": intent, PREDICTED_CONFIDENCE_KEY: confidence}


def _selector(key: str, confidence: float, ranking: list[dict[str, Any]]) -> dict[str, Any]:
    intent = key.split("/", 1)[0]
    return {
        RESPONSE_SELECTOR_PREDICTION_KEY: {
            RESPONSE_SELECTOR_RESPONSES_KEY: [],
            PREDICTED_CONFIDENCE_KEY: confidence,
            INTENT_RESPONSE_KEY: key,
            RESPONSE_SELECTOR_UTTER_ACTION_KEY: f"utter_{key}",
        },
        RESPONSE_SELECTOR_RANKING_KEY: [
            r for r in ranking if str(r.get(INTENT_RESPONSE_KEY, "")).startswith(intent + "/")
        ],
    }


def _entity(name: str, value: str) -> dict[str, Any]:
    return {"entity": name, "value": value, "extractor": KnowledgeSelection.__name__}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class KnowledgeSelection(GraphComponent):
    """See the module docstring."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> KnowledgeSelection:
        return cls(bool({**cls.get_default_config(), **config}["route_by_entries"]))

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"route_by_entries": False}

    def __init__(self, route_by_entries: bool = False) -> None:
        self.route_by_entries = route_by_entries

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._select(message)
        return messages

    def _select(self, message: Message) -> None:
        text = str(message.get(TEXT) or "")
        payload = _PAYLOAD.match(text)
        selectors = message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}
        default = selectors.get(RESPONSE_SELECTOR_DEFAULT_INTENT) or {}
        ranking = list(default.get(RESPONSE_SELECTOR_RANKING_KEY) or [])
        chosen = entry_per_intent(ranking, payload.group(1) if payload else None)
        # a button: Rasa reads its intent and entities itself
        intent = payload.group(1) if payload else self._read_intent(message, text, ranking, chosen)
        kept = ranking[:RANKING_KEPT]
        answered = {name: value for name, value in selectors.items() if name not in FAQ_INTENTS}  # Rasa's own keys
        if default:
            answered[RESPONSE_SELECTOR_DEFAULT_INTENT] = {**default, RESPONSE_SELECTOR_RANKING_KEY: kept}
        if intent in chosen:
            answered[intent] = _selector(*chosen[intent], kept)
        message.set(RESPONSE_SELECTOR_PROPERTY_NAME, answered, add_to_output=True)

    def _read_intent(
        self, message: Message, text: str, ranking: list[dict[str, Any]], chosen: dict[str, tuple[str, float]]
    ) -> str | None:
        """The message's final intent (a definition question's, overruled by the entries, or made a
        document request by its facts), with the document request's entities; the intent is set on the
        message, and a definition question's entry in `chosen`."""
        reading: dict[str, Any] = dict(message.get(INTENT) or {})
        defined = definition_entry(text)
        if defined is not None:
            intent = defined.split("/", 1)[0]
            message.set(INTENT, {**reading, "name": intent, PREDICTED_CONFIDENCE_KEY: 1.0}, add_to_output=True)
            chosen[intent] = (defined, 1.0)
            return intent
        overruled = entry_intent(reading, ranking) if self.route_by_entries else None
        if overruled is not None:
            reading = overruled
            message.set(INTENT, reading, add_to_output=True)
        facts = caller_facts(text, reading.get("name"), today())
        if facts.intent != reading.get("name"):
            message.set(INTENT, {**reading, "name": facts.intent}, add_to_output=True)
        if facts.intent != DOCUMENT_INTENT:
            return facts.intent
        # A birthdate asks for the personal check; a card status alone does not (「75歳からマイナ保険証は
        # 使えるの？」 is a general question), but it fills the form's slot when the check is asked for.
        personal = chosen[DOCUMENT_INTENT][0] == f"{DOCUMENT_INTENT}/{PERSONAL_KEY}"
        if not (personal or facts.birthdate):
            return facts.intent
        entities = list(message.get(ENTITIES) or [])
        entities.append(_entity(Entity.DOCUMENT_CHECK, "personal"))
        if facts.birthdate:
            entities.append(_entity(Entity.BIRTHDATE, facts.birthdate.isoformat()))
        if facts.card_status:
            entities.append(_entity(Entity.CARD_STATUS, facts.card_status.value))
        message.set(ENTITIES, entities, add_to_output=True)
        return facts.intent
