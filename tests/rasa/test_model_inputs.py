"""scripts/model_path.sh names the model after everything training reads: each of our pipeline components
that trains or rewrites the training data has its module among the hashed inputs, so that a change to it
gives a new model name (and `make model` trains again)."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import yaml
from rasa.engine.graph import GraphComponent

ROOT = Path(__file__).resolve().parents[2]


def _shapes_training(cls: type) -> bool:
    """Trains (has its own `train`), or rewrites training data (overrides `process_training_data`)."""
    own = {name for klass in cls.__mro__ if klass.__module__.startswith("bot.") for name in vars(klass)}
    return "train" in own or "process_training_data" in own


def test_components_that_shape_training_are_hashed_inputs() -> None:
    script = (ROOT / "scripts" / "model_path.sh").read_text(encoding="utf-8")
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    checked = []
    for name in (c["name"] for c in pipeline if c["name"].startswith("bot.")):
        module_name, class_name = name.rsplit(".", 1)
        cls = getattr(importlib.import_module(module_name), class_name)
        assert issubclass(cls, GraphComponent), name
        if _shapes_training(cls):
            path = Path(inspect.getfile(cls)).relative_to(ROOT).as_posix()
            assert path in script, f"{path} is not among scripts/model_path.sh's inputs"
            checked.append(path)
    assert "bot/rasa_plugins/preamble_copies.py" in checked and "bot/rasa_plugins/linear_intents.py" in checked
