"""A fitted TF-IDF vectorizer's transform for the few texts of one parse.

scikit-learn's `TfidfVectorizer.transform` validates its input and state, recomputes the idf vector
from a diagonal matrix and multiplies by that matrix on every call: for one short text, four fifths
of its time (bench/analysis.md, session 8). `FastTfidf` does the same arithmetic on the same values
in the same order, so the matrix is the same bit for bit (tests/rasa/test_fast_tfidf.py, which fails
if a scikit-learn or SciPy upgrade changes that). `rows` gives each text's row on its own, for a
caller that joins several blocks (bot.rasa_plugins.linear_intents). Settings it does not reproduce
go through scikit-learn.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

Row = tuple[np.ndarray, np.ndarray]  # a sparse row: its columns (int32) and their weights (float64)


def reproducible(vectorizer: TfidfVectorizer) -> bool:
    """Whether `FastTfidf` computes what `vectorizer.transform` computes: float64 counts, idf
    weights and l2 rows."""
    return (
        vectorizer.use_idf
        and vectorizer.norm == "l2"
        and not vectorizer.binary
        and np.dtype(vectorizer.dtype) == np.float64
        and hasattr(vectorizer, "vocabulary_")
    )


class FastTfidf:
    """`vectorizer.transform`, fitted, for prediction."""

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        self._vectorizer = vectorizer
        self._fast = reproducible(vectorizer)
        self.width = len(vectorizer.vocabulary_) if hasattr(vectorizer, "vocabulary_") else 0
        if self._fast:
            self._analyzer = vectorizer.build_analyzer()
            self._vocabulary: dict[Any, int] = vectorizer.vocabulary_
            self._idf = np.asarray(vectorizer.idf_, dtype=np.float64)
            self._sublinear = bool(vectorizer.sublinear_tf)

    @property
    def reproduces(self) -> bool:
        """Whether `rows` may be used: the vectorizer's settings are the ones reproduced."""
        return self._fast

    def rows(self, documents: Sequence[Any]) -> list[Row]:
        """Each document's row of `transform`: its columns and their weights (for a reproducible
        vectorizer only)."""
        out = []
        for document in documents:
            found: dict[int, int] = {}
            for feature in self._analyzer(document):
                column = self._vocabulary.get(feature)
                if column is not None:
                    found[column] = found.get(column, 0) + 1
            # Columns in descending order: the order scikit-learn's product with the diagonal idf
            # matrix leaves them in, which the row's norm then sums in.
            columns = np.asarray(sorted(found, reverse=True), dtype=np.int32)
            weights = np.asarray([found[column] for column in columns.tolist()], dtype=np.float64)
            if self._sublinear:
                np.log(weights, out=weights)
                weights += 1
            weights *= self._idf[columns]
            l2_normalize(weights)
            out.append((columns, weights))
        return out

    def transform(self, documents: Sequence[Any]) -> sp.csr_matrix:
        if not self._fast:
            return self._vectorizer.transform(documents)
        return csr_rows(self.rows(documents), self.width)


def l2_normalize(weights: np.ndarray) -> None:
    """Scale a row's float64 weights to unit length in place, summing their squares in their order,
    as scikit-learn's `inplace_csr_row_normalize_l2` does (a row of zeros stays)."""
    total = 0.0
    for weight in weights.tolist():
        total += weight * weight
    if total != 0.0:
        weights /= math.sqrt(total)


def csr_rows(rows: Sequence[Row], width: int) -> sp.csr_matrix:
    """The matrix of `rows` ((columns, weights) each), `width` columns wide."""
    if not rows:
        return sp.csr_matrix((0, width), dtype=np.float64)
    indptr = np.zeros(len(rows) + 1, dtype=np.int32)
    indptr[1:] = np.cumsum([len(columns) for columns, _ in rows])
    columns = np.concatenate([columns for columns, _ in rows]).astype(np.int32, copy=False)
    weights = np.concatenate([weights for _, weights in rows]).astype(np.float64, copy=False)
    return sp.csr_matrix((weights, columns, indptr), shape=(len(rows), width))
