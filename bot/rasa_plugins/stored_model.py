"""Our trainable components whose fitted model is one joblib file in Rasa's model storage."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from typing_extensions import Self

from bot.rasa_plugins.code_fingerprint import CodeFingerprint


class StoredModelComponent(CodeFingerprint, GraphComponent):
    """A component trained into one fitted model (`MODEL_FILE`). Subclasses give
    `get_default_config`, `train` (ending with `self._save(model)`), `process`, and may override `_use`
    to prepare a model for prediction. Trained with too few labels, it saves none and leaves messages
    alone (the model is None)."""

    MODEL_FILE: ClassVar[str]

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, model: Any | None = None
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._storage, self._resource = model_storage, resource
        self._use(model)

    def _use(self, model: Any | None) -> None:
        """Predict with `model` from now on."""
        self._model = model

    def _save(self, model: Any) -> Resource:
        """Save `model` as trained, then predict with it."""
        with self._storage.write_to(self._resource) as directory:
            joblib.dump(model, Path(directory) / self.MODEL_FILE)
        self._use(model)
        return self._resource

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> Self:
        try:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(Path(directory) / cls.MODEL_FILE)
        except (ValueError, FileNotFoundError):  # trained with too few labels: nothing saved
            model = None
        return cls(config, model_storage, resource, model)
