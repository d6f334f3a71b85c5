"""Benchmark the draft checker on tests/data/drafts.jsonl: recall/precision per category, false alarms
on clean drafts, do-not-post accuracy and latency. Run: .venv/bin/python benchmarks/check_bench.py [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.draft_check.evaluate import Report, evaluate, load_examples  # noqa: E402

DATA = ROOT / "tests" / "data" / "drafts.jsonl"


def table(report: Report) -> str:
    """A plain-text table; no draft text is printed unless --misses is given."""
    lines = [
        f"drafts: {report.total} ({report.clean} clean)",
        f"{'category':<22}{'support':>8}{'flagged':>9}{'recall':>8}{'precision':>11}",
    ]
    for c in report.categories.values():
        lines.append(f"{c.category:<22}{c.support:>8}{c.flagged:>9}{c.recall:>8.2f}{c.precision:>11.2f}")
    lines += [
        f"false-alarm rate on clean drafts (any medium/high flag): {report.false_alarm_rate:.2f}",
        f"do-not-post verdict on drafts labelled patient-privacy/consent: {report.high_verdict_accuracy:.2f}",
        f"latency per check: median {report.latency_median_ms:.3f} ms, p99 {report.latency_p99_ms:.3f} ms",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--misses", action="store_true", help="also list missed and extra categories")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per draft")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    report = evaluate(load_examples(args.data), repeat=args.repeat)
    print(json.dumps(report.as_dict(), indent=2) if args.json else table(report))
    if args.misses:
        for kind, rows in (("MISS", report.misses), ("EXTRA", report.extras)):
            for cat, text in rows:
                print(f"{kind} {cat}: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
