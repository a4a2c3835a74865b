"""bot.rasa_plugins.heap_freeze: one collection and one freeze, whatever the number of calls."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from bot.rasa_plugins import heap_freeze


@pytest.fixture
def unfrozen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    gc.unfreeze()
    monkeypatch.setattr(heap_freeze, "_done", False)
    yield
    gc.unfreeze()


def test_the_objects_alive_at_start_are_frozen_once(unfrozen: None) -> None:
    kept = [object() for _ in range(1000)]
    heap_freeze.freeze()
    frozen = gc.get_freeze_count()
    assert frozen >= len(kept)
    more = [object() for _ in range(1000)]
    heap_freeze.freeze()  # a second channel's listener
    assert gc.get_freeze_count() == frozen and more
