"""Usage on PostgreSQL: unanswered questions, answers given, votes, stats and the retention purge.

A mixin of `PostgresStore`, apart so each file keeps one job (entries and their history live in
store.py). Nothing here holds a user id: voters are salted hashes, gap texts are scrubbed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import asyncpg

from bot.storage import effects, rules
from bot.storage.base import TEXT_CATEGORIES, CommunityStats, EntryStats, Gap, GapCategory
from bot.storage.postgres.connection import Database
from bot.storage.rules import GapKind, check_community

STALE_STATE = dt.timedelta(days=1)  # dialogues idle this long are gone for good


def rowcount(status: str) -> int:
    """Rows touched, from asyncpg's command status ("DELETE 3", "INSERT 0 1")."""
    tail = status.rsplit(" ", 1)[-1]
    return int(tail) if tail.isdigit() else 0


class PostgresActivityMixin:
    """Needs `self.db` (a `Database`) and `self._now()` (an aware datetime)."""

    db: Database

    def _now(self) -> dt.datetime:  # pragma: no cover - provided by the store
        raise NotImplementedError

    # -- unanswered questions -------------------------------------------------------------------

    async def record_gap(
        self, community_id: str, text: str, kind: GapKind, category: GapCategory = "question"
    ) -> None:
        """Count an unanswered message; the text must already be scrubbed (bot.privacy.scrub).

        Only real questions and off-topic ones keep their text; a dismissed text is counted, not listed."""
        check_community(community_id)
        shaped = rules.gap_text(text, kind)

        async def work(conn: asyncpg.Connection) -> None:
            now = self._now()
            await conn.execute(
                "INSERT INTO usage_events (community_id, kind, entry_id, at, category) VALUES ($1, $2, NULL, $3, $4)",
                community_id, kind, now, category,
            )
            if shaped is None or category not in TEXT_CATEGORIES:
                return  # nothing readable, or nothing a moderator could add an entry for
            shown, norm = shaped
            dismissed = await conn.fetchval(
                "SELECT 1 FROM dismissed_gaps WHERE community_id = $1 AND norm = $2", community_id, norm
            )
            if dismissed is not None:
                return
            await conn.execute(
                "INSERT INTO gaps (community_id, norm, kind, text, count, first_seen, last_seen, category)"
                " VALUES ($1, $2, $3, $4, 1, $5, $5, $6)"
                " ON CONFLICT (community_id, norm, kind) DO UPDATE SET"
                " count = gaps.count + 1, last_seen = excluded.last_seen, text = excluded.text,"
                " category = excluded.category",
                community_id, norm, kind, shown, now, category,
            )

        if not effects.defer(self, work):  # collected: written with the inbox's done mark
            await self.db.run(work)

    async def gaps(
        self, community_id: str, limit: int = 20, categories: Sequence[GapCategory] = TEXT_CATEGORIES
    ) -> list[Gap]:
        """Most frequent first, then most recent."""
        wanted = [c for c in categories if c in TEXT_CATEGORIES]

        async def work(conn: asyncpg.Connection) -> list[Gap]:
            rows = await conn.fetch(
                "SELECT text, kind, count, first_seen, last_seen, coalesce(number, 0), category FROM gaps"
                " LEFT JOIN gap_numbers USING (community_id, norm)"
                " WHERE community_id = $1 AND category = ANY($3::text[])"
                " ORDER BY count DESC, last_seen DESC, norm COLLATE \"C\" LIMIT $2",
                community_id, max(0, limit), wanted,
            )
            return [Gap(r[0], r[1], int(r[2]), r[3], r[4], int(r[5]), r[6]) for r in rows]

        return await self.db.run(work, transaction=False)

    async def delete_gap(self, community_id: str, text: str) -> None:
        """Forget an unanswered question (both kinds, matched like record_gap); idempotent."""

        async def work(conn: asyncpg.Connection) -> None:
            await conn.execute(
                "DELETE FROM gaps WHERE community_id = $1 AND norm = $2", community_id, rules.normalise_gap(text)
            )

        await self.db.run(work)

    async def purge_older_than(self, days: int) -> int:
        """Retention: drop gaps, usage events and votes last touched before now - days (all communities)."""
        if days < 0:
            raise ValueError("days must be >= 0")
        cutoff = self._now() - dt.timedelta(days=days)

        async def work(conn: asyncpg.Connection) -> int:
            removed = 0
            for sql in (
                "DELETE FROM gaps WHERE last_seen < $1",
                "DELETE FROM usage_events WHERE at < $1",
                "DELETE FROM votes WHERE at < $1",
                "DELETE FROM dismissed_gaps WHERE dismissed_at < $1",
            ):
                removed += rowcount(await conn.execute(sql, cutoff))
            # Expired conversation state: housekeeping, not counted as retention.
            await conn.execute("DELETE FROM last_answers WHERE at < $1", cutoff)
            now = self._now()
            await conn.execute("DELETE FROM rate_windows WHERE expires_at < $1", now.timestamp())
            await conn.execute("DELETE FROM cooldowns WHERE expires_at < $1", now.timestamp())
            await conn.execute("DELETE FROM dialogues WHERE touched_at < $1", now - STALE_STATE)
            # the question a user's next choice refers to matters for minutes: keep it a day at most
            await conn.execute("DELETE FROM question_context WHERE at < $1", now - STALE_STATE)
            return removed

        return await self.db.run(work)

    # -- usage and feedback ---------------------------------------------------------------------

    async def record_answer(self, community_id: str, entry_id: str) -> None:
        check_community(community_id)

        async def work(conn: asyncpg.Connection) -> None:
            await conn.execute(
                "INSERT INTO usage_events (community_id, kind, entry_id, at) VALUES ($1, 'answer', $2, $3)",
                community_id, entry_id, self._now(),
            )

        if not effects.defer(self, work):  # collected: written with the inbox's done mark
            await self.db.run(work)

    async def vote(self, community_id: str, entry_id: str, voter: str, helpful: bool) -> None:
        """One vote per voter per entry per community: a second vote replaces the first."""
        check_community(community_id)

        async def work(conn: asyncpg.Connection) -> None:
            await conn.execute(
                "INSERT INTO votes (community_id, entry_id, voter, helpful, at) VALUES ($1, $2, $3, $4, $5)"
                " ON CONFLICT (community_id, entry_id, voter) DO UPDATE SET"
                " helpful = excluded.helpful, at = excluded.at",
                community_id, entry_id, voter, helpful, self._now(),
            )

        await self.db.run(work)

    async def stats(self, community_id: str, days: int) -> CommunityStats:
        """Usage in the last `days` days. "unanswered" counts fallback and clarify questions."""
        if days < 1:
            raise ValueError("days must be >= 1")
        cutoff = self._now() - dt.timedelta(days=days)

        async def work(conn: asyncpg.Connection) -> CommunityStats:
            counts = await conn.fetchrow(
                "SELECT count(*) FILTER (WHERE kind = 'answer'), count(*) FILTER (WHERE kind <> 'answer'"
                " AND coalesce(category, 'question') IN ('question', 'off_topic'))"
                " FROM usage_events WHERE community_id = $1 AND at >= $2",
                community_id, cutoff,
            )
            votes = await conn.fetchrow(
                "SELECT count(*) FILTER (WHERE helpful), count(*) FILTER (WHERE NOT helpful)"
                " FROM votes WHERE community_id = $1 AND at >= $2",
                community_id, cutoff,
            )
            top = await conn.fetch(
                "WITH asked AS (SELECT entry_id, count(*) AS n FROM usage_events"
                "   WHERE community_id = $1 AND kind = 'answer' AND at >= $2 GROUP BY entry_id),"
                " voted AS (SELECT entry_id, count(*) FILTER (WHERE helpful) AS yes,"
                "   count(*) FILTER (WHERE NOT helpful) AS no FROM votes"
                "   WHERE community_id = $1 AND at >= $2 GROUP BY entry_id)"
                " SELECT asked.entry_id, asked.n, coalesce(voted.yes, 0), coalesce(voted.no, 0)"
                " FROM asked LEFT JOIN voted USING (entry_id)"
                " ORDER BY asked.n DESC, asked.entry_id COLLATE \"C\" LIMIT $3",
                community_id, cutoff, rules.TOP_ENTRIES,
            )
            return CommunityStats(
                days=days,
                top_entries=[EntryStats(r[0], int(r[1]), int(r[2]), int(r[3])) for r in top],
                answered=int(counts[0]),
                unanswered=int(counts[1]),
                helpful=int(votes[0]),
                not_helpful=int(votes[1]),
            )

        return await self.db.run(work)
