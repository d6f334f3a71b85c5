"""The durable inbox on PostgreSQL (see bot/inbox): several workers claim from one table.

A mixin of `PostgresStore`, apart so each file keeps one job. A claim is one statement whose
`FOR UPDATE SKIP LOCKED` lets concurrent workers pass each other's rows instead of queueing on them;
a claimed row carries its owner and a lease, so a worker that dies holds nothing for long. Payloads
are erased when an update is done; only the key stays, for a day, so a redelivery is recognised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import AbstractContextManager

import asyncpg

from bot.storage.base import DEFAULT_INBOX_LEASE, InboxItem, InboxStats, InboxUpdate
from bot.storage.effects import Effects, collecting
from bot.storage.postgres.activity import rowcount
from bot.storage.postgres.connection import Database, Row

_RETURNED = ", ".join(
    f"inbox.{c}" for c in ("seq", "platform", "update_id", "chat_key", "payload", "received_at", "attempts",
                           "send_started")
)
_HELD = "state IN ('claimed', 'sending')"


def _item(row: Row) -> InboxItem:
    update = InboxUpdate(row["platform"], int(row["update_id"]), row["chat_key"], row["payload"], row["received_at"])
    return InboxItem(update=update, attempts=int(row["attempts"]), was_sending=bool(row["send_started"]))


async def _count(conn: asyncpg.Connection, name: str, amount: int) -> None:
    if amount > 0:
        await conn.execute(
            "INSERT INTO inbox_counters (name, value) VALUES ($1, $2)"
            " ON CONFLICT (name) DO UPDATE SET value = inbox_counters.value + excluded.value",
            name, amount,
        )


class PostgresInboxMixin:
    """Needs `self.db` (a `Database`) and `self._now()` (an aware datetime)."""

    db: Database

    def _now(self) -> dt.datetime:  # pragma: no cover - provided by the store
        raise NotImplementedError

    async def inbox_put(self, updates: Sequence[InboxUpdate], *, claim_for: str | None = None,
                        lease: dt.timedelta | None = None) -> int:
        if not updates:
            return 0
        state, until = "pending", None
        if claim_for is not None:
            state, until = "claimed", self._now() + (lease or DEFAULT_INBOX_LEASE)

        async def work(conn: asyncpg.Connection) -> int:
            rows = await conn.fetch(
                "INSERT INTO inbox (platform, update_id, chat_key, payload, received_at, state, owner, lease_until,"
                " attempts)"
                " SELECT p, u, c, d, r, $6, $7, $8, $9"
                " FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::timestamptz[]) AS x(p, u, c, d, r)"
                " ON CONFLICT (platform, update_id) DO NOTHING RETURNING 1",
                [u.platform for u in updates], [u.update_id for u in updates], [u.chat_key for u in updates],
                [u.payload for u in updates], [u.received_at for u in updates], state, claim_for, until,
                0 if claim_for is None else 1,
            )
            return len(rows)

        return await self.db.run(work)

    async def inbox_claim(self, owner: str, platforms: Sequence[str], lease: dt.timedelta,
                          limit: int) -> list[InboxItem]:
        if limit <= 0 or not platforms:
            return []
        now = self._now()

        async def work(conn: asyncpg.Connection) -> list[InboxItem]:
            rows = await conn.fetch(
                "WITH picked AS ("
                "  SELECT i.seq FROM inbox AS i WHERE i.state <> 'done' AND i.platform = ANY($1::text[])"
                "   AND (i.state = 'pending' OR i.lease_until < $2)"
                "   AND NOT EXISTS (SELECT 1 FROM inbox AS e WHERE e.chat_key = i.chat_key AND e.state <> 'done'"
                "                   AND e.seq < i.seq)"
                "   ORDER BY i.seq LIMIT $3 FOR UPDATE SKIP LOCKED)"
                " UPDATE inbox SET state = 'claimed', owner = $4, lease_until = $5, attempts = inbox.attempts + 1"
                f" FROM picked WHERE inbox.seq = picked.seq RETURNING {_RETURNED}",
                list(platforms), now, limit, owner, now + lease,
            )
            return [_item(row) for row in sorted(rows, key=lambda r: r["seq"])]

        return await self.db.run(work)

    async def inbox_sending(self, platform: str, update_id: int, owner: str) -> bool:
        async def work(conn: asyncpg.Connection) -> bool:
            status = await conn.execute(
                "UPDATE inbox SET state = 'sending', send_started = TRUE"
                f" WHERE platform = $1 AND update_id = $2 AND owner = $3 AND {_HELD}",
                platform, update_id, owner,
            )
            return rowcount(status) > 0

        return await self.db.run(work)

    def deferred_effects(self) -> AbstractContextManager[Effects]:
        return collecting(self)

    async def inbox_finish(self, platform: str, update_id: int, owner: str, outcome: str,
                           effects: Effects | None = None) -> bool:
        async def work(conn: asyncpg.Connection) -> bool:
            status = await conn.execute(
                "UPDATE inbox SET state = 'done', payload = NULL, outcome = $4, done_at = $5, owner = NULL,"
                f" lease_until = NULL WHERE platform = $1 AND update_id = $2 AND owner = $3 AND {_HELD}",
                platform, update_id, owner, outcome, self._now(),
            )
            if rowcount(status) == 0:
                return False  # the claim moved on, or the update is done already: its effects are dropped
            for apply in effects.pending if effects is not None else ():
                await apply(conn)
            return True

        return await self.db.run(work)

    async def inbox_release(self, platform: str, update_id: int, owner: str) -> None:
        async def work(conn: asyncpg.Connection) -> None:
            await conn.execute(
                "UPDATE inbox SET state = 'pending', owner = NULL, lease_until = NULL, send_started = FALSE"
                f" WHERE platform = $1 AND update_id = $2 AND owner = $3 AND {_HELD}",
                platform, update_id, owner,
            )

        await self.db.run(work)

    async def inbox_renew(self, owner: str, lease: dt.timedelta) -> int:
        async def work(conn: asyncpg.Connection) -> int:
            status = await conn.execute(
                f"UPDATE inbox SET lease_until = $2 WHERE owner = $1 AND {_HELD}", owner, self._now() + lease
            )
            return rowcount(status)

        return await self.db.run(work)

    async def inbox_owners(self) -> list[str]:
        async def work(conn: asyncpg.Connection) -> list[str]:
            rows = await conn.fetch(f"SELECT DISTINCT owner FROM inbox WHERE {_HELD} AND owner IS NOT NULL")
            return sorted(str(r["owner"]) for r in rows)

        return await self.db.run(work, transaction=False)

    async def inbox_free(self, owners: Sequence[str]) -> int:
        if not owners:
            return 0

        async def work(conn: asyncpg.Connection) -> int:
            status = await conn.execute(
                "UPDATE inbox SET state = 'pending', owner = NULL, lease_until = NULL"
                f" WHERE owner = ANY($1::text[]) AND {_HELD}",
                list(owners),
            )
            return rowcount(status)

        return await self.db.run(work)

    async def inbox_trim(self, done_before: dt.datetime, max_backlog: int) -> tuple[int, int]:
        now = self._now()

        async def work(conn: asyncpg.Connection) -> tuple[int, int]:
            purged = rowcount(await conn.execute("DELETE FROM inbox WHERE state = 'done' AND done_at < $1",
                                                 done_before))
            pending = int(await conn.fetchval("SELECT count(*) FROM inbox WHERE state = 'pending'"))
            shed = 0
            if pending > max_backlog:
                shed = rowcount(await conn.execute(
                    "UPDATE inbox SET state = 'done', payload = NULL, outcome = 'shed', done_at = $1"
                    " WHERE seq IN (SELECT seq FROM inbox WHERE state = 'pending' ORDER BY seq LIMIT $2"
                    " FOR UPDATE SKIP LOCKED)",
                    now, pending - max_backlog,
                ))
                await _count(conn, "shed", shed)
            return purged, shed

        return await self.db.run(work)

    async def inbox_count(self, name: str, amount: int = 1) -> None:
        async def work(conn: asyncpg.Connection) -> None:
            await _count(conn, name, amount)

        await self.db.run(work)

    async def inbox_stats(self) -> InboxStats:
        async def work(conn: asyncpg.Connection) -> InboxStats:
            states = {r["state"]: int(r["n"]) for r in await conn.fetch(
                "SELECT state, count(*) AS n FROM inbox GROUP BY state")}
            oldest = await conn.fetchval("SELECT min(received_at) FROM inbox WHERE state <> 'done'")
            counters = {str(r["name"]): int(r["value"]) for r in await conn.fetch(
                "SELECT name, value FROM inbox_counters")}
            return InboxStats(
                pending=states.get("pending", 0), claimed=states.get("claimed", 0),
                sending=states.get("sending", 0), done=states.get("done", 0),
                oldest_pending=oldest, counters=counters,
            )

        return await self.db.run(work, transaction=False)
