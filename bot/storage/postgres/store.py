"""`bot.storage.base.Store` on PostgreSQL (asyncpg): several worker processes share one database.

Every method is one transaction on a pooled connection, retried as a whole when the connection is
lost (`connection.Database.run`). Writes that read before they write (ids, imports, settings, moves)
take a per-community transaction advisory lock, so two workers editing one community queue up
instead of interleaving; reads and counters rely on PostgreSQL's row locks and atomic upserts.
Business rules (ids, text limits, gap grouping, settings parsing) come from `bot.storage.rules`, so
this file holds SQL only. Nothing here logs message text or user ids.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from typing import Self

import asyncpg
from pydantic import ValidationError

from bot.models import Entry
from bot.storage import rules
from bot.storage.base import (
    AlreadyExists,
    AuditRecord,
    CommunityEntry,
    CommunitySettings,
    NotFound,
    StoreError,
)
from bot.storage.postgres import migrate
from bot.storage.postgres.activity import PostgresActivityMixin, rowcount
from bot.storage.postgres.connection import Database, Row, redact
from bot.storage.postgres.inbox import PostgresInboxMixin
from bot.storage.postgres.moderation import PostgresModerationMixin
from bot.storage.postgres.state import PostgresStateMixin
from bot.storage.rules import check_community

__all__ = ["PostgresStore"]

_ENTRY_COLUMNS = "community_id, data, deleted, created_at, updated_at"
_LOCK_NAMESPACE = 0x44_6F_63  # "Doc": the first key of per-community advisory locks
_KEYED_TABLES = (  # one row per key: the new id's rows give way on a move
    "entry_counters", "community_settings", "hidden_entries", "gaps", "votes", "gap_counters", "gap_numbers",
    "dialogues", "last_answers", "dismissed_gaps", "entry_links", "learned_phrasings", "learned_votes",
    "question_context", "digest_sends",
)
_COMMUNITY_TABLES = (*_KEYED_TABLES, "entries", "audit_log", "usage_events")


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@functools.lru_cache(maxsize=65_536)
def _parse_entry(data: str) -> Entry:
    """Unchanged JSON need not be re-validated when a community is reloaded (entries are values)."""
    return Entry.model_validate_json(data)


def _entry_from_row(row: Row) -> CommunityEntry:
    try:
        entry = _parse_entry(row["data"])
    except ValidationError as exc:
        raise StoreError(f"a stored entry no longer validates ({exc.error_count()} problems)") from exc
    return CommunityEntry(
        entry=entry,
        community_id=row["community_id"],
        deleted=bool(row["deleted"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


class PostgresStore(PostgresModerationMixin, PostgresActivityMixin, PostgresStateMixin, PostgresInboxMixin):
    """The Store on a PostgreSQL database; `migrate=True` applies pending migrations at open (tests,
    `db upgrade`), otherwise open() refuses a schema that does not match the code."""

    def __init__(
        self,
        url: str,
        *,
        pool_size: int = 10,
        schema: str | None = None,
        migrate: bool = False,
        retry_seconds: float = 5.0,
        clock: Callable[[], dt.datetime] = _utcnow,
    ) -> None:
        self.db = Database(url, pool_size=pool_size, schema=schema, retry_seconds=retry_seconds)
        self.migrate = migrate
        self.applied_migrations: list[str] = []
        self._clock = clock

    def __repr__(self) -> str:
        return f"PostgresStore({redact(self.db.url)!r})"

    # -- lifecycle ------------------------------------------------------------------------------

    async def open(self) -> None:
        """Connect (waiting a few seconds for a database that is starting), then migrate or check."""
        if self.db.is_open:
            return
        await self.db.open()
        try:
            if self.migrate:
                self.applied_migrations = await migrate.upgrade(self.db)
            else:
                await migrate.check_schema(self.db)
        except BaseException:
            await self.db.close()
            raise

    async def close(self) -> None:
        await self.db.close()

    async def __aenter__(self) -> Self:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def _now(self) -> dt.datetime:
        moment = self._clock()
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)

    # -- helpers (inside a transaction) ---------------------------------------------------------

    @staticmethod
    async def _lock(conn: asyncpg.Connection, community_id: str) -> None:
        """Serialise read-then-write transactions on one community across every worker."""
        await conn.execute(
            "SELECT pg_advisory_xact_lock($1, hashtext(current_schema() || ':' || $2))",
            _LOCK_NAMESPACE,
            community_id,
        )

    @staticmethod
    async def _audit(
        conn: asyncpg.Connection, community_id: str, actor: str, action: str, target: str,
        before: str | None, after: str | None, at: dt.datetime,
    ) -> None:
        await conn.execute(
            "INSERT INTO audit_log (community_id, actor, action, target, before, after, at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7)",
            community_id, actor, action, target, before, after, at,
        )

    @staticmethod
    async def _reserve_number(conn: asyncpg.Connection, community_id: str, number: int) -> None:
        await conn.execute(
            "INSERT INTO entry_counters (community_id, last_number) VALUES ($1, $2)"
            " ON CONFLICT (community_id) DO UPDATE"
            " SET last_number = greatest(entry_counters.last_number, excluded.last_number)",
            community_id, number,
        )

    @staticmethod
    async def _bump_counter(conn: asyncpg.Connection, community_id: str) -> int:
        value = await conn.fetchval(
            "INSERT INTO entry_counters (community_id, last_number) VALUES ($1, 1)"
            " ON CONFLICT (community_id) DO UPDATE SET last_number = entry_counters.last_number + 1"
            " RETURNING last_number",
            community_id,
        )
        return int(value)

    @staticmethod
    async def _entry_row(conn: asyncpg.Connection, community_id: str, entry_id: str) -> Row | None:
        return await conn.fetchrow(
            f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE community_id = $1 AND entry_id = $2",
            community_id, entry_id,
        )

    async def _insert_entry(
        self, conn: asyncpg.Connection, community_id: str, entry: Entry, actor: str, action: str,
        now: dt.datetime,
    ) -> CommunityEntry:
        number = rules.entry_number(entry.id)
        if number is not None:
            await self._reserve_number(conn, community_id, number)
        data = entry.model_dump_json()
        await conn.execute(
            "INSERT INTO entries (community_id, entry_id, topic, data, deleted, created_at, updated_at)"
            " VALUES ($1, $2, $3, $4, FALSE, $5, $5)",
            community_id, entry.id, entry.topic, data, now,
        )
        await self._audit(conn, community_id, actor, action, entry.id, None, data, now)
        return CommunityEntry(entry=entry, community_id=community_id, deleted=False, created_at=now, updated_at=now)

    # -- community entries ----------------------------------------------------------------------

    async def next_entry_id(self, community_id: str) -> str:
        """Reserve the next short id ("c1", "c2", ...): never handed out twice, even if unused."""
        check_community(community_id)

        async def work(conn: asyncpg.Connection) -> str:
            return rules.entry_id_for(await self._bump_counter(conn, community_id))

        return await self.db.run(work)

    async def create_entry(self, community_id: str, build: Callable[[str], Entry], actor: str) -> CommunityEntry:
        """Reserve the next id, build the entry with it and store it in one transaction."""
        check_community(community_id)

        async def work(conn: asyncpg.Connection) -> CommunityEntry:
            await self._lock(conn, community_id)
            now = self._now()
            while True:
                entry_id = rules.entry_id_for(await self._bump_counter(conn, community_id))
                if await self._entry_row(conn, community_id, entry_id) is None:
                    break  # skip an id a moderator imported above the counter
            return await self._insert_entry(conn, community_id, build(entry_id), actor, "add", now)

        return await self.db.run(work)

    async def add_entry(self, community_id: str, entry: Entry, actor: str) -> CommunityEntry:
        check_community(community_id)

        async def work(conn: asyncpg.Connection) -> CommunityEntry:
            await self._lock(conn, community_id)
            if await self._entry_row(conn, community_id, entry.id) is not None:
                raise AlreadyExists(
                    f"the id {entry.id!r} is already used in this community (maybe by a removed entry)"
                )
            return await self._insert_entry(conn, community_id, entry, actor, "add", self._now())

        return await self.db.run(work)

    async def update_entry(self, community_id: str, entry: Entry, actor: str, action: str) -> CommunityEntry:
        async def work(conn: asyncpg.Connection) -> CommunityEntry:
            now = self._now()
            row = await conn.fetchrow(
                f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE community_id = $1 AND entry_id = $2 FOR UPDATE",
                community_id, entry.id,
            )
            if row is None:
                raise NotFound(f"no entry {entry.id!r} in this community")
            after = entry.model_dump_json()
            await conn.execute(
                "UPDATE entries SET data = $1, topic = $2, updated_at = $3 WHERE community_id = $4 AND entry_id = $5",
                after, entry.topic, now, community_id, entry.id,
            )
            await self._audit(conn, community_id, actor, action, entry.id, row["data"], after, now)
            return CommunityEntry(
                entry=entry, community_id=community_id, deleted=bool(row["deleted"]),
                created_at=row["created_at"], updated_at=now,
            )

        return await self.db.run(work)

    async def set_deleted(self, community_id: str, entry_id: str, deleted: bool, actor: str) -> CommunityEntry:
        """Soft delete or restore; a no-op (and no audit row) when already in that state."""

        async def work(conn: asyncpg.Connection) -> CommunityEntry:
            now = self._now()
            row = await conn.fetchrow(
                f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE community_id = $1 AND entry_id = $2 FOR UPDATE",
                community_id, entry_id,
            )
            if row is None:
                raise NotFound(f"no entry {entry_id!r} in this community")
            if bool(row["deleted"]) == deleted:
                return _entry_from_row(row)
            changed = await conn.fetchrow(
                "UPDATE entries SET deleted = $1, updated_at = $2 WHERE community_id = $3 AND entry_id = $4"
                f" RETURNING {_ENTRY_COLUMNS}",
                deleted, now, community_id, entry_id,
            )
            await self._audit(
                conn, community_id, actor, "remove" if deleted else "restore", entry_id,
                json.dumps({"deleted": not deleted}), json.dumps({"deleted": deleted}), now,
            )
            return _entry_from_row(changed)

        return await self.db.run(work)

    async def get_entry(self, community_id: str, entry_id: str) -> CommunityEntry:
        """The entry, removed or not (check `.deleted`); NotFound if it never existed here."""

        async def work(conn: asyncpg.Connection) -> Row | None:
            return await self._entry_row(conn, community_id, entry_id)

        row = await self.db.run(work, transaction=False)
        if row is None:
            raise NotFound(f"no entry {entry_id!r} in this community")
        return _entry_from_row(row)

    async def list_entries(self, community_id: str, *, include_deleted: bool = False) -> list[CommunityEntry]:
        """Entries in the order they were added."""
        sql = f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE community_id = $1"
        if not include_deleted:
            sql += " AND NOT deleted"

        async def work(conn: asyncpg.Connection) -> list[Row]:
            return list(await conn.fetch(sql + " ORDER BY seq", community_id))

        return [_entry_from_row(r) for r in await self.db.run(work, transaction=False)]

    async def communities_with_entries(self) -> list[str]:
        async def work(conn: asyncpg.Connection) -> list[str]:
            rows = await conn.fetch(
                "SELECT DISTINCT community_id COLLATE \"C\" FROM entries WHERE NOT deleted ORDER BY 1"
            )
            return [str(r[0]) for r in rows]

        return await self.db.run(work, transaction=False)

    # -- hidden curated entries -----------------------------------------------------------------

    async def set_hidden(self, community_id: str, entry_id: str, hidden: bool, actor: str) -> None:
        """Hide or unhide a curated entry here; audited only when something changes."""
        check_community(community_id)

        async def work(conn: asyncpg.Connection) -> None:
            now = self._now()
            if hidden:
                status = await conn.execute(
                    "INSERT INTO hidden_entries (community_id, entry_id, hidden_at) VALUES ($1, $2, $3)"
                    " ON CONFLICT DO NOTHING",
                    community_id, entry_id, now,
                )
            else:
                status = await conn.execute(
                    "DELETE FROM hidden_entries WHERE community_id = $1 AND entry_id = $2", community_id, entry_id
                )
            if rowcount(status) > 0:
                before, after = json.dumps({"hidden": not hidden}), json.dumps({"hidden": hidden})
                action = "hide" if hidden else "unhide"
                await self._audit(conn, community_id, actor, action, entry_id, before, after, now)

        await self.db.run(work)

    async def hidden_entries(self, community_id: str) -> set[str]:
        async def work(conn: asyncpg.Connection) -> set[str]:
            rows = await conn.fetch("SELECT entry_id FROM hidden_entries WHERE community_id = $1", community_id)
            return {str(r[0]) for r in rows}

        return await self.db.run(work, transaction=False)

    # -- audit ----------------------------------------------------------------------------------

    async def history(self, community_id: str, target: str) -> list[AuditRecord]:
        """Every audited change of `target` (entry id or setting name), oldest first."""

        async def work(conn: asyncpg.Connection) -> list[AuditRecord]:
            rows = await conn.fetch(
                "SELECT community_id, actor, action, target, before, after, at FROM audit_log"
                " WHERE community_id = $1 AND target = $2 ORDER BY id",
                community_id, target,
            )
            return [AuditRecord(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]

        return await self.db.run(work, transaction=False)

    # -- a chat that changes its id -------------------------------------------------------------

    async def move_community(self, old_id: str, new_id: str, actor: str) -> None:
        """Carry a community's data to its new id (all or nothing); the new id must hold no FAQ yet."""
        check_community(old_id)
        check_community(new_id)
        if old_id == new_id:
            return

        async def work(conn: asyncpg.Connection) -> None:
            for community in sorted((old_id, new_id)):  # a fixed order: two moves cannot deadlock
                await self._lock(conn, community)
            taken = await conn.fetchval("SELECT 1 FROM entries WHERE community_id = $1 LIMIT 1", new_id)
            if taken is not None:
                raise StoreError(f"cannot move {old_id} to {new_id}: {new_id} already has FAQ entries")
            for table in _KEYED_TABLES:
                # rows the new id gathered since the move (keyed tables) give way; table names are constants
                await conn.execute(f"DELETE FROM {table} WHERE community_id = $1", new_id)
            for table in _COMMUNITY_TABLES:
                await conn.execute(f"UPDATE {table} SET community_id = $1 WHERE community_id = $2", new_id, old_id)
            await self._audit(
                conn, new_id, actor, "move", "community", json.dumps(old_id), json.dumps(new_id), self._now()
            )

        await self.db.run(work)

    # -- settings -------------------------------------------------------------------------------

    async def get_settings(self, community_id: str) -> CommunitySettings:
        """The stored settings, or the defaults when none were ever saved."""

        async def work(conn: asyncpg.Connection) -> str | None:
            value = await conn.fetchval("SELECT data FROM community_settings WHERE community_id = $1", community_id)
            return None if value is None else str(value)

        return rules.settings_from_json(await self.db.run(work, transaction=False))

    async def update_settings(self, community_id: str, settings: CommunitySettings, actor: str) -> None:
        """Save all settings; one audit row per changed setting (target = setting name)."""
        check_community(community_id)

        async def work(conn: asyncpg.Connection) -> None:
            await self._lock(conn, community_id)
            now = self._now()
            value = await conn.fetchval("SELECT data FROM community_settings WHERE community_id = $1", community_id)
            before = rules.settings_from_json(None if value is None else str(value))
            changed = rules.changed_settings(before, settings)
            if not changed:
                return
            await conn.execute(
                "INSERT INTO community_settings (community_id, data, updated_at) VALUES ($1, $2, $3)"
                " ON CONFLICT (community_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
                community_id, rules.settings_to_json(settings), now,
            )
            for name, old, new in changed:
                await self._audit(conn, community_id, actor, "settings", name, old, new, now)

        await self.db.run(work)
