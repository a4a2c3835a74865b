"""Time of GiNZA alone per message: the floor under the server's latency."""

from __future__ import annotations

import time

from bot.core.input_text import clean_text
from bot.rasa_plugins.ginza_nlp import DEFAULT_EXCLUDE


def ms_per_message(texts: list[str], exclude: list[str], rounds: int = 3) -> float:
    import spacy

    nlp = spacy.load("ja_ginza", exclude=exclude)
    cleaned = [clean_text(t) for t in texts]
    for text in cleaned:  # warm up
        nlp(text)
    start = time.perf_counter()
    for _ in range(rounds):
        for text in cleaned:
            nlp(text)
    return (time.perf_counter() - start) * 1000 / (rounds * len(cleaned))


def floors(texts: list[str]) -> dict[str, float]:
    return {
        "ja_ginza, all components but the parser (Rasa's SpacyNLP)": ms_per_message(texts, ["parser"]),
        "ja_ginza, tokenizer + vectors only (our GinzaNLP)": ms_per_message(texts, DEFAULT_EXCLUDE),
    }
