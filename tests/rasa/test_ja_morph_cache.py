"""The Japanese tokenizer gives the same morphology without leaking memory on every message.

Fails if spaCy changes what bot.rasa_plugins.ja_morph_cache replaces, or stops leaking (then the
plug-in can go).
"""

from __future__ import annotations

import gc
import inspect
import tracemalloc
from typing import Any, Callable, Iterator

import pytest
import spacy.lang.ja

from bot.rasa_plugins import ja_morph_cache
from bot.rasa_plugins.ginza_nlp import GinzaNLP
from tests.rasa.test_ginza_nlp import every_text

TEXTS = ["マイナンバーカードをなくしてしまいました。どうすればいいですか", "昭和32年3月1日", "登録はしてないです"]


@pytest.fixture(scope="module")
def nlp() -> Any:
    return GinzaNLP.create({"model": "ja_ginza"}, None, None, None).provide().model  # type: ignore[arg-type]


@pytest.fixture
def factory() -> Iterator[Callable[[Any], None]]:
    """Sets the tokenizer's MorphAnalysis factory for the test; spaCy's own afterwards."""
    original = spacy.lang.ja.MorphAnalysis

    def use(f: Any) -> None:
        spacy.lang.ja.MorphAnalysis = f  # type: ignore[misc]

    yield use
    use(original)


def bytes_kept(nlp: Any, messages: int) -> int:
    for text in TEXTS:
        nlp(text)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for i in range(messages):
        nlp(TEXTS[i % len(TEXTS)])
    gc.collect()
    kept = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return kept


def test_the_tokenizer_still_builds_its_analyses_this_way() -> None:
    assert "MorphAnalysis(self.vocab, morph)" in inspect.getsource(spacy.lang.ja.JapaneseTokenizer.__call__)


def test_spacy_leaks_and_the_cache_does_not(nlp: Any, factory: Callable[[Any], None]) -> None:
    factory(ja_morph_cache.SPACY_MORPH_ANALYSIS)
    assert bytes_kept(nlp, 600) > 600 * 500  # spaCy's own: about 2 KB per message
    factory(ja_morph_cache.morph_analysis)
    assert bytes_kept(nlp, 600) < 20_000


def test_the_morphology_is_spacys_own(nlp: Any, factory: Callable[[Any], None]) -> None:
    texts = every_text()
    factory(ja_morph_cache.SPACY_MORPH_ANALYSIS)
    expected = [[str(t.morph) for t in nlp(text)] for text in texts]
    ja_morph_cache.install()
    assert ja_morph_cache.installed()
    assert [[str(t.morph) for t in nlp(text)] for text in texts] == expected
    assert [[str(t.morph) for t in nlp(text)] for text in texts] == expected  # the second time from the cache
