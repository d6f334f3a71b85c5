"""What the durable inbox costs per message, on SQLite and PostgreSQL, beside Telegram's ~30 msg/s ceiling.

Run: .venv/bin/python benchmarks/inbox_bench.py [--messages 400] [--pg postgresql://...]
(PostgreSQL also when DOCSOCIAL_TEST_DATABASE_URL is set, e.g. under .ci/with-postgres; a fresh
schema is created and dropped.)

Each message goes the way a Telegram update does, without the HTTP: "without inbox" answers N
questions from N users with the assistant directly (8 at a time, as the worker does); "with inbox"
stores each arrival in its own transaction (as polling and the webhook do), then an `InboxWorker`
claims, answers, marks "sending" and done. "inbox only" runs the same inbox steps with a no-op
answer: the ceiling the inbox itself puts on a worker. Timings depend on the disk's fsync and the CPU,
and are never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402

from bot.assistant import Assistant  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.inbox import InboxSettings, InboxWorker, before_send  # noqa: E402
from bot.models import Message  # noqa: E402
from bot.storage.base import InboxItem, InboxUpdate, Store  # noqa: E402
from bot.storage.postgres.store import PostgresStore  # noqa: E402
from bot.storage.sqlite.store import SQLiteStore  # noqa: E402

TELEGRAM_CEILING = 30.0  # messages per second a bot may send overall (Telegram's broadcast limit)
QUESTIONS = ("what is sermo?", "¿qué es doximity?", "can I post patient photos?", "linkedin for doctors?",
             "how do I handle a bad online review?", "is tiktok ok for a surgeon?")
CONCURRENCY = 8


class Member:
    async def sender_is_moderator(self) -> bool:
        return False


def message(n: int) -> Message:
    return Message(text=QUESTIONS[n % len(QUESTIONS)], platform="telegram", community_id=None,
                   user_id=str(10_000 + n), is_private=True, addressed=True)


async def without_inbox(assistant: Assistant, n: int) -> float:
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(i: int) -> None:
        async with gate:
            await assistant.handle(message(i), Member())

    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(n)))
    return n / (time.perf_counter() - started)


async def with_inbox(store: Store, n: int, answer: Callable[[Message], Awaitable[object]], offset: int) -> float:
    done = asyncio.Event()
    finished = 0

    async def process(item: InboxItem) -> None:
        nonlocal finished
        await answer(Message.model_validate_json(item.update.payload))
        await before_send()  # the "sending" mark an adapter commits right before the HTTP call
        finished += 1
        if finished == n:
            done.set()

    settings = InboxSettings(concurrency=CONCURRENCY, poll_seconds=0.05, housekeeping_seconds=60)
    worker = InboxWorker(store, ["telegram"], process, settings)
    stop = asyncio.Event()
    started = time.perf_counter()
    running = asyncio.create_task(worker.run(stop))
    now = dt.datetime.now(dt.UTC)
    for i in range(n):  # one transaction per arrival, as PTB's polling loop and the webhook store them
        await worker.put([InboxUpdate("telegram", offset + i, f"telegram:{offset + i}",
                                      message(i).model_dump_json(), now)])
    await done.wait()
    while worker.answered < n:  # the last done marks
        await asyncio.sleep(0.005)
    elapsed = time.perf_counter() - started
    stop.set()
    await running
    return n / elapsed


async def bench(name: str, store: Store, n: int, settings: Settings, repeat: int) -> list[str]:
    assistant = await Assistant.create(settings, store=store)
    plains: list[float] = []
    inboxeds: list[float] = []
    alones: list[float] = []
    try:
        await without_inbox(assistant, min(n, 50))  # warm caches before measuring

        async def answer(msg: Message) -> object:
            return await assistant.handle(msg, Member())

        async def nothing(msg: Message) -> object:
            return None

        for run in range(repeat):  # interleaved, so a burst of load elsewhere hits all three alike
            plains.append(await without_inbox(assistant, n))
            inboxeds.append(await with_inbox(store, n, answer, 1_000_000 * (2 * run + 1)))
            alones.append(await with_inbox(store, n, nothing, 1_000_000 * (2 * run + 2)))
    finally:
        await assistant.close()
    plain, inboxed, alone = statistics.median(plains), statistics.median(inboxeds), statistics.median(alones)
    cost_ms = (1 / inboxed - 1 / plain) * 1000
    return [f"{name:<11} {plain:>14.0f} {inboxed:>11.0f} {alone:>11.0f} {cost_ms:>15.2f} "
            f"{inboxed / TELEGRAM_CEILING:>14.1f}x"]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=400)
    parser.add_argument("--pg", default=os.environ.get("DOCSOCIAL_TEST_DATABASE_URL", ""))
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure; the median is printed")
    args = parser.parse_args()
    n = args.messages
    settings = Settings(user_rate="100000/minute", community_rate="1000000/minute",
                        vote_salt="inbox-benchmark-salt-0123456789")
    print(f"{n} questions from {n} users, {CONCURRENCY} answered at once; answers/s, median of {args.repeat} "
          f"runs (higher is better); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
    print(f"{'backend':<11} {'without inbox':>14} {'with inbox':>11} {'inbox only':>11} "
          f"{'ms added / msg':>15} {'vs 30 msg/s':>15}")
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        rows += await bench("SQLite", SQLiteStore(Path(folder) / "bench.db"), n, settings, args.repeat)
        for row in rows:
            print(row)
    if args.pg:
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        conn = await asyncpg.connect(args.pg)
        await conn.execute(f'CREATE SCHEMA "{schema}"')
        try:
            store = PostgresStore(args.pg, schema=schema, migrate=True, pool_size=CONCURRENCY + 4)
            for row in await bench("PostgreSQL", store, n, settings, args.repeat):
                print(row)
        finally:
            await conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
            await conn.close()
    else:
        print("PostgreSQL  skipped: pass --pg URL or set DOCSOCIAL_TEST_DATABASE_URL")
    print(f"\nTelegram lets a bot send about {TELEGRAM_CEILING:.0f} messages/s; "
          "'vs 30 msg/s' is the headroom left.")
    print("One worker process; the inbox adds per message: 1 insert, 1 claim, 1 'sending' mark, 1 done mark.")


if __name__ == "__main__":
    asyncio.run(main())
