"""Tests for bot.core.wareki: era table, conversion, formatting and era_date validation."""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.date_errors import DateParseError, ErrorKind
from bot.core.wareki import (
    ERAS,
    MEIJI_START,
    calendar_date,
    era_date,
    format_wareki,
    format_wareki_short,
    resolve_era,
    to_wareki,
)

TODAY = date(2026, 11, 22)
FAST = settings(max_examples=300, deadline=None, database=None)


def test_era_table_is_contiguous() -> None:
    assert [e.name for e in ERAS] == ["明治", "大正", "昭和", "平成", "令和"]
    assert [e.start for e in ERAS] == [
        date(1868, 1, 25),
        date(1912, 7, 30),
        date(1926, 12, 25),
        date(1989, 1, 8),
        date(2019, 5, 1),
    ]
    for prev, nxt in pairwise(ERAS):
        assert prev.end == nxt.start - timedelta(days=1)
    assert ERAS[-1].end is None
    assert [e.last_year for e in ERAS] == [45, 15, 64, 31, None]


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(1868, 1, 25), ("明治", 1)),
        (date(1912, 7, 29), ("明治", 45)),
        (date(1912, 7, 30), ("大正", 1)),
        (date(1926, 12, 24), ("大正", 15)),
        (date(1926, 12, 25), ("昭和", 1)),
        (date(1950, 4, 1), ("昭和", 25)),
        (date(1989, 1, 7), ("昭和", 64)),
        (date(1989, 1, 8), ("平成", 1)),
        (date(2019, 4, 30), ("平成", 31)),
        (date(2019, 5, 1), ("令和", 1)),
        (date(2027, 7, 31), ("令和", 9)),
    ],
)
def test_to_wareki(d: date, expected: tuple[str, int]) -> None:
    assert to_wareki(d) == expected


def test_to_wareki_accepts_datetime() -> None:
    assert to_wareki(datetime(1989, 1, 8, 12, 0)) == ("平成", 1)
    assert format_wareki(datetime(2019, 5, 1, 9, 30)) == "令和元年5月1日（2019年5月1日）"


def test_before_meiji_is_out_of_range() -> None:
    with pytest.raises(DateParseError) as exc:
        to_wareki(date(1868, 1, 24))
    assert exc.value.kind is ErrorKind.OUT_OF_RANGE
    assert "明治" in exc.value.message_ja


@pytest.mark.parametrize(
    ("d", "long", "short"),
    [
        (date(2027, 7, 31), "令和9年7月31日（2027年7月31日）", "令和9年7月31日"),
        (date(2019, 5, 1), "令和元年5月1日（2019年5月1日）", "令和元年5月1日"),
        (date(1989, 1, 7), "昭和64年1月7日（1989年1月7日）", "昭和64年1月7日"),
        (date(1989, 1, 8), "平成元年1月8日（1989年1月8日）", "平成元年1月8日"),
        (date(1926, 12, 25), "昭和元年12月25日（1926年12月25日）", "昭和元年12月25日"),
        (date(1868, 1, 25), "明治元年1月25日（1868年1月25日）", "明治元年1月25日"),
    ],
)
def test_format(d: date, long: str, short: str) -> None:
    assert format_wareki(d) == long
    assert format_wareki_short(d) == short


@pytest.mark.parametrize(
    ("era", "y", "m", "d", "expected"),
    [
        ("昭和", 64, 1, 7, date(1989, 1, 7)),
        ("平成", 1, 1, 8, date(1989, 1, 8)),
        ("平成", 31, 4, 30, date(2019, 4, 30)),
        ("令和", 1, 5, 1, date(2019, 5, 1)),
        ("大正", 15, 12, 24, date(1926, 12, 24)),
        ("昭和", 1, 12, 25, date(1926, 12, 25)),
        ("明治", 45, 7, 29, date(1912, 7, 29)),
        ("大正", 1, 7, 30, date(1912, 7, 30)),
        ("S", 25, 4, 1, date(1950, 4, 1)),
        ("s", 25, 4, 1, date(1950, 4, 1)),
        ("Ｓ", 25, 4, 1, date(1950, 4, 1)),
        ("昭", 25, 4, 1, date(1950, 4, 1)),
        ("令和", 100, 1, 1, date(2118, 1, 1)),
        ("昭和", 27, 2, 29, date(1952, 2, 29)),
    ],
)
def test_era_date_ok(era: str, y: int, m: int, d: int, expected: date) -> None:
    assert era_date(era, y, m, d) == expected


@pytest.mark.parametrize(
    ("era", "y", "m", "d", "kind", "needle"),
    [
        ("昭和", 64, 1, 8, ErrorKind.ERA_RANGE, "昭和64年は1月7日までです。1月8日以降は平成元年です。"),
        ("平成", 1, 1, 1, ErrorKind.ERA_RANGE, "平成元年は1月8日からです。1月7日までは昭和64年です。"),
        ("平成", 31, 5, 1, ErrorKind.ERA_RANGE, "平成31年は4月30日までです。5月1日以降は令和元年です。"),
        ("令和", 1, 4, 30, ErrorKind.ERA_RANGE, "令和元年は5月1日からです。4月30日までは平成31年です。"),
        ("大正", 15, 12, 25, ErrorKind.ERA_RANGE, "大正15年は12月24日までです。12月25日以降は昭和元年です。"),
        ("昭和", 1, 12, 24, ErrorKind.ERA_RANGE, "昭和元年は12月25日からです。12月24日までは大正15年です。"),
        ("明治", 45, 7, 30, ErrorKind.ERA_RANGE, "明治45年は7月29日までです。7月30日以降は大正元年です。"),
        ("昭和", 65, 1, 1, ErrorKind.ERA_RANGE, "昭和65年という年はありません。昭和は64年1月7日までです。"),
        ("平成", 32, 1, 1, ErrorKind.ERA_RANGE, "平成32年という年はありません。"),
        ("昭和", 0, 1, 1, ErrorKind.ERA_RANGE, "昭和0年という年はありません。"),
        ("明治", 1, 1, 24, ErrorKind.OUT_OF_RANGE, "明治元年1月25日より前"),
        ("昭和", 25, 2, 30, ErrorKind.INVALID_DATE, "2月30日という日はありません。"),
        ("昭和", 28, 2, 29, ErrorKind.INVALID_DATE, "昭和28年（1953年）はうるう年ではないので"),
        ("昭和", 25, 4, 31, ErrorKind.INVALID_DATE, "4月31日という日はありません。4月は30日までです。"),
        ("昭和", 25, 13, 1, ErrorKind.INVALID_DATE, "13月という月はありません。"),
        ("昭和", 25, 4, 0, ErrorKind.INVALID_DATE, "4月0日という日はありません。"),
        ("令和", 9000, 1, 1, ErrorKind.OUT_OF_RANGE, "対応していません"),
        ("天平", 1, 1, 1, ErrorKind.UNKNOWN_ERA, "「天平」という元号は分かりません。"),
        ("", 1, 1, 1, ErrorKind.UNKNOWN_ERA, "元号"),
    ],
)
def test_era_date_errors(era: str, y: int, m: int, d: int, kind: ErrorKind, needle: str) -> None:
    with pytest.raises(DateParseError) as exc:
        era_date(era, y, m, d)
    assert exc.value.kind is kind
    assert needle in exc.value.message_ja
    assert isinstance(exc.value, ValueError)


def test_calendar_date_leap_years() -> None:
    assert calendar_date(2000, 2, 29) == date(2000, 2, 29)
    for year in (1900, 1953, 2100):
        with pytest.raises(DateParseError) as exc:
            calendar_date(year, 2, 29)
        assert exc.value.message_ja.startswith(f"{year}年はうるう年ではないので")
    with pytest.raises(DateParseError) as exc:
        calendar_date(0, 1, 1)
    assert exc.value.kind is ErrorKind.INVALID_DATE


def test_resolve_era_aliases() -> None:
    for token in ("平成", "平", "H", "h", "Ｈ", "h."):
        era = resolve_era(token)
        assert era is not None and era.name == "平成"
    assert resolve_era("X") is None


def test_error_pickles_with_kind() -> None:
    err = DateParseError("テストです。", ErrorKind.FUTURE)
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.message_ja, copy.kind, str(copy)) == ("テストです。", ErrorKind.FUTURE, "テストです。")


@FAST
@given(st.dates(min_value=MEIJI_START, max_value=date(2200, 12, 31)))
def test_era_date_inverts_to_wareki(d: date) -> None:
    name, year = to_wareki(d)
    assert era_date(name, year, d.month, d.day) == d
    short = format_wareki_short(d)
    assert short.startswith(name)
    assert ("元年" in short) == (year == 1)
    assert format_wareki(d) == f"{short}（{d.year}年{d.month}月{d.day}日）"


def test_every_day_around_each_boundary() -> None:
    for era in ERAS[1:]:
        for offset in range(-3, 4):
            d = era.start + timedelta(days=offset)
            name, year = to_wareki(d)
            assert (name == era.name) == (offset >= 0)
            assert era_date(name, year, d.month, d.day) == d
