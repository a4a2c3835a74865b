"""The FAQ knowledge base (knowledge/): sourced entries, each belonging to one contract intent.

Pure data: loading and validating the YAML files; no Rasa. The Rasa training data and responses
are exported from it (bot.answers.knowledge_export). knowledge/README.md describes the schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.core.topics import TOPIC_LABELS

FAQ_INTENTS = frozenset(TOPIC_LABELS)  # each FAQ intent of the contract has a topic label

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
GENERAL = "general"  # the key of each intent's general answer
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class KnowledgeError(ValueError):
    """A knowledge file that does not follow the schema; the message names the file and the entry."""


@dataclass(frozen=True)
class Source:
    id: str
    url: str
    publisher: str
    seen: date
    facts: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    intent: str
    key: str
    question: str
    answer: str
    key_facts: tuple[str, ...]
    sources: tuple[str, ...]
    examples: tuple[str, ...]
    uncertain: bool

    @property
    def name(self) -> str:
        """Rasa's retrieval key: intent/key."""
        return f"{self.intent}/{self.key}"

    @property
    def placeholders(self) -> set[str]:
        return set(_PLACEHOLDER.findall(self.answer))


@dataclass(frozen=True)
class KnowledgeBase:
    entries: tuple[Entry, ...]
    sources: dict[str, Source]

    def entry(self, name: str) -> Entry | None:
        """The entry named intent/key, or None."""
        return next((e for e in self.entries if e.name == name), None)

    def general(self, intent: str) -> Entry | None:
        return self.entry(f"{intent}/{GENERAL}")

    def for_intent(self, intent: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.intent == intent)

    def facts_of(self, entry: Entry) -> str:
        """Every fact of the entry's sources, one per line."""
        return "\n".join(f for s in entry.sources for f in self.sources[s].facts)


def _text(item: dict[str, Any], key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeError(f"{where}: '{key}' must be a non-empty text")
    return value.strip()


def _texts(item: dict[str, Any], key: str, where: str, minimum: int = 1) -> tuple[str, ...]:
    values = item.get(key)
    if not isinstance(values, list) or len(values) < minimum or not all(isinstance(v, str) and v for v in values):
        raise KnowledgeError(f"{where}: '{key}' must be a list of at least {minimum} texts")
    return tuple(str(v).strip() for v in values)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path}: cannot read ({exc})") from exc


def _sources(directory: Path) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for path in sorted((directory / "sources").glob("*.yml")):
        items = _read_yaml(path)
        if not isinstance(items, list):
            raise KnowledgeError(f"{path}: must be a list of sources")
        for i, item in enumerate(items):
            where = f"{path.name}[{i}]"
            if not isinstance(item, dict):
                raise KnowledgeError(f"{where}: must be a mapping")
            sid = _text(item, "id", where)
            if sid in sources:
                raise KnowledgeError(f"{where}: source id '{sid}' is used twice")
            seen = item.get("seen")
            if not isinstance(seen, date):
                raise KnowledgeError(f"{where}: 'seen' must be a date")
            sources[sid] = Source(
                sid, _text(item, "url", where), _text(item, "publisher", where), seen, _texts(item, "facts", where)
            )
    return sources


def _entries(path: Path, sources: dict[str, Source]) -> list[Entry]:
    data = _read_yaml(path)
    if not isinstance(data, dict) or data.get("intent") != path.stem:
        raise KnowledgeError(f"{path}: 'intent' must be the file's name ({path.stem})")
    if path.stem not in FAQ_INTENTS:
        raise KnowledgeError(f"{path}: '{path.stem}' is not an FAQ intent of the contract")
    entries = []
    for i, item in enumerate(data.get("entries") or []):
        where = f"{path.name}[{i}]"
        key = _text(item, "key", where)
        if not _KEY.match(key):
            raise KnowledgeError(f"{where}: key '{key}' must be snake_case")
        entry = Entry(
            intent=path.stem,
            key=key,
            question=_text(item, "question", where),
            answer=_text(item, "answer", where),
            key_facts=_texts(item, "key_facts", where, minimum=0),
            sources=_texts(item, "sources", where),
            examples=_texts(item, "examples", where, minimum=5),
            uncertain=bool(item.get("uncertain", False)),
        )
        unknown = [s for s in entry.sources if s not in sources]
        if unknown:
            raise KnowledgeError(f"{where} ({entry.name}): unknown sources {unknown}")
        entries.append(entry)
    return entries


def _more_examples(directory: Path) -> dict[str, tuple[str, ...]]:
    """examples/<intent>.yml: more wordings per entry (intent/key -> examples)."""
    more: dict[str, tuple[str, ...]] = {}
    for path in sorted((directory / "examples").glob("*.yml")):
        data = _read_yaml(path)
        if not isinstance(data, dict) or data.get("intent") != path.stem or not isinstance(data.get("examples"), dict):
            raise KnowledgeError(f"{path}: needs 'intent: {path.stem}' and 'examples: {{key: [texts]}}'")
        for key in data["examples"]:
            more[f"{path.stem}/{key}"] = _texts(data["examples"], key, f"{path.name}:{key}")
    return more


def load_knowledge(directory: Path = KNOWLEDGE_DIR) -> KnowledgeBase:
    """Every entry and source under `directory`; KnowledgeError names what is wrong."""
    sources = _sources(directory)
    more = _more_examples(directory)
    entries = [
        replace(e, examples=tuple(dict.fromkeys(e.examples + more.pop(e.name, ()))))
        for path in sorted((directory / "faq").glob("*.yml"))
        for e in _entries(path, sources)
    ]
    if more:
        raise KnowledgeError(f"examples for entries that do not exist: {sorted(more)}")
    names = [e.name for e in entries]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise KnowledgeError(f"entries named twice: {twice}")
    missing = sorted(i for i in FAQ_INTENTS if f"{i}/{GENERAL}" not in names)
    if missing:
        raise KnowledgeError(f"FAQ intents without a '{GENERAL}' entry: {missing}")
    return KnowledgeBase(tuple(entries), sources)


@cache
def knowledge() -> KnowledgeBase:
    """The shipped knowledge base, loaded once."""
    return load_knowledge()
