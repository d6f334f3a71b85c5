"""Build blind_typos.jsonl: each English blind question with exactly two realistic typos.

Why: doctors type fast on phones; the matcher must survive slips it was never tuned on.
Deterministic (fixed seed, per-question stream), standard library only.
Run: python tests/data/make_typos.py
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

SEED = 20261129
TYPOS_PER_QUESTION = 2
MIN_WORD_LEN = 4
HERE = Path(__file__).resolve().parent
SOURCE = HERE / "blind.jsonl"
TARGET = HERE / "blind_typos.jsonl"
WORD = re.compile(r"[A-Za-z]+")

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours() -> dict[str, str]:
    """Letters next to each letter on a QWERTY keyboard (same row and the rows above/below)."""
    pos = {ch: (r, c) for r, row in enumerate(_ROWS) for c, ch in enumerate(row)}
    out: dict[str, str] = {}
    for ch, (r, c) in pos.items():
        near = [other for other, (r2, c2) in pos.items() if other != ch and abs(r2 - r) <= 1 and abs(c2 - c) <= 1]
        out[ch] = "".join(sorted(near))
    return out


NEIGHBOURS = _neighbours()


def _match_case(new: str, old: str) -> str:
    return new.upper() if old.isupper() else new


def adjacent_key(word: str, rng: random.Random) -> str:
    """Replace one letter (not the first) with a key next to it."""
    i = rng.randrange(1, len(word))
    sub = rng.choice(NEIGHBOURS[word[i].lower()])
    return word[:i] + _match_case(sub, word[i]) + word[i + 1 :]


def dropped_letter(word: str, rng: random.Random) -> str:
    """Leave out one letter (not the first)."""
    i = rng.randrange(1, len(word))
    return word[:i] + word[i + 1 :]


def doubled_letter(word: str, rng: random.Random) -> str:
    """Type one letter (not the first) twice."""
    i = rng.randrange(1, len(word))
    return word[:i] + word[i] + word[i:]


def swapped_neighbours(word: str, rng: random.Random) -> str:
    """Swap two neighbouring, different letters (not the first letter)."""
    spots = [i for i in range(1, len(word) - 1) if word[i].lower() != word[i + 1].lower()]
    if not spots:
        return doubled_letter(word, rng)
    i = rng.choice(spots)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


TYPOS: tuple[Callable[[str, random.Random], str], ...] = (
    adjacent_key,
    dropped_letter,
    doubled_letter,
    swapped_neighbours,
)


def add_typos(text: str, expect: str, rng: random.Random) -> str:
    """Put one typo into each of two different words of 4+ letters (never the entry id itself)."""
    spans = [
        m.span() for m in WORD.finditer(text) if len(m.group()) >= MIN_WORD_LEN and m.group().lower() != expect.lower()
    ]
    if len(spans) < TYPOS_PER_QUESTION:
        raise ValueError(f"fewer than {TYPOS_PER_QUESTION} words of {MIN_WORD_LEN}+ letters")
    chosen = sorted(rng.sample(spans, TYPOS_PER_QUESTION), reverse=True)
    for start, end in chosen:  # right to left, so earlier spans keep their offsets
        word = text[start:end]
        typo = rng.choice(TYPOS)(word, rng)
        text = text[:start] + typo + text[end:]
    return text


def main() -> int:
    out: list[str] = []
    with SOURCE.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            case = json.loads(line)
            if case.get("group") != "en":
                continue
            expect = case.get("expect")
            if not isinstance(expect, str) or not isinstance(case.get("text"), str):
                raise SystemExit(f"{SOURCE.name} line {n}: 'text' and 'expect' must be strings")
            rng = random.Random(f"{SEED}:{case['text']}")
            try:
                text = add_typos(case["text"], expect, rng)
            except ValueError as err:
                raise SystemExit(f"{SOURCE.name} line {n}, field 'text': {err}") from err
            row = {"text": text, "expect": expect, "lang": case["lang"], "group": "en-typos"}
            out.append(json.dumps(row, ensure_ascii=False))
    TARGET.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {len(out)} cases to {TARGET.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
