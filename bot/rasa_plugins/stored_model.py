"""A trained component's fitted model, kept as one joblib file in Rasa's model storage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import joblib
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


def save_model(model: Any, storage: ModelStorage, resource: Resource, file_name: str) -> None:
    with storage.write_to(resource) as directory:
        joblib.dump(model, Path(directory) / file_name)


def load_model(storage: ModelStorage, resource: Resource, file_name: str) -> Any | None:
    """The saved model, or None when training saved none (too few labels to fit)."""
    try:
        with storage.read_from(resource) as directory:
            return joblib.load(Path(directory) / file_name)
    except (ValueError, FileNotFoundError):
        return None
