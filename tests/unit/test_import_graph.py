"""The import graph of bot/ and actions/: no cycle, and each layer imports only the layers below it
(docs/architecture.md). Read from the source with ast, so nothing is imported."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "actions")
# layer -> the layers it may import (docs/architecture.md)
ALLOWED = {
    "core": {"core"},
    "answers": {"core", "answers"},
    "rasa_plugins": {"core", "answers", "spacy_models", "rasa_plugins"},
    "triage": {"core", "answers", "rasa_plugins", "triage"},
    "channels": {"core", "answers", "rasa_plugins", "triage", "question_log", "report", "channels"},
    "actions": {"core", "answers"},
    "retention": {"core", "rasa_plugins", "retention", "question_log"},  # a staff command on the store
    "rasa_cli": {"rasa_cli"},  # Rasa's command line without jax
    "spacy_models": {"core", "spacy_models"},  # one loaded GiNZA per process (NLU and the log's masking)
    "question_log": {"core", "answers", "spacy_models", "rasa_plugins", "question_log"},
    "report": {"core", "answers", "spacy_models", "rasa_plugins", "question_log", "triage", "report"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))}


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imported(tree: ast.AST, known: set[str]) -> set[str]:
    """The project modules a module imports at run time (anywhere but under `if TYPE_CHECKING:`)."""
    found: set[str] = set()
    pending = [tree]
    while pending:
        node = pending.pop()
        if _type_checking_only(node):
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in known else node.module)
        pending.extend(ast.iter_child_nodes(node))
    return found & known


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imported(ast.parse(path.read_text(encoding="utf-8")), set(known)) for name, path in known.items()}


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if parts[0] == "bot" and len(parts) > 1 else parts[0]


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph, as the modules along it, or None."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return path[path.index(target) :] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node] = "done"
        path.pop()
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_the_graph_sees_the_imports() -> None:
    graph = import_graph()
    assert "bot.core.documents" in graph["bot.answers.document_service"]
    assert "bot.channels.guarded_turn" in graph["bot.channels.line"]
    assert len(graph) >= 50


def test_find_cycle_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_bot_and_actions_have_no_import_cycle() -> None:
    assert find_cycle(import_graph()) is None


def test_each_layer_imports_only_the_layers_below() -> None:
    wrong = [
        f"{source} imports {target}"
        for source, targets in import_graph().items()
        for target in targets
        if layer(source) in ALLOWED and layer(target) not in ALLOWED[layer(source)]
    ]
    assert wrong == []
    assert {layer(m) for m in import_graph()} - {"bot"} <= set(ALLOWED), "a new layer needs its row in ALLOWED"
