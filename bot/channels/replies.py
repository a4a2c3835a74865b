"""Replies every channel gives on its own: to empty or over-long input, or when the assistant
could not answer. No channel ever leaves a citizen without an answer."""

from __future__ import annotations

import re
from typing import Any, TypeGuard

from bot.answers.profile_phrases import contact_phrase
from bot.core.input_text import MAX_CHARS, is_too_long
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
_PAYLOAD = re.compile(r"/[A-Za-z_]+(\{[^\n]*\})?")


def without_stray_command(text: str) -> str:
    """Typed text that merely starts with '/' loses the slash, so Rasa neither misreads it as a
    command nor logs it in a parsing warning (it may hold a birthdate)."""
    if text.startswith("/") and not _PAYLOAD.fullmatch(text.strip()):
        return text.lstrip("/ ")
    return text


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
