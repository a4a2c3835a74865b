"""make bench's serving comparison: rounds at 8 citizens become one result of medians, and the
report gives each round's CPU ratio (bench.serving, bench.report)."""

from __future__ import annotations

from bench.load import LoadResult
from bench.report import comparison_table
from bench.serving import PARSE, WEBHOOK, Memory, Serving, median_result


def load(workload: str, requests: int, p95: float, cpu: float) -> LoadResult:
    return LoadResult(workload, 8, 10.0, requests, 0, p95 / 2, p95, p95 * 1.2, cpu)


def test_the_rounds_median_figure_by_figure() -> None:
    rounds = [load(WEBHOOK, 400, 300.0, 30.0), load(WEBHOOK, 900, 200.0, 20.0), load(WEBHOOK, 500, 900.0, 25.0)]
    result = median_result(rounds)
    assert result.per_second == 50.0 and result.requests == 1800 and result.seconds == 36.0
    assert (result.p95_ms, result.server_cpu_ms) == (300.0, 25.0)


def test_the_comparison_gives_each_rounds_cpu_ratio() -> None:
    def serving(cpus: list[float]) -> Serving:
        rounds = [load(w, 500, 100.0, cpu) for cpu in cpus for w in (PARSE, WEBHOOK)]
        medians = [median_result([r for r in rounds if r.workload == w]) for w in (PARSE, WEBHOOK)]
        return Serving(medians, Memory(900.0, 700.0, 120.0, 300.0, 280.0), rounds)

    lines = comparison_table(serving([20.0, 10.0, 40.0]), serving([10.0, 10.0, 20.0]))
    assert "Rasa server CPU per turn, after ÷ before, round by round: 0.50, 1.00, 0.50." in lines
    assert any(line.startswith("| Rasa server CPU ms per turn | 20.0 | 10.0 | 0.50 |") for line in lines)
