"""Fixtures of the triage tests: the transcripts, the model loaded once in process, a fixed setting."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest

TRANSCRIPTS = Path(__file__).with_name("transcripts.jsonl")
TODAY = "2026-11-22"  # the reference date of the worked examples in shared/domain-rules.md


def read_transcripts() -> list[dict[str, Any]]:
    """The speech-recogniser transcripts, each with what triage must find under "expect"."""
    return [json.loads(line) for line in TRANSCRIPTS.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(autouse=True)
def setting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Takasaki, on the reference date (each test may change them)."""
    monkeypatch.setenv("BOT_TODAY", TODAY)
    monkeypatch.setenv("BOT_MUNICIPALITY", "takasaki")


@pytest.fixture(scope="session")
def triage() -> Iterator[Any]:
    """The trained model, loaded once for every triage test (NHI_MODEL, else the newest)."""
    from bot.triage.pipeline import Triage
    from tests.servers import model_path

    yield Triage.from_model(model_path())
