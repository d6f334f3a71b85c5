"""The storage interface the core owns; SQLite implements it today, PostgreSQL may tomorrow.

Every method is one transaction. Nothing here carries a raw platform user id: callers pass an
opaque `actor` (already a salted hash or a per-platform id for the audit log) so the database
never learns who asked what.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from bot.models import Entry, Locale


class StoreError(Exception):
    """A storage problem worth telling the user about (locked, read-only, corrupted database)."""


class NotFound(StoreError):
    """The entry id does not exist in this community."""


class AlreadyExists(StoreError):
    """The id or phrasing is already taken in this community."""


@dataclass(frozen=True)
class CommunitySettings:
    """Per-community behaviour a moderator can change."""

    locale: Locale = "en"
    free_text: bool = False  # answer ordinary group messages, not only commands/mentions/replies
    cooldown_seconds: int = 0  # minimum gap between answers to the same user in this community
    guard: bool = False  # patient-data guard on group messages (see bot/draft_check)


@dataclass(frozen=True)
class CommunityEntry:
    """A moderator-added entry, with its lifecycle."""

    entry: Entry  # entry.id is the short id users type, e.g. "c12"
    community_id: str
    deleted: bool
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class ImportSummary:
    """What an import did (or, in a dry run, would do), by entry id."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


@dataclass(frozen=True)
class AuditRecord:
    """Who (opaque actor id) changed what, when, with before and after as JSON text."""

    community_id: str
    actor: str
    action: str  # add, alias, edit, remove, restore, hide, unhide, settings, import
    target: str  # entry id or setting name
    before: str | None
    after: str | None
    at: dt.datetime


@dataclass(frozen=True)
class Gap:
    """An unanswered (fallback) or unsure (clarify) question, PII already stripped."""

    text: str
    kind: Literal["fallback", "clarify"]
    count: int
    first_seen: dt.datetime
    last_seen: dt.datetime


@dataclass(frozen=True)
class EntryStats:
    entry_id: str
    asked: int
    helpful: int
    not_helpful: int


@dataclass(frozen=True)
class CommunityStats:
    days: int
    top_entries: list[EntryStats] = field(default_factory=list)
    answered: int = 0
    unanswered: int = 0
    helpful: int = 0
    not_helpful: int = 0


class Store(Protocol):
    """What the core needs from a database. Implementations keep SQL dialects to themselves."""

    async def open(self) -> None:
        """Connect and apply pending migrations."""

    async def close(self) -> None: ...

    # community entries
    async def next_entry_id(self, community_id: str) -> str:
        """Reserve the next short id ("c1", "c2", ...): never handed out twice, even if unused."""

    async def create_entry(self, community_id: str, build: Callable[[str], Entry], actor: str) -> CommunityEntry:
        """Reserve the next id, `build` the entry with it and store it in one transaction."""

    async def add_entry(self, community_id: str, entry: Entry, actor: str) -> CommunityEntry: ...
    async def update_entry(self, community_id: str, entry: Entry, actor: str, action: str) -> CommunityEntry: ...
    async def set_deleted(self, community_id: str, entry_id: str, deleted: bool, actor: str) -> CommunityEntry: ...
    async def get_entry(self, community_id: str, entry_id: str) -> CommunityEntry: ...
    async def list_entries(self, community_id: str, *, include_deleted: bool = False) -> list[CommunityEntry]: ...
    async def communities_with_entries(self) -> list[str]: ...
    async def import_entries(self, community_id: str, entries: list[Entry], actor: str) -> int: ...
    async def upsert_entries(
        self,
        community_id: str,
        entries: list[Entry],
        actor: str,
        *,
        fresh: frozenset[int] = frozenset(),
        replace: bool = False,
        dry_run: bool = False,
    ) -> ImportSummary:
        """Import by id, all or nothing (see `rules.plan_upsert`); `dry_run` writes nothing."""

    # curated entries a community hides
    async def set_hidden(self, community_id: str, entry_id: str, hidden: bool, actor: str) -> None: ...
    async def hidden_entries(self, community_id: str) -> set[str]: ...

    # audit
    async def history(self, community_id: str, target: str) -> list[AuditRecord]: ...

    # unanswered questions (text must already be scrubbed by bot.privacy.scrub)
    async def record_gap(self, community_id: str, text: str, kind: Literal["fallback", "clarify"]) -> None: ...
    async def gaps(self, community_id: str, limit: int = 20) -> list[Gap]: ...
    async def delete_gap(self, community_id: str, text: str) -> None: ...
    async def purge_older_than(self, days: int) -> int: ...

    # usage and feedback (voter is a salted hash from bot.privacy)
    async def record_answer(self, community_id: str, entry_id: str) -> None: ...
    async def vote(self, community_id: str, entry_id: str, voter: str, helpful: bool) -> None: ...
    async def stats(self, community_id: str, days: int) -> CommunityStats: ...

    # a chat that changes its id (Telegram: a group upgraded to a supergroup)
    async def move_community(self, old_id: str, new_id: str, actor: str) -> None:
        """Carry everything stored under `old_id` to `new_id` in one transaction."""

    # settings
    async def get_settings(self, community_id: str) -> CommunitySettings: ...
    async def update_settings(self, community_id: str, settings: CommunitySettings, actor: str) -> None: ...
