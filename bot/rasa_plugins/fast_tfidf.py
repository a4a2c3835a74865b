"""A fitted TF-IDF vectorizer's transform for the few texts of one parse.

scikit-learn's `TfidfVectorizer.transform` validates its input and state, recomputes the idf vector
from a diagonal matrix and multiplies by that matrix on every call: for one short text, four fifths
of its time (bench/analysis.md, session 8). `FastTfidf` does the same arithmetic on the same values
in the same order, so the matrix is the same bit for bit (tests/rasa/test_fast_tfidf.py, which fails
if a scikit-learn or SciPy upgrade changes that). Settings it does not reproduce go through
scikit-learn.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2


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
        if self._fast:
            self._analyzer = vectorizer.build_analyzer()
            self._vocabulary: dict[Any, int] = vectorizer.vocabulary_
            self._idf = np.asarray(vectorizer.idf_, dtype=np.float64)
            self._sublinear = bool(vectorizer.sublinear_tf)

    def transform(self, documents: Sequence[Any]) -> sp.csr_matrix:
        if not self._fast:
            return self._vectorizer.transform(documents)
        indptr, indices, counts = [0], [], []
        for document in documents:
            found: dict[int, int] = {}
            for feature in self._analyzer(document):
                column = self._vocabulary.get(feature)
                if column is not None:
                    found[column] = found.get(column, 0) + 1
            # Columns in descending order: the order scikit-learn's product with the diagonal idf
            # matrix leaves them in, which the row's norm then sums in.
            columns = sorted(found, reverse=True)
            indices += columns
            counts += [found[column] for column in columns]
            indptr.append(len(indices))
        data = np.asarray(counts, dtype=np.float64)
        columns_array = np.asarray(indices, dtype=np.int32)
        if self._sublinear:
            np.log(data, out=data)
            data += 1
        data *= self._idf[columns_array]
        matrix = sp.csr_matrix(
            (data, columns_array, np.asarray(indptr, dtype=np.int32)), shape=(len(documents), len(self._idf))
        )
        inplace_csr_row_normalize_l2(matrix)
        return matrix
