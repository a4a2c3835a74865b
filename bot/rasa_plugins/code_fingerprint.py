"""Our trainable components' code in Rasa's training fingerprint.

Rasa's training cache (.rasa/cache) reuses a trained component when its class name, its config and its
inputs are unchanged; it does not look at the component's code. After a change to how one of our
components trains, `rasa train` on a machine with a cache would ship the old training's result.
"""

from __future__ import annotations

import hashlib
import inspect
from pathlib import Path
from typing import Any


class CodeFingerprint:
    """Mixin for a trainable GraphComponent: its module's source is part of its fingerprint."""

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        return hashlib.sha256(Path(inspect.getfile(cls)).read_bytes()).hexdigest()
