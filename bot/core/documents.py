"""Which document a citizen holds or will receive, and until when (shared/domain-rules.md).

Pure functions: the caller passes the birthdate, the card status, the reference date and the
renewal date of the municipality profile. Seeds: 000 (福津市), 001 (埼玉県医師国保),
002 (高崎市, the 令和8年度 expiry table), 003, 004 (港区).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from bot.core.card_status import AUTOMATIC_CERTIFICATE, CERTIFICATE_ON_APPLICATION, CardStatus
from bot.core.legal_age import ONE_DAY, Period, age_on, birthday, month_end, period_containing, reaches_age_on

LATE_ELDERLY_AGE = 75  # 後期高齢者医療 from the 75th birthday (seed 000)
RATIO_AGE = 70  # co-payment ratio card for ages 70-74 (seeds 001, 002)


class Document(str, Enum):
    """The document a citizen holds or will receive."""

    NOTICE = "notice"  # 資格情報のお知らせ / 資格情報通知書 (profile name)
    CERTIFICATE = "certificate"  # 資格確認書
    LATE_ELDERLY = "late_elderly"  # none from NHI: 後期高齢者医療制度


class ExpiryRule(str, Enum):
    """Which line of the expiry table (seed 002) decided the date."""

    BEFORE_75 = "before_75"  # the day before the 75th birthday
    AGE_70_MONTH_END = "age_70"  # last day of the month in which they reach 70
    RESIDENCE = "residence"  # the day after a foreign national's residence period ends
    PERIOD_END = "period_end"  # the end of the yearly period
    NONE = "none"  # お知らせ under 70: no expiry
    UNKNOWN = "unknown"  # the seeds do not say


class NextStep(str, Enum):
    """What happens next, each with a date where one applies."""

    RATIO_CERTIFICATE = "ratio_certificate"  # 資格確認書 for ages 70-74 with the co-payment ratio
    RATIO_NOTICE = "ratio_notice"  # new お知らせ when the co-payment ratio changes at 70
    LATE_ELDERLY = "late_elderly"  # 後期高齢者医療 from the 75th birthday
    RENEWAL = "renewal"  # a new document at the yearly renewal
    NO_RENEWAL = "no_renewal"  # under 70 with a マイナ保険証: nothing at the renewal


class InputError(ValueError):
    """Input the rules cannot use; `message_ja` is the polite explanation for the citizen."""

    def __init__(self, message: str, message_ja: str) -> None:
        super().__init__(message)
        self.message_ja = message_ja


@dataclass(frozen=True)
class Step:
    kind: NextStep
    on: date | None = None


@dataclass(frozen=True)
class DocumentAnswer:
    """The outcome for one citizen on one reference date."""

    document: Document
    card_status: CardStatus
    application_needed: bool
    expiry: date | None
    expiry_rule: ExpiryRule
    period: Period
    next_steps: tuple[Step, ...]
    late_elderly_since: date | None
    age: int
    seeds: tuple[str, ...]


def _late_elderly(birthdate: date, status: CardStatus, today: date, period: Period) -> DocumentAnswer:
    return DocumentAnswer(
        document=Document.LATE_ELDERLY,
        card_status=status,
        application_needed=False,
        expiry=None,
        expiry_rule=ExpiryRule.NONE,
        period=period,
        next_steps=(),
        late_elderly_since=birthday(birthdate, LATE_ELDERLY_AGE),
        age=age_on(birthdate, today),
        seeds=("000",),
    )


def _ratio_start(birthdate: date) -> date:
    """First day with the 70-74 co-payment ratio: the day after the month-end of reaching 70."""
    return month_end(reaches_age_on(birthdate, RATIO_AGE)) + ONE_DAY


def _notice_expiry(birthdate: date, today: date, period: Period) -> tuple[date | None, ExpiryRule, list[Step]]:
    """資格情報のお知らせ: the three lines of the seed 002 table."""
    turns_75 = birthday(birthdate, LATE_ELDERLY_AGE)
    if turns_75 <= period.end:
        return turns_75 - ONE_DAY, ExpiryRule.BEFORE_75, [Step(NextStep.LATE_ELDERLY, turns_75)]
    if age_on(birthdate, period.start) >= RATIO_AGE:
        return period.end, ExpiryRule.PERIOD_END, [Step(NextStep.RENEWAL, period.end + ONE_DAY)]
    if reaches_age_on(birthdate, RATIO_AGE) in period:
        ratio_from = _ratio_start(birthdate)
        if ratio_from > today:
            # seed 000: a new お知らせ is issued when the co-payment ratio changes
            return None, ExpiryRule.NONE, [Step(NextStep.RATIO_NOTICE, ratio_from)]
        # The citizen now holds the お知らせ re-issued with the ratio; seed 002's table is for the
        # yearly renewal and does not give the expiry of one issued mid-period.
        return None, ExpiryRule.UNKNOWN, [Step(NextStep.RENEWAL, period.end + ONE_DAY)]
    return None, ExpiryRule.NONE, [Step(NextStep.NO_RENEWAL)]


def _certificate_expiry(
    birthdate: date, today: date, period: Period, residence_end: date | None
) -> tuple[date, ExpiryRule, list[Step]]:
    """資格確認書: the earliest line of the seed 002 table that applies."""
    candidates: list[tuple[date, ExpiryRule]] = [(period.end, ExpiryRule.PERIOD_END)]
    steps: list[Step] = []
    turns_75 = birthday(birthdate, LATE_ELDERLY_AGE)
    if turns_75 <= period.end:
        candidates.append((turns_75 - ONE_DAY, ExpiryRule.BEFORE_75))
        steps.append(Step(NextStep.LATE_ELDERLY, turns_75))
    reaches_70 = reaches_age_on(birthdate, RATIO_AGE)
    if reaches_70 in period and month_end(reaches_70) >= today:
        candidates.append((month_end(reaches_70), ExpiryRule.AGE_70_MONTH_END))
        steps.insert(0, Step(NextStep.RATIO_CERTIFICATE, month_end(reaches_70) + ONE_DAY))
    if residence_end is not None and residence_end + ONE_DAY < period.end:
        candidates.append((residence_end + ONE_DAY, ExpiryRule.RESIDENCE))
    expiry, rule = min(candidates, key=lambda c: c[0])
    if rule is ExpiryRule.PERIOD_END:
        steps.append(Step(NextStep.RENEWAL, period.end + ONE_DAY))
    return expiry, rule, steps


def determine_document(
    birthdate: date,
    status: CardStatus | str,
    today: date,
    renewal_month: int,
    renewal_day: int,
    residence_end: date | None = None,
) -> DocumentAnswer:
    """Which document the citizen holds or will receive on `today`, and its expiry.

    Raises InputError for a birthdate after `today` or a residence period already over.
    """
    status = CardStatus(status)
    if birthdate > today:
        raise InputError(
            "birthdate after the reference date", "生年月日が今日より後になっています。もう一度ご確認ください。"
        )
    if residence_end is not None and residence_end + ONE_DAY < today:
        raise InputError(
            "residence period already over",
            "在留期間の満了日が過ぎています。更新された場合は、新しい満了日を教えてください。",
        )
    period = period_containing(today, renewal_month, renewal_day)
    if birthday(birthdate, LATE_ELDERLY_AGE) <= today:
        return _late_elderly(birthdate, status, today, period)
    seeds: tuple[str, ...]
    if status is CardStatus.REGISTERED:
        expiry, rule, steps = _notice_expiry(birthdate, today, period)
        document, application, seeds = Document.NOTICE, False, ("000", "001", "002", "004")
    else:
        expiry, rule, steps = _certificate_expiry(birthdate, today, period, residence_end)
        document, application = Document.CERTIFICATE, status in CERTIFICATE_ON_APPLICATION
        seeds = ("001", "002", "004") if status in AUTOMATIC_CERTIFICATE else ("000", "001", "002", "004")
    return DocumentAnswer(
        document=document,
        card_status=status,
        application_needed=application,
        expiry=expiry,
        expiry_rule=rule,
        period=period,
        next_steps=tuple(steps),
        late_elderly_since=None,
        age=age_on(birthdate, today),
        seeds=seeds,
    )
