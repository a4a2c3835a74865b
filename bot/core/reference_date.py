"""The reference date ("today") every component uses; BOT_TODAY overrides it."""

from __future__ import annotations

import os
from datetime import date

ENV_VAR = "BOT_TODAY"


def today() -> date:
    """Return BOT_TODAY (YYYY-MM-DD) when set, else the real date.

    A malformed BOT_TODAY is a deployment error and raises ValueError with the value named.
    """
    raw = os.environ.get(ENV_VAR, "").strip()
    if not raw:
        return date.today()
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise ValueError(f"{ENV_VAR} must be YYYY-MM-DD, got {raw!r}") from exc
