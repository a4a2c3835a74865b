"""Our training-time components' code in Rasa's training fingerprint.

Rasa's training cache (.rasa/cache) reuses a node's output when its class's own source, its config and
its inputs are unchanged; it does not look at the rest of the module (helper functions, tables). After
a change there to how one of our components trains or rewrites training data, `rasa train` on a
machine with a cache would ship the old training's result.
"""

from __future__ import annotations

import hashlib
import inspect
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar


class CodeFingerprint:
    """Mixin for a GraphComponent that trains or rewrites training data: its module's source, and
    that of the modules in `also_fingerprinted` (code of ours it calls), is part of its fingerprint."""

    also_fingerprinted: ClassVar[tuple[ModuleType, ...]] = ()

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        digest = hashlib.sha256(Path(inspect.getfile(cls)).read_bytes())
        for module in cls.also_fingerprinted:
            digest.update(Path(inspect.getfile(module)).read_bytes())
        return digest.hexdigest()
