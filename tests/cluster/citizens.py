"""Simulated citizens for the cluster tests. Each goes through the document form with a birthdate
of its own (question, birthdate, card status) through the widget's door, as the widget does: a
request that failed in transit is sent again with the same message id. Every reply is checked:
the answer must be the one computed for the citizen's own birthdate, never another citizen's."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from bot.answers.document_service import answer_document
from bot.channels.replies import apology
from bot.core.profiles import load_profile
from bot.core.wareki import format_wareki_short

TODAY = date(2026, 11, 22)  # BOT_TODAY of the replicas
MUNICIPALITY = "takasaki"
QUESTION = "届く書類と有効期限を調べたい"
ASKS_BIRTHDATE = "生年月日を教えてください"
ASKS_STATUS = "マイナンバーカードの状況を教えてください"
STATUS = "カードは持っていません"
DESK_PHONE = "027-321-1235"  # Takasaki's main desk (profiles/takasaki.yml)


def birthdates(n: int) -> list[date]:
    """n birthdates whose answers all differ (a day before the 75th birthday is named), so that a
    crossed reply shows."""
    found: dict[str, date] = {}
    candidate = date(1952, 1, 2)
    profile = load_profile(MUNICIPALITY)
    while len(found) < n:
        found.setdefault(answer_document(candidate, "no_card", profile, TODAY), candidate)
        candidate += timedelta(days=3)
    return list(found.values())


def texts(replies: Any) -> list[str]:
    return [r["text"] for r in replies if isinstance(r, dict) and isinstance(r.get("text"), str)]


@dataclass
class Tally:
    """What all citizens saw, shared between their threads."""

    answers: dict[str, date] = field(default_factory=dict)  # expected answer text -> its birthdate
    completed: int = 0
    turns: int = 0
    retries: int = 0  # sent again with the same message id (HTTP error, connection lost)
    apologies: int = 0
    crossed: list[str] = field(default_factory=list)  # another citizen's answer
    unexpected: list[str] = field(default_factory=list)  # a reply the step did not call for
    lost: int = 0  # conversations that never got their answer
    lock: threading.Lock = field(default_factory=threading.Lock)

    def summary(self) -> str:
        return (
            f"{self.completed} conversations completed in {self.turns} turns; retries {self.retries}, "
            f"apologies {self.apologies}, lost {self.lost}, crossed {len(self.crossed)}, "
            f"unexpected {len(self.unexpected)}"
        )

    def add(self, **counts: int) -> None:
        with self.lock:
            for name, n in counts.items():
                setattr(self, name, getattr(self, name) + n)


class Citizen:
    def __init__(self, url: str, birthdate: date, tally: Tally, timeout: float = 90) -> None:
        self.url, self.birthdate, self.tally, self.timeout = url, birthdate, tally, timeout
        self.expected = answer_document(birthdate, "no_card", load_profile(MUNICIPALITY), TODAY)
        tally.answers[self.expected] = birthdate

    @property
    def typed_birthdate(self) -> str:
        return format_wareki_short(self.birthdate)

    def say(self, sender: str, message: str, deadline: float) -> list[str]:
        """The replies to one message; resent with the same id while the request fails in transit."""
        body = json.dumps({"sender": sender, "message": message, "message_id": uuid.uuid4().hex}).encode()
        while True:
            request = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as resp:
                    replies = texts(json.loads(resp.read()))
                    self.tally.add(turns=1, apologies=int(apology() in replies))
                    return replies
            except (urllib.error.URLError, OSError, ValueError):
                if time.monotonic() > deadline:
                    return []
                self.tally.add(retries=1)
                time.sleep(0.5)

    def converse(self, deadline: float, attempts: int = 1) -> bool:
        """One conversation through the form; True when it ended with the citizen's own answer. With
        attempts > 1 a citizen who did not get the answer starts the form again, as a person would."""
        sender = f"citizen-{uuid.uuid4().hex[:12]}"
        for _ in range(attempts):
            steps = [(QUESTION, ASKS_BIRTHDATE), (self.typed_birthdate, ASKS_STATUS), (STATUS, None)]
            for message, wanted in steps:
                replies = self.say(sender, message, deadline + self.timeout)
                self._check(replies, wanted)
            if self.expected in replies:
                self.tally.add(completed=1)
                return True
        self.tally.add(lost=1)
        return False

    def _check(self, replies: list[str], wanted: str | None) -> None:
        crossed = [t for t in replies if t in self.tally.answers and t != self.expected]
        ok = any(wanted in t for t in replies) if wanted else self.expected in replies
        with self.tally.lock:
            self.tally.crossed += crossed
            if not ok:
                self.tally.unexpected.append(" / ".join(replies)[:200])

    def run(self, seconds: float, attempts: int = 1) -> None:
        """Conversations one after another for `seconds`; the one under way at the end is finished."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.converse(deadline, attempts)


def crowd(url: str, n: int, seconds: float, attempts: int = 1) -> Tally:
    """n citizens in parallel for `seconds`."""
    tally = Tally()
    citizens = [Citizen(url, b, tally) for b in birthdates(n)]
    threads = [threading.Thread(target=c.run, args=(seconds, attempts)) for c in citizens]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 600)
    return tally
