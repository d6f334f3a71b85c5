"""Which inline cards people choose, counted per entry without user ids, and "most useful" from data.

"Most useful" (what an empty inline query shows): entries chosen most often from inline results
in the last 30 days first; then, to fill up (and on a fresh install), the entries other entries
point to most in their `related` lists, because the knowledge's own cross-references mark the
entries every other topic leads to (identifiability, medical networks, individual advice ...).
Ties keep knowledge order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Protocol

from bot.models import Entry
from bot.storage.base import Store

CHOICE_DAYS = 30
INLINE_BUCKET = "inline"  # the store's usage bucket for chosen inline results: no chat, no user


class ChoiceCounter(Protocol):
    """Where chosen inline results are counted."""

    async def record_choice(self, entry_id: str) -> None: ...

    async def choice_counts(self, days: int = CHOICE_DAYS) -> dict[str, int]: ...


class StoreChoiceCounter:
    """Counts choices as answered-question events of a dedicated usage bucket: entry id and time only."""

    def __init__(self, store: Store, bucket: str = INLINE_BUCKET) -> None:
        self._store = store
        self._bucket = bucket

    async def record_choice(self, entry_id: str) -> None:
        await self._store.record_answer(self._bucket, entry_id)

    async def choice_counts(self, days: int = CHOICE_DAYS) -> dict[str, int]:
        stats = await self._store.stats(self._bucket, days)
        return {item.entry_id: item.asked for item in stats.top_entries}


def most_useful(entries: Sequence[Entry], chosen: Mapping[str, int], limit: int) -> list[Entry]:
    """Most chosen first, then most pointed-to by `related`, then knowledge order."""
    pointed_to = Counter(target for entry in entries for target in entry.related if target != entry.id)
    order = {entry.id: position for position, entry in enumerate(entries)}
    ranked = sorted(entries, key=lambda e: (-chosen.get(e.id, 0), -pointed_to[e.id], order[e.id]))
    return ranked[:limit]
