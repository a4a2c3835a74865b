"""Intent classification with the trained Rasa model, in batches and in process.

Only the NLU part of the model's prediction graph runs (the same nodes Rasa runs to parse a
message, from the tokenizer to the fallback classifier); the dialogue policies are not loaded.
Inside a running Rasa server the server's own graph is used, so the model is loaded once.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.engine.constants import PLACEHOLDER_MESSAGE
from rasa.engine.graph import ExecutionContext
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.runner.interface import GraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.model import get_local_model
from rasa.nlu.constants import RESPONSE_SELECTOR_DEFAULT_INTENT, RESPONSE_SELECTOR_PROPERTY_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY

from bot.core.names import Intent
from bot.rasa_plugins import lean_model_load

MODELS_DIR = Path(__file__).resolve().parent.parent.parent / "models"


@dataclass(frozen=True)
class Classification:
    """The assistant's reading of one text: its intent (nlu_fallback when unsure) and the ranking."""

    intent: str | None
    confidence: float
    ranking: tuple[tuple[str, float], ...]
    entries: tuple[tuple[str, str], ...] = ()  # FAQ intent -> its chosen knowledge entry (intent/key)

    def entry_for(self, intent: str | None) -> str | None:
        """The knowledge entry chosen for `intent` (bot.rasa_plugins.knowledge_selection), or None."""
        return dict(self.entries).get(intent or "")

    def confidence_of(self, intent: str | None) -> float:
        """The model's confidence in `intent` (0 when it is not ranked)."""
        if intent == self.intent:
            return self.confidence
        return next((confidence for name, confidence in self.ranking if name == intent), 0.0)

    @property
    def likeliest(self) -> str | None:
        """The best real intent, even when the assistant is unsure (nlu_fallback)."""
        return next((name for name, _ in self.ranking if name != Intent.NLU_FALLBACK), self.intent)


class NluGraph:
    """The NLU nodes of a trained model's prediction graph, with the model's domain."""

    def __init__(self, runner: GraphRunner, target: str, domain: Domain) -> None:
        self._runner, self._target, self.domain = runner, target, domain

    @classmethod
    def from_archive(cls, model_path: str | Path | None = None) -> NluGraph:
        """Load the NLU part of a model archive (default: the newest model in models/)."""
        archive = Path(model_path) if model_path else Path(get_local_model(str(MODELS_DIR)))
        lean_model_load.install()  # as the server loads it (bot.rasa_plugins.nlg)
        with tempfile.TemporaryDirectory() as unpacked:  # components are loaded before it goes
            storage, metadata = LocalModelStorage.from_model_archive(Path(unpacked), archive)
            schema = metadata.predict_schema.minimal_graph_schema([metadata.nlu_target])
            runner = DaskGraphRunner.create(
                graph_schema=schema,
                model_storage=storage,
                execution_context=ExecutionContext(graph_schema=schema, model_id=metadata.model_id),
            )
        return cls(runner, metadata.nlu_target, metadata.domain)

    @classmethod
    def from_processor(cls, processor: MessageProcessor) -> NluGraph:
        """The graph a running Rasa server already loaded (no second copy of the model)."""
        return cls(processor.graph_runner, processor.model_metadata.nlu_target, processor.domain)

    def classify(self, texts: Sequence[str]) -> list[Classification]:
        """One classification per text, in order, in a single run of the graph."""
        if not texts:
            return []
        messages = [UserMessage(text) for text in texts]
        parsed = self._runner.run(inputs={PLACEHOLDER_MESSAGE: messages}, targets=[self._target])[self._target]
        out = []
        for message in parsed:
            intent = message.get(INTENT) or {}
            ranking = tuple((r["name"], float(r["confidence"])) for r in message.get(INTENT_RANKING_KEY) or [])
            selectors = message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}
            entries = tuple(
                (name, str(selected["response"]["intent_response_key"]))
                for name, selected in selectors.items()
                if name != RESPONSE_SELECTOR_DEFAULT_INTENT and isinstance(selected, dict)
            )
            out.append(Classification(intent.get("name"), float(intent.get("confidence") or 0.0), ranking, entries))
        return out
