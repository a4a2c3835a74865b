"""What one citizen turn was, read from the conversation's events (Rasa's event dicts).

A turn is the user event a channel handed to Rasa and the events after it up to the next user
event. It is a question unless it answered the document form (a birthdate, a card status): the
form was waiting for a slot and the turn got no FAQ answer, or the text is only a date, or it is a
button payload with values. The answer a citizen can rate is an FAQ answer (for the question it
answers) or the document answer (for the question that started the form).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from bot.core.masking import is_only_a_date
from bot.core.names import ANSWER_MARK, DOCUMENT_ANSWER
from bot.core.topics import TOPIC_LABELS

FORM = "document_form"
FALLBACK_INTENT = "nlu_fallback"
FALLBACK_ACTIONS = frozenset({"action_default_fallback", "action_nlu_fallback", "action_two_stage_fallback"})
RESET_EVENTS = frozenset({"restart", "session_started"})
FAQ_PREFIX = "utter_"
DOCUMENT = FORM  # the answer of a question that started the document form (or got the document answer)

Event = dict[str, Any]


@dataclass(frozen=True)
class Turn:
    """One citizen message and what the assistant did with it (nothing here is masked yet)."""

    question_id: str  # Rasa's message id of the user event
    asked_at: float
    door: str
    text: str
    intent: str | None
    intent_confidence: float | None
    faq_entry: str | None
    faq_confidence: float | None
    answer: str | None  # utter_<faq intent>, DOCUMENT (form started or answered), or None
    fell_back: bool
    is_question: bool
    rating_for: str | None  # the question id a rating of this turn's answer is recorded for


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def is_faq_answer(action: str) -> bool:
    """utter_<intent> of one of the FAQ intents (a retrieval intent's action has the same name)."""
    return action.startswith(FAQ_PREFIX) and action[len(FAQ_PREFIX) :] in TOPIC_LABELS


def faq_entry(parse_data: dict[str, Any], intent: str | None) -> tuple[str | None, float | None]:
    """The FAQ entry the entry selector chose (e.g. lost_card/stop_card) and its confidence, when it
    belongs to the predicted intent."""
    selectors = parse_data.get("response_selector")
    if not isinstance(selectors, dict) or not intent:
        return None, None
    chosen = selectors.get(intent) or selectors.get("default")
    response = chosen.get("response") if isinstance(chosen, dict) else None
    key = response.get("intent_response_key") if isinstance(response, dict) else None
    if not isinstance(key, str) or key.split("/", 1)[0] != intent:
        return None, None
    confidence = response.get("confidence") if isinstance(response, dict) else None
    return key, float(confidence) if isinstance(confidence, (int, float)) else None


def _form_waiting_before(events: list[Event]) -> list[bool]:
    """For each event index: whether the document form was waiting for a slot just before it."""
    loop: str | None = None
    requested: Any = None
    waiting = []
    for event in events:
        waiting.append(loop == FORM and requested is not None)
        kind = event.get("event")
        if kind in RESET_EVENTS:
            loop, requested = None, None
        elif kind == "active_loop":
            loop = event.get("name")
            if loop is None:
                requested = None
        elif kind == "slot" and event.get("name") == "requested_slot":
            requested = event.get("value")
    return waiting


def _turn_end(events: list[Event], user_index: int) -> int:
    for index in range(user_index + 1, len(events)):
        if events[index].get("event") == "user":
            return index
    return len(events)


def _actions(events: Iterable[Event]) -> list[str]:
    return [str(e.get("name")) for e in events if e.get("event") == "action" and e.get("name")]


def _answered_document(turn: list[Event]) -> int | None:
    """Index in `turn` of the document answer (the bot message the form's validation marked)."""
    for index, event in enumerate(turn):
        if event.get("event") == "bot" and _mapping(event.get("metadata")).get(ANSWER_MARK) == DOCUMENT_ANSWER:
            return index
    return None


def _is_question(user: Event, turn: list[Event], form_waiting: bool) -> bool:
    text = str(user.get("text") or "")
    if is_only_a_date(text) or (text.startswith("/") and "{" in text):
        return False
    return not form_waiting or any(is_faq_answer(a) for a in _actions(turn))


def _form_started_at(events: list[Event], before: int) -> int | None:
    """Index of the event that activated the form run which ended before index `before` (the
    earliest activation since the form was last off)."""
    started = None
    for index in range(before - 1, -1, -1):
        event = events[index]
        kind = event.get("event")
        if kind == "active_loop" and event.get("name") == FORM:
            started = index
        elif started is not None and (kind in RESET_EVENTS or (kind == "active_loop" and event.get("name") is None)):
            break
    return started


def _question_that_started_the_form(events: list[Event], before: int, waiting: list[bool]) -> str | None:
    """Message id of the question whose turn started the form run that ended before index `before`."""
    started = _form_started_at(events, before)
    user_index = (
        next((i for i in range(started - 1, -1, -1) if events[i].get("event") == "user"), None)
        if started is not None
        else None
    )
    if user_index is None:
        return None
    user = events[user_index]
    if not _is_question(user, events[user_index + 1 : _turn_end(events, user_index)], waiting[user_index]):
        return None
    return str(user.get("message_id") or "") or None


def read_turn(events: list[Event], message_id: str) -> Turn | None:
    """The turn of the user event with `message_id`; None when it is not among `events`."""
    user_index = next(
        (
            i
            for i in range(len(events) - 1, -1, -1)
            if events[i].get("event") == "user" and events[i].get("message_id") == message_id
        ),
        None,
    )
    if user_index is None:
        return None
    user = events[user_index]
    turn = events[user_index + 1 : _turn_end(events, user_index)]
    waiting = _form_waiting_before(events)
    actions = _actions(turn)
    parse_data = _mapping(user.get("parse_data"))
    intent_data = _mapping(parse_data.get("intent"))
    intent = intent_data.get("name")
    confidence = intent_data.get("confidence")
    entry, entry_confidence = faq_entry(parse_data, intent)
    is_question = _is_question(user, turn, waiting[user_index])
    faq = next((a for a in actions if is_faq_answer(a)), None)
    document_at = _answered_document(turn)
    started_form = any(e.get("event") == "active_loop" and e.get("name") == FORM for e in turn)
    answer = faq or (DOCUMENT if started_form or document_at is not None else None)
    rating_for = None
    if faq and is_question:
        rating_for = message_id
    elif document_at is not None:
        rating_for = _question_that_started_the_form(events, user_index + 1 + document_at, waiting)
    return Turn(
        question_id=message_id,
        asked_at=float(user.get("timestamp") or 0.0),
        door=str(user.get("input_channel") or ""),
        text=str(user.get("text") or ""),
        intent=intent if isinstance(intent, str) else None,
        intent_confidence=float(confidence) if isinstance(confidence, (int, float)) else None,
        faq_entry=entry,
        faq_confidence=entry_confidence,
        answer=answer if is_question else None,
        fell_back=intent == FALLBACK_INTENT or any(a in FALLBACK_ACTIONS for a in actions),
        is_question=is_question,
        rating_for=rating_for,
    )
