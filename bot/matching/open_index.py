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
from bot.matching.index import best_per_entry, phrasings_by_entry, similarities
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


class GramVocabulary:
    """Ids for every gram any community has used, and each phrasing's grams, counted once.

    Shared by all community indexes and only ever growing, so rebuilding a community after a
    moderator's change re-counts just the new or edited phrasings; the rest is array work.
    """

    _CACHE_LIMIT = 500_000  # phrasings remembered; past it the cache starts afresh

    def __init__(self, base: DocumentFrequencies) -> None:
        self.base = base
        self.ids: dict[str, int] = {}
        self._is_char: list[bool] = []
        self._base_df: list[int] = []
        self._phrasings: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def encode(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Gram ids and term counts of one phrasing as written."""
        cached = self._phrasings.get(text)
        if cached is not None:
            return cached
        ids: list[int] = []
        counts: list[int] = []
        for part in _grams(normalize(text)):
            for gram, count in Counter(part).items():
                ids.append(self._id(gram))
                counts.append(count)
        encoded = (np.asarray(ids, dtype=np.int64), np.asarray(counts, dtype=np.float64))
        if len(self._phrasings) >= self._CACHE_LIMIT:
            self._phrasings.clear()
        self._phrasings[text] = encoded
        return encoded

    def _id(self, gram: str) -> int:
        found = self.ids.get(gram)
        if found is None:
            found = self.ids[gram] = len(self.ids)
            self._is_char.append(gram.startswith("#"))
            self._base_df.append(self.base.counts.get(gram, 0))
        return found

    def is_char(self) -> np.ndarray:
        return np.asarray(self._is_char, dtype=bool)

    def base_df(self) -> np.ndarray:
        return np.asarray(self._base_df, dtype=np.float64)


class OpenPhraseIndex:
    """Cosine of a question with each entry's closest phrasing, over an open vocabulary.

    Weights are sublinear TF x smooth IDF, normalised per kind (words, characters) and then overall,
    the same recipe as the curated vectoriser.
    """

    def __init__(self, entries: Sequence[Entry], vocabulary: GramVocabulary) -> None:
        self.entry_ids = [e.id for e in entries]
        texts, self._starts = phrasings_by_entry(entries)
        self._vocabulary = vocabulary
        encoded = [vocabulary.encode(text) for text in texts]
        width = len(vocabulary)
        lengths = np.asarray([len(ids) for ids, _ in encoded], dtype=np.int64)
        col_index = np.concatenate([ids for ids, _ in encoded]) if encoded else np.zeros(0, dtype=np.int64)
        tfs = np.concatenate([c for _, c in encoded]) if encoded else np.zeros(0)
        row_index = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        own_df = np.bincount(col_index, minlength=width).astype(np.float64)
        self._df = vocabulary.base_df()[:width] + own_df
        self._documents = vocabulary.base.documents + len(texts)
        is_char = vocabulary.is_char()[:width]
        weights = (1.0 + np.log(tfs)) * _idf(self._df, self._documents)[col_index]
        # normalise words and characters separately, then the whole row
        group = row_index * 2 + is_char[col_index]
        part_norm = np.sqrt(np.bincount(group, weights=weights**2, minlength=2 * len(texts)))
        weights /= part_norm[group]
        row_norm = np.sqrt(np.bincount(row_index, weights=weights**2, minlength=len(texts)))
        weights /= row_norm[row_index]
        matrix = sp.csr_matrix((weights.astype(np.float32), (row_index, col_index)), shape=(len(texts), width))
        self._by_feature = sp.csr_matrix(matrix.T)  # grams x phrasings: a question touches few rows
        self._width = width

    def __len__(self) -> int:
        return len(self.entry_ids)

    def _query_weights(self, normalized: str) -> dict[int, float]:
        """Column -> weight for the grams this index knows, normalised over all of the query's grams."""
        known: dict[int, float] = {}
        total = 0.0
        for part in _grams(normalized):
            weights: dict[str, float] = {}
            for gram, count in Counter(part).items():
                column = self._vocabulary.ids.get(gram)
                if column is not None and column < self._width:
                    df = self._df[column]
                else:
                    df = self._vocabulary.base.counts.get(gram, 0)
                idf = math.log((1 + self._documents) / (1 + df)) + 1.0
                weights[gram] = (1.0 + math.log(count)) * idf
            norm = math.sqrt(sum(w * w for w in weights.values()))
            if norm == 0:
                continue
            for gram, weight in weights.items():
                share = weight / norm
                total += share * share
                column = self._vocabulary.ids.get(gram)
                if column is not None and column < self._width:
                    known[column] = share
        scale = 1.0 / math.sqrt(total) if total > 0 else 0.0
        return {column: weight * scale for column, weight in known.items()}

    def scores(self, normalized_query: str) -> np.ndarray:
        """One cosine per entry (its best phrasing), for an already normalised question."""
        if not self.entry_ids:
            return np.zeros(0, dtype=np.float32)
        shared = sorted(self._query_weights(normalized_query).items())
        if not shared:
            return np.zeros(len(self.entry_ids), dtype=np.float32)
        columns = np.asarray([c for c, _ in shared], dtype=np.int64)
        values = np.asarray([w for _, w in shared], dtype=np.float32)
        return best_per_entry(similarities(self._by_feature, columns, values), self._starts)
