"""The report's numbers from question log records (bot.report.summary)."""

from __future__ import annotations

from datetime import date, datetime, time

from bot.question_log.store import DOWN, UP, Record
from bot.report.summary import DOCUMENT_LABEL, JST, Period, summarize
from tests.records import a_record

PERIOD = Period(date(2026, 11, 20), date(2026, 11, 22))


def at(day: int, hour: int = 12, minute: int = 0) -> float:
    return datetime.combine(date(2026, 11, day), time(hour, minute), JST).timestamp()


def record(n: int, day: int = 21, **values: object) -> Record:
    return a_record(**{"id": f"{n:032x}", "asked_at": at(day), **values})


RECORDS = [
    record(1, rating=DOWN, comment="分かりにくい"),
    record(2, rating=UP),
    record(3, door="line", intent="which_document", answer="document_form", rating=UP),
    record(4, door="line", intent="nlu_fallback", answer=None, fell_back=True, text="住民票"),
    record(5, door="rest", intent="out_of_scope", answer=None, text="ごみ"),
    record(6, intent="greet", answer=None, text="こんにちは"),
    record(7, day=20, intent="register_card", answer="utter_register_card", rating=DOWN),
    record(8, day=20, intent="register_card", answer="utter_register_card", rating=DOWN),
    *(record(20 + i, day=22, intent="register_card", answer="utter_register_card", rating=UP) for i in range(3)),
    record(30, day=22, intent="benefits", answer="utter_benefits", rating=DOWN),
]


def test_small_talk_is_not_a_question_and_rates_count_wrong_answers_visibly() -> None:
    totals = summarize(RECORDS, PERIOD)["totals"]
    assert totals["messages"] == 12 and totals["small_talk"] == 1 and totals["questions"] == 11
    assert (totals["answered"], totals["unanswered"], totals["fell_back"]) == (9, 2, 1)
    assert totals["answer_rate"] == round(9 / 11, 4) and totals["fallback_rate"] == round(1 / 11, 4)
    assert (totals["up"], totals["down"], totals["helpful_rate"]) == (5, 4, round(5 / 9, 4))
    assert totals["answered_not_rated_down_rate"] == round(5 / 11, 4)


def test_questions_per_day_and_door_use_japan_days_and_list_every_day() -> None:
    late = record(9, day=20, door="rest", asked_at=at(20, 23, 59))  # 14:59 UTC: still the 20th in Japan
    report = summarize([*RECORDS, late], PERIOD)
    assert [d["date"] for d in report["per_day"]] == ["2026-11-20", "2026-11-21", "2026-11-22"]
    assert report["per_day"][0] == {"date": "2026-11-20", "total": 3, "by_door": {"rest": 1, "widget": 2}}
    assert report["per_day"][2] == {"date": "2026-11-22", "total": 4, "by_door": {"widget": 4}}
    doors = {d["door"]: d for d in report["per_door"]}
    assert doors["line"]["questions"] == 2 and doors["line"]["fell_back"] == 1 and doors["widget"]["down"] == 4


def test_ratings_per_answer_worst_first_and_comments() -> None:
    report = summarize(RECORDS, PERIOD)
    rows = [(r["label"], r["up"], r["down"]) for r in report["ratings"]]
    assert rows == [
        ("マイナ保険証のメリット", 0, 1),  # the largest share of 👎 first
        ("マイナ保険証をなくした", 1, 1),
        ("保険証としての登録のしかた", 3, 2),
        (DOCUMENT_LABEL, 1, 0),
    ]
    assert report["comments"] == [{"date": "2026-11-21", "answer": "マイナ保険証をなくした", "comment": "分かりにくい"}]
    assert report["top_topics"][0] == {"intent": "register_card", "label": "保険証としての登録のしかた", "questions": 5}


def test_faq_entries_name_the_answer_when_known() -> None:
    entry = record(10, faq_entry="lost_card/stop_card", rating=DOWN)
    report = summarize([entry], PERIOD)
    assert report["ratings"][0]["label"] == "マイナ保険証をなくした（stop_card）"
    label = "マイナ保険証をなくした（stop_card）"
    assert report["top_entries"] == [{"entry": "lost_card/stop_card", "label": label, "questions": 1}]


def test_an_empty_period_has_zeros_and_no_rates() -> None:
    report = summarize([], PERIOD)
    assert report["totals"]["questions"] == 0 and report["totals"]["answer_rate"] is None
    assert report["ratings"] == [] and len(report["per_day"]) == 3
