"""Rasa's check for an empty domain, without building an empty domain every time.

Rasa 3.6 checks every parse's intent and entities against the domain, unless the domain is empty;
`Domain.is_empty` compares the domain's data with that of `Domain.empty()`, a whole new domain (with
Rasa's default actions, intents and slots) built on each call: 1.5% of the Rasa server's CPU under
load (bench/analysis.md, session 11). `install()` compares with the empty domain's data built once.
`ProfileNLG` installs it; tests/rasa/test_empty_domain_check.py fails if a Rasa upgrade changes
what it replaces.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rasa.shared.core.domain import Domain

RASA_IS_EMPTY = Domain.is_empty


@lru_cache(maxsize=1)
def empty_domain_data() -> dict[str, Any]:
    """The data of Rasa's empty domain (held here only, never handed out)."""
    return Domain.empty().as_dict()


def is_empty(self: Domain) -> bool:
    """Whether the domain is Rasa's empty domain."""
    return self.as_dict() == empty_domain_data()


def install() -> None:
    """Compare with the empty domain built once (idempotent)."""
    Domain.is_empty = is_empty


def installed() -> bool:
    return Domain.is_empty is is_empty
