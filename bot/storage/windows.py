"""Fixed-window rate limits and cooldowns kept in the database, the same arithmetic on every backend.

Why fixed windows: one row per (key, window) updated with an atomic conditional upsert is all a
database needs to count hits for every worker at once; a moving window would need one row per hit.
The price is that a burst straddling two windows may reach twice the limit for a moment.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.storage.base import Quota

COOLDOWN_MEMORY_SECONDS = 3600.0  # a cooldown row outlives its cooldown, so turning one on later still applies


@dataclass(frozen=True)
class Window:
    """The window a hit at `now` falls in, and when its row may be forgotten."""

    start: float
    end: float


def window(quota: Quota, now: float) -> Window:
    width = quota.window_seconds
    start = math.floor(now / width) * width
    return Window(start, start + width)


def cooldown_expiry(now: float, cooldown_seconds: float) -> float:
    return now + max(cooldown_seconds, COOLDOWN_MEMORY_SECONDS)


def wait_for(now: float, cooldown_seconds: float, last_at: float | None,
             full: list[tuple[Quota, int]]) -> float | None:
    """Seconds until every limit allows one more hit; None when none is reached.

    `full` pairs each quota with the hits already counted in its current window."""
    waits: list[float] = []
    if cooldown_seconds > 0 and last_at is not None and now - last_at < cooldown_seconds:
        waits.append(cooldown_seconds - (now - last_at))
    for quota, hits in full:
        if hits >= quota.limit:
            waits.append(window(quota, now).end - now)
    return max(max(waits), 0.001) if waits else None

