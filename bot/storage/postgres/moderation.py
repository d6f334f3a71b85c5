"""The moderators' loop on PostgreSQL: `kb import` by id, dismissed gaps, linked phrasings, phrasings
learned from users, the question a user's next choice refers to, community-wide history and weekly
digest claims. The same behaviour as `bot/storage/sqlite/moderation.py` and `imports.py`, checked by the
contract suite; the rules (normalisation, the upsert plan) come from `bot.storage.rules`.

A mixin of `PostgresStore`, apart so each file keeps one job.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import asyncpg

from bot.models import Entry, Locale
from bot.storage import rules
from bot.storage.base import AuditRecord, CommunityEntry, GapCategory, ImportSummary, Learned, NotFound, QuestionContext
from bot.storage.postgres.connection import Database, Row
from bot.storage.rules import check_community

_LEARNED_COLUMNS = (
    "p.number, p.community_id, p.entry_id, p.text, p.locale, p.status,"
    " (SELECT count(*) FROM learned_votes v WHERE v.community_id = p.community_id"
    "  AND v.entry_id = p.entry_id AND v.norm = p.norm), p.last_seen"
)


def _learned(row: Row, status: str | None = None) -> Learned:
    value = status or row[5]
    state: Literal["pending", "accepted", "rejected"] = (
        "accepted" if value == "accepted" else "rejected" if value == "rejected" else "pending"
    )
    return Learned(
        number=int(row[0]), community_id=row[1], entry_id=row[2], text=row[3],
        locale="es" if row[4] == "es" else "en", status=state, count=int(row[6]), last_seen=row[7],
    )


class PostgresModerationMixin:
    """Needs `self.db`, `self._now()` and the store's `_lock`, `_audit`, `_reserve_number`, `_insert_entry`."""

    db: Database

    if TYPE_CHECKING:

        def _now(self) -> dt.datetime: ...

        @staticmethod
        async def _lock(conn: asyncpg.Connection, community_id: str) -> None: ...

        @staticmethod
        async def _audit(
            conn: asyncpg.Connection, community_id: str, actor: str, action: str, target: str,
            before: str | None, after: str | None, at: dt.datetime,
        ) -> None: ...

        @staticmethod
        async def _reserve_number(conn: asyncpg.Connection, community_id: str, number: int) -> None: ...

        async def _insert_entry(
            self, conn: asyncpg.Connection, community_id: str, entry: Entry, actor: str, action: str,
            now: dt.datetime,
        ) -> CommunityEntry: ...

    # -- kb import ----------------------------------------------------------------------------------

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
        """Import by id in one transaction (see `rules.plan_upsert`); every change audited as "import"."""
        check_community(community_id)

        async def work(conn: asyncpg.Connection) -> ImportSummary:
            await self._lock(conn, community_id)
            now = self._now()
            rows = await conn.fetch(
                "SELECT entry_id, data, deleted FROM entries WHERE community_id = $1 ORDER BY seq", community_id
            )
            stored = {str(r[0]): rules.StoredState(str(r[1]), bool(r[2])) for r in rows}
            counter = await conn.fetchval("SELECT last_number FROM entry_counters WHERE community_id = $1",
                                          community_id)
            plan = rules.plan_upsert(entries, fresh, stored, 0 if counter is None else int(counter), replace=replace)
            if not dry_run:
                await self._write_upsert(conn, community_id, plan, stored, actor, now)
            return ImportSummary(
                added=tuple(e.id for e in plan.added), updated=tuple(e.id for e, _ in plan.updated),
                unchanged=tuple(plan.unchanged), removed=tuple(plan.removed),
            )

        return await self.db.run(work, transaction=True)

    async def _write_upsert(
        self, conn: asyncpg.Connection, community_id: str, plan: rules.UpsertPlan,
        stored: dict[str, rules.StoredState], actor: str, now: dt.datetime,
    ) -> None:
        if plan.added or plan.updated:
            await self._reserve_number(conn, community_id, plan.last_number)
        for entry in plan.added:
            await self._insert_entry(conn, community_id, entry, actor, "import", now)
        for entry, before in plan.updated:
            after = entry.model_dump_json()
            await conn.execute(
                "UPDATE entries SET data = $1, topic = $2, deleted = FALSE, updated_at = $3"
                " WHERE community_id = $4 AND entry_id = $5",
                after, entry.topic, now, community_id, entry.id,
            )
            if stored[entry.id].deleted:
                await self._audit(conn, community_id, actor, "restore", entry.id,
                                  json.dumps({"deleted": True}), json.dumps({"deleted": False}), now)
            if before != after:
                await self._audit(conn, community_id, actor, "import", entry.id, before, after, now)
        for entry_id in plan.removed:
            await conn.execute(
                "UPDATE entries SET deleted = TRUE, updated_at = $1 WHERE community_id = $2 AND entry_id = $3",
                now, community_id, entry_id,
            )
            await self._audit(conn, community_id, actor, "remove", entry_id,
                              json.dumps({"deleted": False}), json.dumps({"deleted": True}), now)

    # -- unanswered questions -----------------------------------------------------------------------

    async def dismiss_gaps(self, community_id: str, texts: Sequence[str], actor: str) -> None:
        check_community(community_id)
        norms = sorted({rules.normalise_gap(t) for t in texts} - {""})

        async def work(conn: asyncpg.Connection) -> None:
            now = self._now()
            for norm in norms:
                await conn.execute("DELETE FROM gaps WHERE community_id = $1 AND norm = $2", community_id, norm)
                await conn.execute(
                    "INSERT INTO dismissed_gaps (community_id, norm, dismissed_at) VALUES ($1, $2, $3)"
                    " ON CONFLICT DO NOTHING",
                    community_id, norm, now,
                )
            if norms:
                await self._audit(conn, community_id, actor, "dismiss", "gaps", None, json.dumps(norms), now)

        await self.db.run(work)

    async def unanswered_by_category(self, community_id: str, days: int) -> dict[GapCategory, int]:
        if days < 1:
            raise ValueError("days must be >= 1")
        cutoff = self._now() - dt.timedelta(days=days)

        async def work(conn: asyncpg.Connection) -> list[Row]:
            return list(await conn.fetch(
                "SELECT coalesce(category, 'question'), count(*) FROM usage_events"
                " WHERE community_id = $1 AND kind <> 'answer' AND at >= $2 GROUP BY 1",
                community_id, cutoff,
            ))

        found: dict[GapCategory, int] = {"question": 0, "off_topic": 0, "medical": 0, "gibberish": 0}
        for category, count in await self.db.run(work, transaction=False):
            if category in found:
                found[category] = int(count)
        return found

    # -- linked phrasings -----------------------------------------------------------------------------

    async def add_link(self, community_id: str, entry_id: str, text: str, actor: str) -> bool:
        check_community(community_id)
        shown = " ".join(text.split())[: rules.GAP_TEXT_LIMIT]
        norm = rules.normalise_gap(shown)
        if not norm:
            raise ValueError("a linked phrasing needs readable text")

        async def work(conn: asyncpg.Connection) -> bool:
            now = self._now()
            added = await conn.fetchval(
                "INSERT INTO entry_links (community_id, entry_id, norm, text, created_at) VALUES ($1, $2, $3, $4, $5)"
                " ON CONFLICT DO NOTHING RETURNING 1",
                community_id, entry_id, norm, shown, now,
            )
            if added is None:
                return False
            await self._audit(conn, community_id, actor, "link", entry_id, None, json.dumps({"linked": shown}), now)
            return True

        return await self.db.run(work)

    async def remove_links(self, community_id: str, entry_id: str, text: str | None, actor: str) -> list[str]:
        norm = None if text is None else rules.normalise_gap(text)

        async def work(conn: asyncpg.Connection) -> list[str]:
            now = self._now()
            rows = await conn.fetch(
                "DELETE FROM entry_links WHERE community_id = $1 AND entry_id = $2 AND ($3::text IS NULL OR norm = $3)"
                " RETURNING seq, text",
                community_id, entry_id, norm,
            )
            removed = [str(r[1]) for r in sorted(rows, key=lambda r: int(r[0]))]
            for shown in removed:
                await self._audit(conn, community_id, actor, "unlink", entry_id, json.dumps({"linked": shown}),
                                  None, now)
            return removed

        return await self.db.run(work)

    async def links(self, community_id: str) -> dict[str, list[str]]:
        async def work(conn: asyncpg.Connection) -> list[Row]:
            return list(await conn.fetch(
                "SELECT entry_id, text FROM entry_links WHERE community_id = $1 ORDER BY seq", community_id
            ))

        found: dict[str, list[str]] = {}
        for entry_id, text in await self.db.run(work, transaction=False):
            found.setdefault(str(entry_id), []).append(str(text))
        return found

    # -- phrasings learned from users -----------------------------------------------------------------

    async def learn_phrasing(self, community_id: str, entry_id: str, text: str, locale: Locale, voter: str) -> None:
        check_community(community_id)
        shown = " ".join(text.split())[: rules.GAP_TEXT_LIMIT]
        norm = rules.normalise_gap(shown)
        if not norm:
            return

        async def work(conn: asyncpg.Connection) -> None:
            await self._lock(conn, community_id)  # numbers are handed out per community
            now = self._now()
            status = await conn.fetchval(
                "SELECT status FROM learned_phrasings WHERE community_id = $1 AND entry_id = $2 AND norm = $3",
                community_id, entry_id, norm,
            )
            if status is not None and status != "pending":
                return  # accepted already, or rejected: never proposed again
            if status is None:
                await conn.execute(
                    "INSERT INTO learned_phrasings (community_id, number, entry_id, norm, text, locale, status,"
                    " first_seen, last_seen) SELECT $1, coalesce(max(number), 0) + 1, $2, $3, $4, $5, 'pending', $6, $6"
                    " FROM learned_phrasings WHERE community_id = $1",
                    community_id, entry_id, norm, shown, locale, now,
                )
            else:
                await conn.execute(
                    "UPDATE learned_phrasings SET last_seen = $1, text = $2"
                    " WHERE community_id = $3 AND entry_id = $4 AND norm = $5",
                    now, shown, community_id, entry_id, norm,
                )
            await conn.execute(
                "INSERT INTO learned_votes (community_id, entry_id, norm, voter) VALUES ($1, $2, $3, $4)"
                " ON CONFLICT DO NOTHING",
                community_id, entry_id, norm, voter,
            )

        await self.db.run(work)

    async def learned(self, community_id: str, status: str = "pending") -> list[Learned]:
        async def work(conn: asyncpg.Connection) -> list[Row]:
            return list(await conn.fetch(
                f"SELECT {_LEARNED_COLUMNS} FROM learned_phrasings p WHERE p.community_id = $1 AND p.status = $2",
                community_id, status,
            ))

        found = [_learned(r) for r in await self.db.run(work, transaction=False)]
        found.sort(key=lambda x: (-x.count, -x.last_seen.timestamp(), x.number))
        return found

    async def set_learned_status(
        self, community_id: str, number: int, status: Literal["accepted", "rejected"], actor: str
    ) -> Learned:
        async def work(conn: asyncpg.Connection) -> Learned:
            now = self._now()
            row = await conn.fetchrow(
                f"SELECT {_LEARNED_COLUMNS}, p.norm FROM learned_phrasings p"
                " WHERE p.community_id = $1 AND p.number = $2 AND p.status = 'pending' FOR UPDATE",
                community_id, number,
            )
            if row is None:
                raise NotFound(f"no pending suggestion {number} in this community")
            await conn.execute(
                "UPDATE learned_phrasings SET status = $1 WHERE community_id = $2 AND number = $3",
                status, community_id, number,
            )
            if status == "rejected":  # who chose it no longer matters once it is never proposed again
                await conn.execute(
                    "DELETE FROM learned_votes WHERE community_id = $1 AND entry_id = $2 AND norm = $3",
                    community_id, row[2], row[8],
                )
            after = json.dumps({"suggestion": row[3], "status": status})
            action = "accept" if status == "accepted" else "reject"
            await self._audit(conn, community_id, actor, action, row[2], None, after, now)
            return _learned(row, status)

        return await self.db.run(work)

    async def accepted_phrasings(self) -> list[Learned]:
        async def work(conn: asyncpg.Connection) -> list[Row]:
            return list(await conn.fetch(
                f"SELECT {_LEARNED_COLUMNS} FROM learned_phrasings p WHERE p.status = 'accepted'"
                " ORDER BY p.entry_id COLLATE \"C\", p.community_id COLLATE \"C\", p.number"
            ))

        return [_learned(r) for r in await self.db.run(work, transaction=False)]

    async def remember_question(
        self, user_key: str, community_id: str, text: str, locale: Locale, entries: Sequence[str]
    ) -> None:
        async def work(conn: asyncpg.Connection) -> None:
            await conn.execute(
                "INSERT INTO question_context (user_key, community_id, text, locale, entries, at)"
                " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_key, community_id) DO UPDATE SET"
                " text = excluded.text, locale = excluded.locale, entries = excluded.entries, at = excluded.at",
                user_key, community_id, text[: rules.GAP_TEXT_LIMIT], locale, json.dumps(list(entries)), self._now(),
            )

        await self.db.run(work)

    async def question_context(self, user_key: str, community_id: str) -> QuestionContext | None:
        async def work(conn: asyncpg.Connection) -> Row | None:
            return await conn.fetchrow(
                "SELECT text, locale, entries, at FROM question_context WHERE user_key = $1 AND community_id = $2",
                user_key, community_id,
            )

        row = await self.db.run(work, transaction=False)
        if row is None:
            return None
        return QuestionContext(row[0], "es" if row[1] == "es" else "en", tuple(json.loads(row[2])), row[3])

    # -- history and digest ---------------------------------------------------------------------------

    async def recent_history(self, community_id: str, limit: int) -> list[AuditRecord]:
        async def work(conn: asyncpg.Connection) -> list[AuditRecord]:
            rows = await conn.fetch(
                "SELECT community_id, actor, action, target, before, after, at FROM audit_log"
                " WHERE community_id = $1 ORDER BY id DESC LIMIT $2",
                community_id, max(0, limit),
            )
            return [AuditRecord(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]

        return await self.db.run(work, transaction=False)

    async def digest_communities(self) -> list[str]:
        async def work(conn: asyncpg.Connection) -> list[str]:
            rows = await conn.fetch(
                "SELECT community_id FROM community_settings"
                " WHERE data::jsonb ->> 'digest' = 'weekly' ORDER BY community_id COLLATE \"C\""
            )
            return [str(r[0]) for r in rows]

        return await self.db.run(work, transaction=False)

    async def claim_digest(self, community_id: str, period: str) -> bool:
        async def work(conn: asyncpg.Connection) -> bool:
            claimed = await conn.fetchval(
                "INSERT INTO digest_sends (community_id, period, claimed_at) VALUES ($1, $2, $3)"
                " ON CONFLICT DO NOTHING RETURNING 1",
                community_id, period, self._now(),
            )
            return claimed is not None

        return await self.db.run(work)
