"""Storage throughput on a temporary SQLite file: how many writes per second the bot can absorb.

Run: .venv/bin/python benchmarks/storage_bench.py [--scale 1.0]

Also compares the store's design (one connection, transactions serialised by an asyncio.Lock) with
a connection per transaction, and synchronous=FULL (the default) with NORMAL, so the choice stays
measured rather than assumed. Numbers depend on the disk (fsync cost) and are never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import aiosqlite  # noqa: E402

from bot.models import Entry  # noqa: E402
from bot.storage.sqlite.store import SQLiteStore  # noqa: E402

COMMUNITY = "telegram:-100123"


def make_entry(i: int) -> Entry:
    return Entry.model_validate(
        {
            "id": f"c{i}",
            "topic": "community",
            "questions": {"en": [f"What about network number {i}?"], "es": [f"¿Y la red número {i}?"]},
            "answer": {"en": "A fairly typical answer. " * 8, "es": "Una respuesta bastante típica. " * 8},
            "sources": ["Moderators"],
        }
    )


async def timed(count: int, run: Callable[[], Awaitable[None]]) -> float:
    started = time.perf_counter()
    await run()
    return count / (time.perf_counter() - started)


async def bench_store(folder: Path, n: int, synchronous: str | None = None) -> dict[str, float]:
    store = SQLiteStore(folder / f"store-{synchronous or 'default'}.db")
    await store.open()
    if synchronous is not None and store._conn is not None:
        await store._conn.execute(f"PRAGMA synchronous = {synchronous}")
    try:
        entries = [make_entry(i) for i in range(1, n + 1)]

        async def adds() -> None:
            for entry in entries:
                await store.add_entry(COMMUNITY, entry, "bench")

        async def votes() -> None:
            await asyncio.gather(
                *(store.vote(COMMUNITY, f"c{i % 50 + 1}", f"voter-{i}", i % 3 != 0) for i in range(4 * n))
            )

        async def gaps() -> None:
            for i in range(2 * n):
                await store.record_gap(COMMUNITY, f"unanswered question {i % 200}", "fallback")

        async def answers() -> None:
            await asyncio.gather(*(store.record_answer(COMMUNITY, f"c{i % 50 + 1}") for i in range(4 * n)))

        results = {
            "add_entry (sequential)": await timed(n, adds),
            "vote (concurrent)": await timed(4 * n, votes),
            "record_gap (sequential)": await timed(2 * n, gaps),
            "record_answer (concurrent)": await timed(4 * n, answers),
        }
        started = time.perf_counter()
        for _ in range(20):
            await store.stats(COMMUNITY, 30)
        results["stats(30 days) per second"] = 20 / (time.perf_counter() - started)
        return results
    finally:
        await store.close()


async def bench_connection_per_transaction(folder: Path, n: int) -> float:
    """The alternative design: every vote opens its own connection (SQLite's file lock serialises)."""
    path = folder / "per-connection.db"
    store = SQLiteStore(path)
    await store.open()
    await store.close()

    async def one_vote(i: int) -> None:
        async with aiosqlite.connect(path, isolation_level=None, timeout=30) as conn:
            await conn.execute("PRAGMA synchronous = FULL")
            await conn.execute("BEGIN IMMEDIATE")
            await conn.execute(
                "INSERT INTO votes (community_id, entry_id, voter, helpful, at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (community_id, entry_id, voter) DO UPDATE SET helpful = excluded.helpful",
                (COMMUNITY, f"c{i % 50 + 1}", f"voter-{i}", i % 2, "2026-01-01T00:00:00.000000+00:00"),
            )
            await conn.execute("COMMIT")

    count = n  # fewer: each vote pays a connect, a thread and a close

    async def votes() -> None:
        await asyncio.gather(*(one_vote(i) for i in range(count)))

    return await timed(count, votes)


async def main(scale: float) -> None:
    n = max(50, int(500 * scale))
    with tempfile.TemporaryDirectory(prefix="docsocial-bench-") as tmp:
        folder = Path(tmp)
        full = await bench_store(folder, n)
        normal = await bench_store(folder, n, synchronous="NORMAL")
        per_conn = await bench_connection_per_transaction(folder, n)
    print(f"DocSocial storage benchmark (n={n}, SQLite file in {tempfile.gettempdir()}, WAL)")
    print(f"{'operation':<30} {'ops/s sync=FULL':>16} {'ops/s sync=NORMAL':>18}")
    print("-" * 66)
    for name, value in full.items():
        print(f"{name:<30} {value:>16,.0f} {normal[name]:>18,.0f}")
    print("-" * 66)
    print(f"{'vote, connection per tx':<30} {per_conn:>16,.0f} {'':>18}")
    print(f"{'vote, shared conn + lock':<30} {full['vote (concurrent)']:>16,.0f} {'':>18}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the operation counts")
    asyncio.run(main(parser.parse_args().scale))
