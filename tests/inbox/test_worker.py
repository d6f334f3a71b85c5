"""InboxWorker against a real SQLite store: retries, late updates, dead workers, shedding, the ambiguous send."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
import pytest_asyncio

from bot import inbox
from bot.inbox import InboxSettings, InboxWorker, owners
from bot.inbox import worker as worker_module
from bot.models import Reply
from bot.storage.base import InboxItem, InboxUpdate, StoreError
from bot.storage.sqlite.store import SQLiteStore

LEASE = dt.timedelta(seconds=30)
FAST = InboxSettings(poll_seconds=0.02, housekeeping_seconds=0.05, lease_seconds=30, max_attempts=3)


def arrival(update_id: int, chat: str = "c", age: dt.timedelta = dt.timedelta()) -> InboxUpdate:
    return InboxUpdate("telegram", update_id, f"telegram:{chat}", json.dumps({"n": update_id}),
                       dt.datetime.now(dt.UTC) - age)


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteStore]:
    async with SQLiteStore(tmp_path / "inbox.db") as opened:
        yield opened


async def run_until(worker: InboxWorker, condition: Callable[[], bool], timeout: float = 5.0) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    try:
        async with asyncio.timeout(timeout):
            while not condition():
                await asyncio.sleep(0.01)
    finally:
        stop.set()
        await task


def recorder() -> tuple[list[tuple[int, bool]], Callable[[InboxItem], Awaitable[None]]]:
    seen: list[tuple[int, bool]] = []

    async def process(item: InboxItem) -> None:
        ticket = inbox.current()
        assert ticket is not None
        await inbox.before_send()
        seen.append((item.update.update_id, ticket.late))

    return seen, process


async def test_updates_are_answered_once_in_order_per_chat(store: SQLiteStore) -> None:
    seen, process = recorder()
    worker = InboxWorker(store, ["telegram"], process, FAST)
    await worker.put([arrival(1, "a"), arrival(2, "a"), arrival(3, "b"), arrival(4, "a")])
    assert await worker.put([arrival(1, "a")]) == 0  # a redelivery
    await run_until(worker, lambda: len(seen) == 4)
    assert [n for n, _ in seen if n != 3] == [1, 2, 4]
    assert (await store.inbox_stats()).done == 4


async def test_a_late_update_gets_the_apology_in_its_language_and_a_late_cancel_is_dropped(
        store: SQLiteStore) -> None:
    replies: list[Reply] = []
    dropped: list[bool] = []

    async def process(item: InboxItem) -> None:
        if item.update.update_id == 3:
            dropped.append(inbox.drop_if_late("/cancel"))
            return
        locale = "es" if item.update.update_id == 2 else "en"
        replies.append(inbox.late_reply(Reply(kind="answer", locale=locale, body="Sermo is a network.")))

    worker = InboxWorker(store, ["telegram"], process, FAST)
    old = dt.timedelta(minutes=11)
    await worker.put([arrival(1, "a", old), arrival(2, "b", old), arrival(3, "c", old), arrival(4, "d")])
    await run_until(worker, lambda: len(replies) == 3 and bool(dropped))
    by_locale = {r.locale: r.body for r in replies if r.body.startswith(("Sorry", "Perdona"))}
    assert by_locale["en"].startswith("Sorry for the delay") and by_locale["es"].startswith("Perdona la demora")
    assert sum(r.body == "Sermo is a network." for r in replies) == 1  # the fresh one: no apology
    assert dropped == [True]
    assert (await store.inbox_stats()).counters == {"dropped_late": 1}


async def test_a_failed_answer_is_retried_then_given_up_and_counted(store: SQLiteStore,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker_module, "_RETRY_PAUSE", 0.01)
    attempts: list[tuple[int, bool]] = []

    async def process(item: InboxItem) -> None:
        ticket = inbox.current()
        assert ticket is not None
        attempts.append((item.attempts, ticket.final))
        raise ConnectionError("platform down")

    worker = InboxWorker(store, ["telegram"], process, FAST)
    await worker.put([arrival(1)])
    await run_until(worker, lambda: worker.answered == 1)
    assert attempts == [(1, False), (2, False), (3, True)]
    stats = await store.inbox_stats()
    assert stats.counters == {"failed": 1} and stats.done == 1


async def test_a_dead_workers_claims_are_picked_up_at_start_and_an_interrupted_send_is_resent(
        store: SQLiteStore, caplog: pytest.LogCaptureFixture) -> None:
    host_owner = owners.new_owner()
    dead = f"{host_owner.rsplit(':', 2)[0]}:{2**22 + 12345}:deadbeef"  # this host, a pid that is not running
    await store.inbox_put([arrival(1, "a"), arrival(2, "b")])
    await store.inbox_claim(dead, ["telegram"], LEASE, 2)
    assert await store.inbox_sending("telegram", 1, dead)  # it died between "sending" and "done"
    seen, process = recorder()
    worker = InboxWorker(store, ["telegram"], process, FAST)
    caplog.set_level(logging.INFO, logger="bot.inbox")
    await run_until(worker, lambda: len(seen) == 2)
    assert sorted(n for n, _ in seen) == [1, 2]
    assert "picked up again" in caplog.text and "sent again" in caplog.text
    assert (await store.inbox_stats()).counters == {"resent": 1}  # the one possible duplicate, counted


async def test_a_live_worker_elsewhere_keeps_its_claims_until_the_lease_ends(store: SQLiteStore) -> None:
    elsewhere = f"another-host:{os.getpid()}:cafe"
    await store.inbox_put([arrival(1)])
    await store.inbox_claim(elsewhere, ["telegram"], LEASE, 1)
    assert owners.dead_here([elsewhere], owners.new_owner()) == []


async def test_a_backlog_beyond_the_limit_is_shed_with_a_log_line(store: SQLiteStore,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    seen, process = recorder()
    worker = InboxWorker(store, ["telegram"], process, FAST.model_copy(update={"max_backlog": 3}))
    await store.inbox_put([arrival(n, f"c{n}") for n in range(1, 11)])
    await run_until(worker, lambda: len(seen) == 3)
    assert sorted(n for n, _ in seen) == [8, 9, 10]  # the oldest seven were shed
    assert "shed the 7 oldest" in caplog.text
    assert (await store.inbox_stats()).counters == {"shed": 7}


async def test_a_graceful_stop_gives_unfinished_claims_back_at_once(store: SQLiteStore,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker_module, "_STOP_GRACE", 0.05)
    release = asyncio.Event()

    async def process(item: InboxItem) -> None:
        await release.wait()

    worker = InboxWorker(store, ["telegram"], process, FAST)
    await store.inbox_put([arrival(1)])
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    async with asyncio.timeout(5):
        while (await store.inbox_stats()).claimed == 0:
            await asyncio.sleep(0.01)
    stop.set()
    await task
    stats = await store.inbox_stats()
    assert (stats.pending, stats.claimed) == (1, 0)  # the next start answers it without waiting for a lease


async def test_the_telegram_and_discord_workers_of_one_process_never_free_each_others_claims(
        store: SQLiteStore) -> None:
    seen, process = recorder()
    telegram = InboxWorker(store, ["telegram"], process, FAST)
    discord = InboxWorker(store, ["discord"], process, FAST)
    assert telegram.owner == discord.owner  # `python -m bot run all`: one process, one owner
    deferred = InboxUpdate("discord", 5, "discord:1", "{}", dt.datetime.now(dt.UTC))
    await store.inbox_put([deferred], claim_for=discord.owner, lease=LEASE)
    await store.inbox_put([arrival(1)])
    await run_until(telegram, lambda: len(seen) == 1)
    assert (await store.inbox_stats()).claimed == 1  # the deferred interaction is still its worker's


async def test_a_database_outage_pauses_claiming_and_the_update_is_answered_after_it(
        store: SQLiteStore, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(worker_module, "_OUTAGE_PAUSE", 0.05)
    original = store.inbox_claim
    failures = [StoreError("the database cannot be reached right now; try again in a minute")] * 3

    async def flaky(*args: object, **kwargs: object) -> list[InboxItem]:
        if failures:
            raise failures.pop()
        return await original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "inbox_claim", flaky)
    seen, process = recorder()
    worker = InboxWorker(store, ["telegram"], process, FAST)
    await worker.put([arrival(1)])
    await run_until(worker, lambda: len(seen) == 1)
    assert caplog.text.count("cannot claim updates") == 3


GROUP = "telegram:-100"


def answering(store: SQLiteStore, hold: asyncio.Event | None = None) -> Callable[[InboxItem], Awaitable[None]]:
    """A process that records its answer and sends it, then (with `hold`) never returns: the worker
    stops with the answer out but "done" not committed, as when a process dies at that instant."""

    async def process(item: InboxItem) -> None:
        await store.record_answer(GROUP, "e1")
        await inbox.before_send()
        if hold is not None:
            hold.set()
            await asyncio.Event().wait()

    return process


async def test_an_update_answered_again_after_a_stop_before_done_records_its_answer_once(
        store: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker_module, "_STOP_GRACE", 0.05)
    sent = asyncio.Event()
    first = InboxWorker(store, ["telegram"], answering(store, sent), FAST)
    await first.put([arrival(1)])
    stop = asyncio.Event()
    task = asyncio.create_task(first.run(stop))
    async with asyncio.timeout(5):
        await sent.wait()
    stop.set()
    await task  # the answer left; the update was given back without its "done" (nor its effects)
    assert (await store.stats(GROUP, 1)).answered == 0
    assert await first.put([arrival(1)]) == 0  # Telegram redelivers it: still the one stored update

    second = InboxWorker(store, ["telegram"], answering(store), FAST)
    await run_until(second, lambda: second.answered == 1)
    assert (await store.stats(GROUP, 1)).answered == 1
    assert (await store.inbox_stats()).done == 1


async def test_a_retried_answer_records_its_answer_once(store: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker_module, "_RETRY_PAUSE", 0.01)
    record = answering(store)

    async def process(item: InboxItem) -> None:
        await record(item)
        if item.attempts == 1:
            raise ConnectionError("the connection broke after the answer was sent")

    worker = InboxWorker(store, ["telegram"], process, FAST)
    await worker.put([arrival(1)])
    await run_until(worker, lambda: worker.answered == 1)
    assert (await store.stats(GROUP, 1)).answered == 1

