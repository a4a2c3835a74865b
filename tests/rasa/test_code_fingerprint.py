"""Rasa's training cache must not reuse one of our trainable components after its code changed."""

from __future__ import annotations

import hashlib
import importlib
import inspect
from pathlib import Path

import yaml
from rasa.engine.graph import GraphComponent

from bench.nlu_systems import diet_config

ROOT = Path(__file__).resolve().parents[2]


def our_training_components() -> list[type[GraphComponent]]:
    """Every component of ours (bot.*) that trains or rewrites training data, in config.yml or its
    DIET variants (bench.nlu_systems)."""
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    names = {c["name"] for c in config["pipeline"] + diet_config(config, sentence_features_only=True)["pipeline"]}
    classes = []
    for name in sorted(n for n in names if n.startswith("bot.")):
        module, _, attribute = name.rpartition(".")
        cls = getattr(importlib.import_module(module), attribute)
        if {"train", "process_training_data"} & set(vars(cls)):
            classes.append(cls)
    return classes


def test_each_training_component_fingerprints_its_own_source() -> None:
    classes = our_training_components()
    assert {c.__name__ for c in classes} >= {"EntrySelector", "LinearIntents", "SentenceFeaturesOnly", "InputGuard"}
    for cls in classes:
        files = [inspect.getfile(cls)] + [inspect.getfile(m) for m in getattr(cls, "also_fingerprinted", ())]
        source = b"".join(Path(f).read_bytes() for f in files)
        assert cls.fingerprint_addon({}) == hashlib.sha256(source).hexdigest(), cls.__name__


def test_input_guard_fingerprints_the_text_cleaning_it_calls() -> None:
    from bot.rasa_plugins.input_guard import InputGuard

    assert inspect.getfile(InputGuard.also_fingerprinted[0]).endswith("bot/core/input_text.py")
