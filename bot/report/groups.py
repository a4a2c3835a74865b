"""The questions the assistant could not answer well, grouped by similarity: what citizens ask
that it does not know. Unanswered and 👎-rated questions are compared by GiNZA's word vectors (the
mean vector of their content words; bot.question_log.ginza) and clustered (average linkage on
cosine distance). The largest groups come first, each with its count, its commonest words and a few
masked examples.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, Callable, Iterable

import numpy as np

from bot.core.masking import PLACEHOLDERS
from bot.question_log import ginza
from bot.question_log.store import DOWN, Record
from bot.report.summary import is_unanswered

if TYPE_CHECKING:
    from spacy.tokens import Token

TOP_GROUPS = 5
EXAMPLES = 3
KEYWORDS = 3
MAX_DISTANCE = 0.28  # cosine distance within a group (average linkage)
VERB_WEIGHT = 0.5  # nouns say the topic; verbs and adjectives count half
MAX_GROUPED = 5000  # the newest questions, when there are more (clustering is quadratic)
# Words any question may have; they name no topic.
GENERIC_WORDS = frozenset(
    {"する", "ある", "いる", "なる", "できる", "教える", "知る", "思う", "いう", "言う", "分かる", "欲しい", "良い",
     "いい", "お願い", "方法", "ため", "こと", "もの", "よう", "何", "どこ", "いつ", "どう", "どれ", "いくら", "申請",
     "手続き", "必要", "場所", "窓口", "時間", "日", "写し"}
)  # fmt: skip


def needs_attention(record: Record) -> bool:
    """Unanswered or rated 👎; button payloads (/intent) are not typed questions."""
    return (is_unanswered(record) or record.rating == DOWN) and not record.text.startswith("/")


def topic_words(text: str) -> list[Token]:
    """The content words of `text` that may name its topic (placeholders and generic words left out)."""
    for placeholder in PLACEHOLDERS:
        text = text.replace(placeholder, "、")
    return [t for t in ginza.content_words(text) if t.lemma_ not in GENERIC_WORDS and t.text not in GENERIC_WORDS]


def question_vector(text: str) -> np.ndarray | None:
    """Weighted mean vector of the topic words of `text`, unit length; None when it has none."""
    weighted = []
    for token in topic_words(text):
        vector = ginza.word_vector(token)
        if vector is not None:
            weighted.append(vector * (1.0 if token.tag_.startswith("名詞") else VERB_WEIGHT))
    if not weighted:
        return None
    mean = np.mean(np.stack(weighted), axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else None


def cluster(vectors: np.ndarray, max_distance: float = MAX_DISTANCE) -> list[int]:
    """A cluster label per row of unit `vectors`."""
    if len(vectors) < 2:
        return [0] * len(vectors)
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(
        n_clusters=None, affinity="cosine", linkage="average", distance_threshold=max_distance
    )
    return [int(label) for label in model.fit_predict(vectors)]


def _keywords(texts: Iterable[str]) -> list[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({t.lemma_ or t.text for t in topic_words(text) if t.tag_.startswith("名詞") and len(t.text) > 1})
    return [word for word, _ in counts.most_common(KEYWORDS)]


def unknown_topics(
    records: list[Record], limit: int = TOP_GROUPS, progress: Callable[[int], Any] | None = None
) -> list[list[Record]]:
    """The `limit` largest groups of similar unanswered or 👎 questions, largest (then newest) first."""
    chosen = [r for r in records if needs_attention(r)][-MAX_GROUPED:]
    groups: dict[Any, list[Record]] = {}
    with_vectors: list[tuple[Record, np.ndarray]] = []
    for record in chosen:
        vector = question_vector(record.text)
        if vector is None:  # nothing to compare: the same words make the same group
            groups.setdefault(("text", record.text), []).append(record)
        else:
            with_vectors.append((record, vector))
        if progress is not None:
            progress(1)
    labels = cluster(np.stack([v for _, v in with_vectors])) if with_vectors else []
    for (record, _), label in zip(with_vectors, labels, strict=True):
        groups.setdefault(("vector", label), []).append(record)
    ranked = sorted(groups.values(), key=lambda g: (-len(g), -max(r.asked_at for r in g)))
    return ranked[:limit]


def describe(group: list[Record]) -> dict[str, Any]:
    """A group for the report: its size, why its questions are there, its words, a few examples."""
    texts = Counter(r.text for r in group)
    return {
        "size": len(group),
        "unanswered": sum(is_unanswered(r) for r in group),
        "rated_down": sum(r.rating == DOWN for r in group),
        "keywords": _keywords(texts),
        "examples": [text for text, _ in texts.most_common(EXAMPLES)],
    }
