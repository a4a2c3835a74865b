"""The report's numbers, from question log records (pure: no database, no GiNZA).

Counting rules (docs/report.md):
- a *question* is a logged message whose intent is not small talk (greetings, thanks, yes/no);
- it is *answered* when it got an FAQ answer or the document check, *unanswered* otherwise (the
  "did not understand" fallback, out of scope, an error); *fell back* when the fallback answered;
- a 👎 answer still counts as answered, and is shown next to the answer rate, so that wrong answers
  can never pass for a good answer rate.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Iterable

from bot.core.topics import TOPIC_LABELS
from bot.question_log.store import DOWN, UP, Record
from bot.question_log.turns import DOCUMENT, FAQ_PREFIX

JST = timezone(timedelta(hours=9), "JST")
TIMEZONE = "Asia/Tokyo"
SMALL_TALK = frozenset({"greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "inform"})
DOOR_LABELS = {"widget": "ウェブサイトのチャット", "line": "LINE", "rest": "REST API", "socketio": "socket.io"}
DOCUMENT_LABEL = "届く書類と有効期限（生年月日からの確認）"
UNKNOWN_LABEL = "（不明）"
TOP_TOPICS = 10
MAX_COMMENTS = 20


@dataclass(frozen=True)
class Period:
    """Days from `since` to `until`, both included, in Japan time."""

    since: date
    until: date

    def bounds(self) -> tuple[float, float]:
        """[start, end) as UNIX times."""
        start = datetime.combine(self.since, time(), JST)
        end = datetime.combine(self.until + timedelta(days=1), time(), JST)
        return start.timestamp(), end.timestamp()

    def days(self) -> list[date]:
        return [self.since + timedelta(days=n) for n in range((self.until - self.since).days + 1)]


def local_time(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, JST)


def is_question(record: Record) -> bool:
    return record.intent not in SMALL_TALK


def is_unanswered(record: Record) -> bool:
    return is_question(record) and record.answer is None


def door_label(door: str) -> str:
    return DOOR_LABELS.get(door, door)


def topic_label(intent: str | None) -> str:
    return TOPIC_LABELS.get(intent or "", intent or UNKNOWN_LABEL)


def answer_key(record: Record) -> str:
    """What was answered: the FAQ entry when known, else the answer (utter_<intent>, document_form)."""
    return record.faq_entry or record.answer or UNKNOWN_LABEL


def answer_label(key: str) -> str:
    """Staff's name for an answer key."""
    if key == DOCUMENT:
        return DOCUMENT_LABEL
    intent = key[len(FAQ_PREFIX) :] if key.startswith(FAQ_PREFIX) else key.split("/", 1)[0]
    label = TOPIC_LABELS.get(intent)
    if label is None:
        return key
    return f"{label}（{key.split('/', 1)[1]}）" if "/" in key else label


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def totals(records: list[Record]) -> dict[str, Any]:
    questions = [r for r in records if is_question(r)]
    answered = [r for r in questions if r.answer is not None]
    fell_back = [r for r in questions if r.fell_back]
    up = sum(r.rating == UP for r in records)
    down = sum(r.rating == DOWN for r in records)
    return {
        "messages": len(records),
        "small_talk": len(records) - len(questions),
        "questions": len(questions),
        "answered": len(answered),
        "unanswered": len(questions) - len(answered),
        "fell_back": len(fell_back),
        "answer_rate": _rate(len(answered), len(questions)),
        "fallback_rate": _rate(len(fell_back), len(questions)),
        "rated": up + down,
        "up": up,
        "down": down,
        "helpful_rate": _rate(up, up + down),
        "answered_not_rated_down_rate": _rate(len(answered) - down, len(questions)),
    }


def per_day(records: list[Record], period: Period) -> list[dict[str, Any]]:
    counts: dict[date, Counter[str]] = defaultdict(Counter)
    for record in records:
        if is_question(record):
            counts[local_time(record.asked_at).date()][record.door] += 1
    return [
        {"date": day.isoformat(), "total": sum(counts[day].values()), "by_door": dict(sorted(counts[day].items()))}
        for day in period.days()
    ]


def per_door(records: list[Record]) -> list[dict[str, Any]]:
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    for record in filter(is_question, records):
        row = rows[record.door]
        row["questions"] += 1
        row["answered"] += record.answer is not None
        row["fell_back"] += record.fell_back
        row["down"] += record.rating == DOWN
    return [
        {"door": door, "label": door_label(door), **{k: row[k] for k in ("questions", "answered", "fell_back", "down")}}
        for door, row in sorted(rows.items(), key=lambda item: -item[1]["questions"])
    ]


def top_topics(records: list[Record], limit: int = TOP_TOPICS) -> list[dict[str, Any]]:
    """The intents citizens asked about most (answered or not; the fallback excluded)."""
    counts = Counter(r.intent for r in records if is_question(r) and r.intent in TOPIC_LABELS)
    return [{"intent": i, "label": topic_label(i), "questions": n} for i, n in counts.most_common(limit)]


def top_entries(records: list[Record], limit: int = TOP_TOPICS) -> list[dict[str, Any]]:
    counts = Counter(r.faq_entry for r in records if is_question(r) and r.faq_entry)
    return [{"entry": e, "label": answer_label(e), "questions": n} for e, n in counts.most_common(limit)]


def ratings_per_answer(records: list[Record]) -> list[dict[str, Any]]:
    """👍/👎 per answer, the worst first (share of 👎, then number of 👎)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for record in records:
        if record.rating in (UP, DOWN):
            counts[answer_key(record)][record.rating] += 1
    rows = [
        {
            "answer": key,
            "label": answer_label(key),
            "up": c[UP],
            "down": c[DOWN],
            "rated": c[UP] + c[DOWN],
            "down_rate": _rate(c[DOWN], c[UP] + c[DOWN]),
        }
        for key, c in counts.items()
    ]
    return sorted(rows, key=lambda row: (-(row["down_rate"] or 0), -row["down"], row["label"]))


def comments(records: Iterable[Record], limit: int = MAX_COMMENTS) -> list[dict[str, Any]]:
    """The 👎 comments (masked), newest first."""
    rated = [r for r in records if r.rating == DOWN and r.comment]
    rated.sort(key=lambda r: r.asked_at, reverse=True)
    return [
        {"date": local_time(r.asked_at).date().isoformat(), "answer": answer_label(answer_key(r)), "comment": r.comment}
        for r in rated[:limit]
    ]


def summarize(records: list[Record], period: Period) -> dict[str, Any]:
    """Every number of the report except the groups of unknown questions (bot.report.groups)."""
    return {
        "period": {"since": period.since.isoformat(), "until": period.until.isoformat(), "timezone": TIMEZONE},
        "municipalities": sorted({r.municipality for r in records}),
        "totals": totals(records),
        "per_day": per_day(records, period),
        "per_door": per_door(records),
        "top_topics": top_topics(records),
        "top_entries": top_entries(records),
        "ratings": ratings_per_answer(records),
        "comments": comments(records),
    }
