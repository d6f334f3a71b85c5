"""CLINC150 (Larson et al., 2019): the matcher on a public intent benchmark with out-of-scope queries.

Loads `train` as the knowledge (one entry per intent) and `oos_train` as the "none of these"
examples, then reports in-scope accuracy and out-of-scope recall on val and test with the
default settings. Thresholds were tuned on train/val only.

    .venv/bin/python benchmarks/clinc150.py [--data PATH] [--split val|test|both]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.config import MatchSettings
from bot.evaluation import Case, evaluate
from bot.matching import Matcher
from bot.models import Entry, Localized, LocalizedList

_RELATIVE = Path("shared") / "datasets" / "clinc150" / "data_full.json"
# The shared folder sits beside the checkout (/work/main) or beside the worktrees' folder (/work/wt/NAME).
DEFAULT_DATA = next(
    (p / _RELATIVE for p in Path(__file__).resolve().parents if (p / _RELATIVE).exists()),
    Path(__file__).resolve().parent.parent.parent / _RELATIVE,
)


def intent_entries(rows: list[list[str]]) -> list[Entry]:
    by_intent: dict[str, list[str]] = defaultdict(list)
    for text, intent in rows:
        by_intent[intent].append(text)
    return [
        Entry(
            id=re.sub(r"[^a-z0-9_-]", "-", intent.lower())[:40],
            topic="clinc150",
            questions=LocalizedList(en=texts),
            answer=Localized(en=intent),
        )
        for intent, texts in sorted(by_intent.items())
    ]


def cases(rows: list[list[str]], oos: list[list[str]]) -> list[Case]:
    make_id = lambda intent: re.sub(r"[^a-z0-9_-]", "-", intent.lower())[:40]  # noqa: E731
    return [Case(text=t, expect=make_id(i)) for t, i in rows] + [Case(text=t, expect=None) for t, _ in oos]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=["val", "test", "both"], default="both")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"CLINC150 data not found at {args.data}", file=sys.stderr)
        return 2
    data = json.loads(args.data.read_text(encoding="utf-8"))
    started = time.perf_counter()
    matcher = Matcher(intent_entries(data["train"]), MatchSettings(), negatives=[t for t, _ in data["oos_train"]])
    build_s = time.perf_counter() - started
    rows = []
    splits = ["val", "test"] if args.split == "both" else [args.split]
    for split in splits:
        report = evaluate(matcher, cases(data[split], data[f"oos_{split}"]))
        rows.append({"split": split, "build_s": round(build_s, 2), **report.summary()})
    if args.json:
        print(json.dumps(rows))
        return 0
    print(
        "| split | in-scope cases | in-scope accuracy | out-of-scope cases | out-of-scope recall | median ms | p99 ms |"
    )
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        lat = r["latency_ms"]
        print(
            f"| {r['split']} | {r['answerable']} | {r['accuracy']:.1%} | {r['unanswerable']} | {r['rejection']:.1%} "
            f"| {lat['median']:.2f} | {lat['p99']:.2f} |"
        )  # type: ignore[index]
    print(f"(matcher built in {build_s:.1f} s from {len(data['train'])} phrasings)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
