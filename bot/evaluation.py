"""Measure a matcher on labelled cases: the one scoring used by `eval`, the tests and benchmarks.

A case is answered correctly only when the matcher commits ("answer") to the expected entry;
an unanswerable case (expect = null) is handled correctly when the matcher does not commit.
"""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from bot.matching import Matcher


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Case(BaseModel):
    text: str
    expect: str | None


class CaseFileError(Exception):
    """A cases file line that is not a valid case; the message names file and line."""


@dataclass
class EvalReport:
    answerable: int = 0
    correct: int = 0
    unanswerable: int = 0
    rejected: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)  # (expected, got)
    unknown_expected: set[str] = field(default_factory=set)

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

    def summary(self) -> dict[str, object]:
        return {
            "answerable": self.answerable,
            "accuracy": round(self.accuracy, 4),
            "unanswerable": self.unanswerable,
            "rejection": round(self.rejection, 4),
            "latency_ms": self.latency(),
        }


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
