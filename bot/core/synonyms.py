"""Domain synonym groups (knowledge/synonyms.yml): the lemma each word is read as by the NLU when
GinzaNLP has `synonyms: true`. Pure table lookups; no Rasa, no spaCy."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

SYNONYMS_FILE = Path(__file__).resolve().parent.parent.parent / "knowledge" / "synonyms.yml"


@lru_cache(maxsize=4)
def synonym_table(path: Path = SYNONYMS_FILE) -> dict[str, str]:
    """word -> its group's first word; a word in two groups is an error."""
    table: dict[str, str] = {}
    for group in yaml.safe_load(path.read_text(encoding="utf-8"))["groups"]:
        head = str(group[0])
        for word in map(str, group):
            if table.get(word, head) != head:
                raise ValueError(f"{path.name}: {word} is in two synonym groups")
            table[word] = head
    return table


def canonical(lemma: str, norm: str = "") -> str:
    """The group's word for a token's lemma (or its normalized form), else the lemma itself."""
    table = synonym_table()
    return table.get(lemma) or table.get(norm) or lemma
