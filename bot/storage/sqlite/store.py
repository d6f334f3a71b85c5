"""The SQLite implementation of `bot.storage.base.Store`: the queries, over one connection (connection.py).

All SQL lives here and in `migrations/*.sql` beside this file; errors leave as `StoreError` with a message a
moderator or operator can act on. Nothing here logs message text or user ids.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import aiosqlite
from pydantic import ValidationError

from bot.models import Entry
from bot.storage import rules
from bot.storage.base import (
    AlreadyExists,
    AuditRecord,
    CommunityEntry,
    CommunitySettings,
    CommunityStats,
    EntryStats,
    NotFound,
    StoreError,
)
from bot.storage.rules import check_community
from bot.storage.sqlite.connection import parse_timestamp, timestamp
from bot.storage.sqlite.imports import SQLiteImportMixin
from bot.storage.sqlite.inbox import SQLiteInboxMixin
from bot.storage.sqlite.moderation import SQLiteModerationMixin
from bot.storage.sqlite.sql import fetchall, fetchone
from bot.storage.sqlite.state import SQLiteStateMixin

__all__ = ["SQLiteStore"]

STALE_STATE = dt.timedelta(days=1)  # dialogues idle this long are gone for good


@functools.lru_cache(maxsize=65_536)
def _parse_entry(data: str) -> Entry:
    """Entries are re-read on every change to a community; unchanged JSON need not be re-validated.

    Callers treat entries as values and never mutate them, so sharing one parsed object is safe.
    """
    return Entry.model_validate_json(data)


def _entry_from_row(row: Sequence[Any], path: Path) -> CommunityEntry:
    community_id, data, deleted, created_at, updated_at = row
    try:
        entry = _parse_entry(data)
    except ValidationError as exc:
        raise StoreError(
            f"a stored entry in {path} no longer validates ({exc.error_count()} problems)"
        ) from exc
    return CommunityEntry(
        entry=entry,
        community_id=community_id,
        deleted=bool(deleted),
        created_at=parse_timestamp(created_at),
        updated_at=parse_timestamp(updated_at),
    )


_ENTRY_COLUMNS = "community_id, data, deleted, created_at, updated_at"


# ---------------------------------------------------------------------------------------------
# the store


class SQLiteStore(SQLiteImportMixin, SQLiteModerationMixin, SQLiteStateMixin, SQLiteInboxMixin):
    """`bot.storage.base.Store` on one SQLite file (WAL, foreign keys on, busy timeout, migrations at open)."""


    # -- lifecycle ------------------------------------------------------------------------------


    async def _audit(
        self,
        conn: aiosqlite.Connection,
        community_id: str,
        actor: str,
        action: str,
        target: str,
        before: str | None,
        after: str | None,
        at: str,
    ) -> None:
        await conn.execute(
            "INSERT INTO audit_log (community_id, actor, action, target, before, after, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (community_id, actor, action, target, before, after, at),
        )

    async def _reserve_number(self, conn: aiosqlite.Connection, community_id: str, number: int) -> None:
        """Make sure the counter never hands out `cN` again once N was used."""
        await conn.execute(
            "INSERT INTO entry_counters (community_id, last_number) VALUES (?, ?)"
            " ON CONFLICT (community_id) DO UPDATE SET last_number = max(last_number, excluded.last_number)",
            (community_id, number),
        )

    async def _bump_counter(self, conn: aiosqlite.Connection, community_id: str) -> int:
        row = await fetchone(
            conn,
            "INSERT INTO entry_counters (community_id, last_number) VALUES (?, 1)"
            " ON CONFLICT (community_id) DO UPDATE SET last_number = last_number + 1"
            " RETURNING last_number",
            (community_id,),
        )
        return int(row[0])

    async def _entry_row(self, conn: aiosqlite.Connection, community_id: str, entry_id: str) -> Any:
        return await fetchone(
            conn,
            f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE community_id = ? AND entry_id = ?",
            (community_id, entry_id),
        )

    async def _insert_entry(
        self, conn: aiosqlite.Connection, community_id: str, entry: Entry, actor: str, action: str, now: str
    ) -> CommunityEntry:
        number = rules.entry_number(entry.id)
        if number is not None:
            await self._reserve_number(conn, community_id, number)
        data = entry.model_dump_json()
        await conn.execute(
            "INSERT INTO entries (community_id, entry_id, topic, data, deleted, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, 0, ?, ?)",
            (community_id, entry.id, entry.topic, data, now, now),
        )
        await self._audit(conn, community_id, actor, action, entry.id, None, data, now)
        moment = parse_timestamp(now)
        return CommunityEntry(
            entry=entry, community_id=community_id, deleted=False, created_at=moment, updated_at=moment
        )

    # -- community entries ----------------------------------------------------------------------

    async def next_entry_id(self, community_id: str) -> str:
        """Reserve the next short id ("c1", "c2", ...): never handed out twice, even if unused."""
        check_community(community_id)
        async with self._tx(write=True) as conn:
            return rules.entry_id_for(await self._bump_counter(conn, community_id))

    async def create_entry(
        self, community_id: str, build: Callable[[str], Entry], actor: str
    ) -> CommunityEntry:
        """Reserve the next id, build the entry with it and store it, all in one transaction: an
        entry that fails to build leaves the counter untouched."""
        check_community(community_id)
        async with self._tx(write=True) as conn:
            now = self._now()
            while True:
                entry_id = rules.entry_id_for(await self._bump_counter(conn, community_id))
                if await self._entry_row(conn, community_id, entry_id) is None:
                    break  # skip an id a moderator imported above the counter
            return await self._insert_entry(conn, community_id, build(entry_id), actor, "add", now)

    async def add_entry(self, community_id: str, entry: Entry, actor: str) -> CommunityEntry:
        check_community(community_id)
        async with self._tx(write=True) as conn:
            now = self._now()
            if await self._entry_row(conn, community_id, entry.id) is not None:
                raise AlreadyExists(
                    f"the id {entry.id!r} is already used in this community (maybe by a removed entry)"
                )
            return await self._insert_entry(conn, community_id, entry, actor, "add", now)

    async def update_entry(self, community_id: str, entry: Entry, actor: str, action: str) -> CommunityEntry:
        async with self._tx(write=True) as conn:
            now = self._now()
            row = await self._entry_row(conn, community_id, entry.id)
            if row is None:
                raise NotFound(f"no entry {entry.id!r} in this community")
            before = row[1]
            after = entry.model_dump_json()
            await conn.execute(
                "UPDATE entries SET data = ?, topic = ?, updated_at = ?"
                " WHERE community_id = ? AND entry_id = ?",
                (after, entry.topic, now, community_id, entry.id),
            )
            await self._audit(conn, community_id, actor, action, entry.id, before, after, now)
            return CommunityEntry(
                entry=entry,
                community_id=community_id,
                deleted=bool(row[2]),
                created_at=parse_timestamp(row[3]),
                updated_at=parse_timestamp(now),
            )

    async def set_deleted(
        self, community_id: str, entry_id: str, deleted: bool, actor: str
    ) -> CommunityEntry:
        """Soft delete or restore; a no-op (and no audit row) when already in that state."""
        async with self._tx(write=True) as conn:
            now = self._now()
            row = await self._entry_row(conn, community_id, entry_id)
            if row is None:
                raise NotFound(f"no entry {entry_id!r} in this community")
            if bool(row[2]) == deleted:
                return _entry_from_row(row, self.path)
            await conn.execute(
                "UPDATE entries SET deleted = ?, updated_at = ? WHERE community_id = ? AND entry_id = ?",
                (int(deleted), now, community_id, entry_id),
            )
            await self._audit(
                conn,
                community_id,
                actor,
                "remove" if deleted else "restore",
                entry_id,
                json.dumps({"deleted": not deleted}),
                json.dumps({"deleted": deleted}),
                now,
            )
            row = await self._entry_row(conn, community_id, entry_id)
            return _entry_from_row(row, self.path)

    async def get_entry(self, community_id: str, entry_id: str) -> CommunityEntry:
        """The entry, removed or not (check `.deleted`); NotFound if it never existed here."""
        async with self._tx(write=False) as conn:
            row = await self._entry_row(conn, community_id, entry_id)
        if row is None:
            raise NotFound(f"no entry {entry_id!r} in this community")
        return _entry_from_row(row, self.path)

    async def list_entries(self, community_id: str, *, include_deleted: bool = False) -> list[CommunityEntry]:
        """Entries in the order they were added."""
        sql = f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE community_id = ?"
        if not include_deleted:
            sql += " AND deleted = 0"
        async with self._tx(write=False) as conn:
            rows = await fetchall(conn, sql + " ORDER BY rowid", (community_id,))
        return [_entry_from_row(r, self.path) for r in rows]

    async def communities_with_entries(self) -> list[str]:
        async with self._tx(write=False) as conn:
            rows = await fetchall(
                conn, "SELECT DISTINCT community_id FROM entries WHERE deleted = 0 ORDER BY community_id"
            )
        return [r[0] for r in rows]

    # -- hidden curated entries -----------------------------------------------------------------

    async def set_hidden(self, community_id: str, entry_id: str, hidden: bool, actor: str) -> None:
        """Hide or unhide a curated entry here; audited only when something changes."""
        check_community(community_id)
        async with self._tx(write=True) as conn:
            now = self._now()
            if hidden:
                cursor = await conn.execute(
                    "INSERT INTO hidden_entries (community_id, entry_id, hidden_at) VALUES (?, ?, ?)"
                    " ON CONFLICT DO NOTHING",
                    (community_id, entry_id, now),
                )
            else:
                cursor = await conn.execute(
                    "DELETE FROM hidden_entries WHERE community_id = ? AND entry_id = ?",
                    (community_id, entry_id),
                )
            if cursor.rowcount > 0:
                before, after = json.dumps({"hidden": not hidden}), json.dumps({"hidden": hidden})
                action = "hide" if hidden else "unhide"
                await self._audit(conn, community_id, actor, action, entry_id, before, after, now)

    async def hidden_entries(self, community_id: str) -> set[str]:
        async with self._tx(write=False) as conn:
            rows = await fetchall(
                conn, "SELECT entry_id FROM hidden_entries WHERE community_id = ?", (community_id,)
            )
        return {r[0] for r in rows}

    # -- audit ----------------------------------------------------------------------------------

    async def history(self, community_id: str, target: str) -> list[AuditRecord]:
        """Every audited change of `target` (entry id or setting name), oldest first."""
        async with self._tx(write=False) as conn:
            rows = await fetchall(
                conn,
                "SELECT community_id, actor, action, target, before, after, at FROM audit_log"
                " WHERE community_id = ? AND target = ? ORDER BY id",
                (community_id, target),
            )
        return [AuditRecord(r[0], r[1], r[2], r[3], r[4], r[5], parse_timestamp(r[6])) for r in rows]

    # -- unanswered questions -------------------------------------------------------------------

    async def purge_older_than(self, days: int) -> int:
        """Retention: drop gaps, usage events and votes last touched before now - days (all communities)."""
        if days < 0:
            raise ValueError("days must be >= 0")
        cutoff = timestamp(self._clock() - dt.timedelta(days=days))
        removed = 0
        async with self._tx(write=True) as conn:
            for sql in (
                "DELETE FROM gaps WHERE last_seen < ?",
                "DELETE FROM usage_events WHERE at < ?",
                "DELETE FROM votes WHERE at < ?",
                "DELETE FROM dismissed_gaps WHERE dismissed_at < ?",
            ):
                cursor = await conn.execute(sql, (cutoff,))
                removed += max(0, cursor.rowcount)
            # Expired conversation state: counted as housekeeping, not as retention.
            await conn.execute("DELETE FROM last_answers WHERE at < ?", (cutoff,))
            now = self._clock().timestamp()
            await conn.execute("DELETE FROM rate_windows WHERE expires_at < ?", (now,))
            await conn.execute("DELETE FROM cooldowns WHERE expires_at < ?", (now,))
            await conn.execute("DELETE FROM dialogues WHERE touched_at < ?", (timestamp(self._clock() - STALE_STATE),))
            # the question a user's next choice refers to matters for minutes: keep it a day at most
            await conn.execute(
                "DELETE FROM question_context WHERE at < ?", (timestamp(self._clock() - STALE_STATE),)
            )
        return removed

    # -- usage and feedback ---------------------------------------------------------------------

    async def record_answer(self, community_id: str, entry_id: str) -> None:
        check_community(community_id)

        async def work(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT INTO usage_events (community_id, kind, entry_id, at) VALUES (?, 'answer', ?, ?)",
                (community_id, entry_id, self._now()),
            )

        await self._effect(work)

    async def vote(self, community_id: str, entry_id: str, voter: str, helpful: bool) -> None:
        """One vote per voter per entry per community: a second vote replaces the first."""
        check_community(community_id)
        async with self._tx(write=True) as conn:
            now = self._now()
            await conn.execute(
                "INSERT INTO votes (community_id, entry_id, voter, helpful, at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (community_id, entry_id, voter) DO UPDATE SET"
                " helpful = excluded.helpful, at = excluded.at",
                (community_id, entry_id, voter, int(helpful), now),
            )

    async def stats(self, community_id: str, days: int) -> CommunityStats:
        """Usage in the last `days` days. "unanswered" counts fallback and clarify questions."""
        if days < 1:
            raise ValueError("days must be >= 1")
        cutoff = timestamp(self._clock() - dt.timedelta(days=days))
        async with self._tx(write=False) as conn:
            counts = await fetchone(
                conn,
                "SELECT coalesce(sum(kind = 'answer'), 0), coalesce(sum(kind != 'answer'"
                " AND coalesce(category, 'question') IN ('question', 'off_topic')), 0)"
                " FROM usage_events WHERE community_id = ? AND at >= ?",
                (community_id, cutoff),
            )
            votes = await fetchone(
                conn,
                "SELECT coalesce(sum(helpful), 0), coalesce(sum(1 - helpful), 0)"
                " FROM votes WHERE community_id = ? AND at >= ?",
                (community_id, cutoff),
            )
            top = await fetchall(
                conn,
                "WITH asked AS (SELECT entry_id, count(*) AS n FROM usage_events"
                "   WHERE community_id = ? AND kind = 'answer' AND at >= ? GROUP BY entry_id),"
                " voted AS (SELECT entry_id, sum(helpful) AS yes, sum(1 - helpful) AS no FROM votes"
                "   WHERE community_id = ? AND at >= ? GROUP BY entry_id)"
                " SELECT asked.entry_id, asked.n, coalesce(voted.yes, 0), coalesce(voted.no, 0)"
                " FROM asked LEFT JOIN voted USING (entry_id)"
                " ORDER BY asked.n DESC, asked.entry_id LIMIT ?",
                (community_id, cutoff, community_id, cutoff, rules.TOP_ENTRIES),
            )
        return CommunityStats(
            days=days,
            top_entries=[EntryStats(r[0], int(r[1]), int(r[2]), int(r[3])) for r in top],
            answered=int(counts[0]),
            unanswered=int(counts[1]),
            helpful=int(votes[0]),
            not_helpful=int(votes[1]),
        )

    # -- settings -------------------------------------------------------------------------------

    async def get_settings(self, community_id: str) -> CommunitySettings:
        """The stored settings, or the defaults when none were ever saved."""
        async with self._tx(write=False) as conn:
            row = await fetchone(
                conn, "SELECT data FROM community_settings WHERE community_id = ?", (community_id,)
            )
        return rules.settings_from_json(None if row is None else row[0])

    _COMMUNITY_TABLES = (
        "entry_counters", "entries", "hidden_entries", "audit_log", "gaps", "usage_events", "votes",
        "community_settings", "gap_counters", "gap_numbers", "dialogues", "last_answers", "dismissed_gaps",
        "entry_links", "learned_phrasings", "learned_votes", "question_context", "digest_sends",
    )

    async def move_community(self, old_id: str, new_id: str, actor: str) -> None:
        """Carry a community's data to its new id (all or nothing); the new id must hold no FAQ yet."""
        check_community(old_id)
        check_community(new_id)
        if old_id == new_id:
            return
        async with self._tx(write=True) as conn:
            taken = await fetchone(conn, "SELECT 1 FROM entries WHERE community_id = ? LIMIT 1", (new_id,))
            if taken is not None:
                raise StoreError(f"cannot move {old_id} to {new_id}: {new_id} already has FAQ entries")
            for table in ("entry_counters", "community_settings", "hidden_entries", "gaps", "votes",
                          "gap_counters", "gap_numbers", "dialogues", "last_answers", "dismissed_gaps",
                          "entry_links", "learned_phrasings", "learned_votes", "question_context", "digest_sends"):
                # rows the new id gathered since the move (keyed tables) give way; table names are constants
                await conn.execute(f"DELETE FROM {table} WHERE community_id = ?", (new_id,))
            for table in self._COMMUNITY_TABLES:
                await conn.execute(
                    f"UPDATE {table} SET community_id = ? WHERE community_id = ?",
                    (new_id, old_id),
                )
            await conn.execute(
                "INSERT INTO audit_log (community_id, actor, action, target, before, after, at)"
                " VALUES (?, ?, 'move', 'community', ?, ?, ?)",
                (new_id, actor, json.dumps(old_id), json.dumps(new_id), self._now()),
            )

    async def update_settings(self, community_id: str, settings: CommunitySettings, actor: str) -> None:
        """Save all settings; one audit row per changed setting (target = setting name)."""
        check_community(community_id)
        async with self._tx(write=True) as conn:
            now = self._now()
            row = await fetchone(
                conn, "SELECT data FROM community_settings WHERE community_id = ?", (community_id,)
            )
            changed = rules.changed_settings(rules.settings_from_json(None if row is None else row[0]), settings)
            if not changed:
                return
            await conn.execute(
                "INSERT INTO community_settings (community_id, data, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (community_id) DO UPDATE SET"
                " data = excluded.data, updated_at = excluded.updated_at",
                (community_id, rules.settings_to_json(settings), now),
            )
            for name, before, after in changed:
                await self._audit(conn, community_id, actor, "settings", name, before, after, now)
