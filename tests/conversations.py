"""Conversations that tests run through a real agent."""

from __future__ import annotations

# The document form with a digression, a bad date, a correction and the answer; then the form
# again, stopped.
FORM_WITH_DETOURS = [
    "届く書類と有効期限を調べたい",
    "マイナ保険証をなくしたらどうすればいいですか",
    "昭和64年2月1日",
    "昭和32年3月1日",
    "生年月日を間違えました",
    "昭和35年4月5日",
    "マイナ保険証は持っていません",
    "届く書類と有効期限を調べたい",
    "やめます",
]
