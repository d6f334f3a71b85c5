"""Make blind2_typos.jsonl: every "en" question of blind2.jsonl with exactly two realistic typos
(adjacent key, dropped letter, doubled letter, swapped neighbours) in two different words of 4+ letters.
Fixed seed, so the output is reproducible. Written by the blind set's author, tidied for the linter only."""

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
POS = {c: (r, i) for r, row in enumerate(ROWS) for i, c in enumerate(row)}
WORD = re.compile(r"[A-Za-z]{4,}")


def neighbours(c: str) -> list[str]:
    if c not in POS:
        return []
    r, i = POS[c]
    out = [ROWS[r][j] for j in (i - 1, i + 1) if 0 <= j < len(ROWS[r])]
    for rr in (r - 1, r + 1):
        if 0 <= rr < 3:
            out += [ROWS[rr][j] for j in (i - 1, i, i + 1) if 0 <= j < len(ROWS[rr])]
    return out


def typo(word: str, rng: random.Random) -> str:
    """Return a changed version of word; only letters inside the alphabetic core are touched."""
    m = WORD.search(word)
    assert m is not None
    s, e = m.span()
    core = word[s:e]
    for _ in range(50):
        kind = rng.choice(["adjacent", "drop", "double", "swap"])
        k = rng.randrange(1, len(core))  # keep the first letter, like real typos mostly do
        if kind == "adjacent":
            nb = neighbours(core[k].lower())
            if not nb:
                continue
            new = core[:k] + rng.choice(nb) + core[k + 1 :]
        elif kind == "drop":
            new = core[:k] + core[k + 1 :]
        elif kind == "double":
            new = core[:k] + core[k] + core[k:]
        else:
            if k == len(core) - 1 or core[k] == core[k + 1]:
                continue
            new = core[:k] + core[k + 1] + core[k] + core[k + 2 :]
        if new != core:
            return word[:s] + new + word[e:]
    raise RuntimeError(word)


def main() -> None:
    rng = random.Random(20261130)
    lines = (HERE / "blind2.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    with (HERE / "blind2_typos.jsonl").open("w", encoding="utf-8") as out:
        for row in rows:
            if row["group"] != "en":
                continue
            words = row["text"].split(" ")
            candidates = [i for i, w in enumerate(words) if WORD.search(w)]
            a, b = rng.sample(candidates, 2)
            words[a], words[b] = typo(words[a], rng), typo(words[b], rng)
            case = {"text": " ".join(words), "expect": row["expect"], "group": "en-typos"}
            out.write(json.dumps(case, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
