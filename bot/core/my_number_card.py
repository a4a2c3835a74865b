"""Validity of the My Number card and its electronic certificate (seeds 000, 002)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.core.legal_age import age_on, birthday, month_end

CARD_BIRTHDAYS = 10  # card body: 10th birthday after issuance (seed 002)
CARD_BIRTHDAYS_MINOR = 5  # under 18 at issuance: 5th birthday (seed 002)
CERT_BIRTHDAYS = 5  # electronic certificate: 5th birthday, any age (seeds 000, 002)
RENEWAL_WINDOW_MONTHS = 3  # renewal from 3 months before expiry (seed 000)
GRACE_MONTHS = 3  # works as マイナ保険証 to the end of the 3rd month after expiry (domain-rules.md)


@dataclass(frozen=True)
class CardValidity:
    card_expires: date
    certificate_expires: date
    renewal_from: date  # the certificate can be renewed from this day
    insurance_use_until: date  # last day the card still works as マイナ保険証 without renewal


def nth_birthday_after(birthdate: date, issued: date, n: int) -> date:
    """The n-th birthday strictly after the issuance date."""
    first_age = age_on(birthdate, issued) + 1
    return birthday(birthdate, first_age + n - 1)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (earlier when negative), or that month's last day when shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = month_end(date(year, month + 1, 1))
    return date(year, month + 1, min(day.day, last.day))


def card_validity(birthdate: date, issued: date) -> CardValidity:
    """Expiry dates of the card and its certificate, and the renewal window."""
    if issued < birthdate:
        raise ValueError("issued before birth")
    minor = age_on(birthdate, issued) < 18
    card = nth_birthday_after(birthdate, issued, CARD_BIRTHDAYS_MINOR if minor else CARD_BIRTHDAYS)
    cert = nth_birthday_after(birthdate, issued, CERT_BIRTHDAYS)
    return CardValidity(
        card_expires=card,
        certificate_expires=cert,
        renewal_from=add_months(cert, -RENEWAL_WINDOW_MONTHS),
        insurance_use_until=month_end(add_months(cert.replace(day=1), GRACE_MONTHS)),
    )
