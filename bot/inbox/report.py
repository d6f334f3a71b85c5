"""The inbox in one line for operators (`python -m bot db check`): what waits, and what was given up."""

from __future__ import annotations

import datetime as dt

from bot.storage.base import InboxStats, InboxStore

# counters an operator should know about, in the order they are printed
COUNTERS = ("shed", "dropped_late", "failed", "expired", "resent")


def describe(stats: InboxStats, now: dt.datetime | None = None) -> str:
    """E.g. "inbox: 3 waiting (oldest 12 s), 0 sending, 410 answered keys kept; shed 0, dropped_late 1, ..."."""
    now = now or dt.datetime.now(dt.UTC)
    waiting = stats.pending + stats.claimed
    oldest = ""
    if stats.oldest_pending is not None:
        oldest = f" (oldest {max(0, int((now - stats.oldest_pending).total_seconds()))} s)"
    counters = ", ".join(f"{name} {stats.counters.get(name, 0)}" for name in COUNTERS)
    return (f"inbox: {waiting} waiting{oldest}, {stats.sending} sending, {stats.done} answered keys kept; "
            f"since the start: {counters}")


async def summary(store: InboxStore) -> str:
    return describe(await store.inbox_stats())
