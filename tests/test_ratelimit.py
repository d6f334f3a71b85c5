"""RateLimiter: moving windows from `limits` (real time, one-second windows) and the cooldown (fake clock)."""

from __future__ import annotations

import time

import pytest

from bot.ratelimit import RateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_per_user_window_blocks_then_frees() -> None:
    limiter = RateLimiter(per_user="2/second", per_community="100/minute")
    assert limiter.check("g", "alice") is None
    assert limiter.check("g", "alice") is None
    wait = limiter.check("g", "alice")
    assert wait is not None and 0 < wait <= 1.0
    assert limiter.check("g", "bob") is None  # another person is not affected
    time.sleep(wait + 0.05)
    assert limiter.check("g", "alice") is None


def test_per_user_counts_across_communities() -> None:
    limiter = RateLimiter(per_user="1/minute", per_community="100/minute")
    assert limiter.check("telegram:-1", "alice") is None
    wait = limiter.check("discord:2", "alice")
    assert wait is not None and 50 < wait <= 60


def test_per_community_window() -> None:
    limiter = RateLimiter(per_user="100/minute", per_community="3/minute")
    assert [limiter.check("g", f"u{i}") for i in range(3)] == [None, None, None]
    wait = limiter.check("g", "u9")
    assert wait is not None and 50 < wait <= 60
    assert limiter.check("other", "u9") is None  # another group is not affected


def test_refused_attempts_are_not_counted() -> None:
    limiter = RateLimiter(per_user="1/second", per_community="100/minute")
    assert limiter.check("g", "alice") is None
    for _ in range(5):
        assert limiter.check("g", "alice") is not None
    time.sleep(1.05)
    assert limiter.check("g", "alice") is None


def test_cooldown_between_answers_to_one_user() -> None:
    clock = FakeClock()
    limiter = RateLimiter(per_user="100/minute", per_community="100/minute", clock=clock)
    assert limiter.check("g", "alice", cooldown_seconds=30) is None
    clock.now += 10
    assert limiter.check("g", "alice", cooldown_seconds=30) == pytest.approx(20)
    assert limiter.check("g", "bob", cooldown_seconds=30) is None  # per person
    assert limiter.check("other", "alice", cooldown_seconds=30) is None  # per community
    clock.now += 20
    assert limiter.check("g", "alice", cooldown_seconds=30) is None


def test_cooldown_zero_means_off_and_can_change() -> None:
    clock = FakeClock()
    limiter = RateLimiter(per_user="100/minute", per_community="100/minute", clock=clock)
    assert limiter.check("g", "alice") is None
    assert limiter.check("g", "alice") is None
    assert limiter.check("g", "alice", cooldown_seconds=60) == pytest.approx(60)  # turned on by a moderator


def test_reset_forgets_everything() -> None:
    limiter = RateLimiter(per_user="1/minute", per_community="100/minute")
    assert limiter.check("g", "alice", cooldown_seconds=60) is None
    assert limiter.check("g", "alice") is not None
    limiter.reset()
    assert limiter.check("g", "alice", cooldown_seconds=60) is None


def test_bad_limit_string_is_rejected() -> None:
    with pytest.raises(ValueError):
        RateLimiter(per_user="lots")
