"""Japanese eras (和暦): conversion, formatting and validated construction of era dates.

Dates are proleptic Gregorian. 明治 starts on 1868-01-25 (the Gregorian date of 明治元年1月1日
in the old calendar); earlier dates are out of range. Each later era starts on its official
first day, so 昭和64年1月7日 exists and 昭和64年1月8日 is 平成元年1月8日.
"""

from __future__ import annotations

import calendar
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.core.date_errors import ASK_AGAIN, DateParseError, ErrorKind

__all__ = [
    "ERAS",
    "Era",
    "MEIJI_START",
    "calendar_date",
    "era_date",
    "era_year_label",
    "format_wareki",
    "format_wareki_short",
    "resolve_era",
    "to_wareki",
]


@dataclass(frozen=True)
class Era:
    """One era: its name, one-letter abbreviation and first/last day (inclusive)."""

    name: str
    letter: str
    start: date
    end: date | None  # None for the current era

    @property
    def last_year(self) -> int | None:
        """The last era year (昭和 → 64), or None for the current era."""
        return None if self.end is None else self.end.year - self.start.year + 1

    def western_year(self, era_year: int) -> int:
        """The Gregorian year of an era year (昭和25 → 1950)."""
        return self.start.year + era_year - 1


_STARTS = (
    ("明治", "M", date(1868, 1, 25)),
    ("大正", "T", date(1912, 7, 30)),
    ("昭和", "S", date(1926, 12, 25)),
    ("平成", "H", date(1989, 1, 8)),
    ("令和", "R", date(2019, 5, 1)),
)

ERAS: tuple[Era, ...] = tuple(
    Era(name, letter, start, _STARTS[i + 1][2] - timedelta(days=1) if i + 1 < len(_STARTS) else None)
    for i, (name, letter, start) in enumerate(_STARTS)
)
MEIJI_START = ERAS[0].start

_ALIASES: dict[str, Era] = {}
for _era in ERAS:
    _ALIASES[_era.name] = _era
    _ALIASES[_era.name[0]] = _era
    _ALIASES[_era.letter.lower()] = _era


def as_date(d: date) -> date:
    """A plain date (a datetime cannot be compared with a date)."""
    return d.date() if isinstance(d, datetime) else d


def resolve_era(token: str) -> Era | None:
    """The era for 昭和, 昭, S, s, Ｓ or S. (None when not recognised)."""
    key = unicodedata.normalize("NFKC", token).strip().rstrip(".").lower()
    return _ALIASES.get(key)


def era_year_label(era_name: str, era_year: int) -> str:
    """令和1 → 令和元年, 昭和25 → 昭和25年."""
    return f"{era_name}{'元' if era_year == 1 else era_year}年"


def to_wareki(d: date) -> tuple[str, int]:
    """The era name and era year of a date, e.g. (昭和, 64) for 1989-01-07."""
    d = as_date(d)
    if d < MEIJI_START:
        raise DateParseError(f"明治より前の日付には対応していません。{ASK_AGAIN}", ErrorKind.OUT_OF_RANGE)
    for era in reversed(ERAS):
        if d >= era.start:
            return era.name, d.year - era.start.year + 1
    raise AssertionError("unreachable")  # pragma: no cover


def format_wareki_short(d: date) -> str:
    """令和9年7月31日 (era year 1 written 元年)."""
    d = as_date(d)
    name, year = to_wareki(d)
    return f"{era_year_label(name, year)}{d.month}月{d.day}日"


def format_wareki(d: date) -> str:
    """令和9年7月31日（2027年7月31日）."""
    d = as_date(d)
    return f"{format_wareki_short(d)}（{d.year}年{d.month}月{d.day}日）"


def calendar_date(year: int, month: int, day: int, year_label: str | None = None) -> date:
    """A real calendar date, or DateParseError naming what is wrong (13月, 2月30日, 2/29).

    `year_label` is how the year appears in messages (default 1953年).
    """
    label = year_label or f"{year}年"
    if not 1 <= year <= 9999:
        if year < 1:
            raise DateParseError(f"{label}という年はありません。{ASK_AGAIN}", ErrorKind.INVALID_DATE)
        raise DateParseError(f"その日付には対応していません。{ASK_AGAIN}", ErrorKind.OUT_OF_RANGE)
    if not 1 <= month <= 12:
        raise DateParseError(f"{month}月という月はありません。{ASK_AGAIN}", ErrorKind.INVALID_DATE)
    last = calendar.monthrange(year, month)[1]
    if 1 <= day <= last:
        return date(year, month, day)
    if month == 2 and day == 29:
        reason = f"{label}はうるう年ではないので、2月29日はありません。"
    elif day > last and month != 2:
        reason = f"{month}月{day}日という日はありません。{month}月は{last}日までです。"
    else:
        reason = f"{month}月{day}日という日はありません。"
    raise DateParseError(reason + ASK_AGAIN, ErrorKind.INVALID_DATE)


def era_date(era: str, year: int, month: int, day: int) -> date:
    """The date of 和暦 era/year/month/day, checked against the calendar and the era's span.

    `era` may be 昭和, 昭 or S/s. Raises DateParseError (e.g. for 昭和64年1月8日).
    """
    e = resolve_era(era)
    if e is None:
        raise DateParseError(
            f"「{era}」という元号は分かりません。明治・大正・昭和・平成・令和のどれかで教えてください。",
            ErrorKind.UNKNOWN_ERA,
        )
    if year < 1:
        raise DateParseError(
            f"{e.name}{year}年という年はありません。{e.name}は元年（1年）からです。{ASK_AGAIN}",
            ErrorKind.ERA_RANGE,
        )
    if e.end is not None and e.last_year is not None and year > e.last_year:
        raise DateParseError(
            f"{e.name}{year}年という年はありません。"
            f"{e.name}は{e.last_year}年{e.end.month}月{e.end.day}日までです。{ASK_AGAIN}",
            ErrorKind.ERA_RANGE,
        )
    western = e.western_year(year)
    if western > 9999:
        raise DateParseError(f"その日付には対応していません。{ASK_AGAIN}", ErrorKind.OUT_OF_RANGE)
    label = era_year_label(e.name, year)
    d = calendar_date(western, month, day, f"{label}（{western}年）")
    if d < e.start:
        raise _before_era_start(e)
    if e.end is not None and d > e.end:
        nxt = ERAS[ERAS.index(e) + 1]
        raise DateParseError(
            f"{label}は{e.end.month}月{e.end.day}日までです。"
            f"{nxt.start.month}月{nxt.start.day}日以降は{nxt.name}元年です。{ASK_AGAIN}",
            ErrorKind.ERA_RANGE,
        )
    return d


def _before_era_start(e: Era) -> DateParseError:
    """The error for a day of 元年 before the era began (平成元年1月1日)."""
    index = ERAS.index(e)
    if index == 0:
        return DateParseError(
            f"明治元年{e.start.month}月{e.start.day}日より前の日付には対応していません。{ASK_AGAIN}",
            ErrorKind.OUT_OF_RANGE,
        )
    prev = ERAS[index - 1]
    assert prev.end is not None and prev.last_year is not None
    return DateParseError(
        f"{e.name}元年は{e.start.month}月{e.start.day}日からです。"
        f"{prev.end.month}月{prev.end.day}日までは{era_year_label(prev.name, prev.last_year)}です。"
        f"{ASK_AGAIN}",
        ErrorKind.ERA_RANGE,
    )
