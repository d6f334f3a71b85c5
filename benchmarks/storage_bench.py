"""Storage throughput: how many writes per second the bot can absorb, on SQLite and on PostgreSQL.

Run: .venv/bin/python benchmarks/storage_bench.py [--scale 1.0] [--postgres URL]
     (the URL defaults to DOCSOCIAL_BENCH_DATABASE_URL or DOCSOCIAL_TEST_DATABASE_URL; with neither,
     only SQLite is measured. `.ci/with-postgres .venv/bin/python benchmarks/storage_bench.py` starts
     a throwaway server.)

SQLite: compares the store's design (one connection, transactions serialised by an asyncio.Lock) with
a connection per transaction, and synchronous=FULL (the default) with NORMAL. Both backends: adds/s,
votes/s and the latency of a whole question (rate-limit hit, revision check forced on every
question, match, usage row). PostgreSQL: 1, 2 and 4 worker processes answering a bounded load on one
database. Numbers depend on the machine and are never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import aiosqlite  # noqa: E402

from bot.models import Entry  # noqa: E402
from bot.storage.base import Store  # noqa: E402
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


# --- both backends side by side -----------------------------------------------------------------


async def pg_schema(url: str) -> tuple[str, str]:
    """A fresh schema for one run; returns (its name, a URL whose connections use it)."""
    import asyncpg

    name = f"bench_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(f'CREATE SCHEMA "{name}"')
    finally:
        await conn.close()
    separator = "&" if "?" in url else "?"
    return name, f"{url}{separator}search_path={name}"


async def drop_pg_schema(url: str, name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        await conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
    finally:
        await conn.close()


async def writes(store: Store, n: int) -> dict[str, float]:
    entries = [make_entry(i) for i in range(1, n + 1)]

    async def adds() -> None:
        for entry in entries:
            await store.add_entry(COMMUNITY, entry, "bench")

    async def votes() -> None:
        await asyncio.gather(*(store.vote(COMMUNITY, f"c{i % 50 + 1}", f"voter-{i}", i % 3 != 0) for i in range(4 * n)))

    return {"adds/s (sequential)": await timed(n, adds), "votes/s (concurrent)": await timed(4 * n, votes)}


def bench_settings() -> object:
    from bot.config import Settings

    return Settings(DOCSOCIAL_USER_RATE="100000/minute", DOCSOCIAL_COMMUNITY_RATE="1000000/minute",
                    DOCSOCIAL_VOTE_SALT="benchmark-salt-0123456789abcdef")


async def question_latencies(store: Store, questions: int) -> list[float]:
    """Seconds per question through the whole core, with the revision check on every question."""
    from bot.assistant import Assistant
    from bot.config import Settings
    from bot.knowledge import CURATED_DIR, load_curated
    from bot.matching import Matcher
    from bot.models import Message
    from bot.negatives import load_negatives

    settings = bench_settings()
    assert isinstance(settings, Settings)
    curated = load_curated()
    matcher = Matcher(curated, settings.match, negatives=load_negatives(CURATED_DIR))
    ticks = iter(range(0, 10**9, 2))  # a clock that moves 2 s per reading: every question re-checks
    assistant = Assistant(settings, curated, matcher, store, clock=lambda: float(next(ticks)))

    class Member:
        async def sender_is_moderator(self) -> bool:
            return False

    texts = ["What is Sermo?", "can I accept a friend request from a patient?", "what about network number 7?"]
    await assistant.handle(Message(text=texts[0], platform="telegram", community_id=COMMUNITY,
                                   is_private=False), Member())  # load the community once
    spent = []
    for i in range(questions):
        message = Message(text=texts[i % len(texts)], platform="telegram", community_id=COMMUNITY,
                          user_id=str(i % 97), is_private=False)
        started = time.perf_counter()
        await assistant.handle(message, Member())
        spent.append(time.perf_counter() - started)
    return spent


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98] if len(values) >= 100 else max(values)


async def side_by_side(folder: Path, pg_url: str | None, n: int) -> dict[str, dict[str, float]]:
    from bot.storage.postgres.store import PostgresStore

    results: dict[str, dict[str, float]] = {}
    backends: list[tuple[str, Callable[[], Awaitable[Store]]]] = []

    async def sqlite() -> Store:
        store = SQLiteStore(folder / "side-by-side.db")
        await store.open()
        return store

    backends.append(("SQLite", sqlite))
    schema = ""
    if pg_url:
        schema, schema_url = await pg_schema(pg_url)

        async def postgres() -> Store:
            store = PostgresStore(schema_url, migrate=True)
            await store.open()
            return store

        backends.append(("PostgreSQL", postgres))
    try:
        for name, opener in backends:
            store = await opener()
            try:
                row = await writes(store, n)
                latencies = await question_latencies(store, max(200, n))
                row["question p50 ms"] = statistics.median(latencies) * 1000
                row["question p99 ms"] = p99(latencies) * 1000
                results[name] = row
            finally:
                await store.close()
    finally:
        if pg_url and schema:
            await drop_pg_schema(pg_url, schema)
    return results


# --- several workers on one PostgreSQL ----------------------------------------------------------


async def worker_main(url: str, questions: int, concurrency: int) -> None:
    """One worker process: answer `questions` questions, `concurrency` at a time; print the elapsed time."""
    from bot.assistant import Assistant
    from bot.config import Settings
    from bot.models import Message

    settings = bench_settings()
    assert isinstance(settings, Settings)
    settings = settings.model_copy(update={"database_url": url})
    assistant = await Assistant.create(settings)

    class Member:
        async def sender_is_moderator(self) -> bool:
            return False

    texts = ["What is Sermo?", "can I accept a friend request from a patient?", "what about network number 7?"]
    pid = os.getpid()
    try:
        await assistant.handle(Message(text=texts[0], platform="telegram", community_id=COMMUNITY,
                                       is_private=False), Member())
        print(json.dumps({"ready": True}), flush=True)
        sys.stdin.readline()  # start together
        semaphore = asyncio.Semaphore(concurrency)

        async def one(i: int) -> None:
            async with semaphore:
                message = Message(text=texts[i % len(texts)], platform="telegram", community_id=COMMUNITY,
                                  user_id=f"{pid}-{i % 500}", is_private=False)
                await assistant.handle(message, Member())

        started = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(one(i) for i in range(questions))), timeout=120)
        print(json.dumps({"elapsed": time.perf_counter() - started}), flush=True)
    finally:
        await assistant.close()


async def workers_throughput(pg_url: str, per_worker: int, concurrency: int) -> dict[int, float]:
    """Questions per second answered by 1, 2 and 4 worker processes on one database (loopback)."""
    from bot.storage.postgres.store import PostgresStore

    schema, url = await pg_schema(pg_url)
    try:
        async with PostgresStore(url, migrate=True) as store:  # the deploy step, then some entries
            for i in range(1, 51):
                await store.add_entry(COMMUNITY, make_entry(i), "bench")
        env = {**os.environ, "DOCSOCIAL_ENV_FILE": os.devnull, "OMP_NUM_THREADS": "1",
               "OPENBLAS_NUM_THREADS": "1", "DOCSOCIAL_LOG_LEVEL": "WARNING"}
        results: dict[int, float] = {}
        for count in (1, 2, 4):
            procs = [
                subprocess.Popen([sys.executable, __file__, "--worker", url, "--questions", str(per_worker),
                                  "--concurrency", str(concurrency)], env=env, text=True,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE)
                for _ in range(count)
            ]
            try:
                for proc in procs:
                    assert proc.stdout is not None
                    json.loads(proc.stdout.readline())  # ready: knowledge loaded, community indexed
                started = time.perf_counter()
                for proc in procs:
                    assert proc.stdin is not None
                    proc.stdin.write("go\n")
                    proc.stdin.flush()
                for proc in procs:
                    assert proc.stdout is not None
                    json.loads(proc.stdout.readline())
                results[count] = count * per_worker / (time.perf_counter() - started)
            finally:
                for proc in procs:
                    proc.wait(60)
        return results
    finally:
        await drop_pg_schema(pg_url, schema)


async def main(scale: float, pg_url: str | None) -> None:
    n = max(50, int(500 * scale))
    with tempfile.TemporaryDirectory(prefix="docsocial-bench-") as tmp:
        folder = Path(tmp)
        full = await bench_store(folder, n)
        normal = await bench_store(folder, n, synchronous="NORMAL")
        per_conn = await bench_connection_per_transaction(folder, n)
        both = await side_by_side(folder, pg_url, n)
    print(f"DocSocial storage benchmark (n={n}, SQLite file in {tempfile.gettempdir()}, WAL)")
    print(f"{'operation':<30} {'ops/s sync=FULL':>16} {'ops/s sync=NORMAL':>18}")
    print("-" * 66)
    for name, value in full.items():
        print(f"{name:<30} {value:>16,.0f} {normal[name]:>18,.0f}")
    print("-" * 66)
    print(f"{'vote, connection per tx':<30} {per_conn:>16,.0f} {'':>18}")
    print(f"{'vote, shared conn + lock':<30} {full['vote (concurrent)']:>16,.0f} {'':>18}")
    print()
    names = list(both)
    print("Backends side by side (question = whole core path, revision check on every question)")
    print(f"{'measure':<24}" + "".join(f"{name:>14}" for name in names))
    print("-" * (24 + 14 * len(names)))
    for measure in next(iter(both.values())):
        print(f"{measure:<24}" + "".join(f"{both[name][measure]:>14,.1f}" for name in names))
    if not pg_url:
        print("(PostgreSQL not measured: pass --postgres URL or set DOCSOCIAL_BENCH_DATABASE_URL)")
        return
    per_worker = max(100, int(400 * scale))
    throughput = await workers_throughput(pg_url, per_worker, concurrency=8)
    print()
    print(f"Workers on one PostgreSQL ({per_worker} questions each, 8 in flight per worker, {os.cpu_count()} CPUs)")
    print(f"{'workers':<10} {'questions/s':>12} {'vs 1 worker':>12}")
    print("-" * 36)
    for count, rate in throughput.items():
        print(f"{count:<10} {rate:>12,.0f} {rate / throughput[1]:>11.2f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the operation counts")
    parser.add_argument("--postgres", help="PostgreSQL URL (a scratch schema is created and dropped)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--questions", type=int, default=400, help=argparse.SUPPRESS)
    parser.add_argument("--concurrency", type=int, default=8, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        asyncio.run(worker_main(args.worker, args.questions, args.concurrency))
    else:
        url = args.postgres or os.environ.get("DOCSOCIAL_BENCH_DATABASE_URL") or os.environ.get(
            "DOCSOCIAL_TEST_DATABASE_URL"
        )
        asyncio.run(main(args.scale, url or None))
