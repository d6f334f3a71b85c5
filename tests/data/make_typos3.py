"""Make blind3_typos.jsonl: every "en" question of blind3.jsonl with exactly two realistic typos
(adjacent key, dropped letter, doubled letter, swapped neighbours) in two different words of
4+ letters. Fixed seed, so the output is reproducible."""

import json
import random
import re
from pathlib import Path

SEED = 20261130
ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
POS = {c: (r, i) for r, row in enumerate(ROWS) for i, c in enumerate(row)}

def neighbours(c):
    lc = c.lower()
    if lc not in POS:
        return []
    r, i = POS[lc]
    out = [ROWS[r][j] for j in (i - 1, i + 1) if 0 <= j < len(ROWS[r])]
    return [x.upper() if c.isupper() else x for x in out]

def typo(word, rng):
    kinds = ["adjacent", "drop", "double", "swap"]
    rng.shuffle(kinds)
    for kind in kinds:
        if kind == "adjacent":
            idx = [i for i, c in enumerate(word) if neighbours(c)]
            if idx:
                i = rng.choice(idx)
                return word[:i] + rng.choice(neighbours(word[i])) + word[i + 1:]
        elif kind == "drop":
            i = rng.randrange(1, len(word))          # keep the first letter
            return word[:i] + word[i + 1:]
        elif kind == "double":
            i = rng.randrange(len(word))
            return word[:i] + word[i] + word[i:]
        elif kind == "swap":
            idx = [i for i in range(1, len(word) - 1) if word[i] != word[i + 1]]
            if idx:
                i = rng.choice(idx)
                return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    raise ValueError(word)

def add_typos(text, rng):
    spans = [m.span() for m in re.finditer(r"[A-Za-z]{4,}", text)]
    if len(spans) < 2:
        raise ValueError("fewer than two 4+ letter words: " + text)
    chosen = sorted(rng.sample(spans, 2), reverse=True)   # right to left keeps offsets valid
    for a, b in chosen:
        w = text[a:b]
        new = typo(w, rng)
        assert new != w
        text = text[:a] + new + text[b:]
    return text

HERE = Path(__file__).resolve().parent


def main():
    rng = random.Random(SEED)
    src = [json.loads(line) for line in (HERE / "blind3.jsonl").read_text(encoding="utf-8").splitlines()]
    out = []
    for r in src:
        if r["group"] != "en":
            continue
        out.append({"text": add_typos(r["text"], rng), "expect": r["expect"], "group": "en-typos"})
    with open(HERE / "blind3_typos.jsonl", "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(out), "rows")

if __name__ == "__main__":
    main()
