"""Make blind4_typos.jsonl: every "en" question of blind4.jsonl with exactly two
realistic typos (adjacent key, dropped letter, doubled letter, swapped neighbours)
in two different words of 4+ letters. Fixed seed, so the output is reproducible."""
import json
import os
import random
import re

SEED = 4004
D = os.path.dirname(os.path.abspath(__file__))
ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
POS = {c: (r, i) for r, row in enumerate(ROWS) for i, c in enumerate(row)}

def neighbours(c):
    r, i = POS[c.lower()]
    out = []
    for rr in (r - 1, r, r + 1):
        if 0 <= rr < len(ROWS):
            for ii in (i - 1, i, i + 1):
                if (rr, ii) != (r, i) and 0 <= ii < len(ROWS[rr]):
                    out.append(ROWS[rr][ii])
    return [n.upper() if c.isupper() else n for n in out]

def typo(word, rng):
    """One typo, never on the first letter, always changing the word."""
    while True:
        op = rng.choice(["adjacent", "drop", "double", "swap"])
        i = rng.randrange(1, len(word))
        if op == "adjacent":
            new = word[:i] + rng.choice(neighbours(word[i])) + word[i + 1:]
        elif op == "drop":
            new = word[:i] + word[i + 1:]
        elif op == "double":
            new = word[:i] + word[i] + word[i:]
        else:
            if i == len(word) - 1:
                continue
            new = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if new != word:
            return new

WORD = re.compile(r"^([^A-Za-z]*)([A-Za-z]{4,})([^A-Za-z]*)$")

def main():
    rng = random.Random(SEED)
    with open(os.path.join(D, "blind4.jsonl"), encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    out = []
    for r in rows:
        if r["group"] != "en":
            continue
        toks = r["text"].split(" ")
        cand = [i for i, t in enumerate(toks) if WORD.match(t)]
        if len(cand) < 2:
            raise SystemExit("fewer than two 4+ letter words: " + r["text"])
        for i in rng.sample(cand, 2):
            pre, core, post = WORD.match(toks[i]).groups()
            toks[i] = pre + typo(core, rng) + post
        out.append({"text": " ".join(toks), "expect": r["expect"], "group": "en-typos"})
    with open(os.path.join(D, "blind4_typos.jsonl"), "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(len(out), "typo questions written")

if __name__ == "__main__":
    main()
