"""Rank every entry for a question and decide: answer, clarify ("did you mean"), or fallback.

Two scorers, one scale. The classifier knows the curated entries well; the phrase index knows
every entry, including a community's, the instant it is added. Both raw scores are mapped to a
confidence in [0, 1] by a sigmoid whose centre and width are settings, and an entry's score is
the higher of the two. Decision rule (as in Rasa's fallback): answer when the top confidence
reaches `answer_threshold` and beats the runner-up by `ambiguity_gap`; offer choices when it
reaches `clarify_threshold`; otherwise fall back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from bot.config import MatchSettings
from bot.matching.classifier import IntentClassifier
from bot.matching.features import Featurizer
from bot.matching.guards import asks_medical_advice, is_gibberish, looks_like_question
from bot.matching.index import PhraseIndex
from bot.matching.language import detect_locale
from bot.matching.normalize import normalize
from bot.matching.open_index import DocumentFrequencies, GramVocabulary, OpenPhraseIndex
from bot.models import Entry, Locale, LocalizedList

MatchKind = Literal["answer", "clarify", "fallback"]
Reason = Literal["matched", "unsure", "ambiguous", "no_match", "off_topic", "medical_advice", "gibberish"]
OFF_TOPIC_MARGIN = 1.0  # "none of these" beats every entry by this much (raw SVM decision values)
_MIN_DOMAIN_WORD = 4  # shorter words ("the", "app", "de") say nothing about the domain


@dataclass(frozen=True)
class Candidate:
    entry: Entry
    score: float


@dataclass(frozen=True)
class MatchResult:
    kind: MatchKind
    reason: Reason
    locale: Locale
    candidates: list[Candidate] = field(default_factory=list)  # best first

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


class Matcher:
    """Matches questions against curated entries plus, per community, its own entries."""

    def __init__(
        self, entries: Sequence[Entry], settings: MatchSettings | None = None, negatives: Sequence[str] = ()
    ) -> None:
        self.settings = settings or MatchSettings()
        self.entries = list(entries)
        self._by_id = {e.id: e for e in self.entries}
        phrasings = [text for e in self.entries for _, text in e.questions.all()]
        self.featurizer = Featurizer([*phrasings, *negatives])
        self._index = PhraseIndex(self.featurizer, self.entries)
        self._community_grams = GramVocabulary(DocumentFrequencies(phrasings))  # shared by communities
        self._classifier: IntentClassifier | None = None
        if len(self.entries) <= self.settings.classifier_max_entries:
            self._classifier = IntentClassifier(self.featurizer, self.entries, negatives, self.settings.classifier_c)
        self._communities: dict[str, _Community] = {}
        negative_words = {w for text in negatives for w in normalize(text).split()}
        domain = {
            w for text in phrasings for w in normalize(text).split()
            if len(w) >= _MIN_DOMAIN_WORD and w not in negative_words
        }
        self._domain_stems = frozenset(w[:_MIN_DOMAIN_WORD + 1] for w in domain)  # "tweets" ~ "tweet"

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
    def rank(self, text: str, community_id: str | None = None, limit: int | None = None) -> list[Candidate]:
        """The best visible entries with their confidence, best first (all of them if no limit)."""
        normalized = self.featurizer.correct(normalize(text))
        query = self.featurizer.transform_one(normalized)
        s = self.settings
        confidence = _sigmoid(self._index.scores(query), s.neighbour_center, s.neighbour_scale)
        if self._classifier is not None:
            decision, negative = self._classifier.scores(query)
            classifier_conf = _sigmoid(decision, s.classifier_center, s.classifier_scale)
            if negative is not None and decision.size and negative > float(decision.max()):
                # "None of these" won: trust only near-verbatim phrasings.
                classifier_conf = np.zeros_like(classifier_conf)
            confidence = np.maximum(confidence, classifier_conf)
        own_entries: list[Entry] = []
        community = self._communities.get(community_id or "")
        if community is not None:
            confidence[community.hidden_positions] = -1.0
            if community.targets:
                own = _sigmoid(community.index.scores(normalized), s.community_center, s.community_scale)
                confidence = np.concatenate([confidence, own])
                own_entries = community.targets
        total = len(confidence)
        count = total if limit is None else min(limit, total)
        # argpartition finds the best `count` without sorting every entry (10,000s in big communities)
        top = np.argpartition(-confidence, count - 1)[:count] if count < total else np.arange(total)
        top = top[np.argsort(-confidence[top], kind="stable")]
        curated = len(self.entries)  # positions past the curated ones are the community's own
        ranked = [
            Candidate(self.entries[i] if i < curated else own_entries[i - curated], float(confidence[i]))
            for i in top
            if confidence[i] >= 0
        ]
        if community is None or len(community.targets) == len(community.entries):
            return ranked
        best: dict[str, Candidate] = {}  # a linked entry also ranks as itself: keep its better score only
        for candidate in ranked:
            best.setdefault(candidate.entry.id, candidate)
        return list(best.values())

    def match(self, text: str, community_id: str | None = None, locale: Locale | None = None) -> MatchResult:
        """Decide what to do with one question."""
        detected = locale or detect_locale(text)
        normalized = normalize(text)
        if is_gibberish(normalized):
            return MatchResult("fallback", "gibberish", detected)
        s = self.settings
        top = self.rank(text, community_id, limit=s.max_suggestions)
        linked = self._communities[community_id].exact.get(normalized) if community_id in self._communities else None
        if linked is not None:  # a moderator routed exactly this question here: no doubt left
            rest = [c for c in top if c.entry.id != linked.id]
            return MatchResult("answer", "matched", detected, [Candidate(linked, 1.0), *rest])
        best = top[0].score if top else 0.0
        if asks_medical_advice(text) and best < s.strong_threshold:
            return MatchResult("fallback", "medical_advice", detected, top)
        if best >= s.answer_threshold:
            runner_up = top[1].score if len(top) > 1 else 0.0
            if best - runner_up >= s.ambiguity_gap:
                return MatchResult("answer", "matched", detected, top)
            close = [c for c in top if best - c.score < s.ambiguity_gap]
            return MatchResult("clarify", "ambiguous", detected, close)
        if best >= s.clarify_threshold:
            unsure = [c for c in top if c.score >= s.clarify_threshold]
            return MatchResult("clarify", "unsure", detected, unsure)
        reason: Reason = "off_topic" if self._off_topic(text, normalized) else "no_match"
        return MatchResult("fallback", reason, detected, top)

    def _off_topic(self, text: str, normalized: str) -> bool:
        """Unanswered, and not a gap worth a moderator's time: no word of the knowledge's own vocabulary,
        and either not a question at all (chatter, reactions) or clearly what "none of these" claims."""
        stems = {w[:_MIN_DOMAIN_WORD + 1] for w in normalized.split() if len(w) >= _MIN_DOMAIN_WORD}
        if stems & self._domain_stems:
            return False
        if not looks_like_question(text):
            return True
        if self._classifier is None:
            return False
        decision, negative = self._classifier.scores(self.featurizer.transform_one(self.featurizer.correct(normalized)))
        return negative is not None and decision.size > 0 and negative - float(decision.max()) >= OFF_TOPIC_MARGIN

    def similar(self, text: str, community_id: str | None = None, limit: int = 3) -> list[Candidate]:
        """Closest existing entries, for "this looks like ..." warnings to moderators."""
        return self.rank(text, community_id, limit=limit)
