"""Counts of a triage run by priority, intent and department, and how long it took."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bot.triage.calls import ErrorRecord


@dataclass
class Summary:
    """Filled record by record, so that a long run need not keep its records."""

    calls: int = 0
    errors: int = 0
    by_priority: Counter[str] = field(default_factory=Counter)
    by_intent: Counter[str] = field(default_factory=Counter)
    by_department: Counter[str] = field(default_factory=Counter)

    def add(self, record: dict[str, Any]) -> None:
        self.calls += 1
        if isinstance(record, ErrorRecord):
            self.errors += 1
            return
        self.by_priority[record["priority"]] += 1
        self.by_intent[str(record["intent"])] += 1
        self.by_department[record["department"]] += 1

    def render(self, load_seconds: float | None = None, run_seconds: float | None = None) -> str:
        """Plain text, counts first (Japanese labels do not align in columns)."""
        lines = [f"calls: {self.calls}  triaged: {self.calls - self.errors}  errors: {self.errors}"]
        if load_seconds is not None and run_seconds is not None:
            rate = self.calls / run_seconds if run_seconds > 0 else 0.0
            lines.append(
                f"time: model loaded in {load_seconds:.1f} s; "
                f"{self.calls} calls in {run_seconds:.1f} s ({rate:.1f} calls/s)"
            )
        for title, counts in (
            ("priority", self.by_priority),
            ("intent", self.by_intent),
            ("department", self.by_department),
        ):
            lines.append(f"{title}:")
            lines += [f"{count:>7}  {name}" for name, count in counts.most_common()]
        return "\n".join(lines) + "\n"
