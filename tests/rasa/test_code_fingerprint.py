"""Rasa's training cache must not reuse one of our trainable components after its code changed."""

from __future__ import annotations

import hashlib
import importlib
import inspect
from pathlib import Path

import yaml
from rasa.engine.graph import GraphComponent

from bench.nlu_systems import linear_intents_config

ROOT = Path(__file__).resolve().parents[2]


def our_trainable_components() -> list[type[GraphComponent]]:
    """Every component of ours (bot.*) that has a train method, in config.yml or the linear variant."""
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    names = {c["name"] for c in config["pipeline"] + linear_intents_config(config)["pipeline"]}
    classes = []
    for name in sorted(n for n in names if n.startswith("bot.")):
        module, _, attribute = name.rpartition(".")
        cls = getattr(importlib.import_module(module), attribute)
        if "train" in vars(cls):
            classes.append(cls)
    return classes


def test_each_trainable_component_fingerprints_its_own_source() -> None:
    classes = our_trainable_components()
    assert {c.__name__ for c in classes} >= {"EntrySelector", "LinearIntents"}
    for cls in classes:
        source = Path(inspect.getfile(cls)).read_bytes()
        assert cls.fingerprint_addon({}) == hashlib.sha256(source).hexdigest(), cls.__name__
