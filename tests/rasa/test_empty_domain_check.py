"""The empty-domain check (bot.rasa_plugins.empty_domain_check) answers as Rasa's own, without
building an empty domain on each call. Fails if a Rasa upgrade changes what it replaces."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain

from bot.rasa_plugins import empty_domain_check
from bot.rasa_plugins.empty_domain_check import RASA_IS_EMPTY, is_empty
from bot.rasa_plugins.nlg import ProfileNLG

ROOT = Path(__file__).resolve().parents[2]


def test_the_replaced_method_is_still_rasas() -> None:
    assert "return self.as_dict() == Domain.empty().as_dict()" in inspect.getsource(RASA_IS_EMPTY)


DOMAINS = [
    Domain.empty(),
    Domain.from_dict({}),
    Domain.load(str(ROOT / "domain.yml")),
    Domain.from_dict({"intents": ["greet"]}),
]


@pytest.mark.parametrize("domain", DOMAINS)
def test_it_answers_as_rasa(domain: Domain) -> None:
    assert is_empty(domain) == RASA_IS_EMPTY(domain)


def test_the_empty_domain_is_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    domain = Domain.load(str(ROOT / "domain.yml"))
    is_empty(domain)
    built: list[int] = []
    real = Domain.from_dict
    monkeypatch.setattr(Domain, "from_dict", classmethod(lambda cls, data: built.append(1) or real(data)))
    assert not is_empty(domain) and not is_empty(domain)
    assert built == []


def test_installed_by_the_response_generator() -> None:
    ProfileNLG()
    assert empty_domain_check.installed()
