"""A linear intent classifier over the curated entries, with an explicit "none of these" class.

Nearest neighbours only reward surface overlap; a linear SVM learns which words tell entries
apart, which is what lifts paraphrase accuracy (CLINC150: 80% -> 92%, see README).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.exceptions import ConvergenceWarning
from sklearn.svm import LinearSVC

from bot.matching.features import Featurizer
from bot.models import Entry

NEGATIVE = -1


class IntentClassifier:
    """One-vs-rest linear SVM; `scores` returns a decision value per entry plus the negative's."""

    def __init__(self, featurizer: Featurizer, entries: Sequence[Entry], negatives: Sequence[str], c: float) -> None:
        self.entry_ids = [e.id for e in entries]
        texts: list[str] = []
        labels: list[int] = []
        for position, entry in enumerate(entries):
            for _, text in entry.questions.all():
                texts.append(text)
                labels.append(position)
        texts.extend(negatives)
        labels.extend([NEGATIVE] * len(negatives))
        self.has_negative = bool(negatives)
        self._model: LinearSVC | None = None
        if len(set(labels)) >= 2:
            matrix = featurizer.transform(texts, correct=False)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                self._model = LinearSVC(C=c).fit(matrix, np.asarray(labels))
            classes = list(self._model.classes_)
            coef = np.asarray(self._model.coef_, dtype=np.float64)
            intercept = np.asarray(self._model.intercept_, dtype=np.float64)
            if coef.shape[0] == 1:  # two classes: sklearn keeps one row meaning "classes_[1]"
                coef = np.vstack([-coef, coef])
                intercept = np.concatenate([-intercept, intercept])
            # Feature-major weights: a query touches ~150 features, so gather those rows only.
            self._weights = np.ascontiguousarray(coef.T, dtype=np.float32)
            self._intercept = intercept
            self._entry_columns = np.asarray([classes.index(i) for i in range(len(entries))], dtype=np.int64)
            self._negative_column = classes.index(NEGATIVE) if self.has_negative else None

    def scores(self, query: sp.csr_matrix) -> tuple[np.ndarray, float | None]:
        """Decision values for each entry (in entry order), and for the negative class if any."""
        if self._model is None:
            return np.zeros(len(self.entry_ids), dtype=np.float32), None
        decision = (query.data @ self._weights[query.indices]).astype(np.float64) + self._intercept
        negative = float(decision[self._negative_column]) if self._negative_column is not None else None
        return decision[self._entry_columns], negative
