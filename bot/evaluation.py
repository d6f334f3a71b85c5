"""Measure a matcher on labelled cases: the one scoring used by `eval`, the tests and benchmarks.

A case is answered correctly only when the matcher commits ("answer") to the expected entry;
an unanswerable case (expect = null) is handled correctly when the matcher does not commit.
Cross-validation (`cross_validate`) tests each entry on phrasings it was not trained on, which
measures understanding rather than memory of the phrasings.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from bot.matching import Matcher
from bot.models import Entry, LocalizedList


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Case(BaseModel):
    text: str
    expect: str | None
    group: str | None = None  # optional label ("en", "es", "reject", "en-typos"): accuracy is reported per group


class CaseFileError(Exception):
    """A cases file line that is not a valid case; the message names file and line."""


@dataclass(frozen=True)
class CaseResult:
    """What the matcher did with one case."""

    text: str
    expect: str | None
    group: str | None
    kind: str  # answer, clarify or fallback
    got: str | None  # the committed entry id (answer only)
    score: float

    @property
    def correct(self) -> bool:
        return self.got == self.expect

    def as_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "expect": self.expect,
            "group": self.group,
            "kind": self.kind,
            "got": self.got,
            "score": round(self.score, 4),
            "correct": self.correct,
        }


@dataclass
class EvalReport:
    answerable: int = 0
    correct: int = 0
    unanswerable: int = 0
    rejected: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)  # (expected, got)
    unknown_expected: set[str] = field(default_factory=set)
    results: list[CaseResult] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.answerable if self.answerable else 0.0

    @property
    def rejection(self) -> float:
        return self.rejected / self.unanswerable if self.unanswerable else 0.0

    def latency(self) -> dict[str, float]:
        if not self.latencies_ms:
            return {"median": 0.0, "p99": 0.0}
        return {
            "median": round(statistics.median(self.latencies_ms), 3),
            "p99": round(percentile(self.latencies_ms, 0.99), 3),
        }

    def groups(self) -> dict[str, dict[str, float]]:
        """Per group: cases and the share handled correctly (right entry, or rightly not answered)."""
        totals: Counter[str] = Counter()
        right: Counter[str] = Counter()
        for result in self.results:
            if result.group is None:
                continue
            totals[result.group] += 1
            right[result.group] += result.correct
        return {g: {"cases": totals[g], "accuracy": round(right[g] / totals[g], 4)} for g in sorted(totals)}

    def add(self, other: EvalReport) -> None:
        """Merge another report into this one (the folds of a cross-validation)."""
        self.answerable += other.answerable
        self.correct += other.correct
        self.unanswerable += other.unanswerable
        self.rejected += other.rejected
        self.latencies_ms.extend(other.latencies_ms)
        self.confusions.update(other.confusions)
        self.unknown_expected |= other.unknown_expected
        self.results.extend(other.results)

    def summary(self) -> dict[str, object]:
        summary: dict[str, object] = {
            "answerable": self.answerable,
            "accuracy": round(self.accuracy, 4),
            "unanswerable": self.unanswerable,
            "rejection": round(self.rejection, 4),
            "latency_ms": self.latency(),
        }
        groups = self.groups()
        if groups:
            summary["groups"] = groups
        return summary

    def meets(self, min_accuracy: float | None, min_rejection: float | None) -> bool:
        """True when the report reaches both floors (a floor is ignored when there are no such cases)."""
        if min_accuracy is not None and self.answerable and self.accuracy < min_accuracy:
            return False
        return not (min_rejection is not None and self.unanswerable and self.rejection < min_rejection)


def load_cases(path: Path) -> list[Case]:
    cases: list[Case] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            cases.append(Case.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise CaseFileError(
                f'{path.name}: line {number}: not a case {{"text": str, "expect": id|null}}: {exc}'
            ) from exc
    return cases


def evaluate(matcher: Matcher, cases: Iterable[Case], community_id: str | None = None) -> EvalReport:
    report = EvalReport()
    for case in cases:
        started = time.perf_counter()
        result = matcher.match(case.text, community_id)
        report.latencies_ms.append((time.perf_counter() - started) * 1000)
        committed = result.top.entry.id if result.kind == "answer" and result.top else None
        report.results.append(CaseResult(case.text, case.expect, case.group, result.kind, committed, result.score))
        if case.expect is None:
            report.unanswerable += 1
            if committed is None:
                report.rejected += 1
            else:
                report.confusions[("(none)", committed)] += 1
            continue
        report.answerable += 1
        if matcher.entry(case.expect, community_id) is None:
            report.unknown_expected.add(case.expect)
        if committed == case.expect:
            report.correct += 1
        else:
            got = committed or f"({result.kind})"
            report.confusions[(case.expect, got)] += 1
    return report


# --- cross-validation ---------------------------------------------------------------------------------

MatcherFactory = Callable[[list[Entry], list[str]], Matcher]


@dataclass
class CrossValidation:
    folds: int
    report: EvalReport
    fold_accuracy: list[float]
    fold_cases: list[int]  # how many cases each fold tested, in the order of report.results

    def summary(self) -> dict[str, object]:
        folds = [round(a, 4) for a in self.fold_accuracy]
        return {"folds": self.folds, **self.report.summary(), "fold_accuracy": folds}


def _fold_of(items: Sequence[object], folds: int, rng: random.Random) -> list[int]:
    """A fold number per item, balanced: shuffled positions dealt round-robin."""
    order = list(range(len(items)))
    rng.shuffle(order)
    assignment = [0] * len(items)
    for rank, position in enumerate(order):
        assignment[position] = rank % folds
    return assignment


def _without(entry: Entry, keep: set[tuple[str, int]]) -> Entry:
    """A copy of `entry` holding only the phrasings whose (locale, position) is in `keep`."""
    questions = LocalizedList(
        en=[t for i, t in enumerate(entry.questions.en) if ("en", i) in keep],
        es=[t for i, t in enumerate(entry.questions.es) if ("es", i) in keep],
    )
    return entry.model_copy(update={"questions": questions})


def cross_validate(
    entries: Sequence[Entry], negatives: Sequence[str], folds: int, build: MatcherFactory, seed: int = 0
) -> CrossValidation:
    """K-fold over each entry's phrasings (and the out-of-scope examples), as `rasa test nlu --cross-validation`.

    Each entry's phrasings are dealt into K folds; fold k is tested on a matcher trained on the
    other K-1 folds. An entry with fewer than K phrasings is tested only in the folds its
    phrasings fall in, and always keeps at least one phrasing for training.
    """
    if folds < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    rng = random.Random(seed)
    assignments: list[list[tuple[str, int, str, int]]] = []  # per entry: (locale, position, text, fold)
    for entry in entries:
        found = [(loc, i, text) for loc in ("en", "es") for i, text in enumerate(entry.questions.get(loc))]
        fold_numbers = _fold_of(found, folds, rng)
        assignments.append([(loc, i, text, f) for (loc, i, text), f in zip(found, fold_numbers, strict=True)])
    negative_folds = _fold_of(negatives, folds, rng)
    total = EvalReport()
    fold_accuracy: list[float] = []
    fold_cases: list[int] = []
    for fold in range(folds):
        train: list[Entry] = []
        cases: list[Case] = []
        for entry, phrasings in zip(entries, assignments, strict=True):
            held = [(loc, i, text) for loc, i, text, f in phrasings if f == fold]
            if len(held) == len(phrasings):
                held = held[1:]  # never train an entry on nothing
            held_keys = {(loc, i) for loc, i, _ in held}
            keep = {(loc, i) for loc, i, _, _ in phrasings if (loc, i) not in held_keys}
            train.append(_without(entry, keep))
            cases.extend(Case(text=text, expect=entry.id, group=loc) for loc, _, text in held)
        train_negatives = [n for n, f in zip(negatives, negative_folds, strict=True) if f != fold]
        cases.extend(Case(text=n, expect=None, group="reject") for n, f in zip(negatives, negative_folds, strict=True)
                     if f == fold)
        report = evaluate(build(train, train_negatives), cases)
        fold_accuracy.append(report.accuracy)
        fold_cases.append(len(cases))
        total.add(report)
    return CrossValidation(folds, total, fold_accuracy, fold_cases)
