"""Rank every entry for a question and decide: answer, clarify ("did you mean"), or fallback.

Two scorers, one scale. The classifier knows the curated entries well; the phrase index knows
every entry, including a community's, the instant it is added. Both raw scores are mapped to a
confidence in [0, 1] by a sigmoid whose centre and width are settings, and an entry's score is
the higher of the two. Decision rule (as in Rasa's fallback): answer when the top confidence
reaches `answer_threshold` and beats the runner-up by `ambiguity_gap`; offer choices when it
reaches `clarify_threshold`; otherwise fall back.

Beyond phrasings, the classifier also learns each entry's title, summary, tags and answer
sentences (with a lower sample weight), and named bodies, networks and countries steer the
confidences between rules, body overviews and statistics (`entities.py`). Near-domain how-tos
("best time to post on LinkedIn") are their own classes: they fall back, naming what is not
covered and carrying the entry about the network the question names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from bot.config import MatchSettings
from bot.matching.classifier import IntentClassifier
from bot.matching.concepts import load_concepts
from bot.matching.entities import EntityIndex, Steering, asks_statistics
from bot.matching.features import Featurizer
from bot.matching.guards import asks_medical_advice, is_gibberish, looks_like_question
from bot.matching.index import PhraseIndex
from bot.matching.language import detect_locale
from bot.matching.near_domain import NearTopic, load_near_domain
from bot.matching.normalize import fold, normalize
from bot.matching.open_index import DocumentFrequencies, GramVocabulary, OpenPhraseIndex
from bot.models import Entry, Locale, LocalizedList

MatchKind = Literal["answer", "clarify", "fallback"]
Reason = Literal[
    "matched", "unsure", "ambiguous", "confirm", "no_match", "off_topic", "medical_advice", "gibberish",
    "near_domain",
]
OFF_TOPIC_MARGIN = 1.0  # "none of these" beats every entry by this much (raw SVM decision values)
_MIN_DOMAIN_WORD = 4  # shorter words ("the", "app", "de") say nothing about the domain


@dataclass(frozen=True)
class Candidate:
    entry: Entry
    # The confidence before capping at 1: steering can lift two entries past certainty, and their difference
    # still ranks them and decides whether they are too close to tell apart.
    strength: float

    @property
    def score(self) -> float:
        """The confidence in [0, 1], as shown and compared with the thresholds."""
        return min(self.strength, 1.0)


@dataclass(frozen=True)
class MatchResult:
    kind: MatchKind
    reason: Reason
    locale: Locale
    candidates: list[Candidate] = field(default_factory=list)  # best first
    topic: NearTopic | None = None  # near_domain: what is not covered
    related: Entry | None = None  # near_domain: the entry about the network the question names

    @property
    def top(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    @property
    def score(self) -> float:
        return self.candidates[0].score if self.candidates else 0.0


def _sigmoid(values: np.ndarray, center: float, scale: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(values - center) / scale))


@dataclass
class _Community:
    entries: list[Entry]  # the community's own
    targets: list[Entry]  # what each indexed entry answers with: own entries, then linked entries
    index: OpenPhraseIndex
    hidden: frozenset[str]
    hidden_positions: np.ndarray  # positions of hidden curated entries, masked in every ranking
    exact: dict[str, Entry] = field(default_factory=dict)  # normalised linked phrasing -> the entry it routes to


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def extra_texts(entry: Entry, answer_sentences: int) -> tuple[list[str], list[str]]:
    """What an entry says about itself besides its phrasings: (title, summary and tags; answer sentences)."""
    about: list[str] = []
    for localized in (entry.title, entry.summary):
        if localized is not None:
            about.extend(t for t in (localized.en, localized.es) if t)
    if entry.tags:
        about.append(" ".join(t.replace("-", " ") for t in entry.tags))
    sentences: list[str] = []
    for text in (entry.answer.en, entry.answer.es):
        if text:
            sentences.extend(s for s in _SENTENCE_END.split(text)[:answer_sentences] if len(s.split()) >= 3)
    return about, sentences


class Matcher:
    """Matches questions against curated entries plus, per community, its own entries."""

    def __init__(
        self,
        entries: Sequence[Entry],
        settings: MatchSettings | None = None,
        negatives: Sequence[str] = (),
        near_domain: Sequence[NearTopic] = (),
    ) -> None:
        self.settings = settings or MatchSettings()
        s = self.settings
        self.entries = list(entries)
        self._by_id = {e.id: e for e in self.entries}
        self.near_domain = [t for t in near_domain if t.examples]
        phrasings = [text for e in self.entries for _, text in e.questions.all()]
        extras = [extra_texts(e, s.answer_sentences) for e in self.entries]
        about = [a for a, _ in extras]
        sentences = [b for _, b in extras]
        topic_examples = [t.examples for t in self.near_domain]
        self.featurizer = Featurizer(
            [*phrasings, *negatives, *(x for t in topic_examples for x in t), *(x for a in about for x in a)],
            char_range=(s.char_ngram_min, max(s.char_ngram_min, s.char_ngram_max)),
            word_weight=s.word_weight,
            stems=s.stem_features,
            concepts=load_concepts() if s.concept_weight > 0 else None,
            concept_weight=s.concept_weight,
        )
        self._index = PhraseIndex(self.featurizer, self.entries)
        self._community_grams = GramVocabulary(DocumentFrequencies(phrasings))  # shared by communities
        self._classifier: IntentClassifier | None = None
        if len(self.entries) <= s.classifier_max_entries:
            extra = [
                [(t, s.extra_weight) for t in a] + [(t, s.answer_weight) for t in b]
                for a, b in zip(about, sentences, strict=True)
            ]
            self._classifier = IntentClassifier(
                self.featurizer, self.entries, negatives, s.classifier_c, extra=extra, topics=topic_examples
            )
        self.entities = EntityIndex(self.entries)
        self.entities.learn_words(self.featurizer.vocabulary)
        self._communities: dict[str, _Community] = {}
        negative_words = {w for text in negatives for w in normalize(text).split()}
        domain = {
            w for text in phrasings for w in normalize(text).split()
            if len(w) >= _MIN_DOMAIN_WORD and w not in negative_words
        }
        self._domain_stems = frozenset(w[:_MIN_DOMAIN_WORD + 1] for w in domain)  # "tweets" ~ "tweet"
        self._negative_words = frozenset(negative_words)

    @classmethod
    def from_directory(
        cls, directory: Path, entries: Sequence[Entry], settings: MatchSettings | None = None
    ) -> Matcher:
        """A matcher over `entries` with the out-of-scope and near-domain examples kept beside them."""
        from bot.negatives import load_negatives

        return cls(entries, settings, negatives=load_negatives(directory), near_domain=load_near_domain(directory))

    # --- communities -------------------------------------------------------------------
    def set_community(
        self,
        community_id: str,
        entries: Sequence[Entry],
        hidden: Iterable[str] = (),
        links: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """Replace a community's own entries, the curated ids it hides and its linked phrasings
        (entry id -> phrasings that route to it here, curated ids included); effective at once."""
        entries = list(entries)
        hidden = frozenset(hidden)
        own = {e.id: e for e in entries}
        linked: list[Entry] = []  # one entry per target, holding only the linked phrasings
        exact: dict[str, Entry] = {}
        targets = list(entries)
        for entry_id, texts in (links or {}).items():
            target = own.get(entry_id) or self._by_id.get(entry_id)
            if target is None or entry_id in hidden or not texts:
                continue  # a link to an entry that is gone or hidden answers nothing
            linked.append(target.model_copy(update={"questions": LocalizedList(en=list(texts))}))
            targets.append(target)
            exact.update({normalize(text): target for text in texts})
        self.featurizer.learn_words(text for e in [*entries, *linked] for _, text in e.questions.all())
        positions = np.asarray([i for i, e in enumerate(self.entries) if e.id in hidden], dtype=np.int64)
        index = OpenPhraseIndex([*entries, *linked], self._community_grams)
        self._communities[community_id] = _Community(entries, targets, index, hidden, positions, exact)

    def drop_community(self, community_id: str) -> None:
        """Forget a community's own entries (memory); it reads as curated-only until set again."""
        self._communities.pop(community_id, None)

    def entry(self, entry_id: str, community_id: str | None = None) -> Entry | None:
        """Look an entry up by id: the community's own first, then curated."""
        community = self._communities.get(community_id or "")
        if community is not None:
            for entry in community.entries:
                if entry.id == entry_id:
                    return entry
        return self._by_id.get(entry_id)

    def community_entries(self, community_id: str | None) -> list[Entry]:
        community = self._communities.get(community_id or "")
        return list(community.entries) if community is not None else []

    def is_hidden(self, entry_id: str, community_id: str | None) -> bool:
        community = self._communities.get(community_id or "")
        return community is not None and entry_id in community.hidden

    # --- scoring -------------------------------------------------------------------------
    def _score(
        self, text: str, community_id: str | None
    ) -> tuple[np.ndarray, list[Entry], int | None, Steering, float | None]:
        """Confidence per entry (curated, then the community's own), the near-domain topic that won, if any,
        and by how much the classifier's "none of these" beat the best entry (None without those classes)."""
        normalized = self.featurizer.correct(normalize(text))
        query = self.featurizer.query(normalized)
        s = self.settings
        confidence = _sigmoid(self._index.scores(query), s.neighbour_center, s.neighbour_scale)
        near: int | None = None
        none_lead: float | None = None
        steering = self.entities.steering(text, normalized)
        if self._classifier is not None:
            decision, negative, topics = self._classifier.scores(query)
            classifier_conf = _sigmoid(decision, s.classifier_center, s.classifier_scale)
            best_entry = float(decision.max()) if decision.size else -np.inf
            best_topic = float(topics.max()) if topics.size else -np.inf
            if negative is not None and decision.size:
                none_lead = negative - best_entry
            if negative is not None and negative > best_entry and negative >= best_topic:
                # "None of these" won: trust only near-verbatim phrasings.
                classifier_conf = np.zeros_like(classifier_conf)
            elif best_topic >= s.near_domain_min and best_topic > best_entry + s.near_domain_margin:
                near = int(topics.argmax())
                classifier_conf = np.zeros_like(classifier_conf)
            confidence = np.maximum(confidence, classifier_conf)
        if steering.active and len(confidence):
            confidence = self.entities.steer(confidence, steering, s)
        own_entries: list[Entry] = []
        community = self._communities.get(community_id or "")
        if community is not None:
            confidence[community.hidden_positions] = -1.0
            if community.targets:
                own = _sigmoid(community.index.scores(normalized), s.community_center, s.community_scale)
                confidence = np.concatenate([confidence, own])
                own_entries = community.targets  # a linked phrasing ranks as the entry it routes to
        return confidence, own_entries, near, steering, none_lead

    def _top(self, confidence: np.ndarray, own_entries: list[Entry], limit: int | None) -> list[Candidate]:
        total = len(confidence)
        count = total if limit is None else min(limit, total)
        if count == 0:
            return []
        # argpartition finds the best `count` without sorting every entry (10,000s in big communities)
        top = np.argpartition(-confidence, count - 1)[:count] if count < total else np.arange(total)
        top = top[np.argsort(-confidence[top], kind="stable")]
        curated = len(self.entries)  # positions past the curated ones are the community's own
        ranked = [
            Candidate(self.entries[i] if i < curated else own_entries[i - curated], float(confidence[i]))
            for i in top
            if confidence[i] >= 0
        ]
        if not own_entries:
            return ranked
        best: dict[str, Candidate] = {}  # a linked entry also ranks as itself: keep its better score only
        for candidate in ranked:
            best.setdefault(candidate.entry.id, candidate)
        return list(best.values())

    def rank(self, text: str, community_id: str | None = None, limit: int | None = None) -> list[Candidate]:
        """The best visible entries with their confidence, best first (all of them if no limit)."""
        confidence, own_entries, _, _, _ = self._score(text, community_id)
        return self._top(confidence, own_entries, limit)

    def match(self, text: str, community_id: str | None = None, locale: Locale | None = None) -> MatchResult:
        """Decide what to do with one question."""
        detected = locale or detect_locale(text)
        normalized = normalize(text)
        if is_gibberish(normalized):
            return MatchResult("fallback", "gibberish", detected)
        s = self.settings
        confidence, own_entries, near, steering, none_lead = self._score(text, community_id)
        # a few extra candidates, so that dropping duplicates still leaves a real choice
        top = self._top(confidence, own_entries, s.max_suggestions + 3)
        linked = self._communities[community_id].exact.get(normalized) if community_id in self._communities else None
        if linked is not None:  # a moderator routed exactly this question here: no doubt left
            rest = [c for c in top if c.entry.id != linked.id]
            return MatchResult("answer", "matched", detected, [Candidate(linked, 1.0), *rest][: s.max_suggestions])
        best = top[0].score if top else 0.0
        if asks_medical_advice(text) and best < s.strong_threshold:
            return MatchResult("fallback", "medical_advice", detected, top[: s.max_suggestions])
        if near is not None and best < s.answer_threshold:
            related_position = self.entities.network_entry(steering.networks)
            related = self.entries[related_position] if related_position is not None else None
            if related is not None and self.is_hidden(related.id, community_id):
                related = None
            return MatchResult(
                "fallback", "near_domain", detected, top[: s.max_suggestions], self.near_domain[near], related
            )
        statistics = steering.statistics or asks_statistics(fold(text))
        top = self._prefer_pair(top, statistics)
        best = top[0].score if top else 0.0
        if best >= s.answer_threshold:
            close = self._distinct(
                [c for i, c in enumerate(top) if i == 0 or top[0].strength - c.strength < s.ambiguity_gap],
                detected,
                statistics,
            )  # the best always stands, so a gap of 0 answers rather than offering nothing
            if len(close) == 1:  # the only real choice (a duplicate title or a network's own statistics dropped)
                chosen = close[0]
                rest = [c for c in top if c is not chosen]
                return MatchResult("answer", "matched", detected, [chosen, *rest][: s.max_suggestions])
            return MatchResult("clarify", "ambiguous", detected, close[: s.max_suggestions])
        if best >= s.clarify_threshold:
            unsure = self._distinct([c for c in top if c.score >= s.clarify_threshold], detected, statistics)
            reason: Reason = "confirm" if len(unsure) == 1 else "unsure"
            return MatchResult("clarify", reason, detected, unsure[: s.max_suggestions])
        reason_: Reason = "off_topic" if self._off_topic(text, normalized, none_lead) else "no_match"
        return MatchResult("fallback", reason_, detected, top[: s.max_suggestions])

    def _prefer_pair(self, top: list[Candidate], statistics: bool) -> list[Candidate]:
        """A network's own entry and its statistics entry compete for one question about that network:
        the statistics entry wins only a question that asks for figures, the own entry every other one.
        The winner takes the pair's best confidence, the loser leaves the list."""
        if not top:
            return top
        network = self.entities.network_of(top[0].entry.id)
        if network is None:
            return top
        for candidate in top[1:]:
            if candidate.score < self.settings.clarify_threshold:
                break
            if self.entities.network_of(candidate.entry.id) != network:
                continue
            pair = (top[0].entry.id, candidate.entry.id)
            stats = [self.entities.is_stats(i) for i in pair]
            owns = [self.entities.owns(i) for i in pair]
            if stats[0] == stats[1] or not (owns[0] or owns[1]):
                return top
            if stats[0] != statistics:  # the runner-up is the one this question wants
                promoted = Candidate(candidate.entry, top[0].strength)
                return [promoted, *(c for c in top[1:] if c is not candidate)]
            return [top[0], *(c for c in top[1:] if c is not candidate)]
        return top

    def _distinct(self, top: list[Candidate], locale: Locale, statistics: bool) -> list[Candidate]:
        """Candidates worth offering side by side: one per title, and on a question that is not about
        statistics, a network's own entry without the statistics entry of the same network (and the
        other way round on a statistics question)."""
        seen: set[str] = set()
        networks = {
            c.entry.id: self.entities.network_of(c.entry.id) for c in top
        }
        owned = {n for entry_id, n in networks.items() if n is not None and self.entities.owns(entry_id)}
        stats_of = {n for entry_id, n in networks.items() if n is not None and self.entities.is_stats(entry_id)}
        kept: list[Candidate] = []
        for candidate in top:
            title = fold(candidate.entry.display_title(locale)).strip()
            if title in seen:
                continue
            network = networks[candidate.entry.id]
            pair = network is not None and network in owned and network in stats_of
            if pair and statistics != self.entities.is_stats(candidate.entry.id):
                continue
            seen.add(title)
            kept.append(candidate)
        return kept

    def _off_topic(self, text: str, normalized: str, none_lead: float | None) -> bool:
        """Unanswered, and not a gap worth a moderator's time: no word of the knowledge's own vocabulary,
        and either not a question at all (chatter, reactions) or clearly what "none of these" claims
        (`none_lead`, from scoring the question)."""
        # a word the out-of-scope examples use as it is ("match" of "football match") is no sign of the
        # domain, even when a phrasing has a word of the same stem ("matched into residency")
        stems = {
            w[:_MIN_DOMAIN_WORD + 1] for w in normalized.split()
            if len(w) >= _MIN_DOMAIN_WORD and w not in self._negative_words
        }
        if stems & self._domain_stems:
            return False
        if not looks_like_question(text):
            return True
        return none_lead is not None and none_lead >= OFF_TOPIC_MARGIN

    def similar(self, text: str, community_id: str | None = None, limit: int = 3) -> list[Candidate]:
        """Closest existing entries, for "this looks like ..." warnings to moderators."""
        return self.rank(text, community_id, limit=limit)
