"""The worked examples of shared/domain-rules.md and the edge cases around them."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.card_status import CardStatus
from bot.core.documents import Document, ExpiryRule, InputError, NextStep, determine_document
from bot.core.legal_age import period_containing

REF = date(2026, 11, 22)  # the reference date of the worked examples


def decide(born: date, status: str, today: date = REF, residence_end: date | None = None):
    return determine_document(born, status, today, 8, 1, residence_end)


@pytest.mark.parametrize(
    "born, status, document, expiry",
    [
        (date(1988, 4, 2), "registered", Document.NOTICE, None),
        (date(1988, 4, 2), "no_card", Document.CERTIFICATE, date(2027, 7, 31)),
        (date(1952, 5, 20), "not_registered", Document.CERTIFICATE, date(2027, 5, 19)),
        (date(1957, 3, 1), "no_card", Document.CERTIFICATE, date(2027, 2, 28)),
    ],
)
def test_worked_examples(born: date, status: str, document: Document, expiry: date | None) -> None:
    answer = decide(born, status)
    assert (answer.document, answer.expiry) == (document, expiry)


def test_worked_example_under_70_with_card_gets_nothing_at_renewal() -> None:
    answer = decide(date(1988, 4, 2), "registered")
    assert answer.expiry_rule is ExpiryRule.NONE
    assert [s.kind for s in answer.next_steps] == [NextStep.NO_RENEWAL]


def test_worked_example_75_then_late_elderly() -> None:
    answer = decide(date(1952, 5, 20), "not_registered")
    assert answer.next_steps[0].kind is NextStep.LATE_ELDERLY
    assert answer.next_steps[0].on == date(2027, 5, 20)


@pytest.mark.parametrize("status", [s.value for s in CardStatus])
def test_worked_example_over_75_any_status(status: str) -> None:
    answer = decide(date(1950, 1, 1), status)
    assert answer.document is Document.LATE_ELDERLY
    assert answer.late_elderly_since == date(2025, 1, 1)
    assert answer.expiry is None


def test_first_of_month_70_then_ratio_card_from_next_day() -> None:
    answer = decide(date(1957, 3, 1), "no_card")
    assert answer.expiry_rule is ExpiryRule.AGE_70_MONTH_END
    assert answer.next_steps[0] == type(answer.next_steps[0])(NextStep.RATIO_CERTIFICATE, date(2027, 3, 1))


def test_70_in_birth_month_for_other_days() -> None:
    assert decide(date(1957, 3, 2), "no_card").expiry == date(2027, 3, 31)


def test_70_month_end_already_passed_means_the_70_74_card_to_period_end() -> None:
    answer = decide(date(1956, 9, 10), "no_card")  # reached 70 on 2026-09-09
    assert (answer.expiry, answer.expiry_rule) == (date(2027, 7, 31), ExpiryRule.PERIOD_END)


def test_70_month_end_on_the_reference_date_still_counts() -> None:
    answer = decide(date(1956, 11, 15), "no_card", today=date(2026, 11, 30))
    assert answer.expiry == date(2026, 11, 30)


def test_leap_day_birth_75() -> None:
    answer = decide(date(1952, 2, 29), "no_card")
    assert answer.expiry == date(2027, 2, 28)
    assert answer.next_steps[0].on == date(2027, 3, 1)


def test_day_before_and_day_of_75th_birthday() -> None:
    born = date(1951, 12, 1)
    assert decide(born, "no_card", today=date(2026, 11, 30)).expiry == date(2026, 11, 30)
    assert decide(born, "no_card", today=date(2026, 12, 1)).document is Document.LATE_ELDERLY


def test_day_before_and_day_of_70th_birthday() -> None:
    born = date(1956, 12, 15)
    before = decide(born, "registered", today=date(2026, 12, 14))
    on = decide(born, "registered", today=date(2026, 12, 15))
    assert before.age == 69 and on.age == 70
    assert before.next_steps[0] == on.next_steps[0]  # new お知らせ with the ratio from 2027-01-01
    assert on.next_steps[0].on == date(2027, 1, 1)


def test_notice_70_or_over_on_period_start_expires_at_period_end() -> None:
    answer = decide(date(1954, 7, 31), "registered")  # 72 on 2026-08-01
    assert (answer.expiry, answer.expiry_rule) == (date(2027, 7, 31), ExpiryRule.PERIOD_END)


def test_notice_born_8_2_is_not_70_on_8_1() -> None:
    answer = decide(date(1956, 8, 2), "registered", today=date(2026, 8, 1))
    assert answer.expiry_rule is ExpiryRule.NONE
    assert answer.next_steps[0].kind is NextStep.RATIO_NOTICE


def test_notice_reissued_mid_period_has_no_expiry_in_the_seeds() -> None:
    answer = decide(date(1956, 8, 2), "registered")
    assert answer.expiry_rule is ExpiryRule.UNKNOWN and answer.expiry is None


def test_notice_75_within_period() -> None:
    answer = decide(date(1952, 5, 20), "registered")
    assert (answer.expiry, answer.expiry_rule) == (date(2027, 5, 19), ExpiryRule.BEFORE_75)


def test_75th_birthday_on_8_1_after_period_end() -> None:
    answer = decide(date(1952, 8, 1), "no_card")  # 75 on 2027-08-01, the next period
    assert answer.expiry == date(2027, 7, 31)


@pytest.mark.parametrize(
    "residence_end, expiry, rule",
    [
        (date(2027, 3, 10), date(2027, 3, 11), ExpiryRule.RESIDENCE),
        (date(2027, 7, 29), date(2027, 7, 30), ExpiryRule.RESIDENCE),
        (date(2027, 7, 30), date(2027, 7, 31), ExpiryRule.PERIOD_END),
        (date(2028, 1, 1), date(2027, 7, 31), ExpiryRule.PERIOD_END),
    ],
)
def test_foreign_residence_period(residence_end: date, expiry: date, rule: ExpiryRule) -> None:
    answer = decide(date(1990, 6, 1), "no_card", residence_end=residence_end)
    assert (answer.expiry, answer.expiry_rule) == (expiry, rule)


def test_residence_already_over_is_an_input_error() -> None:
    with pytest.raises(InputError) as err:
        decide(date(1990, 6, 1), "no_card", residence_end=date(2026, 1, 1))
    assert "在留期間" in err.value.message_ja


def test_birthdate_after_today_is_an_input_error() -> None:
    with pytest.raises(InputError):
        decide(date(2027, 1, 1), "no_card")


@pytest.mark.parametrize("status", ["lost_or_renewing", "needs_assistance"])
def test_application_statuses(status: str) -> None:
    answer = decide(date(1980, 1, 1), status)
    assert answer.document is Document.CERTIFICATE and answer.application_needed


@pytest.mark.parametrize(
    "status", ["no_card", "not_registered", "cancelled", "cert_expired", "returned", "dv_restricted"]
)
def test_automatic_statuses(status: str) -> None:
    answer = decide(date(1980, 1, 1), status)
    assert answer.document is Document.CERTIFICATE and not answer.application_needed


def test_unknown_status_is_rejected() -> None:
    with pytest.raises(ValueError):
        decide(date(1980, 1, 1), "maybe")


def test_period_end_is_from_the_renewal_date_not_august() -> None:
    answer = determine_document(date(1980, 1, 1), "no_card", REF, 12, 1)
    assert answer.expiry == date(2026, 11, 30)


@settings(max_examples=400, deadline=None)
@given(
    born=st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 11, 22)),
    today=st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)),
    status=st.sampled_from(list(CardStatus)),
    renewal=st.sampled_from([(8, 1), (12, 1), (10, 1), (4, 1)]),
)
def test_no_current_document_expires_before_today_or_after_period_end(born, today, status, renewal) -> None:
    if born > today:
        return
    answer = determine_document(born, status, today, *renewal)
    period = period_containing(today, *renewal)
    if answer.expiry is not None:
        assert today <= answer.expiry <= period.end
    for step in answer.next_steps:
        if step.on is not None:
            assert step.on > today and step.on <= period.end + timedelta(days=1)
