"""Replies every channel gives on its own: to empty or over-long input, or when the assistant
could not answer. No channel ever leaves a citizen without an answer."""

from __future__ import annotations

import json
import re
from typing import Any, TypeGuard

from bot.answers.profile_phrases import contact_phrase
from bot.core.input_text import MAX_CHARS, clean_text, is_too_long
from bot.core.profiles import active_profile

EMPTY_INPUT = "メッセージが空でした。ご質問を入力してください。"
TOO_LONG = f"メッセージが長いため、最初の{MAX_CHARS}文字だけを読みました。ご質問は短く、1つずつ送ってください。"


def apology() -> str:
    """What the citizen reads when the assistant could not answer (e.g. the action server is down)."""
    desk = contact_phrase(active_profile().main_desk)
    return (
        "申し訳ありません。ただいまお答えできませんでした。"
        f"少し待ってからもう一度お試しいただくか、{desk}にお問い合わせください。"
    )


# What the assistant's own buttons send: /intent or /intent{"entity": "value"}.
_PAYLOAD = re.compile(r"/([A-Za-z_][A-Za-z0-9_]*)(\{.*\})?", re.DOTALL)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LEADING = re.compile(r"^[\s/]+")


def _scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool))


def is_payload(text: str) -> bool:
    """Whether `text` is a payload Rasa reads without complaint: /intent, or /intent{...} with a
    JSON object of entity names to values (or lists of values)."""
    match = _PAYLOAD.fullmatch(text)
    if match is None:
        return False
    if match.group(2) is None:
        return True
    try:
        entities = json.loads(match.group(2))
    except ValueError:
        return False
    return isinstance(entities, dict) and all(
        isinstance(k, str) and _NAME.fullmatch(k) and (_scalar(v) or (isinstance(v, list) and all(map(_scalar, v))))
        for k, v in entities.items()
    )


def without_stray_command(text: str) -> str:
    """What Rasa is handed for a citizen's text. Text that Rasa would read as a command (it starts
    with '/' once cleaned, as the NLU cleans it: ／, spaces or invisible characters before it) but
    is no well-formed payload loses its leading slashes: Rasa neither misreads it nor quotes it in
    a parsing warning (it may hold a birthdate). Other text is handed over as it is."""
    cleaned = clean_text(text)
    if not (cleaned.startswith("/") or text.strip().startswith("/")):
        return text
    if is_payload(cleaned):
        return cleaned
    return _LEADING.sub("", cleaned)


def has_text(value: Any) -> TypeGuard[str]:
    """True for a string with something other than white space in it."""
    return isinstance(value, str) and bool(value.strip())


def complete_replies(text: str, replies: list[dict[str, Any]], failed: bool = False) -> list[dict[str, Any]]:
    """The assistant's replies, with the too-long notice first, and the apology last when an action
    failed or there is no reply at all."""
    out = list(replies)
    if failed or not any(r.get("text") or r.get("buttons") or r.get("custom") for r in out):
        out.append({"text": apology()})
    if is_too_long(text):
        out.insert(0, {"text": TOO_LONG})
    return out
