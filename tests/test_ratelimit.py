"""RateLimiter: fixed windows and the cooldown, counted in the store (a test clock, no sleeping)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.ratelimit import RateLimiter
from bot.storage.sqlite.store import SQLiteStore


class FakeClock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)  # a window boundary

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest_asyncio.fixture
async def store(tmp_path: Path, clock: FakeClock) -> AsyncIterator[SQLiteStore]:
    async with SQLiteStore(tmp_path / "limits.db", clock=clock) as opened:
        yield opened


async def test_per_user_window_blocks_then_frees(store: SQLiteStore, clock: FakeClock) -> None:
    limiter = RateLimiter(store, per_user="2/second", per_community="100/minute")
    assert await limiter.check("g", "alice") is None
    assert await limiter.check("g", "alice") is None
    wait = await limiter.check("g", "alice")
    assert wait is not None and 0 < wait <= 1.0
    assert await limiter.check("g", "bob") is None  # another person is not affected
    clock.advance(wait)
    assert await limiter.check("g", "alice") is None


async def test_per_user_counts_across_communities(store: SQLiteStore, clock: FakeClock) -> None:
    limiter = RateLimiter(store, per_user="1/minute", per_community="100/minute")
    assert await limiter.check("telegram:-1", "alice") is None
    clock.advance(5)
    wait = await limiter.check("discord:2", "alice")
    assert wait == pytest.approx(55)


async def test_per_community_window(store: SQLiteStore, clock: FakeClock) -> None:
    limiter = RateLimiter(store, per_user="100/minute", per_community="3/minute")
    assert [await limiter.check("g", f"u{i}") for i in range(3)] == [None, None, None]
    clock.advance(8)
    assert await limiter.check("g", "u9") == pytest.approx(52)
    assert await limiter.check("other", "u9") is None  # another group is not affected


async def test_refused_attempts_are_not_counted(store: SQLiteStore, clock: FakeClock) -> None:
    limiter = RateLimiter(store, per_user="1/second", per_community="100/minute")
    assert await limiter.check("g", "alice") is None
    for _ in range(5):
        assert await limiter.check("g", "alice") is not None
    clock.advance(1)
    assert await limiter.check("g", "alice") is None


async def test_cooldown_between_answers_to_one_user(store: SQLiteStore, clock: FakeClock) -> None:
    limiter = RateLimiter(store, per_user="100/minute", per_community="100/minute")
    assert await limiter.check("g", "alice", cooldown_seconds=30) is None
    clock.advance(10)
    assert await limiter.check("g", "alice", cooldown_seconds=30) == pytest.approx(20)
    assert await limiter.check("g", "bob", cooldown_seconds=30) is None  # per person
    assert await limiter.check("other", "alice", cooldown_seconds=30) is None  # per community
    clock.advance(20)
    assert await limiter.check("g", "alice", cooldown_seconds=30) is None


async def test_cooldown_zero_means_off_and_can_change(store: SQLiteStore) -> None:
    limiter = RateLimiter(store, per_user="100/minute", per_community="100/minute")
    assert await limiter.check("g", "alice") is None
    assert await limiter.check("g", "alice") is None
    assert await limiter.check("g", "alice", cooldown_seconds=60) == pytest.approx(60)  # turned on by a moderator


async def test_counts_survive_a_restart(tmp_path: Path, clock: FakeClock) -> None:
    async with SQLiteStore(tmp_path / "limits.db", clock=clock) as first:
        assert await RateLimiter(first, per_user="1/minute").check("g", "alice") is None
    async with SQLiteStore(tmp_path / "limits.db", clock=clock) as second:
        assert await RateLimiter(second, per_user="1/minute").check("g", "alice") is not None


def test_bad_limit_string_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        RateLimiter(SQLiteStore(tmp_path / "unused.db"), per_user="lots")
