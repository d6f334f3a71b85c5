"""The Store contract for deferred effects (every backend): inside `deferred_effects()` an update's
effect writes wait, and `inbox_finish` applies them with the done mark in one transaction, or not at all."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.storage.base import Store
from tests.storage.conftest import FixedClock, StoreFactory
from tests.storage.test_contract_inbox import LEASE, update

GROUP = "telegram:-100"


async def test_collected_effects_are_invisible_until_finish_applies_them_with_the_done_mark(store: Store) -> None:
    await store.inbox_put([update(1)])
    await store.inbox_claim("w1", ["telegram"], LEASE, 1)
    with store.deferred_effects() as effects:
        await store.record_answer(GROUP, "e1")
        await store.record_gap(GROUP, "how do I answer a bad review", "fallback")
        await store.set_last_answer("u1", GROUP, "e1")
        await store.vote(GROUP, "e1", "u1", True)  # not an effect: written at once
        assert await store.last_answer("u1", GROUP) is None  # reads see only what is committed
    assert len(effects.pending) == 3
    before = await store.stats(GROUP, 1)
    assert (before.answered, before.unanswered, before.helpful) == (0, 0, 1)
    assert await store.gaps(GROUP) == []
    assert (await store.inbox_stats()).claimed == 1

    assert await store.inbox_finish("telegram", 1, "w1", "answered", effects)
    after = await store.stats(GROUP, 1)
    assert (after.answered, after.unanswered) == (1, 1)
    assert [g.text for g in await store.gaps(GROUP)] == ["how do I answer a bad review"]
    assert await store.last_answer("u1", GROUP) == "e1"
    assert (await store.inbox_stats()).done == 1


async def test_finishing_an_update_already_done_applies_nothing(open_store: StoreFactory) -> None:
    clock = FixedClock()
    store = await open_store(clock)
    await store.inbox_put([update(1)])
    await store.inbox_claim("slow", ["telegram"], LEASE, 1)
    with store.deferred_effects() as slow:  # the first worker answers, then stalls past its lease
        await store.record_answer(GROUP, "e1")
    clock.now += LEASE + dt.timedelta(seconds=1)
    await store.inbox_claim("fast", ["telegram"], LEASE, 1)
    with store.deferred_effects() as fast:  # the update is answered again by the next worker
        await store.record_answer(GROUP, "e1")
    assert await store.inbox_finish("telegram", 1, "fast", "answered", fast)
    assert not await store.inbox_finish("telegram", 1, "slow", "answered", slow)
    assert not await store.inbox_finish("telegram", 1, "fast", "answered", fast)  # finished twice
    assert (await store.stats(GROUP, 1)).answered == 1


async def test_a_failing_effect_leaves_the_update_unfinished_and_nothing_written(store: Store) -> None:
    await store.inbox_put([update(1)])
    await store.inbox_claim("w1", ["telegram"], LEASE, 1)
    with store.deferred_effects() as effects:
        await store.record_answer(GROUP, "e1")

    async def broken(conn: object) -> None:
        raise ValueError("an effect that cannot be written")

    effects.pending.append(broken)
    with pytest.raises(ValueError):
        await store.inbox_finish("telegram", 1, "w1", "answered", effects)
    assert (await store.stats(GROUP, 1)).answered == 0  # rolled back with the done mark
    assert (await store.inbox_stats()).claimed == 1
    effects.pending.remove(broken)
    assert await store.inbox_finish("telegram", 1, "w1", "answered", effects)
    assert (await store.stats(GROUP, 1)).answered == 1


async def test_outside_a_collector_or_for_another_store_effects_are_written_at_once(
        open_store: StoreFactory) -> None:
    store, other = await open_store(), await open_store()
    with other.deferred_effects() as effects:
        await store.record_answer(GROUP, "e1")
    assert effects.pending == []
    assert (await store.stats(GROUP, 1)).answered == 1
