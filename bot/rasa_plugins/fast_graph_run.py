"""Rasa's model graph, run in plain Python instead of through dask's scheduler.

Rasa 3.6 runs its model graph (NLU: 12 nodes a message; dialogue: 8 nodes a prediction, twice a
turn) with `dask.get`, whose scheduling costs more than several of the nodes themselves: 8% of the
Rasa server's CPU time per turn (docs/benchmarks.md). The graph is small and every node runs
synchronously in the event loop anyway, so `install()` replaces `DaskGraphRunner.run` by a depth-first
walk over the same task graph Rasa builds for dask: the same nodes, called with the same inputs, each
once. Nothing runs in parallel either way (Rasa uses dask's synchronous scheduler).

Installed by `bot.rasa_plugins.nlg.ProfileNLG`; tests/rasa/test_fast_graph_run.py checks, on our
trained model, that both runners give the same results, and fails if Rasa changes what is replaced.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner

DASK_RUN = DaskGraphRunner.run  # Rasa's own method


def run_in_order(graph: Dict[str, Any], targets: List[str]) -> Dict[str, Any]:
    """dask.get(graph, targets) for Rasa's graphs: a task is (callable, *keys of its inputs); anything
    else (an input Rasa put in the graph, or a key that is not in it) is a value."""
    done: Dict[str, Any] = {}

    def value(key: str) -> Any:
        if key not in done:
            task = graph.get(key, key)
            if isinstance(task, tuple) and task and callable(task[0]):
                done[key] = task[0](*(value(k) for k in task[1:]))
            else:
                done[key] = task
        return done[key]

    return dict(value(target) for target in targets)


def run(
    self: DaskGraphRunner, inputs: Dict[str, Any] | None = None, targets: List[str] | None = None
) -> Dict[str, Any]:
    """DaskGraphRunner.run, without dask."""
    run_targets = targets if targets else self._graph_schema.target_names
    run_graph = self._build_dask_graph(self._graph_schema.minimal_graph_schema(run_targets))
    if inputs:
        self._add_inputs_to_graph(inputs, run_graph)
    try:
        return run_in_order(run_graph, run_targets)
    except RuntimeError as e:
        raise GraphRunError("Error running runner.") from e


def install() -> None:
    """Replace dask's scheduling of Rasa's graph by `run` (idempotent)."""
    DaskGraphRunner.run = run


def installed() -> bool:
    return DaskGraphRunner.run is run
