"""A phrase index with an open vocabulary, for a community's own entries.

The curated vectoriser only knows the curated words, so a moderator's "Where is the staff parking?"
would be matched on character fragments alone. Here every word and character n-gram of the
community's phrasings counts, weighted by IDF over the curated and community phrasings together
(a word nobody else uses weighs most). Rebuilding is plain counting, no training: a new entry takes
effect at once.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp

from bot.matching.features import char_wb_ngrams, word_ngrams
from bot.matching.index import best_per_entry, phrasings_by_entry
from bot.matching.normalize import normalize
from bot.models import Entry


def _grams(normalized: str) -> tuple[list[str], list[str]]:
    text = normalized or "_"
    return word_ngrams(text), ["#" + g for g in char_wb_ngrams(text)]  # '#' keeps the two kinds apart


class DocumentFrequencies:
    """How many curated phrasings contain each gram: the IDF base every community index adds to."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self.counts: Counter[str] = Counter()
        self.documents = 0
        for text in texts:
            words, chars = _grams(normalize(text))
            self.counts.update(set(words))
            self.counts.update(set(chars))
            self.documents += 1


def _idf(document_frequency: np.ndarray, documents: int) -> np.ndarray:
    return np.log((1.0 + documents) / (1.0 + document_frequency)) + 1.0  # sklearn's smooth IDF


class OpenPhraseIndex:
    """Cosine of a question with each entry's closest phrasing, over an open vocabulary.

    Weights are sublinear TF x smooth IDF, normalised per kind (words, characters) and then overall,
    the same recipe as the curated vectoriser; the build is one counting pass plus numpy.
    """

    def __init__(self, entries: Sequence[Entry], base: DocumentFrequencies) -> None:
        self.entry_ids = [e.id for e in entries]
        texts, self._starts = phrasings_by_entry(entries)
        self._base = base
        self._columns: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        tfs: list[int] = []
        for row, text in enumerate(texts):
            for part in _grams(normalize(text)):
                for gram, count in Counter(part).items():
                    cols.append(self._columns.setdefault(gram, len(self._columns)))
                    rows.append(row)
                    tfs.append(count)
        row_index = np.asarray(rows, dtype=np.int64)
        col_index = np.asarray(cols, dtype=np.int64)
        own_df = np.bincount(col_index, minlength=len(self._columns)).astype(np.float64)
        base_df = np.fromiter(
            (base.counts.get(g, 0) for g in self._columns), dtype=np.float64, count=len(self._columns)
        )
        self._df = base_df + own_df
        self._documents = base.documents + len(texts)
        is_char = np.fromiter((g.startswith("#") for g in self._columns), dtype=bool, count=len(self._columns))
        weights = (1.0 + np.log(np.asarray(tfs, dtype=np.float64))) * _idf(self._df, self._documents)[col_index]
        # normalise words and characters separately, then the whole row
        group = row_index * 2 + is_char[col_index]
        part_norm = np.sqrt(np.bincount(group, weights=weights**2, minlength=2 * len(texts)))
        weights /= part_norm[group]
        row_norm = np.sqrt(np.bincount(row_index, weights=weights**2, minlength=len(texts)))
        weights /= row_norm[row_index]
        matrix = sp.csr_matrix(
            (weights.astype(np.float32), (row_index, col_index)), shape=(len(texts), len(self._columns))
        )
        self._by_feature = sp.csr_matrix(matrix.T)  # grams x phrasings: a question touches few rows

    def __len__(self) -> int:
        return len(self.entry_ids)

    def _query_weights(self, normalized: str) -> dict[str, float]:
        vector: dict[str, float] = {}
        for part in _grams(normalized):
            counts = Counter(part)
            weights: dict[str, float] = {}
            for gram, count in counts.items():
                column = self._columns.get(gram)
                df = self._df[column] if column is not None else self._base.counts.get(gram, 0)
                idf = math.log((1 + self._documents) / (1 + df)) + 1.0
                weights[gram] = (1.0 + math.log(count)) * idf
            norm = math.sqrt(sum(w * w for w in weights.values()))
            if norm > 0:
                vector.update((g, w / norm) for g, w in weights.items())
        total = math.sqrt(sum(w * w for w in vector.values()))
        return {g: w / total for g, w in vector.items()} if total > 0 else {}

    def scores(self, normalized_query: str) -> np.ndarray:
        """One cosine per entry (its best phrasing), for an already normalised question."""
        if not self.entry_ids:
            return np.zeros(0, dtype=np.float32)
        weights = self._query_weights(normalized_query)
        shared = sorted((self._columns[g], w) for g, w in weights.items() if g in self._columns)
        if not shared:
            return np.zeros(len(self.entry_ids), dtype=np.float32)
        columns = np.asarray([c for c, _ in shared], dtype=np.int64)
        values = np.asarray([w for _, w in shared], dtype=np.float32)
        query = sp.csr_matrix((values, columns, [0, len(columns)]), shape=(1, len(self._columns)))
        similarities = (query @ self._by_feature).toarray().ravel()
        return best_per_entry(similarities, self._starts)
