"""The fillers a speech recogniser writes (えー, あのー, えっと, うーん, もしもし, はい), for the readers
of spoken text: triage (bot.triage.normalize) and the definition questions (bot.core.definition_questions)."""

from __future__ import annotations

import re

# Fillers as recognisers spell them. Those with a long mark or a small っ (えーと, あのー, うーん)
# are never the start of a word and go even when text follows without a space; the others
# (はい, あの, えと) only when they stand alone: はいりたい and あの書類 stay.
_FILLER = re.compile(
    "(?:え[ーぇえ]*っ?と[ーおぉ]*|え[ーぇ]+|あ[ーぁ]+|あの[ーぉおう]*|その[ーぉお]+|う[ーぅ]*ん+[ーっ]*"
    "|ん[ーん]+|ま[ーぁあ]+|(?:もしもし)+|(?:はい)+)"
)
_SURE_FILLER = re.compile("[ーっぁぇぉ]|^(?:もしもし)+$|^えと$")


def strip_fillers(chunk: str) -> str:
    """`chunk` (a run of text without spaces) without the fillers at its start (えーとあのー保険証 → 保険証)."""
    while True:
        m = _FILLER.match(chunk)
        if m is None or not (m.end() == len(chunk) or _SURE_FILLER.search(m.group(0))):
            return chunk
        chunk = chunk[m.end() :]
