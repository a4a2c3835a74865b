"""The objects of a started server kept out of the garbage collector's full collections.

Once the model is loaded, the Rasa server holds about 500,000 objects that live as long as it does
(the model, spaCy's and Rasa's own). Each full collection walks all of them: 0.23 s under load, a
pause every turn in flight waits through (bench/analysis.md, session 6). `gc.freeze()` right after
start-up moves them to a permanent generation that collections skip; objects made later are
collected as before.
"""

from __future__ import annotations

import gc
import logging
from typing import Any

logger = logging.getLogger(__name__)
FROZEN = "Heap frozen after start-up"  # the start of the log line, for the tests
_done = False


def freeze() -> None:
    """Collect once, then freeze what is left (idempotent: later calls do nothing)."""
    global _done
    if _done:
        return
    gc.collect()
    gc.freeze()
    _done = True
    logger.info("%s: %d objects kept out of full garbage collections.", FROZEN, gc.get_freeze_count())


async def freeze_after_start(app: Any, loop: Any) -> None:
    """Sanic listener form of `freeze` (after_server_start: Rasa has loaded its model by then)."""
    freeze()
