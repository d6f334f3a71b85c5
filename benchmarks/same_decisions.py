"""Prove a speed change left every matcher decision alone: dump full match results, then compare dumps.

Each question's kind, reason, locale, candidates (ids and confidences to the last bit), near-domain
topic and related entry are written, for the development case files (never a blind set), CLINC150
test questions against the curated knowledge (typos, unknown words, out-of-scope), the same with a
small community of moderator entries, and a neighbours-only synthetic base (as the 100,000 row of
the speed table runs).

The classifier fixes liblinear's shuffling seed, so two trainings of the same knowledge give the same
weights and two dumps of unchanged code are identical; `dump` also seeds numpy's global state, for
a comparison with code from before that fix.

    .venv/bin/python benchmarks/same_decisions.py dump /tmp/before.json
    .venv/bin/python benchmarks/same_decisions.py compare /tmp/before.json /tmp/after.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CASE_FILES = ("eval.jsonl", "eval_holdout.jsonl", "eval_dev2.jsonl")  # development sets only
CLINC_QUESTIONS = 600
SYNTHETIC_PHRASINGS = 4_000


def _result(matcher: object, text: str, community: str | None = None) -> dict[str, object]:
    from bot.matching import Matcher

    assert isinstance(matcher, Matcher)
    result = matcher.match(text, community)
    return {
        "text": text,
        "kind": result.kind,
        "reason": result.reason,
        "locale": result.locale,
        "candidates": [[c.entry.id, repr(c.score)] for c in result.candidates],
        "topic": result.topic.key if result.topic else None,
        "related": result.related.id if result.related else None,
        "ranked": [[c.entry.id, repr(c.score)] for c in matcher.rank(text, community, limit=5)],
    }


def dump(path: Path) -> None:
    import numpy as np
    from matcher_bench import synthetic_phrasings

    from bot.config import MatchSettings
    from bot.knowledge import CURATED_DIR, load_curated
    from bot.matching import Matcher
    from bot.models import Entry, Localized, LocalizedList

    np.random.seed(0)  # LinearSVC's shuffling: the same trained weights in every dump
    curated = Matcher.from_directory(CURATED_DIR, load_curated())
    sections: dict[str, list[dict[str, object]]] = {}
    for name in CASE_FILES:
        lines = (ROOT / "tests" / "data" / name).read_text(encoding="utf-8").splitlines()
        sections[name] = [_result(curated, json.loads(line)["text"]) for line in lines if line.strip()]
    phrasings, questions = synthetic_phrasings(SYNTHETIC_PHRASINGS)
    clinc = questions[:CLINC_QUESTIONS]
    sections["clinc-curated"] = [_result(curated, q) for q in clinc]
    community = [
        Entry(id=f"c{i}", topic="community", questions=LocalizedList(en=phrasings[2 * i : 2 * i + 2]),
              answer=Localized(en="a"))
        for i in range(200)
    ]
    curated.set_community("check", community, hidden=["body-gmc"], links={"c1": ["where is the staff parking"]})
    sections["clinc-community"] = [_result(curated, q, "check") for q in clinc[:300]]
    bench = [
        Entry(id=f"e{i // 20}", topic="bench", questions=LocalizedList(en=phrasings[i : i + 20]),
              answer=Localized(en="a"))
        for i in range(0, len(phrasings), 20)
    ]
    neighbours = Matcher(bench, MatchSettings(classifier_max_entries=0))
    sections["clinc-neighbours"] = [_result(neighbours, q) for q in clinc]
    path.write_text(json.dumps(sections, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{sum(len(v) for v in sections.values())} questions written to {path}")


def compare(before: Path, after: Path) -> int:
    old = json.loads(before.read_text(encoding="utf-8"))
    new = json.loads(after.read_text(encoding="utf-8"))
    differences = 0
    for section, rows in old.items():
        other = new.get(section, [])
        if len(other) != len(rows):
            print(f"{section}: {len(rows)} questions before, {len(other)} after")
            differences += 1
            continue
        for a, b in zip(rows, other, strict=True):
            if a != b:
                differences += 1
                changed = sorted(k for k in a if a[k] != b.get(k))
                print(f"{section}: {a['text']!r} differs in {', '.join(changed)}")
                for key in changed:
                    print(f"    before {a[key]}\n    after  {b[key]}")
    total = sum(len(rows) for rows in old.values())
    print(f"{total - differences} of {total} questions identical" if differences else f"all {total} identical")
    return 1 if differences else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("dump").add_argument("path", type=Path)
    check = commands.add_parser("compare")
    check.add_argument("before", type=Path)
    check.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.path)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    raise SystemExit(main())
