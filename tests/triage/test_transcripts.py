"""The trained model, in process, on speech-recogniser transcripts (tests/triage/transcripts.jsonl)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from bot.answers.profile_phrases import contact_phrase, general_contact_phrase
from bot.core.profiles import active_profile
from bot.triage.calls import FIELDS, read_call
from tests.triage.conftest import TODAY, read_transcripts

ROOT = Path(__file__).resolve().parents[2]
CALLS = read_transcripts()
DOCS_INTENTS = set(re.findall(r"^\| (\w+) \|", (ROOT / "docs" / "intents.md").read_text(encoding="utf-8"), re.M)) - {
    "intent"
}


@pytest.fixture(scope="module")
def results(triage: Any) -> dict[str, dict[str, Any]]:
    """Every transcript triaged in one batch (Takasaki, on the reference date)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BOT_TODAY", TODAY)
        patch.setenv("BOT_MUNICIPALITY", "takasaki")
        return {r["id"]: r for r in triage.triage([read_call(call) for call in CALLS])}


def desk(expected: str) -> str:
    profile = active_profile()
    return general_contact_phrase(profile) if expected == "general" else contact_phrase(profile.desk(expected))


def test_the_transcripts_cover_every_intent_and_the_date_forms() -> None:
    assert len(CALLS) >= 40
    assert {c["expect"]["intent"] for c in CALLS} == DOCS_INTENTS
    texts = " ".join(c["text"] for c in CALLS if c["expect"]["birthdate"])
    for form in ("しょうわ", "せんきゅうひゃく", "がんねん", "よっか", "ついたち", "三十二年", "1950年"):
        assert form in texts, form


@pytest.mark.parametrize("call", [pytest.param(c, id=c["id"]) for c in CALLS])
def test_transcript(results: dict[str, dict[str, Any]], call: dict[str, Any]) -> None:
    result, expect = results[call["id"]], call["expect"]
    got = {key: result[key] for key in ("intent", "priority", "birthdate", "card_status")}
    assert got == {key: expect[key] for key in got}, result["normalized_text"]
    assert result["department"] == desk(expect["department"])
    assert result["expect"] == expect and result["text"] == call["text"]  # other fields kept as they are
    assert list(result)[-len(FIELDS) :] == list(FIELDS)
    assert 0.0 < result["confidence"] <= 1.0 and result["suggested_answer"].strip()


def test_document_calls_get_the_document_answer(results: dict[str, dict[str, Any]]) -> None:
    by_birthdate = {r["birthdate"]: r["suggested_answer"] for r in results.values() if r["intent"] == "which_document"}
    assert "令和9年5月19日（2027年5月19日）" in by_birthdate["1952-05-20"]  # no card, 75 within the period
    assert "資格情報のお知らせ" in by_birthdate["1988-04-02"] and "有効期限はありません" in by_birthdate["1988-04-02"]
    assert "令和9年2月28日（2027年2月28日）" in by_birthdate["1957-03-01"]  # reaches 70 in February 2027
    assert "生年月日を教えてください" in by_birthdate["1989-01-08"]  # no card status: the form's question


def test_another_municipality_routes_to_its_own_desks(triage: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_MUNICIPALITY", "minato")
    calls = [c for c in CALLS if c["expect"]["intent"] in ("out_of_scope", "high_cost_certificate", "notice_usage")]
    for result in triage.triage([read_call(c) for c in calls]):
        if result["intent"] == "out_of_scope":
            assert result["department"] == "港区役所（代表）（電話 03-3578-2111）"
        elif result["intent"] == "high_cost_certificate":
            assert result["department"].startswith("港区 国保年金課 給付係")
        else:
            assert (
                "資格情報通知書" in result["suggested_answer"]
                and "資格情報のお知らせ" not in result["suggested_answer"]
            )


def test_bad_items_keep_their_place(triage: Any) -> None:
    items = [read_call(CALLS[0], 1), read_call({"id": "x"}, 2), read_call(CALLS[1], 3)]
    out = triage.triage(items)
    assert [r.get("id") for r in out] == [CALLS[0]["id"], "x", CALLS[1]["id"]]
    assert out[1] == {"id": "x", "line_number": 2, "error": "text がありません。"}
    assert "error" not in out[0] and "error" not in out[2]
