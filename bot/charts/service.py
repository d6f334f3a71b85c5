"""Charts on demand for the assistant: off when settings say so, drawn off the event loop, cached.

Curated knowledge is read-only while the bot runs, so a chart for (network or entry, language)
is drawn once and reused; drawing takes a few hundred milliseconds, which must not stall other
chats, so it runs in a worker thread.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Sequence

from bot.charts.data import ChartSpec, spec_for_entry, spec_for_network
from bot.charts.render import Chart, render_chart
from bot.models import Entry, Locale

CACHE_SIZE = 128  # (network or entry, language) pairs: the curated knowledge has far fewer


class Charts:
    """Draws and caches the charts behind `/stats NETWORK` and statistics answers."""

    def __init__(self, entries: Sequence[Entry], enabled: bool = True, cache_size: int = CACHE_SIZE) -> None:
        self.enabled = enabled
        self._entries = list(entries)
        self._curated = {e.id: e for e in self._entries}
        self._cache: OrderedDict[tuple[str, str, Locale], Chart | None] = OrderedDict()
        self._size = cache_size
        self._lock = asyncio.Lock()

    async def for_network(self, network: str, locale: Locale) -> Chart | None:
        if not self.enabled:
            return None
        return await self._get(("network", network, locale), lambda: spec_for_network(self._entries, network, locale))

    async def for_entry(self, entry: Entry, locale: Locale) -> Chart | None:
        """Curated entries only: a community's entries carry no structured figures to chart."""
        if not self.enabled or self._curated.get(entry.id) is not entry:
            return None
        return await self._get(("entry", entry.id, locale), lambda: spec_for_entry(entry, locale))

    async def _get(self, key: tuple[str, str, Locale], make: Callable[[], ChartSpec | None]) -> Chart | None:
        async with self._lock:  # one drawing at a time: the same chart is never drawn twice at once
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            spec = make()
            chart = await asyncio.to_thread(render_chart, spec) if spec is not None else None
            self._cache[key] = chart
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
            return chart

