"""Matcher speed and memory: curated knowledge and synthetic bases of 1,000 / 10,000 / 100,000 phrasings.

Each size runs in a fresh process so peak memory (max RSS) is its own. The naive baseline is
rapidfuzz `process.extractOne` (default WRatio scorer) over every phrasing, in the same process
on the same queries, so the table shows the ratio. Synthetic bases are built from CLINC150
utterances (with typo and word-order variants to reach 100,000), 20 phrasings per entry.
"community10000" is the curated knowledge plus one community holding 10,000 moderator entries.
"community10000" is the curated knowledge plus one community holding 10,000 moderator entries.

    .venv/bin/python benchmarks/matcher_bench.py [--sizes curated,1000,10000,100000] [--queries 300]
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing as mp
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_RELATIVE = Path("shared") / "datasets" / "clinc150" / "data_full.json"
# The shared folder sits beside the checkout (/work/main) or beside the worktrees' folder (/work/wt/NAME).
CLINC = next((p / _RELATIVE for p in ROOT.parents if (p / _RELATIVE).exists()), ROOT.parent / _RELATIVE)
PHRASINGS_PER_ENTRY = 20


def _variant(text: str, rng: random.Random) -> str:
    """A plausible user variant: a typo, a dropped word, or two words swapped."""
    words = text.split()
    choice = rng.randrange(3)
    if choice == 0 and words:
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 3:
            j = rng.randrange(len(w) - 1)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    elif choice == 1 and len(words) > 3:
        del words[rng.randrange(len(words))]
    elif len(words) > 2:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def synthetic_phrasings(size: int) -> tuple[list[str], list[str]]:
    """`size` phrasings and held-out queries, from CLINC150 when present, else generated words."""
    rng = random.Random(7)
    if CLINC.exists():
        data = json.loads(CLINC.read_text(encoding="utf-8"))
        pool = [t for split in ("train", "val") for t, _ in data[split]]
        queries = [t for t, _ in data["test"]] + [t for t, _ in data["oos_test"]]
    else:  # pragma: no cover - keeps the benchmark runnable without the dataset
        vocab = [f"w{i}" for i in range(5000)]
        pool = [" ".join(rng.choices(vocab, k=8)) for _ in range(20000)]
        queries = [" ".join(rng.choices(vocab, k=8)) for _ in range(1000)]
    phrasings = list(pool)
    while len(phrasings) < size:
        phrasings.append(_variant(rng.choice(pool), rng))
    rng.shuffle(phrasings)
    rng.shuffle(queries)
    return phrasings[:size], queries


def _measure(size: str, n_queries: int, out: mp.Queue) -> None:  # type: ignore[type-arg]
    from rapidfuzz import process

    from bot.evaluation import percentile
    from bot.knowledge import CURATED_DIR, load_curated
    from bot.matching import Matcher
    from bot.models import Entry, Localized, LocalizedList
    from bot.negatives import load_negatives

    community: str | None = None
    community_entries: list[Entry] = []
    if size in ("curated", "community10000"):
        entries = load_curated()
        negatives = load_negatives(CURATED_DIR)
        queries = [
            json.loads(line)["text"]
            for line in (ROOT / "tests" / "data" / "eval.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        if size == "community10000":
            # One community with 10,000 moderator entries (2 phrasings each), matched with the curated ones.
            phrasings, extra = synthetic_phrasings(20_000)
            community = "bench:community"
            community_entries = [
                Entry(
                    id=f"c{i // 2 + 1}",
                    topic="community",
                    questions=LocalizedList(en=phrasings[i : i + 2]),
                    answer=Localized(en="a"),
                )
                for i in range(0, len(phrasings), 2)
            ]
            queries = [q for pair in zip(queries, extra, strict=False) for q in pair]
    else:
        phrasings, queries = synthetic_phrasings(int(size))
        entries = [
            Entry(
                id=f"e{i // PHRASINGS_PER_ENTRY}",
                topic="bench",
                questions=LocalizedList(en=phrasings[i : i + PHRASINGS_PER_ENTRY]),
                answer=Localized(en="a"),
            )
            for i in range(0, len(phrasings), PHRASINGS_PER_ENTRY)
        ]
        negatives = []
    queries = (queries * (1 + n_queries // max(1, len(queries))))[:n_queries]
    started = time.perf_counter()
    # the curated knowledge as the assistant builds it (out-of-scope and near-domain examples beside it)
    matcher = (
        Matcher.from_directory(CURATED_DIR, entries)
        if size in ("curated", "community10000")
        else Matcher(entries, negatives=negatives)
    )
    if community is not None:
        matcher.set_community(community, community_entries)
    build_s = time.perf_counter() - started
    gc.freeze()  # as bot.assistant.Assistant.create does after loading
    all_phrasings = [text for e in [*entries, *community_entries] for _, text in e.questions.all()]
    for q in queries[:20]:
        matcher.match(q, community)
    ours: list[float] = []
    for q in queries:
        t0 = time.perf_counter()
        matcher.match(q, community)
        ours.append((time.perf_counter() - t0) * 1000)
    naive: list[float] = []
    for q in queries[: max(30, n_queries // 5)]:
        t0 = time.perf_counter()
        process.extractOne(q, all_phrasings)
        naive.append((time.perf_counter() - t0) * 1000)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.put(
        {
            "size": size,
            "phrasings": len(all_phrasings),
            "entries": len(entries) + len(community_entries),
            "mode": "classifier+neighbours"
            if len(entries) <= matcher.settings.classifier_max_entries
            else "neighbours",
            "build_s": build_s,
            "median_ms": statistics.median(ours),
            "p99_ms": percentile(ours, 0.99),
            "qps": 1000 / statistics.mean(ours),
            "naive_median_ms": statistics.median(naive),
            "naive_p99_ms": percentile(naive, 0.99),
            "peak_rss_mb": peak_mb,
        }
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="curated,1000,10000,100000,community10000")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-updates", action="store_true", help="skip the community update timings")
    args = parser.parse_args(argv)
    context = mp.get_context("spawn")
    rows = []
    for size in args.sizes.split(","):
        queue: mp.Queue = context.Queue()  # type: ignore[type-arg]
        worker = context.Process(target=_measure, args=(size.strip(), args.queries, queue))
        worker.start()
        worker.join()
        if worker.exitcode != 0 or queue.empty():
            print(f"size {size}: measurement failed (exit code {worker.exitcode})", file=sys.stderr)
            return 1
        rows.append(queue.get())
    if args.json:
        print(json.dumps(rows))
        return 0
    print(
        "| knowledge | phrasings | entries | mode | build s | median ms | p99 ms | questions/s "
        "| naive median ms | naive p99 ms | speed-up (median) | peak RSS MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['size']} | {r['phrasings']:,} | {r['entries']:,} | {r['mode']} | {r['build_s']:.1f} "
            f"| {r['median_ms']:.2f} | {r['p99_ms']:.2f} | {r['qps']:,.0f} | {r['naive_median_ms']:.2f} "
            f"| {r['naive_p99_ms']:.2f} | {r['naive_median_ms'] / r['median_ms']:.1f}x | {r['peak_rss_mb']:.0f} |"
        )
    if not args.no_updates:
        print("\n| entries already in the community | `/faq add` until a paraphrase is answered (s) |\n|---|---|")
        for count, seconds in community_update_times():
            print(f"| {count:,} | {seconds:.2f} |")
    return 0


def community_update_times(sizes: tuple[int, ...] = (100, 1_000, 10_000)) -> list[tuple[int, float]]:
    """What a moderator waits for: `/faq add` through the assistant (real SQLite file) until a
    paraphrase of the new question is answered, in a community already holding `count` entries."""
    import asyncio
    import tempfile

    from bot.assistant import Assistant, OperatorContext
    from bot.config import Settings
    from bot.models import Entry, Localized, LocalizedList, Message
    from bot.storage.sqlite.store import SQLiteStore

    phrasings, _ = synthetic_phrasings(2 * max(sizes))

    async def measure(count: int, folder: str) -> float:
        store = SQLiteStore(Path(folder) / f"bench-{count}.db")
        assistant = await Assistant.create(Settings(), store=store)
        existing = [
            Entry(
                id=f"x{i + 1}",
                topic="community",
                questions=LocalizedList(en=phrasings[2 * i : 2 * i + 2]),
                answer=Localized(en="a"),
            )
            for i in range(count)
        ]
        await store.upsert_entries("bench", existing, "bench")
        context = OperatorContext()
        await assistant.handle(Message(text="hello", platform="cli", community_id="bench"), context)  # warm
        started = time.perf_counter()
        await assistant.handle(
            Message(text="/faq add Where is the staff parking? | Lot B", platform="cli", community_id="bench"), context
        )
        reply = await assistant.handle(
            Message(text="where can staff park", platform="cli", community_id="bench"), context
        )
        elapsed = time.perf_counter() - started
        await assistant.close()
        assert reply.kind == "answer", reply.kind
        return elapsed

    with tempfile.TemporaryDirectory() as folder:
        return [(count, asyncio.run(measure(count, folder))) for count in sizes]


if __name__ == "__main__":
    raise SystemExit(main())
