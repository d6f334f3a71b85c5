"""Make blind2_typos.jsonl: every "en" question of blind2.jsonl with exactly two realistic typos
(adjacent key, dropped letter, doubled letter, swapped neighbours) in two different words of 4+ letters.
Fixed seed, so the output is reproducible."""
import json, os, random, re
HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261130)
ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
POS = {c: (r, i) for r, row in enumerate(ROWS) for i, c in enumerate(row)}
def neighbours(c):
    if c not in POS: return []
    r, i = POS[c]
    out = [ROWS[r][j] for j in (i - 1, i + 1) if 0 <= j < len(ROWS[r])]
    for rr in (r - 1, r + 1):
        if 0 <= rr < 3:
            out += [ROWS[rr][j] for j in (i - 1, i, i + 1) if 0 <= j < len(ROWS[rr])]
    return out
def typo(word):
    """Return a changed version of word; only letters inside the alphabetic core are touched."""
    m = re.search(r"[A-Za-z]{4,}", word)
    s, e = m.span(); core = word[s:e]
    for _ in range(50):
        kind = rng.choice(["adjacent", "drop", "double", "swap"])
        k = rng.randrange(1, len(core))          # keep the first letter, like real typos mostly do
        if kind == "adjacent":
            nb = neighbours(core[k].lower())
            if not nb: continue
            new = core[:k] + rng.choice(nb) + core[k + 1:]
        elif kind == "drop":
            new = core[:k] + core[k + 1:]
        elif kind == "double":
            new = core[:k] + core[k] + core[k:]
        else:
            if k == len(core) - 1 or core[k] == core[k + 1]: continue
            new = core[:k] + core[k + 1] + core[k] + core[k + 2:]
        if new != core:
            return word[:s] + new + word[e:]
    raise RuntimeError(word)
rows = [json.loads(l) for l in open(os.path.join(HERE, "blind2.jsonl"), encoding="utf-8") if l.strip()]
with open(os.path.join(HERE, "blind2_typos.jsonl"), "w", encoding="utf-8") as f:
    for r in rows:
        if r["group"] != "en": continue
        words = r["text"].split(" ")
        cand = [i for i, w in enumerate(words) if re.search(r"[A-Za-z]{4,}", w)]
        a, b = rng.sample(cand, 2)
        words[a], words[b] = typo(words[a]), typo(words[b])
        f.write(json.dumps({"text": " ".join(words), "expect": r["expect"], "group": "en-typos"}, ensure_ascii=False) + "\n")
