"""Benchmark the draft checker: recall/precision per category, false alarms on clean drafts, do-not-post
accuracy and latency, for the rules alone and for rules + the learned second opinion.

  .venv/bin/python benchmarks/check_bench.py                      # the training files (training figures)
  .venv/bin/python benchmarks/check_bench.py --data FILE          # any labelled set (model trained on them)
  .venv/bin/python benchmarks/check_bench.py --cross-validate 5   # grouped 5-fold on the training files
  .venv/bin/python benchmarks/check_bench.py --leave-one-file-out # train on the other files, test on each
  .venv/bin/python benchmarks/check_bench.py --leave-one-file-out --misses  # ... and list each file's misses
  .venv/bin/python benchmarks/check_bench.py --guard              # the patient-data guard on group chatter

The training files are bot/draft_check/data/drafts.jsonl, drafts_hand_*.jsonl and drafts_retired_blind*.jsonl
(package data; learned.TRAINING_NAMES).
Cross-validation keeps each generated frame's variants, and each hand-written file, in one fold.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.draft_check.engine import DEFAULT_OPINION, check_draft  # noqa: E402
from bot.draft_check.evaluate import (  # noqa: E402
    Example,
    Report,
    cross_validate,
    evaluate,
    leave_one_file_out,
    load_examples,
)
from bot.draft_check.learned import training_files  # noqa: E402

CHATTER = ROOT / "tests" / "data" / "guard_chatter.jsonl"


def guard_table(path: Path) -> str:
    """False alarms on ordinary clinical chatter and reminders on identifying messages, with latency."""
    from bot.draft_check.guard import inspect
    from bot.evaluation import percentile

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    fired: dict[bool, list[bool]] = {True: [], False: []}
    latencies: list[float] = []
    for row in rows:
        start = time.perf_counter()
        found = inspect(row["text"]) is not None
        latencies.append((time.perf_counter() - start) * 1000)
        fired[bool(row["identifying"])].append(found)
    chatter, identifying = fired[False], fired[True]
    return "\n".join([
        f"patient-data guard on {path.name}: {len(chatter)} chatter messages, {len(identifying)} identifying",
        f"false alarms on clinical chatter: {sum(chatter)}/{len(chatter)} = {sum(chatter) / len(chatter):.2f}",
        f"reminders on identifying messages: {sum(identifying)}/{len(identifying)} = "
        f"{sum(identifying) / len(identifying):.2f}",
        f"latency per message: p99 {percentile(latencies, 0.99):.3f} ms",
    ])


def table(report: Report, heading: str, timed: bool = True) -> str:
    """A plain-text table; no draft text is printed unless --misses is given."""
    lines = [
        heading,
        f"drafts: {report.total} ({report.clean} clean)",
        f"{'category':<22}{'support':>8}{'flagged':>9}{'recall':>8}{'precision':>11}",
    ]
    for c in report.categories.values():
        lines.append(f"{c.category:<22}{c.support:>8}{c.flagged:>9}{c.recall:>8.2f}{c.precision:>11.2f}")
    expected = sum(c.support for c in report.categories.values())
    caught = sum(c.true_positives for c in report.categories.values())
    lines += [
        f"overall recall (every expected category): {caught / expected if expected else 1.0:.2f}",
        f"false-alarm rate on clean drafts (any medium/high flag): {report.false_alarm_rate:.2f}",
        f"do-not-post verdict on drafts labelled patient-privacy/consent: {report.high_verdict_accuracy:.2f}",
    ]
    if timed:
        lines.append(
            f"latency per check: median {report.latency_median_ms:.3f} ms, p99 {report.latency_p99_ms:.3f} ms"
        )
    return "\n".join(lines)


def print_misses(report: Report, prefix: str = "") -> None:
    """Each missed expected category and each flagged unexpected one, with the draft (for development only)."""
    for kind, rows in (("MISS", report.misses), ("EXTRA", report.extras)):
        for cat, text in rows:
            print(f"{prefix}{kind} {cat}: {text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--misses", action="store_true", help="also list missed and extra categories")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per draft")
    parser.add_argument("--data", type=Path, action="append",
                        help="a labelled set (repeatable; default: the training files)")
    parser.add_argument("--cross-validate", type=int, metavar="K", default=0,
                        help="grouped K-fold cross-validation of rules + second opinion on --data")
    parser.add_argument("--leave-one-file-out", action="store_true",
                        help="for each --data file: train on the others, check it with rules + second opinion")
    parser.add_argument("--rules-only", action="store_true", help="skip the learned second opinion")
    parser.add_argument("--guard", action="store_true", help="measure the patient-data guard on guard_chatter.jsonl")
    args = parser.parse_args(argv)
    if args.guard:
        print(guard_table(CHATTER))
        return 0
    paths: list[Path] = args.data or training_files()
    files: dict[str, list[Example]] = {p.name: load_examples(p, file_group=True) for p in paths}
    examples = [ex for rows in files.values() for ex in rows]
    name = ", ".join(files)
    if args.leave_one_file_out:
        for held_out, held_report in leave_one_file_out(files).items():
            print(table(held_report, f"rules + second opinion trained on the other files, on {held_out}",
                        timed=False) + "\n")
            if args.misses:
                print_misses(held_report, prefix=f"{held_out} ")
        return 0
    if args.cross_validate:
        rules = evaluate(examples, lambda t: check_draft(t, learned=False))
        report = cross_validate(examples, args.cross_validate)
        if args.json:
            print(json.dumps({"rules_only": rules.as_dict(), "cross_validated": report.as_dict()}, indent=2))
        else:
            print(table(rules, "rules alone", timed=False) + "\n")
            print(table(report, f"rules + second opinion, grouped {args.cross_validate}-fold cross-validation",
                        timed=False))
    else:
        learned = not args.rules_only
        if learned:
            start = time.perf_counter()
            DEFAULT_OPINION.get()
            seconds = time.perf_counter() - start
            trained = (f"second opinion ready in {seconds:.1f} s (trained on "
                       f"{', '.join(p.name for p in training_files())}, or loaded from cache)")
        report = evaluate(examples, lambda t: check_draft(t, learned=learned), repeat=args.repeat)
        heading = "rules + second opinion" if learned else "rules alone"
        if args.json:
            print(json.dumps(report.as_dict(), indent=2))
        else:
            print(table(report, f"{heading} on {name}"))
            if learned:
                print(trained)
    if args.misses:
        print_misses(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
