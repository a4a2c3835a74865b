"""Cleaning of citizen text before it reaches the NLU (all doors: chat, LINE, phone)."""

from __future__ import annotations

import re
import unicodedata

# SudachiPy refuses input over 49,149 bytes; a question is far shorter than this.
MAX_CHARS = 1000
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


def clean_text(text: object) -> str:
    """NFKC-normalised text without control or invisible characters, capped at MAX_CHARS."""
    if not isinstance(text, str):
        return ""
    text = text[: MAX_CHARS * 4]
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs", "Co") else ch for ch in text)
    return re.sub(r"[ \t]+", " ", text).strip()[:MAX_CHARS]


def is_too_long(text: object) -> bool:
    """True when the citizen's text is longer than the assistant reads."""
    return isinstance(text, str) and len(text.strip()) > MAX_CHARS
