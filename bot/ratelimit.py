"""Per-user and per-community rate limits, plus a community's cooldown between answers to one person.

Protects groups from a flooding member and the bot from platform flood limits (Telegram allows
about 20 messages a minute per group). The counters live in the store (fixed windows, see
`bot/storage/windows.py`), so every worker process of a deployment counts against the same quota
and a restart does not hand out a fresh one.
"""

from __future__ import annotations

from limits import RateLimitItem, parse

from bot.storage.base import Quota, Store

__all__ = ["RateLimiter"]


class RateLimiter:
    """`check()` says whether to answer now, or how many seconds to wait.

    `per_user` counts one person across every community (the key is already opaque, e.g. a salted
    hash); `per_community` counts everyone in one group. Strings use the `limits` notation:
    "6/minute", "30 per minute", "2/second".
    """

    def __init__(self, store: Store, per_user: str = "6/minute", per_community: str = "30/minute") -> None:
        self.per_user: RateLimitItem = parse(per_user)
        self.per_community: RateLimitItem = parse(per_community)
        self._store = store

    async def check(self, community_id: str, user_key: str, cooldown_seconds: int = 0) -> float | None:
        """None if this user may be answered now (and count it), else the seconds to wait.

        A refused attempt is not counted, so waiting the returned time is always enough.
        """
        quotas = [
            Quota(f"user:{user_key}", self.per_user.amount, float(self.per_user.get_expiry())),
            Quota(f"community:{community_id}", self.per_community.amount, float(self.per_community.get_expiry())),
        ]
        return await self._store.hit_limits(quotas, f"{community_id}|{user_key}", cooldown_seconds)
