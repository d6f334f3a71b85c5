"""Turn questions into weighted sparse vectors that tolerate typos and word order.

Word unigrams and bigrams carry meaning; character n-grams inside words survive typos and
inflections ("whatsap", "fotos"); word stems (Snowball, English then Spanish) join the forms of one
word a phrasing did not use ("publicaciones" ~ "publicar"); TF-IDF gives weight to the distinctive
words of a question. Unknown words are first snapped to the closest known word with rapidfuzz.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import scipy.sparse as sp
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.matching.normalize import normalize

_TOKEN = re.compile(r"(?u)\b\w+\b")
_MIN_CORRECTABLE = 5  # 4-letter words are too often real words one edit from another ("cake", "case")
_MIN_DOCS_FOR_PRUNING = 50  # shorter words are too ambiguous to correct
_CACHE_LIMIT = 50_000
CHAR_RANGE = (3, 5)  # the open community index's character n-grams (the curated featurizer takes its own)
_stemmers: list[object] = []  # English and Spanish Snowball stemmers, created on first use


def stem(word: str) -> str:
    """English then Spanish Snowball stem: "posting" -> "post", "publicaciones" -> "public".

    snowballstemmer runs PyStemmer's C stemmers (a dependency) when installed: the same stems as its
    pure-Python ones (69,000 words compared), 25 times faster.
    """
    if not _stemmers:
        import snowballstemmer

        _stemmers.extend([snowballstemmer.stemmer("english"), snowballstemmer.stemmer("spanish")])
    english, spanish = _stemmers
    return str(spanish.stemWord(english.stemWord(word)))  # type: ignore[attr-defined]


def word_ngrams(text: str) -> list[str]:
    """Word unigrams and bigrams exactly as the fitted TfidfVectorizer produces them."""
    words = _TOKEN.findall(text)
    return words + [f"{a} {b}" for a, b in pairwise(words)]


def concept_ngrams(text: str) -> list[str]:
    """Every run of one to three words: where a concept phrase ("antes y despues") can be found."""
    words = _TOKEN.findall(text)
    return [" ".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)]


def char_wb_ngrams(text: str, low: int = CHAR_RANGE[0], high: int = CHAR_RANGE[1]) -> list[str]:
    """Character low-high-grams inside word boundaries, as sklearn's `char_wb` analyzer makes them."""
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        length = len(padded)
        for n in range(low, high + 1):
            grams.extend(padded[i : i + n] for i in range(max(1, length - n + 1)))
            if length <= n:
                break  # sklearn counts a word no longer than n once, then stops
    return grams


@dataclass(frozen=True)
class Query:
    """One question's features: ascending column ids and their float32 weights.

    Two plain arrays rather than a 1-row scipy matrix: building that matrix cost more than scoring it.
    """

    columns: np.ndarray
    values: np.ndarray


class Featurizer:
    """Fitted once on the reference phrasings; transforms any text into an L2-normalised row.

    scikit-learn fits the vocabularies and IDF weights; afterwards only plain dicts and arrays are
    kept, so a cached matcher loads without importing scikit-learn (most of a cold start).
    """

    def __init__(
        self,
        texts: Iterable[str],
        *,
        char_range: tuple[int, int] = CHAR_RANGE,
        word_weight: float = 1.0,
        stems: bool = False,
        concepts: Mapping[str, str] | None = None,
        concept_weight: float = 0.5,
    ) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        normalized = [normalize(t) for t in texts]
        words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b")
        # Ignoring n-grams seen once keeps the vocabulary small, but a tiny FAQ needs them all.
        chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=char_range, sublinear_tf=True,
            min_df=2 if len(normalized) >= _MIN_DOCS_FOR_PRUNING else 1,
        )
        documents = [t or "_" for t in normalized]
        words.fit(documents)
        chars.fit(documents)
        self._char_range = char_range
        self._word_weight = word_weight
        self._vocabulary: set[str] = {w for t in normalized for w in t.split()}
        # Every known word's stem is worked out now, so a query of known words never runs the stemmer.
        self._stems: dict[str, str] = {w: stem(w) for w in self._vocabulary} if stems else {}
        self._parts: list[tuple[dict[str, int], np.ndarray]] = [
            ({str(k): int(v) for k, v in words.vocabulary_.items()}, np.asarray(words.idf_, dtype=np.float64)),
            ({str(k): int(v) for k, v in chars.vocabulary_.items()}, np.asarray(chars.idf_, dtype=np.float64)),
        ]
        if stems:
            stemmed = TfidfVectorizer(sublinear_tf=True, token_pattern=r"(?u)\b\w+\b")
            stemmed.fit([self._stemmed(t) for t in documents])
            self._parts.append(
                ({str(k): int(v) for k, v in stemmed.vocabulary_.items()}, np.asarray(stemmed.idf_, dtype=np.float64))
            )
        self._stemmed_part = stems
        # Concepts (bilingual synonym groups, `concepts.py`) form the last part, after words, characters, stems.
        self._concepts: dict[str, str] = dict(concepts or {})
        self._concept_weight = concept_weight
        if self._concepts:
            grouped = TfidfVectorizer(sublinear_tf=True, token_pattern=r"\S+", lowercase=False)
            grouped.fit([" ".join(self._concepts_of(t)) or "_" for t in documents])
            self._parts.append(
                ({str(k): int(v) for k, v in grouped.vocabulary_.items()}, np.asarray(grouped.idf_, dtype=np.float64))
            )
        self._width = sum(len(vocabulary) for vocabulary, _ in self._parts)
        self._vocabulary_list: list[str] = []
        self._by_length: dict[int, list[str]] = {}
        self._index_vocabulary()
        self._corrections: dict[str, str] = {}
        self._learned: set[str] = set()  # community phrasings whose words are already known
        # A word's character n-gram and stem columns never change after fitting: worked out once per word.
        self._word_columns: dict[str, tuple[list[int], list[int]]] = {}

    @property
    def width(self) -> int:
        return self._width

    @property
    def vocabulary(self) -> set[str]:
        return self._vocabulary

    def learn_words(self, texts: Iterable[str]) -> None:
        """Let later entries' words be spelling targets (their features come from char n-grams).

        Phrasings already learned are skipped: a community is reloaded whole after every change.
        """
        fresh = [t for t in texts if t not in self._learned]
        if not fresh:
            return
        self._learned.update(fresh)
        new = {w for t in fresh for w in normalize(t).split()} - self._vocabulary
        if new:
            self._vocabulary |= new
            self._index_vocabulary()
            self._corrections.clear()

    def _index_vocabulary(self) -> None:
        """The known words sorted (truncations are found by bisection), and sorted per length (spelling)."""
        self._vocabulary_list = sorted(self._vocabulary)
        self._by_length = {}
        for word in self._vocabulary_list:
            self._by_length.setdefault(len(word), []).append(word)

    def correct(self, normalized: str) -> str:
        """Replace unknown words by the closest known word within 1-2 edits."""
        return " ".join(self._correct_word(w) for w in normalized.split())

    def _correct_word(self, word: str) -> str:
        if word in self._vocabulary or len(word) < _MIN_CORRECTABLE or not word.isalpha():
            return word
        if self._starts_a_known_word(word):
            return word  # "park" of "parking": a truncation, which character n-grams already match
        cached = self._corrections.get(word)
        if cached is not None:
            return cached
        corrected = self._closest_known(word, max_edits=1 if len(word) < 7 else 2) or word
        if len(self._corrections) < _CACHE_LIMIT:
            self._corrections[word] = corrected
        return corrected

    def _closest_known(self, word: str, max_edits: int) -> str | None:
        """The known word fewest edits away, alphabetically first on a tie, if within `max_edits`.

        Only words whose length differs by at most `max_edits` can be that close, so only those
        lengths are compared: the same answer as comparing the whole sorted vocabulary, in half the time.
        """
        best: tuple[float, str] | None = None
        for length in range(len(word) - max_edits, len(word) + max_edits + 1):
            found = process.extractOne(
                word, self._by_length.get(length, []), scorer=Levenshtein.distance, score_cutoff=max_edits
            )
            if found is not None and (best is None or (found[1], found[0]) < best):
                best = (found[1], found[0])
        return best[1] if best is not None else None

    def _stemmed(self, normalized: str) -> str:
        """The text's words as stems (unknown words are stemmed once and remembered)."""
        out: list[str] = []
        for word in normalized.split():
            found = self._stems.get(word)
            if found is None:
                found = stem(word)
                if len(self._stems) < _CACHE_LIMIT + len(self._vocabulary):
                    self._stems[word] = found
            out.append(found)
        return " ".join(out)

    def _concepts_of(self, normalized: str) -> list[str]:
        """The concept of every run of one to three words of the text that belongs to one."""
        return [c for g in concept_ngrams(normalized) if (c := self._concepts.get(g)) is not None]

    def _starts_a_known_word(self, word: str) -> bool:
        position = bisect.bisect_left(self._vocabulary_list, word)
        return position < len(self._vocabulary_list) and self._vocabulary_list[position].startswith(word)

    def transform_normalized(self, normalized: Sequence[str]) -> sp.csr_matrix:
        """Vectorise many already normalised texts (indexing, training) into one matrix."""
        rows = [self._row(t) for t in normalized]
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(columns) for columns, _ in rows])
        columns = np.concatenate([c for c, _ in rows]) if rows else np.zeros(0, dtype=np.int64)
        values = np.concatenate([v for _, v in rows]) if rows else np.zeros(0, dtype=np.float32)
        return sp.csr_matrix((values, columns, indptr), shape=(len(rows), self._width))

    def query(self, normalized: str) -> Query:
        """Vectorise one question (the hot path: every chat message)."""
        return Query(*self._row(normalized))

    def _columns_of_word(self, word: str) -> tuple[list[int], list[int]]:
        """The known character n-gram columns of one word, in the order sklearn makes them, and its stem's."""
        found = self._word_columns.get(word)
        if found is None:
            chars_vocabulary = self._parts[1][0]
            chars = [c for g in char_wb_ngrams(word, *self._char_range) if (c := chars_vocabulary.get(g)) is not None]
            stems: list[int] = []
            if self._stemmed_part:
                stems_vocabulary = self._parts[2][0]
                stems = [c for t in _TOKEN.findall(self._stemmed(word)) if (c := stems_vocabulary.get(t)) is not None]
            found = (chars, stems)
            if len(self._word_columns) < _CACHE_LIMIT:
                self._word_columns[word] = found
        return found

    def _row(self, normalized: str) -> tuple[np.ndarray, np.ndarray]:
        """Sorted columns and weights of one text: sublinear TF x IDF, L2 per part (words scaled by
        the word weight), then overall.

        The same numbers as scikit-learn's weighted FeatureUnion of the TfidfVectorizers, done with
        plain dicts because sklearn's per-call overhead dwarfs one short question. Character n-grams
        and stems are looked up per word (cached), so only the word n-grams are looked up per text.
        """
        columns: list[int] = []
        values: list[float] = []
        offset = 0
        text = normalized or "_"
        words = self._parts[0][0]
        grams = word_ngrams(text)
        hits: list[list[int]] = [[c for g in grams if (c := words.get(g)) is not None], [], []]
        for word in text.split():
            chars, stems = self._columns_of_word(word)
            hits[1].extend(chars)
            hits[2].extend(stems)
        scales = [self._word_weight, 1.0, 1.0]
        if not self._stemmed_part:
            del hits[2], scales[2]  # no stems part: the next part, if any, is the concepts'
        if self._concepts:
            concepts = self._parts[-1][0]
            hits.append([c for k in self._concepts_of(text) if (c := concepts.get(k)) is not None])
            scales.append(self._concept_weight)
        for (vocabulary, idf), part_hits, scale in zip(self._parts, hits, scales, strict=True):
            counts = Counter(part_hits)  # in order of first appearance, as the norms below expect
            if counts:
                part_columns = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
                tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
                weights = (1.0 + np.log(tf)) * idf[part_columns]
                weights *= scale / np.linalg.norm(weights)
                columns.extend((part_columns + offset).tolist())
                values.extend(weights.tolist())
            offset += len(vocabulary)
        data = np.asarray(values, dtype=np.float64)
        norm = np.linalg.norm(data)
        if norm > 0:
            data /= norm
        column_array = np.asarray(columns, dtype=np.int64)
        order = np.argsort(column_array, kind="stable")
        return column_array[order], data[order].astype(np.float32)

    def transform(self, texts: Sequence[str], *, correct: bool = True) -> sp.csr_matrix:
        normalized = [normalize(t) for t in texts]
        if correct:
            normalized = [self.correct(t) for t in normalized]
        return self.transform_normalized(normalized)
