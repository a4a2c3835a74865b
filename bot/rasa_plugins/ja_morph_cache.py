"""Stops spaCy 3.4's Japanese tokenizer from leaking memory on every message.

For each token, `spacy.lang.ja.JapaneseTokenizer` builds `MorphAnalysis(vocab, {"Inflection": ...,
"Reading": ...})`; given a dict, spaCy's `Morphology.add` never looks for the analysis it already
has and allocates a new one each time: about 2.5 KB per message, never freed, so a Rasa server grows
by 25 MB every 10,000 messages (docs/benchmarks.md). `install()` gives the tokenizer a factory that
makes each distinct analysis once and then reuses it by its key (`MorphAnalysis.from_id`): the same
`token.morph`, and the table grows only with the distinct words seen.

Installed by `bot.rasa_plugins.nlg.ProfileNLG`; tests/rasa/test_ja_morph_cache.py fails if spaCy
changes what this replaces or the leak comes back.
"""

from __future__ import annotations

from typing import Any, Dict, Tuple

import spacy.lang.ja
from spacy.tokens.morphanalysis import MorphAnalysis
from spacy.vocab import Vocab

SPACY_MORPH_ANALYSIS = MorphAnalysis
_KEYS: Dict[Vocab, Dict[Tuple[Tuple[str, str], ...], int]] = {}  # per vocabulary (kept alive): features -> key


def morph_analysis(vocab: Vocab, features: Dict[str, str]) -> MorphAnalysis:
    """MorphAnalysis(vocab, features), made once per distinct features."""
    keys = _KEYS.setdefault(vocab, {})
    items = tuple(sorted(features.items()))
    key = keys.get(items)
    if key is None:
        analysis = SPACY_MORPH_ANALYSIS(vocab, features)
        keys[items] = analysis.key  # type: ignore[attr-defined]  # a Cython attribute, not in spaCy's stubs
        return analysis
    return SPACY_MORPH_ANALYSIS.from_id(vocab, key)


def install() -> None:
    """The Japanese tokenizer builds its analyses with `morph_analysis` (idempotent)."""
    module: Any = spacy.lang.ja
    module.MorphAnalysis = morph_analysis


def installed() -> bool:
    return spacy.lang.ja.MorphAnalysis is morph_analysis
