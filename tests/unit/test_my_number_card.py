from datetime import date

from bot.core.my_number_card import add_months, card_validity, nth_birthday_after


def test_adult_card_and_certificate() -> None:
    v = card_validity(date(1960, 5, 10), date(2021, 3, 1))
    assert v.card_expires == date(2030, 5, 10)  # 10th birthday after issuance (seed 002)
    assert v.certificate_expires == date(2025, 5, 10)  # 5th birthday (seeds 000, 002)
    assert v.renewal_from == date(2025, 2, 10)  # 3 months before (seed 000)
    assert v.insurance_use_until == date(2025, 8, 31)  # end of the 3rd month after (domain-rules.md)


def test_minor_card_body_5th_birthday() -> None:
    v = card_validity(date(2010, 7, 1), date(2020, 1, 15))
    assert v.card_expires == date(2024, 7, 1)  # 2020-07-01 is the 1st birthday after issuance


def test_issued_on_the_birthday_counts_the_next_one_as_first() -> None:
    assert nth_birthday_after(date(1970, 4, 1), date(2020, 4, 1), 1) == date(2021, 4, 1)


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2025, 5, 31), -3) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
