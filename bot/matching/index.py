"""Nearest-neighbour scores: how close a question is to each entry's closest phrasing.

Adding an entry only transforms its phrasings, so a moderator's new entry takes effect at once
without retraining anything.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from bot.matching.features import Featurizer, Query
from bot.models import Entry


def phrasings_by_entry(entries: Sequence[Entry]) -> tuple[list[str], np.ndarray]:
    """Every phrasing, entry after entry, and where each entry's phrasings start."""
    texts: list[str] = []
    starts: list[int] = []
    for entry in entries:
        starts.append(len(texts))
        texts.extend(text for _, text in entry.questions.all())
    return texts, np.asarray(starts, dtype=np.int64)


def similarities(by_feature: sp.csr_matrix, columns: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Dot product of a sparse query with every phrasing (`by_feature`: features x phrasings).

    Only the query's rows are taken, times its weights, into a dense result: the same float32 sums in
    the same order as scipy's sparse x sparse product, which first counts and builds a sparse result.
    """
    return np.asarray(by_feature[columns].T @ values)


def best_per_entry(similarities: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """An entry scores as its closest phrasing."""
    return np.maximum.reduceat(similarities, starts)


class PhraseIndex:
    """All phrasings of a set of entries, grouped by entry, as one sparse matrix."""

    def __init__(self, featurizer: Featurizer, entries: Sequence[Entry]) -> None:
        self.entry_ids: list[str] = [e.id for e in entries]
        texts, self._starts = phrasings_by_entry(entries)
        if texts:
            # Index phrasings as written (no spelling correction: they are the reference).
            matrix = featurizer.transform(texts, correct=False)
            self._by_feature = sp.csr_matrix(matrix.T)  # features x phrasings: fast sparse dot
        else:
            self._by_feature = sp.csr_matrix((0, 0), dtype=np.float32)

    def __len__(self) -> int:
        return len(self.entry_ids)

    @property
    def phrasing_count(self) -> int:
        return int(self._by_feature.shape[1])

    def scores(self, query: Query) -> np.ndarray:
        """Cosine of the query with each entry's best phrasing (one float per entry)."""
        if not self.entry_ids:
            return np.zeros(0, dtype=np.float32)
        return best_per_entry(similarities(self._by_feature, query.columns, query.values), self._starts)
