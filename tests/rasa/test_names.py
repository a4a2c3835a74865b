"""bot/core/names.py against domain.yml and data/, both ways, read by Rasa's own importer as training reads them.

Retrieval sub-intents and their responses (`lost_card/stop_card`, `utter_lost_card/stop_card`) are
generated from the knowledge base: they count as their intent and are never required in names.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pytest
from rasa.core.nlg.interpolator import interpolate_text
from rasa.shared.constants import UTTER_PREFIX
from rasa.shared.core.constants import DEFAULT_INTENTS, DEFAULT_SLOT_NAMES
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.importers.importer import TrainingDataImporter

from bot.core.names import (
    DATE_ANSWER_ENTITY,
    DATE_ANSWER_INTENT,
    DATE_INPUT,
    INPUT_HINT,
    CustomAction,
    Entity,
    Form,
    Intent,
    Response,
    Slot,
    all_names,
    answer_response,
    payload,
)
from bot.core.profiles import available_profiles, load_profile
from bot.core.topics import CONVERSATIONAL, TOPIC_LABELS
from bot.triage.answers import response_names
from tests.servers import ROOT

FAQ_RULES = ROOT / "data" / "rules" / "faq.yml"
PAYLOAD = re.compile(r"/[a-z_]+(\{[^{}]+\})?")


def base(name: str) -> str:
    """A retrieval sub-intent or response (`lost_card/stop_card`) counts as what is before the slash."""
    return name.split("/", 1)[0]


@dataclass(frozen=True)
class Project:
    domain: Domain
    intents: frozenset[str]  # declared in the domain or used in data/ (nlu, rules, stories)
    entities: frozenset[str]  # declared, or set by a payload in the rules and stories
    slots: frozenset[str]  # declared, or set in the rules and stories
    forms: frozenset[str]
    custom_actions: frozenset[str]  # declared actions that are not responses
    actions_in_data: frozenset[str]  # what the rules and stories run
    faq_intents: frozenset[str]  # intents the FAQ rules answer with utter_<intent>


@pytest.fixture(scope="module")
def project() -> Project:
    importer = TrainingDataImporter.load_from_config(
        str(ROOT / "config.yml"), str(ROOT / "domain.yml"), [str(ROOT / "data")]
    )
    domain = importer.get_domain()
    nlu_intents = {base(i) for i in importer.get_nlu_data().intents}
    events = [e for step in importer.get_stories().story_steps for e in step.events]
    story_intents = {base(e.intent_name) for e in events if isinstance(e, UserUttered) and e.intent_name}
    story_entities = {x["entity"] for e in events if isinstance(e, UserUttered) for x in e.entities}
    actions = {e.action_name for e in events if isinstance(e, ActionExecuted) and e.action_name}
    faq = set()
    for step in importer.get_stories().story_steps:
        if (ROOT / step.source_name).resolve() != FAQ_RULES:
            continue
        for asked, answered in zip(step.events, step.events[1:], strict=False):
            if isinstance(asked, UserUttered) and isinstance(answered, ActionExecuted) and asked.intent_name:
                if answered.action_name == answer_response(base(asked.intent_name)):
                    faq.add(base(asked.intent_name))
    return Project(
        domain=domain,
        intents=frozenset((set(domain.intents) - set(DEFAULT_INTENTS)) | nlu_intents | story_intents),
        entities=frozenset(set(domain.entities) | story_entities),
        slots=frozenset({s.name for s in domain.slots} | {e.key for e in events if isinstance(e, SlotSet)}),
        forms=frozenset(set(domain.form_names) | {e.name for e in events if isinstance(e, ActiveLoop) and e.name}),
        custom_actions=frozenset(a for a in domain.user_actions if not a.startswith(UTTER_PREFIX)),
        actions_in_data=frozenset(actions),
        faq_intents=frozenset(faq),
    )


def test_every_name_in_names_py_is_in_the_domain_or_the_data(project: Project) -> None:
    assert all_names(Intent) - project.intents == set()
    assert all_names(Entity) - set(project.domain.entities) == set()
    assert all_names(Slot) - {s.name for s in project.domain.slots} == set()
    assert all_names(Form) - set(project.domain.form_names) == set()
    assert all_names(CustomAction) - project.custom_actions == set()
    assert all_names(Response) - set(project.domain.responses) == set()
    assert Intent.NLU_FALLBACK in project.intents, "the fallback rule must name Rasa's nlu_fallback"


def test_every_domain_and_data_name_is_in_names_py(project: Project) -> None:
    assert project.intents - all_names(Intent) == set()
    assert project.entities - all_names(Entity) == set()
    assert project.slots - set(DEFAULT_SLOT_NAMES) - all_names(Slot) == set()
    assert project.forms - all_names(Form) == set()
    assert project.custom_actions - all_names(CustomAction) == set()
    assert project.actions_in_data & project.custom_actions <= all_names(CustomAction)


def test_every_intent_is_a_topic_or_conversation_and_every_faq_intent_has_a_label(project: Project) -> None:
    assert set(TOPIC_LABELS) | CONVERSATIONAL == all_names(Intent)
    assert set(TOPIC_LABELS) & CONVERSATIONAL == set()
    assert project.faq_intents and project.faq_intents <= set(TOPIC_LABELS)


def test_the_answers_triage_names_exist(project: Project) -> None:
    """What triage renders for each intent (utter_<intent> unless bot.triage.answers says otherwise)."""
    retrieval = set(project.domain.retrieval_intents)
    for intent in all_names(Intent):
        for response in response_names(intent):
            assert response in project.domain.responses or base(intent) in retrieval, (intent, response)


def test_the_birthdate_question_carries_the_picker_hint_and_its_answer_fills_the_slot(project: Project) -> None:
    variants = project.domain.responses[Response.ASK_BIRTHDATE]
    assert variants and all(v.get("custom") == {INPUT_HINT: DATE_INPUT} for v in variants)
    assert DATE_ANSWER_INTENT in project.intents
    mappings = next(s for s in project.domain.slots if s.name == Slot.BIRTHDATE).mappings
    assert {"type": "from_entity", "entity": DATE_ANSWER_ENTITY} in [
        {k: m.get(k) for k in ("type", "entity")} for m in mappings
    ]


def test_profiles_route_only_known_intents() -> None:
    for profile in available_profiles():
        assert set(load_profile(profile).routes) <= all_names(Intent), profile


def test_every_button_payload_is_sent_as_rasa_reads_it(project: Project) -> None:
    """Rasa fills {placeholders} in responses: a payload's braces must be doubled, or the response is
    sent as written with an interpolation traceback in the log."""
    buttons = [
        button
        for variations in project.domain.responses.values()
        for variation in variations
        for button in variation.get("buttons") or []
    ]
    assert len(buttons) > 10
    for button in buttons:
        sent = interpolate_text(button["payload"], {})
        assert PAYLOAD.fullmatch(sent), sent
        unescaped = button["payload"].replace("{{", "").replace("}}", "")
        assert "{" not in unescaped and "}" not in unescaped, button["payload"]
        if "{" in sent:
            intent, entities = sent[1:].split("{", 1)
            assert sent == payload(intent, json.loads("{" + entities))
