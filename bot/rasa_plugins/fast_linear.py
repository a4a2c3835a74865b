"""A fitted multiclass linear classifier's probabilities for the few rows of one parse.

scikit-learn's `predict_proba` first checks its input (a third of its time for one message); this
does the rest of its arithmetic, in the same order, so the probabilities are the same bit for bit
(tests/rasa/test_fast_tfidf.py, which fails if a scikit-learn upgrade changes that).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.special import expit
from sklearn.linear_model import SGDClassifier


def probabilities(classifier: SGDClassifier, features: sp.csr_matrix) -> np.ndarray:
    """`classifier.predict_proba(features)` for a fitted log-loss classifier of three classes or
    more: one-vs-rest scores through the logistic function, each row scaled to sum to one."""
    if classifier.coef_.shape[0] == 1:  # two classes: one row of weights, another formula
        return classifier.predict_proba(features)
    scores = features @ classifier.coef_.T + classifier.intercept_
    expit(scores, out=scores)
    scores /= scores.sum(axis=1).reshape((scores.shape[0], -1))
    return scores
