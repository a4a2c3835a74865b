"""A report from the question log: the records of a period, their numbers and the groups of
questions the assistant could not answer well. Used by the CLI and the dashboard route."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from sqlalchemy.engine import Engine

from bot.question_log.store import Record, count_records, read_records
from bot.report.groups import describe, unknown_topics
from bot.report.summary import Period, summarize

Progress = Callable[[str, int], Callable[[int], Any] | None]  # (what, total) -> step(n), or None


@dataclass
class Report:
    period: Period
    records: list[Record] = field(default_factory=list)
    groups: list[list[Record]] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Every number, JSON-ready (the dashboard route's answer, the CLI's --format json)."""
        return {
            **summarize(self.records, self.period),
            "unknown_topics": [describe(group) for group in self.groups],
            "damaged_records": len(self.damaged),
        }

    def group_of(self) -> dict[str, int]:
        """Question id -> number of its group (from 1), for the questions in the groups shown."""
        return {record.id: number for number, group in enumerate(self.groups, 1) for record in group}


def load_records(engine: Engine, period: Period, progress: Progress | None = None) -> Report:
    """The period's records (LogError when the log cannot be read); damaged rows are counted."""
    since, until = period.bounds()
    report = Report(period)
    step = progress("records", count_records(engine, since, until)) if progress else None
    for record in read_records(engine, since, until, on_damaged=report.damaged.append):
        report.records.append(record)
        if step is not None:
            step(1)
    return report


def build_report(engine: Engine, period: Period, progress: Progress | None = None) -> Report:
    """The period's records and the groups of the questions the assistant could not answer well."""
    report = load_records(engine, period, progress)
    grouping = progress("grouping", len(report.records)) if progress else None
    report.groups = unknown_topics(report.records, progress=grouping)
    return report
