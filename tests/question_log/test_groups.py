"""Unanswered and 👎 questions grouped by GiNZA word vectors (bot.report.groups)."""

from __future__ import annotations

from dataclasses import replace

from bot.question_log.store import DOWN, Record
from bot.report.groups import describe, unknown_topics
from tests.records import a_record

QUESTIONS = [
    "住民票の写しはどこで取れますか",
    "住民票が欲しいです",
    "住民票ってコンビニで取れる？",
    "ごみの分別方法を教えて",
    "粗大ごみの出し方は？",
    "ゴミの収集日はいつですか",
    "介護保険料はいくらですか",
    "介護保険の保険料を知りたい",
    "駐車場はありますか",
]


def records(texts: list[str], **values: object) -> list[Record]:
    unanswered = {"door": "rest", "intent": "out_of_scope", "answer": None, **values}
    return [a_record(id=f"{i:032x}", asked_at=float(i), text=text, **unanswered) for i, text in enumerate(texts)]


def test_similar_questions_make_one_group_each_largest_first() -> None:
    groups = [describe(g) for g in unknown_topics(records(QUESTIONS))]
    assert [g["size"] for g in groups] == [3, 3, 2, 1]
    assert "住民票" in groups[0]["keywords"] or "住民票" in groups[1]["keywords"]
    by_word = {word: g for g in groups for word in g["keywords"]}
    assert set(by_word["住民票"]["examples"]) == set(QUESTIONS[:3])
    assert set(by_word["介護保険料"]["examples"]) == set(QUESTIONS[6:8])


def test_answered_questions_count_only_when_rated_down_and_payloads_never() -> None:
    answered = records(["マイナ保険証をなくした", "保険証をなくしました", "/lost_card"], answer="utter_lost_card")
    answered[1] = replace(answered[1], rating=DOWN)
    answered[2] = replace(answered[2], rating=DOWN)  # a button the citizen pressed, not a typed question
    groups = unknown_topics(answered)
    assert [[r.text for r in g] for g in groups] == [["保険証をなくしました"]]
    assert describe(groups[0])["rated_down"] == 1 and describe(groups[0])["unanswered"] == 0


def test_questions_without_known_words_group_by_their_text() -> None:
    groups = unknown_topics(records(["ｗｗｗ", "ｗｗｗ", "？？"]))
    assert [len(g) for g in groups] == [2, 1]
