"""`kb import` on SQLite: upsert a validated file by id in one transaction (or plan it, for --dry-run).

A mixin of `SQLiteStore`, apart so each file keeps one job; what counts as added, updated, unchanged or
removed is decided by `bot.storage.rules.plan_upsert`, shared with every backend.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import aiosqlite

from bot.models import Entry
from bot.storage import rules
from bot.storage.base import CommunityEntry, ImportSummary
from bot.storage.rules import check_community
from bot.storage.sqlite.connection import SQLiteConnection
from bot.storage.sqlite.sql import fetchall, fetchone


class SQLiteImportMixin(SQLiteConnection):
    """Needs the store's `_insert_entry`, `_reserve_number` and `_audit` (declared for type checking)."""

    if TYPE_CHECKING:

        async def _audit(
            self, conn: aiosqlite.Connection, community_id: str, actor: str, action: str, target: str,
            before: str | None, after: str | None, at: str,
        ) -> None: ...

        async def _reserve_number(self, conn: aiosqlite.Connection, community_id: str, number: int) -> None: ...

        async def _insert_entry(
            self, conn: aiosqlite.Connection, community_id: str, entry: Entry, actor: str, action: str, now: str
        ) -> CommunityEntry: ...

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
        """Import by id in one transaction: add, update, leave identical entries alone and (with
        `replace`) remove the rest; every change is audited as "import"."""
        check_community(community_id)
        async with self._tx(write=not dry_run) as conn:
            now = self._now()
            rows = await fetchall(
                conn, "SELECT entry_id, data, deleted FROM entries WHERE community_id = ? ORDER BY rowid",
                (community_id,),
            )
            stored = {r[0]: rules.StoredState(r[1], bool(r[2])) for r in rows}
            counter = await fetchone(
                conn, "SELECT last_number FROM entry_counters WHERE community_id = ?", (community_id,)
            )
            plan = rules.plan_upsert(
                entries, fresh, stored, 0 if counter is None else int(counter[0]), replace=replace
            )
            if not dry_run:
                await self._write_upsert(conn, community_id, plan, stored, actor, now)
        return ImportSummary(
            added=tuple(e.id for e in plan.added),
            updated=tuple(e.id for e, _ in plan.updated),
            unchanged=tuple(plan.unchanged),
            removed=tuple(plan.removed),
        )

    async def _write_upsert(
        self,
        conn: aiosqlite.Connection,
        community_id: str,
        plan: rules.UpsertPlan,
        stored: dict[str, rules.StoredState],
        actor: str,
        now: str,
    ) -> None:
        if plan.added or plan.updated:
            await self._reserve_number(conn, community_id, plan.last_number)
        for entry in plan.added:
            await self._insert_entry(conn, community_id, entry, actor, "import", now)
        for entry, before in plan.updated:
            after = entry.model_dump_json()
            await conn.execute(
                "UPDATE entries SET data = ?, topic = ?, deleted = 0, updated_at = ?"
                " WHERE community_id = ? AND entry_id = ?",
                (after, entry.topic, now, community_id, entry.id),
            )
            if stored[entry.id].deleted:
                await self._audit(
                    conn, community_id, actor, "restore", entry.id,
                    json.dumps({"deleted": True}), json.dumps({"deleted": False}), now,
                )
            if before != after:
                await self._audit(conn, community_id, actor, "import", entry.id, before, after, now)
        for entry_id in plan.removed:
            await conn.execute(
                "UPDATE entries SET deleted = 1, updated_at = ? WHERE community_id = ? AND entry_id = ?",
                (now, community_id, entry_id),
            )
            await self._audit(
                conn, community_id, actor, "remove", entry_id,
                json.dumps({"deleted": False}), json.dumps({"deleted": True}), now,
            )
