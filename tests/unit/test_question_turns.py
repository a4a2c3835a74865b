"""What a turn was, from the conversation's events as Rasa stores them (bot.question_log.turns).
The event lists follow a real tracker of the document form (tests/e2e checks the real thing)."""

from __future__ import annotations

from typing import Any

from bot.core.names import ANSWER_MARK, DOCUMENT_ANSWER
from bot.question_log.turns import DOCUMENT, read_turn

Events = list[dict[str, Any]]


def user(message_id: str, text: str, intent: str, confidence: float = 0.9, **parse: Any) -> dict[str, Any]:
    return {
        "event": "user",
        "text": text,
        "message_id": message_id,
        "timestamp": 1795568684.0,
        "input_channel": "widget",
        "parse_data": {"intent": {"name": intent, "confidence": confidence}, **parse},
    }


def action(name: str) -> dict[str, Any]:
    return {"event": "action", "name": name}


def bot(text: str = "答え") -> dict[str, Any]:
    return {"event": "bot", "text": text}


def document_answer(text: str = "お届けする書類は「資格確認書」です。") -> dict[str, Any]:
    """The form validation's answer, as stored (its bot message carries the answer mark)."""
    return {"event": "bot", "text": text, "metadata": {ANSWER_MARK: DOCUMENT_ANSWER}}


def slot(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "name": name, "value": value}


def loop(name: str | None) -> dict[str, Any]:
    return {"event": "active_loop", "name": name}


START: Events = [action("action_session_start"), {"event": "session_started"}, action("action_listen")]
FORM_START: Events = [
    action("utter_document_intro"),
    bot(),
    action("document_form"),
    loop("document_form"),
    slot("requested_slot", "birthdate"),
    bot(),
    action("action_listen"),
]
BIRTHDATE: Events = [
    user("b", "昭和32年3月1日", "inform"),
    slot("birthdate", "昭和32年3月1日"),
    action("document_form"),
    slot("requested_slot", "card_status"),
    bot(),
    action("action_listen"),
]
STATUS_AND_ANSWER: Events = [
    user("c", '/inform{"card_status":"no_card"}', "inform", 1.0),
    action("document_form"),
    document_answer(),
    slot("birthdate", None),
    slot("requested_slot", None),
    loop(None),
    action("action_listen"),
]


def test_an_faq_answer_is_rated_for_its_own_question() -> None:
    events = [*START, user("q", "マイナ保険証をなくしました", "lost_card"), action("utter_lost_card"), bot()]
    turn = read_turn(events, "q")
    assert turn is not None and turn.is_question and not turn.fell_back
    assert (turn.answer, turn.rating_for, turn.intent, turn.door) == ("utter_lost_card", "q", "lost_card", "widget")


def test_the_fallback_is_an_unanswered_question_without_a_rating() -> None:
    events = [*START, user("q", "住民票はどこ", "nlu_fallback", 0.45), action("action_nlu_fallback"), bot()]
    turn = read_turn(events, "q")
    assert turn is not None and turn.is_question and turn.fell_back
    assert turn.answer is None and turn.rating_for is None


def test_form_answers_are_not_questions_and_the_document_answer_is_rated_for_the_question_that_started_it() -> None:
    question = user("q", "資格確認書の有効期限は", "which_document")
    events = [*START, question, *FORM_START, *BIRTHDATE, *STATUS_AND_ANSWER]
    started = read_turn(events, "q")
    assert started is not None and started.is_question and started.answer == DOCUMENT
    assert started.rating_for is None  # the form asks first; the answer comes later
    for form_answer in ("b", "c"):
        turn = read_turn(events, form_answer)
        assert turn is not None and not turn.is_question
    answered = read_turn(events, "c")
    assert answered is not None and answered.rating_for == "q"


def test_a_typed_card_status_while_the_form_waits_is_not_a_question() -> None:
    status = [user("c", "カードは持っていません", "inform"), action("document_form"), bot(), action("action_listen")]
    events = [*START, user("q", "何が届きますか", "which_document"), *FORM_START, *BIRTHDATE, *status]
    turn = read_turn(events, "c")
    assert turn is not None and not turn.is_question


def test_an_faq_question_asked_inside_the_form_is_a_question() -> None:
    asked = user("d", "マイナ保険証をなくしたら？", "lost_card")
    digression = [asked, action("utter_lost_card"), bot(), action("document_form")]
    events = [*START, user("q", "何が届きますか", "which_document"), *FORM_START, *digression]
    turn = read_turn(events, "d")
    assert turn is not None and turn.is_question and turn.rating_for == "d"


def test_a_document_answer_after_a_digression_is_rated_for_the_question_that_started_the_form() -> None:
    asked = user("d", "マイナ保険証をなくしたら？", "lost_card")
    digression = [asked, action("utter_lost_card"), bot(), action("document_form"), loop("document_form"), bot()]
    question = user("q", "何が届きますか", "which_document")
    events = [*START, question, *FORM_START, *digression, *BIRTHDATE, *STATUS_AND_ANSWER]
    answered = read_turn(events, "c")
    assert answered is not None and answered.rating_for == "q"


def test_a_bare_date_is_never_a_question_even_outside_the_form() -> None:
    events = [*START, user("q", "1957/3/1です", "nlu_fallback", 0.3), action("action_nlu_fallback"), bot()]
    turn = read_turn(events, "q")
    assert turn is not None and not turn.is_question


def test_a_question_with_a_date_that_gets_the_document_at_once_is_rated_for_itself() -> None:
    at_once = [
        user("q", "昭和32年3月1日生まれでカードがありません。何が届きますか", "which_document"),
        action("document_form"),
        loop("document_form"),
        document_answer(),
        slot("requested_slot", None),
        loop(None),
    ]
    turn = read_turn([*START, *at_once], "q")
    assert turn is not None and turn.is_question and turn.answer == DOCUMENT and turn.rating_for == "q"


def test_the_faq_entry_of_a_retrieval_intent_is_read_from_the_response_selector() -> None:
    selector = {
        "all_retrieval_intents": ["lost_card"],
        "lost_card": {"response": {"intent_response_key": "lost_card/stop_card", "confidence": 0.87}},
    }
    events = [*START, user("q", "カードを止めたい", "lost_card", response_selector=selector), action("utter_lost_card")]
    turn = read_turn(events, "q")
    assert turn is not None and (turn.faq_entry, turn.faq_confidence) == ("lost_card/stop_card", 0.87)
    other = {"default": {"response": {"intent_response_key": "lost_card/stop_card", "confidence": 0.5}}}
    hello = user("g", "こんにちは", "greet", response_selector=other)
    greeting = read_turn([*START, hello, action("utter_greet")], "g")
    assert greeting is not None and greeting.faq_entry is None  # an entry of another intent is not this answer's


def test_an_unknown_message_id_is_no_turn() -> None:
    assert read_turn([*START, user("q", "こんにちは", "greet")], "other") is None


def test_a_stopped_form_gives_no_document_answer_to_rate() -> None:
    stopped = [
        user("s", "やめる", "deny"),
        action("document_form"),
        bot("書類のお調べを終了しました。ほかにご質問があればどうぞ。"),
        slot("requested_slot", None),
        loop(None),
    ]
    events = [*START, user("q", "何が届きますか", "which_document"), *FORM_START, *BIRTHDATE, *stopped]
    turn = read_turn(events, "s")
    assert turn is not None and turn.answer is None and turn.rating_for is None
