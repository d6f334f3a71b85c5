"""The storage interface the core owns; SQLite implements it today, PostgreSQL may tomorrow.

Every method is one transaction. Nothing here carries a raw platform user id: callers pass an
opaque `actor` (already a salted hash or a per-platform id for the audit log) so the database
never learns who asked what.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Literal, Protocol

from bot.models import Entry, Locale
from bot.storage.effects import Effects


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
    digest: Literal["off", "weekly"] = "off"  # a weekly summary for the moderators
    digest_to: str = "group"  # where: "group", "admins" (privately) or "channel:ID" (Discord)


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


# What the matcher made of an unanswered message: a real in-domain gap, or something no entry should answer.
GapCategory = Literal["question", "off_topic", "medical", "gibberish"]
TEXT_CATEGORIES: tuple[GapCategory, ...] = ("question", "off_topic")  # the ones whose (scrubbed) text is kept


@dataclass(frozen=True)
class Gap:
    """An unanswered (fallback) or unsure (clarify) question, PII already stripped."""

    text: str
    kind: Literal["fallback", "clarify"]
    count: int
    first_seen: dt.datetime
    last_seen: dt.datetime
    number: int = 0  # stable per community until the question is answered or dismissed (0: unnumbered)
    category: GapCategory = "question"


@dataclass(frozen=True)
class Learned:
    """A phrasing users taught by choosing `entry_id` for it; `count` is how many distinct users did."""

    number: int  # stable per community: what moderators type to accept or reject it
    community_id: str
    entry_id: str
    text: str
    locale: Locale
    status: Literal["pending", "accepted", "rejected"]
    count: int
    last_seen: dt.datetime


@dataclass(frozen=True)
class QuestionContext:
    """The last question a user asked in a community and the entries the bot offered or answered with."""

    text: str  # scrubbed
    locale: Locale
    entries: tuple[str, ...]
    at: dt.datetime


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


@dataclass(frozen=True)
class DialogueState:
    """A half-written guided dialogue as the core serialised it (JSON text), and when it was last used."""

    data: str
    touched_at: dt.datetime


@dataclass(frozen=True)
class Quota:
    """At most `limit` hits per fixed window of `window_seconds` for one key (a user, a community)."""

    key: str
    limit: int
    window_seconds: float


# --- the durable inbox (bot/inbox): updates stored before they are confirmed to the platform ------

InboxState = Literal["pending", "claimed", "sending", "done"]


DEFAULT_INBOX_LEASE = dt.timedelta(seconds=30)  # how long a claim holds when the caller names no lease


@dataclass(frozen=True)
class InboxUpdate:
    """One platform update as received: `update_id` is the platform's own id (Telegram's update_id,
    a Discord interaction id), so storing it twice is a no-op. `chat_key` orders updates per chat."""

    platform: str
    update_id: int
    chat_key: str
    payload: str  # the update as JSON text; erased when the update is done
    received_at: dt.datetime


@dataclass(frozen=True)
class InboxItem:
    """A claimed update: the claimer owns it until `lease_until` (renewed while it works)."""

    update: InboxUpdate
    attempts: int  # claims so far, this one included
    was_sending: bool  # a previous claimer died between starting to send and recording the answer


@dataclass(frozen=True)
class InboxStats:
    """Operators' view of the inbox: rows per state and the counters of what it gave up on."""

    pending: int = 0
    claimed: int = 0
    sending: int = 0
    done: int = 0
    oldest_pending: dt.datetime | None = None
    counters: dict[str, int] = field(default_factory=dict)  # shed, dropped_late, failed, expired, ...


class InboxStore(Protocol):
    """The inbox half of the Store (both backends). Every method is one transaction."""

    async def inbox_put(self, updates: Sequence[InboxUpdate], *, claim_for: str | None = None,
                        lease: dt.timedelta | None = None) -> int:
        """Store updates not seen before (done ones included); returns how many were new. With
        `claim_for`, new rows start claimed by that owner for `lease` (work already under way)."""

    async def inbox_claim(self, owner: str, platforms: Sequence[str], lease: dt.timedelta,
                          limit: int) -> list[InboxItem]:
        """Claim up to `limit` of the oldest unfinished updates whose lease is free, at most one per chat
        and none behind an earlier unfinished update of the same chat (answers keep their order)."""

    async def inbox_sending(self, platform: str, update_id: int, owner: str) -> bool:
        """Record that the answer is about to be sent; False when `owner` no longer holds the claim."""

    def deferred_effects(self) -> AbstractContextManager[Effects]:
        """Within this context the effect writes (record_answer, record_gap, set_last_answer) are
        collected instead of written, for `inbox_finish` to apply (see bot/storage/effects.py)."""

    async def inbox_finish(self, platform: str, update_id: int, owner: str, outcome: str,
                           effects: Effects | None = None) -> bool:
        """Mark done (payload erased) with an outcome ("answered", "ignored", "dropped_late", "failed")
        and apply `effects` in the same transaction; False (nothing applied) when the claim was lost
        meanwhile or the update is already done."""

    async def inbox_release(self, platform: str, update_id: int, owner: str) -> None:
        """Give a claim back after a failed answer (nothing was sent): it is claimed again, by anyone."""

    async def inbox_renew(self, owner: str, lease: dt.timedelta) -> int:
        """Extend every lease `owner` holds; returns how many."""

    async def inbox_owners(self) -> list[str]:
        """Owners holding claims now (for finding dead workers on this host)."""

    async def inbox_free(self, owners: Sequence[str]) -> int:
        """Release every claim of `owners` (workers known to be dead); returns how many."""

    async def inbox_trim(self, done_before: dt.datetime, max_backlog: int) -> tuple[int, int]:
        """Purge done rows older than `done_before` and shed the oldest pending rows beyond
        `max_backlog` (counted as "shed"); returns (purged, shed)."""

    async def inbox_count(self, name: str, amount: int = 1) -> None:
        """Add to an operator counter (dropped_late, failed, expired, ...)."""

    async def inbox_stats(self) -> InboxStats: ...


class Store(InboxStore, Protocol):
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
    async def record_gap(
        self,
        community_id: str,
        text: str,
        kind: Literal["fallback", "clarify"],
        category: GapCategory = "question",
    ) -> None:
        """Count an unanswered message; only TEXT_CATEGORIES keep the text, dismissed texts only count."""

    async def gaps(
        self, community_id: str, limit: int = 20, categories: Sequence[GapCategory] = TEXT_CATEGORIES
    ) -> list[Gap]: ...
    async def delete_gap(self, community_id: str, text: str) -> None: ...
    async def dismiss_gaps(self, community_id: str, texts: Sequence[str], actor: str) -> None:
        """Forget these questions and never list them again (audited as "dismiss")."""

    async def unanswered_by_category(self, community_id: str, days: int) -> dict[GapCategory, int]:
        """How many unanswered messages of each category arrived in the last `days` days."""

    # community phrasings routed to an entry (curated or the community's own)
    async def add_link(self, community_id: str, entry_id: str, text: str, actor: str) -> bool:
        """Route `text` to `entry_id` here; False when that phrasing already routes somewhere."""

    async def remove_links(self, community_id: str, entry_id: str, text: str | None, actor: str) -> list[str]:
        """Undo links to `entry_id` (only `text`'s when given); returns the texts removed."""

    async def links(self, community_id: str) -> dict[str, list[str]]:
        """entry id -> its linked phrasings here, oldest first."""

    # phrasings learned from users' choices (text scrubbed, voter a salted hash)
    async def learn_phrasing(
        self, community_id: str, entry_id: str, text: str, locale: Locale, voter: str
    ) -> None:
        """Count one user choosing `entry_id` for `text`; a rejected or accepted phrasing is not proposed again."""

    async def learned(self, community_id: str, status: str = "pending") -> list[Learned]:
        """Most chosen first."""

    async def set_learned_status(
        self, community_id: str, number: int, status: Literal["accepted", "rejected"], actor: str
    ) -> Learned:
        """Accept or reject pending phrasing `number`; NotFound when there is no such pending one."""

    async def accepted_phrasings(self) -> list[Learned]:
        """Every community's accepted phrasings, for maintainers to review (`kb suggestions export`)."""

    async def remember_question(
        self, user_key: str, community_id: str, text: str, locale: Locale, entries: Sequence[str]
    ) -> None: ...
    async def question_context(self, user_key: str, community_id: str) -> QuestionContext | None: ...

    # audit over a whole community, newest first
    async def recent_history(self, community_id: str, limit: int) -> list[AuditRecord]: ...

    # the weekly digest
    async def digest_communities(self) -> list[str]:
        """Communities whose settings ask for a digest."""

    async def claim_digest(self, community_id: str, period: str) -> bool:
        """True for exactly one caller per (community, period), whatever the number of workers."""

    async def purge_older_than(self, days: int) -> int: ...

    # usage and feedback (voter is a salted hash from bot.privacy); record_answer, record_gap and
    # set_last_answer wait for the inbox's "done" inside `deferred_effects()`
    async def record_answer(self, community_id: str, entry_id: str) -> None: ...
    async def vote(self, community_id: str, entry_id: str, voter: str, helpful: bool) -> None: ...
    async def stats(self, community_id: str, days: int) -> CommunityStats: ...

    # a chat that changes its id (Telegram: a group upgraded to a supergroup)
    async def move_community(self, old_id: str, new_id: str, actor: str) -> None:
        """Carry everything stored under `old_id` to `new_id` in one transaction."""

    # settings
    async def get_settings(self, community_id: str) -> CommunitySettings: ...
    async def update_settings(self, community_id: str, settings: CommunitySettings, actor: str) -> None: ...

    # cross-message state, shared by every worker on the same database
    async def revision(self, community_id: str) -> int:
        """A number every write to the community's entries, hidden ids or settings increases (0: never)."""

    async def save_dialogue(self, community_id: str, actor: str, data: str) -> None:
        """Create or replace the actor's open dialogue here; touched now."""

    async def load_dialogue(self, community_id: str, actor: str) -> DialogueState | None: ...
    async def end_dialogue(self, community_id: str, actor: str) -> DialogueState | None:
        """Forget the dialogue; returns what it was (None when there was none)."""

    async def set_user_locale(self, user_key: str, locale: Locale) -> None: ...
    async def user_locale(self, user_key: str) -> Locale | None: ...
    async def set_last_answer(self, user_key: str, community_id: str, entry_id: str) -> None: ...
    async def last_answer(self, user_key: str, community_id: str) -> str | None: ...

    async def hit_limits(self, quotas: Sequence[Quota], cooldown_key: str, cooldown_seconds: float) -> float | None:
        """Count one hit on every quota and start the cooldown, all or nothing: None when allowed,
        else the seconds to wait (a refused attempt is not counted)."""

    async def shared_secret(self, name: str, make: Callable[[], str]) -> str:
        """The deployment's secret `name`, created with `make()` by whichever worker asks first."""

    async def claim_job(self, job: str, every: dt.timedelta) -> bool:
        """True for exactly one caller per `every` across all workers: scheduled work runs once."""

