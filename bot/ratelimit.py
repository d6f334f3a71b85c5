"""Per-user and per-community rate limits, plus a community's cooldown between answers to one person.

Protects groups from a flooding member and the bot from platform flood limits (Telegram allows
about 20 messages a minute per group). The windows are moving windows from the `limits` library,
kept in memory: one process, one limiter. Several worker processes would each count separately;
a shared backend (`limits` supports Redis and others) can replace `MemoryStorage` then.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

__all__ = ["RateLimiter"]

_SWEEP_EVERY = 1024  # checks between clean-ups of finished cooldowns


class RateLimiter:
    """`check()` says whether to answer now, or how many seconds to wait.

    `per_user` counts one person across every community (the key is already opaque, e.g. a salted
    hash); `per_community` counts everyone in one group. Strings use the `limits` notation:
    "6/minute", "30 per minute", "2/second".
    """

    def __init__(
        self,
        per_user: str = "6/minute",
        per_community: str = "30/minute",
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.per_user: RateLimitItem = parse(per_user)
        self.per_community: RateLimitItem = parse(per_community)
        self._storage = MemoryStorage()
        self._windows = MovingWindowRateLimiter(self._storage)
        self._clock = clock  # for the cooldown; the library's windows read time.time() themselves
        self._last_answer: dict[tuple[str, str], tuple[float, int]] = {}  # -> (when, cooldown then)
        self._lock = threading.Lock()
        self._checks = 0

    def check(self, community_id: str, user_key: str, cooldown_seconds: int = 0) -> float | None:
        """None if this user may be answered now (and count it), else the seconds to wait.

        A refused attempt is not counted, so waiting the returned time is always enough.
        """
        with self._lock:
            now = self._clock()
            self._checks += 1
            if self._checks % _SWEEP_EVERY == 0:
                self._sweep(now)
            waits: list[float] = []
            last = self._last_answer.get((community_id, user_key))
            if cooldown_seconds > 0 and last is not None and now - last[0] < cooldown_seconds:
                waits.append(cooldown_seconds - (now - last[0]))
            for item, key in (
                (self.per_user, ("user", user_key)),
                (self.per_community, ("community", community_id)),
            ):
                if not self._windows.test(item, *key):
                    reset = self._windows.get_window_stats(item, *key).reset_time
                    waits.append(max(0.0, reset - time.time()))
            if waits:
                return max(max(waits), 0.001)
            self._windows.hit(self.per_user, "user", user_key)
            self._windows.hit(self.per_community, "community", community_id)
            self._last_answer[(community_id, user_key)] = (now, cooldown_seconds)
            return None

    def reset(self) -> None:
        """Forget every count (tests, or a moderator clearing a flood)."""
        with self._lock:
            self._storage.reset()
            self._last_answer.clear()

    def _sweep(self, now: float) -> None:
        """Forget cooldowns that ended, so memory follows active users, not all users ever seen."""
        horizon = max(self.per_user.get_expiry(), self.per_community.get_expiry())
        done = [k for k, (at, cd) in self._last_answer.items() if now - at >= max(cd, horizon)]
        for key in done:
            del self._last_answer[key]
