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
from bot.matching.normalize import normalize
from bot.models import Entry


def _grams(normalized: str) -> tuple[list[str], list[str]]:
    text = normalized or "_"
    return word_ngrams(text), ["#" + g for g in char_wb_ngrams(text)]  # '#' keeps the two kinds apart


class DocumentFrequencies:
    """How many phrasings contain each gram: the curated base, plus whatever is added on top."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self.counts: Counter[str] = Counter()
        self.documents = 0
        self.add(texts)

    def add(self, texts: Iterable[str]) -> None:
        for text in texts:
            words, chars = _grams(normalize(text))
            self.counts.update(set(words))
            self.counts.update(set(chars))
            self.documents += 1

    def combined(self, other: DocumentFrequencies) -> DocumentFrequencies:
        merged = DocumentFrequencies()
        merged.counts = self.counts + other.counts
        merged.documents = self.documents + other.documents
        return merged


def _weights(normalized: str, frequencies: DocumentFrequencies) -> dict[str, float]:
    """Sublinear TF x smooth IDF, normalised per kind (words, characters) and then overall."""
    vector: dict[str, float] = {}
    n = frequencies.documents
    for part in _grams(normalized):
        counts = Counter(part)
        weights = {
            g: (1.0 + math.log(c)) * (math.log((1 + n) / (1 + frequencies.counts.get(g, 0))) + 1.0)
            for g, c in counts.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values()))
        if norm > 0:
            vector.update((g, w / norm) for g, w in weights.items())
    total = math.sqrt(sum(w * w for w in vector.values()))
    return {g: w / total for g, w in vector.items()} if total > 0 else {}


class OpenPhraseIndex:
    """Cosine of a question with each entry's closest phrasing, over an open vocabulary."""

    def __init__(self, entries: Sequence[Entry], base: DocumentFrequencies) -> None:
        self.entry_ids = [e.id for e in entries]
        texts: list[str] = []
        starts: list[int] = []
        for entry in entries:
            starts.append(len(texts))
            texts.extend(text for _, text in entry.questions.all())
        own = DocumentFrequencies(texts)
        self._frequencies = base.combined(own)
        self._columns: dict[str, int] = {g: i for i, g in enumerate(own.counts)}
        self._starts = np.asarray(starts, dtype=np.int64)
        rows, cols, data = [], [], []
        for row, text in enumerate(texts):
            for gram, weight in _weights(normalize(text), self._frequencies).items():
                rows.append(row)
                cols.append(self._columns[gram])
                data.append(weight)
        matrix = sp.csr_matrix((data, (rows, cols)), shape=(len(texts), len(self._columns)), dtype=np.float32)
        self._by_feature = sp.csr_matrix(matrix.T)  # grams x phrasings: a question touches few rows

    def __len__(self) -> int:
        return len(self.entry_ids)

    def scores(self, normalized_query: str) -> np.ndarray:
        """One cosine per entry (its best phrasing), for an already normalised question."""
        if not self.entry_ids:
            return np.zeros(0, dtype=np.float32)
        weights = _weights(normalized_query, self._frequencies)
        shared = [(self._columns[g], w) for g, w in weights.items() if g in self._columns]
        if not shared:
            return np.zeros(len(self.entry_ids), dtype=np.float32)
        shared.sort()
        columns = np.asarray([c for c, _ in shared], dtype=np.int64)
        values = np.asarray([w for _, w in shared], dtype=np.float32)
        query = sp.csr_matrix((values, columns, [0, len(columns)]), shape=(1, len(self._columns)))
        similarities = (query @ self._by_feature).toarray().ravel()
        return np.maximum.reduceat(similarities, self._starts)
