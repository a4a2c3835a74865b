"""Speech-recogniser text made readable for the NLU: no fillers, no repetitions, dates in digits.

A phone transcript looks like 「もしもし えーと あのー ほけんしょう ほけんしょうを なくしちゃって」:
fillers (えー, あのー, えっと, うーん, もしもし, はい), stutters and repeated words, kana numbers and
dates, no punctuation, spaces where the recogniser paused. The result is what the assistant
classifies and what the desk reads as `normalized_text`.
"""

from __future__ import annotations

import re

from bot.core.dates import kana_dates_in_digits
from bot.core.fillers import strip_fillers
from bot.core.input_text import clean_text

# A word said twice in a row inside one chunk (保険証保険証を). Kana pairs and short kana units are
# often words (もしもし, いろいろ, しょうしょう), so a unit repeats only with a kanji or katakana in it,
# or with four kana or more. Numbers never count as repeated.
_REPEAT = re.compile(r"((?:(?![\d\s]).){2,20}?)\1+")
_KANJI_OR_KATAKANA = re.compile("[\u3400-\u9fff\u30a1-\u30fa]")
_ASCII_WORD = re.compile("[A-Za-z0-9]")


def _once(m: re.Match[str]) -> str:
    unit = m.group(1)
    return unit if len(unit) >= 4 or _KANJI_OR_KATAKANA.search(unit) else m.group(0)


def _drop_repeated_chunks(chunks: list[str]) -> list[str]:
    """A chunk said again, or cut off and said again (ま まいなんばー), counts once."""
    out: list[str] = []
    for chunk in chunks:
        if out and chunk.startswith(out[-1]) and not out[-1][-1].isdigit():
            out[-1] = chunk
        else:
            out.append(chunk)
    return out


def _join(chunks: list[str]) -> str:
    """Japanese has no spaces; one stays between two ASCII words or numbers (ATM 2 台)."""
    text = ""
    for chunk in chunks:
        if text and _ASCII_WORD.match(text[-1]) and _ASCII_WORD.match(chunk[0]):
            text += " "
        text += chunk
    return text


def normalize_transcript(text: str) -> str:
    """The transcript as the assistant reads it (empty when nothing in `text` can be read).

    A transcript of fillers alone (「もしもし」, 「はい」) keeps them: they are then the message.
    """
    cleaned = clean_text(text)  # NFKC, no control characters, capped like every other door
    chunks = [c for c in (strip_fillers(c) for c in cleaned.split()) if c]
    if not chunks:
        chunks = cleaned.split()
    joined = _join(_drop_repeated_chunks(chunks))
    joined = _REPEAT.sub(_once, joined)
    # A leading slash would make Rasa read the text as an intent payload (/lost_card).
    return kana_dates_in_digits(joined).lstrip("/")
