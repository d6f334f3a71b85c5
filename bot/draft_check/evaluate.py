"""Score the checker against a labelled set; shared by the quality test and the benchmark script.

A category counts as flagged only with a medium or high flag: low flags are advice, not alarms.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.draft_check.engine import check_draft, new_second_opinion
from bot.draft_check.learned import Labelled, weight_for
from bot.draft_check.types import CATEGORIES, CheckResult
from bot.evaluation import percentile

HIGH_CATEGORIES: tuple[str, ...] = ("patient-privacy", "consent")


@dataclass(frozen=True)
class Example:
    """One labelled draft: expected categories (empty for a clean post) and its language."""

    text: str
    categories: frozenset[str]
    lang: str
    group: str = ""  # rows generated from one frame share a group; cross-validation keeps it in one fold
    source: str = ""  # the file it comes from (training weight: see learned.weight_for)


@dataclass
class CategoryScore:
    """Recall over drafts labelled with the category, precision over drafts where it was flagged."""

    category: str
    support: int = 0
    flagged: int = 0
    true_positives: int = 0

    @property
    def recall(self) -> float:
        return self.true_positives / self.support if self.support else 1.0

    @property
    def precision(self) -> float:
        return self.true_positives / self.flagged if self.flagged else 1.0


@dataclass
class Report:
    """Everything the benchmark prints and the quality test asserts."""

    total: int
    clean: int
    categories: dict[str, CategoryScore]
    false_alarms: int
    high_expected: int
    high_caught: int
    latencies_ms: list[float] = field(default_factory=list)
    misses: list[tuple[str, str]] = field(default_factory=list)  # (category, text) for debugging
    extras: list[tuple[str, str]] = field(default_factory=list)

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.clean if self.clean else 0.0

    @property
    def high_verdict_accuracy(self) -> float:
        """Share of drafts labelled with a high category that got the do-not-post verdict."""
        return self.high_caught / self.high_expected if self.high_expected else 1.0

    @property
    def latency_median_ms(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def latency_p99_ms(self) -> float:
        return percentile(self.latencies_ms, 0.99) if self.latencies_ms else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "clean": self.clean,
            "categories": {
                c.category: {
                    "support": c.support,
                    "flagged": c.flagged,
                    "recall": round(c.recall, 3),
                    "precision": round(c.precision, 3),
                }
                for c in self.categories.values()
            },
            "false_alarm_rate": round(self.false_alarm_rate, 3),
            "high_verdict_accuracy": round(self.high_verdict_accuracy, 3),
            "latency_median_ms": round(self.latency_median_ms, 3),
            "latency_p99_ms": round(self.latency_p99_ms, 3),
        }


def load_examples(path: Path, *, file_group: bool = False) -> list[Example]:
    """Read the JSONL labelled set; blank lines are skipped, unknown categories are an error.

    Generated rows keep their frame's group; a hand-written row is its own group, or with `file_group` the
    whole file's (one writer's drafts share habits of wording, so cross-validation keeps them together)."""
    examples: list[Example] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text, cats, lang = row["text"], frozenset(row["categories"]), row["lang"]
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: malformed entry ({type(exc).__name__}: {exc})") from exc
        unknown = cats - set(CATEGORIES)
        if unknown:
            raise ValueError(f"{path}:{n}: field 'categories': unknown categories {sorted(unknown)}")
        group = str(row.get("group") or (path.name if file_group else f"row:{n}"))
        examples.append(Example(text=text, categories=cats, lang=lang, group=group, source=path.name))
    return examples


def flagged_categories(result: CheckResult) -> set[str]:
    """Categories with at least one medium or high flag."""
    return {f.category for f in result.flags if f.severity in ("high", "medium")}


def evaluate(
    examples: Iterable[Example],
    check: Callable[[str], CheckResult] = check_draft,
    repeat: int = 1,
    report: Report | None = None,
) -> Report:
    """Run `check` over every example (timing each call `repeat` times) and score it."""
    items = list(examples)
    if report is None:
        report = Report(total=0, clean=0, categories={c: CategoryScore(c) for c in CATEGORIES}, false_alarms=0,
                        high_expected=0, high_caught=0)
    report.total += len(items)
    scores = report.categories
    for ex in items:
        result = check(ex.text)
        for _ in range(max(1, repeat)):
            t0 = time.perf_counter()
            result = check(ex.text)
            report.latencies_ms.append((time.perf_counter() - t0) * 1000)
        got = flagged_categories(result)
        for cat in CATEGORIES:
            expected = cat in ex.categories
            scores[cat].support += expected
            scores[cat].flagged += cat in got
            scores[cat].true_positives += expected and cat in got
            if expected and cat not in got:
                report.misses.append((cat, ex.text))
            if cat in got and not expected:
                report.extras.append((cat, ex.text))
        if not ex.categories:
            report.clean += 1
            report.false_alarms += bool(got)
        if ex.categories & set(HIGH_CATEGORIES):
            report.high_expected += 1
            report.high_caught += result.verdict == "do-not-post"
    return report


def folds(examples: list[Example], k: int) -> list[tuple[list[Example], list[Example]]]:
    """k (train, test) splits that keep every group in one fold, groups dealt largest first (deterministic)."""
    groups: dict[str, list[Example]] = {}
    for ex in examples:
        groups.setdefault(ex.group, []).append(ex)
    bins: list[list[Example]] = [[] for _ in range(k)]
    for _, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        min(bins, key=len).extend(members)
    return [([ex for j, b in enumerate(bins) if j != i for ex in b], bins[i]) for i in range(k)]


def _trained_on(train: list[Example], test: list[Example], report: Report | None = None) -> Report:
    model = new_second_opinion().fit([Labelled(ex.text, ex.categories, weight_for(ex.source)) for ex in train])
    return evaluate(test, lambda text: check_draft(text, learned=model), report=report)


def cross_validate(examples: list[Example], k: int = 5) -> Report:
    """Grouped k-fold: train the second opinion on k-1 folds, check the held-out fold with rules + it."""
    report: Report | None = None
    for train, test in folds(examples, k):
        report = _trained_on(train, test, report)
    assert report is not None
    return report


def leave_one_file_out(files: dict[str, list[Example]]) -> dict[str, Report]:
    """For each file: train the second opinion on all the other files, check this one with rules + it (the
    honest figure for a file written independently of the others and of the rules)."""
    return {name: _trained_on([ex for other, rows in files.items() if other != name for ex in rows], rows)
            for name, rows in files.items()}
