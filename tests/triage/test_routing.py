"""Priority and the desk, from the municipality profile (no model needed)."""

from __future__ import annotations

import pytest

from bot.answers.profile_phrases import contact_phrase
from bot.core.profiles import load_profile
from bot.triage.routing import Priority, department, priority


@pytest.mark.parametrize(
    "intent, likeliest, expected",
    [
        ("lost_card", "lost_card", Priority.URGENT),
        ("lost_certificate", "lost_certificate", Priority.URGENT),
        ("nlu_fallback", "lost_card", Priority.URGENT),  # unsure, but likeliest a lost card
        ("nlu_fallback", "contact", Priority.NORMAL),
        ("which_document", "lost_card", Priority.NORMAL),  # the assistant is sure it is something else
        ("contact", "contact", Priority.NORMAL),
        (None, None, Priority.NORMAL),
    ],
)
def test_priority(intent: str | None, likeliest: str | None, expected: Priority) -> None:
    assert priority(intent, likeliest) is expected


@pytest.mark.parametrize(
    "municipality, intent, desk_id",
    [
        ("takasaki", "arrears", "nozei"),
        ("takasaki", "high_cost_certificate", "kokuho"),
        ("takasaki", "lost_card", "shikaku"),  # not routed: the main desk
        ("takasaki", "nlu_fallback", "shikaku"),
        ("minato", "high_cost_certificate", "kyufu"),
        ("minato", "arrears", "shikaku"),
        ("fukutsu", "arrears", "hokennenkin"),
    ],
)
def test_department_is_the_profile_desk(municipality: str, intent: str, desk_id: str) -> None:
    profile = load_profile(municipality)
    assert department(profile, intent) == contact_phrase(profile.desk(desk_id))


def test_out_of_scope_goes_to_the_city_general_contact() -> None:
    assert department(load_profile("minato"), "out_of_scope") == "港区役所（代表）（電話 03-3578-2111）"
    # Takasaki's profile has no switchboard number (the seeds give none): its NHI main desk then.
    takasaki = load_profile("takasaki")
    assert department(takasaki, "out_of_scope") == contact_phrase(takasaki.main_desk)
