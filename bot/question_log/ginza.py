"""GiNZA for the question log and the report: person names (NER), content words and word vectors.

Loaded once per process, lazily, on first use: in the question log's masking process
(bot.question_log.masking_process) and the report (python -m bot.report). Should the masking
process fail, the Rasa server masks names itself: the NER components are then loaded onto the
vocabulary the NLU pipeline already holds (bot.spacy_models; about 60 MB and 0.7 s, instead of
250 MB for a second copy), and texts are masked in the thread that runs the pipeline (the event
loop), since the tokenizer writes to the vocabulary.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Callable, Iterable

import numpy as np

from bot.spacy_models import GINZA_COMPONENTS, tokenizer_only

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

MODEL = "ja_ginza"
NER_COMPONENTS = ("tok2vec", "ner")
# Texts per NER step: faster per text than one at a time, and memory bounded (a step over 100
# texts kept 120 MB more; docs/benchmarks.md).
NER_BATCH = 16
SHARED_TOKENIZER = "nhi.shared_tokenizer.v1"  # spaCy registry name of _shared_tokenizer
PERSON = "Person"
# Sudachi part-of-speech prefixes of the words that carry a question's topic (for its vector).
CONTENT_TAGS = ("名詞", "動詞", "形容詞", "形状詞")
NUMBER_TAG = "名詞-数詞"
_lock = threading.Lock()
_tokenizer_nlp: Language | None = None
_ner_nlp: Language | None = None


def _register_shared_tokenizer() -> None:
    import spacy

    if SHARED_TOKENIZER not in spacy.registry.tokenizers:
        spacy.registry.tokenizers.register(SHARED_TOKENIZER, func=_shared_tokenizer)


def _all_but(keep: Iterable[str]) -> list[str]:
    keep = set(keep)
    return [name for name in GINZA_COMPONENTS if name not in keep]


def tokenizer_nlp() -> Language:
    """ja_ginza's tokenizer and vectors: the NLU pipeline's in the Rasa server, else loaded here."""
    global _tokenizer_nlp
    with _lock:
        if _tokenizer_nlp is None:
            _tokenizer_nlp = tokenizer_only(MODEL)
        return _tokenizer_nlp


def _shared_tokenizer(split_mode: str | None = None) -> Callable[[Language], Callable[[str], Doc]]:
    """spaCy tokenizer factory: the tokenizer `tokenizer_nlp()` loaded (ner_nlp loads it first and
    holds the lock; ja_ginza's config passes a split mode, the shared tokenizer keeps its own)."""

    def shared(nlp: Language) -> Callable[[str], Doc]:
        assert _tokenizer_nlp is not None
        return _tokenizer_nlp.tokenizer

    return shared


def ner_nlp() -> Language:
    """tok2vec and ner on the tokenizer's vocabulary, with its tokenizer."""
    global _ner_nlp
    base = tokenizer_nlp()
    with _lock:
        if _ner_nlp is None:
            import spacy

            _register_shared_tokenizer()
            tokenizer = {"@tokenizers": SHARED_TOKENIZER}  # not a second Sudachi dictionary (55 MB)
            _ner_nlp = spacy.load(
                MODEL,
                vocab=base.vocab,
                exclude=[*_all_but(NER_COMPONENTS), "vocab"],
                config={"nlp": {"tokenizer": tokenizer}},
            )
        return _ner_nlp


def with_entities(texts: list[str]) -> list[Doc]:
    """`texts` tokenised by the shared tokenizer, with GiNZA's named entities (in one batch: about
    half the time per text of one at a time). In the Rasa server, only in the thread that runs the
    NLU pipeline: the tokenizer adds words to the shared vocabulary."""
    ner = ner_nlp()
    docs = [tokenizer_nlp().make_doc(text) for text in texts]
    for _, component in ner.pipeline:
        docs = list(component.pipe(docs, batch_size=NER_BATCH))
    return docs


def _hiragana(text: str) -> str:
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in text)


def content_words(text: str) -> list[Token]:
    """The content words of `text` (nouns but numbers, verbs, adjectives), tokenised by the shared tokenizer."""
    doc = tokenizer_nlp().make_doc(text)
    return [t for t in doc if t.tag_.startswith(CONTENT_TAGS) and not t.tag_.startswith(NUMBER_TAG)]


def word_vector(token: Token) -> np.ndarray | None:
    """The static vector of a word, looked up as written, then normalised (Sudachi), as its
    dictionary form, and in hiragana (ゴミ → ごみ)."""
    vocab = token.vocab
    for key in (token.text, token.norm_, token.lemma_, _hiragana(token.text)):
        if key and vocab.has_vector(key):
            return np.asarray(vocab.get_vector(key), dtype=np.float32)
    return None
