"""What the assistant remembers per user between messages: the chosen language and the last answer.

Behind `SessionStore`: `StoreSessions`, the default, keeps them in the database so every worker (and a
restart) knows them; `InMemorySessions` keeps them in this process. The keys are already salted hashes
(never raw platform ids).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Protocol

from bot.models import Locale
from bot.storage.base import Store

MEMORY_LIMIT = 10_000  # remembered users per map before the oldest go


class SessionStore(Protocol):
    async def language(self, user: str) -> Locale | None:
        """The language this user chose with /lang, if any."""

    async def set_language(self, user: str, locale: Locale) -> None: ...

    async def last_answer(self, user: str, community: str) -> str | None:
        """The entry this user was last offered feedback on here (what /rate rates)."""

    async def remember_answer(self, user: str, community: str, entry_id: str) -> None: ...


class StoreSessions:
    """Sessions in the store: shared by every worker on the same database, kept across restarts."""

    def __init__(self, store: Store) -> None:
        self._store = store

    async def language(self, user: str) -> Locale | None:
        return await self._store.user_locale(user)

    async def set_language(self, user: str, locale: Locale) -> None:
        await self._store.set_user_locale(user, locale)

    async def last_answer(self, user: str, community: str) -> str | None:
        return await self._store.last_answer(user, community)

    async def remember_answer(self, user: str, community: str, entry_id: str) -> None:
        await self._store.set_last_answer(user, community, entry_id)


class _BoundedMap(OrderedDict[str, str]):
    """A small LRU map so per-user memory cannot grow without bound."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self._limit = limit

    def remember(self, key: str, value: str) -> None:
        self[key] = value
        self.move_to_end(key)
        while len(self) > self._limit:
            self.popitem(last=False)


class InMemorySessions:
    """Sessions in this process, bounded (least recently set users are forgotten first)."""

    def __init__(self, limit: int = MEMORY_LIMIT) -> None:
        self._languages = _BoundedMap(limit)
        self._answers = _BoundedMap(limit)

    async def language(self, user: str) -> Locale | None:
        chosen = self._languages.get(user)
        return "es" if chosen == "es" else "en" if chosen == "en" else None

    async def set_language(self, user: str, locale: Locale) -> None:
        self._languages.remember(user, locale)

    async def last_answer(self, user: str, community: str) -> str | None:
        return self._answers.get(user + community)

    async def remember_answer(self, user: str, community: str, entry_id: str) -> None:
        self._answers.remember(user + community, entry_id)
