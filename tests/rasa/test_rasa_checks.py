"""Rasa's own checks: data validation, held-out NLU accuracy, and the test stories."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.servers import RASA, ROOT, model_path

MIN_ACCURACY = 0.95
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONPATH": str(ROOT)}


def rasa(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([RASA, *args], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=900)


def test_data_validate() -> None:
    result = rasa("data", "validate", "--quiet")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_heldout_intent_accuracy_and_macro_f1(tmp_path: Path) -> None:
    result = rasa("test", "nlu", "--nlu", "tests/nlu/test_nlu.yml", "--model", model_path(), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "intent_report.json").read_text(encoding="utf-8"))
    summary = {"accuracy": report["accuracy"], "macro_f1": report["macro avg"]["f1-score"]}
    (ROOT / "results").mkdir(exist_ok=True)
    (ROOT / "results" / "heldout_nlu.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    assert summary["accuracy"] >= MIN_ACCURACY, summary
    assert summary["macro_f1"] >= MIN_ACCURACY, summary


@pytest.mark.parametrize("stories", ["tests/stories", "data/stories"])
def test_stories_have_no_prediction_errors(tmp_path: Path, stories: str) -> None:
    """The test stories, and the training stories too: only rules predict actions (config.yml), so
    a story they no longer follow fails here."""
    result = rasa(
        "test",
        "core",
        "--stories",
        stories,
        "--model",
        model_path(),
        "--out",
        str(tmp_path),
        "--fail-on-prediction-errors",
    )
    failed = tmp_path / "failed_test_stories.yml"
    detail = failed.read_text(encoding="utf-8") if failed.exists() else result.stderr[-3000:]
    assert result.returncode == 0, detail
