"""What the assistant remembers per user between messages: the chosen language and the last answer.

Behind `SessionStore` so a shared store can replace the in-memory one when several workers serve the
same users; the keys are already salted hashes (never raw platform ids).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Protocol

from bot.models import Locale

MEMORY_LIMIT = 10_000  # remembered users per map before the oldest go


class SessionStore(Protocol):
    def language(self, user: str) -> Locale | None:
        """The language this user chose with /lang, if any."""

    def set_language(self, user: str, locale: Locale) -> None: ...

    def last_answer(self, user: str, community: str) -> str | None:
        """The entry this user was last offered feedback on here (what /rate rates)."""

    def remember_answer(self, user: str, community: str, entry_id: str) -> None: ...


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

    def language(self, user: str) -> Locale | None:
        chosen = self._languages.get(user)
        return "es" if chosen == "es" else "en" if chosen == "en" else None

    def set_language(self, user: str, locale: Locale) -> None:
        self._languages.remember(user, locale)

    def last_answer(self, user: str, community: str) -> str | None:
        return self._answers.get(user + community)

    def remember_answer(self, user: str, community: str, entry_id: str) -> None:
        self._answers.remember(user + community, entry_id)
