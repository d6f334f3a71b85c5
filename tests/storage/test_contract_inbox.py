"""The Store contract for the durable inbox (every backend): a redelivery is a no-op, claims respect
leases and per-chat order, done rows keep no payload, trimming purges and sheds oldest-first."""

from __future__ import annotations

import asyncio
import datetime as dt
import json

from bot.storage.base import InboxUpdate, Store
from tests.storage.conftest import FixedClock, StoreFactory

LEASE = dt.timedelta(seconds=30)


def update(update_id: int, chat: str = "c1", platform: str = "telegram", at: dt.datetime | None = None) -> InboxUpdate:
    moment = at or dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)
    return InboxUpdate(platform, update_id, f"{platform}:{chat}", json.dumps({"update_id": update_id}), moment)


async def test_a_redelivered_update_is_stored_once_even_after_it_is_done(store: Store) -> None:
    assert await store.inbox_put([update(1), update(2, "c2")]) == 2
    assert await store.inbox_put([update(1), update(3, "c3")]) == 1
    items = await store.inbox_claim("w1", ["telegram"], LEASE, 10)
    assert [i.update.update_id for i in items] == [1, 2, 3]
    assert items[0].update.payload == json.dumps({"update_id": 1}) and items[0].attempts == 1
    assert await store.inbox_finish("telegram", 1, "w1", "answered")
    assert await store.inbox_put([update(1)]) == 0  # Telegram redelivers an answered update: nothing new
    assert await store.inbox_claim("w2", ["telegram"], LEASE, 10) == []
    stats = await store.inbox_stats()
    assert (stats.done, stats.claimed) == (1, 2)


async def test_the_same_id_on_two_platforms_is_two_updates(store: Store) -> None:
    assert await store.inbox_put([update(7), update(7, platform="discord")]) == 2
    assert [i.update.platform for i in await store.inbox_claim("w", ["discord"], LEASE, 10)] == ["discord"]


async def test_one_chat_is_answered_in_order_and_one_at_a_time(store: Store) -> None:
    await store.inbox_put([update(1, "a"), update(2, "a"), update(3, "b")])
    first = await store.inbox_claim("w1", ["telegram"], LEASE, 10)
    assert [i.update.update_id for i in first] == [1, 3]
    assert await store.inbox_claim("w2", ["telegram"], LEASE, 10) == []  # 2 waits behind 1
    await store.inbox_finish("telegram", 1, "w1", "answered")
    assert [i.update.update_id for i in await store.inbox_claim("w2", ["telegram"], LEASE, 10)] == [2]


async def test_an_expired_lease_is_claimed_again_and_remembers_a_started_send(open_store: StoreFactory) -> None:
    clock = FixedClock()
    store = await open_store(clock)
    await store.inbox_put([update(1)])
    [item] = await store.inbox_claim("dead", ["telegram"], LEASE, 1)
    assert await store.inbox_sending("telegram", 1, "dead")
    assert await store.inbox_claim("alive", ["telegram"], LEASE, 1) == []
    clock.now += LEASE + dt.timedelta(seconds=1)
    [again] = await store.inbox_claim("alive", ["telegram"], LEASE, 1)
    assert again.attempts == 2 and again.was_sending and not item.was_sending
    assert not await store.inbox_finish("telegram", 1, "dead", "answered")  # the claim moved on
    assert await store.inbox_finish("telegram", 1, "alive", "answered")


async def test_renew_keeps_a_claim_and_free_releases_a_dead_owner(open_store: StoreFactory) -> None:
    clock = FixedClock()
    store = await open_store(clock)
    await store.inbox_put([update(1, "a"), update(2, "b")])
    await store.inbox_claim("w1", ["telegram"], LEASE, 10)
    assert await store.inbox_owners() == ["w1"]
    clock.now += dt.timedelta(seconds=20)
    assert await store.inbox_renew("w1", LEASE) == 2
    clock.now += dt.timedelta(seconds=20)
    assert await store.inbox_claim("w2", ["telegram"], LEASE, 10) == []  # renewed: still held
    assert await store.inbox_free(["w1"]) == 2
    assert len(await store.inbox_claim("w2", ["telegram"], LEASE, 10)) == 2
    await store.inbox_release("telegram", 1, "w2")
    assert [i.update.update_id for i in await store.inbox_claim("w3", ["telegram"], LEASE, 10)] == [1]


async def test_done_rows_keep_no_payload_and_are_purged(open_store: StoreFactory) -> None:
    clock = FixedClock()
    store = await open_store(clock)
    await store.inbox_put([update(1)])
    await store.inbox_claim("w", ["telegram"], LEASE, 1)
    await store.inbox_finish("telegram", 1, "w", "answered")
    clock.now += dt.timedelta(days=2)
    assert await store.inbox_trim(clock.now - dt.timedelta(days=1), 100) == (1, 0)
    assert (await store.inbox_stats()).done == 0
    assert await store.inbox_put([update(1)]) == 1  # after the purge window the key is forgotten


async def test_a_backlog_beyond_the_limit_is_shed_oldest_first_and_counted(store: Store) -> None:
    await store.inbox_put([update(n, f"c{n}") for n in range(1, 6)])
    assert await store.inbox_trim(dt.datetime(2000, 1, 1, tzinfo=dt.UTC), 2) == (0, 3)
    assert [i.update.update_id for i in await store.inbox_claim("w", ["telegram"], LEASE, 10)] == [4, 5]
    assert await store.inbox_put([update(1, "c1")]) == 0  # a shed update redelivered stays shed
    await store.inbox_count("dropped_late")
    await store.inbox_count("dropped_late", 2)
    stats = await store.inbox_stats()
    assert stats.counters == {"shed": 3, "dropped_late": 3}
    assert (stats.pending, stats.claimed, stats.done) == (0, 2, 3)


async def test_concurrent_claimers_never_share_an_update(open_store: StoreFactory) -> None:
    first, second = await open_store(), await open_store()  # two connections (two workers)
    await first.inbox_put([update(n, f"c{n}") for n in range(1, 41)])

    async def drain(store: Store, owner: str) -> list[int]:
        got: list[int] = []
        while batch := await store.inbox_claim(owner, ["telegram"], LEASE, 3):
            got += [i.update.update_id for i in batch]
        return got

    a, b = await asyncio.gather(drain(first, "a"), drain(second, "b"))
    assert sorted(a + b) == list(range(1, 41)) and not set(a) & set(b)


async def test_an_update_can_be_stored_already_claimed_by_the_worker_handling_it(open_store: StoreFactory) -> None:
    clock = FixedClock()
    store = await open_store(clock)
    assert await store.inbox_put([update(9, platform="discord")], claim_for="w1", lease=LEASE) == 1
    assert await store.inbox_claim("w2", ["discord"], LEASE, 10) == []  # held by w1
    assert await store.inbox_owners() == ["w1"]
    clock.now += LEASE + dt.timedelta(seconds=1)
    [item] = await store.inbox_claim("w2", ["discord"], LEASE, 10)  # w1 died: its lease ran out
    assert item.attempts == 2 and item.update.update_id == 9
