"""The durable inbox on SQLite (see bot/inbox): store-before-confirm, claims under a lease, done marks.

A mixin of `SQLiteStore`, apart so each file keeps one job. Every writer holds SQLite's write lock
(`BEGIN IMMEDIATE`), so a claim is a single-writer `UPDATE ... RETURNING`: two processes on one file
can never claim the same row. Payloads (the message and its sender's platform id) are erased when an
update is done; only the key stays, for a day, so a redelivery is recognised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from typing import Any

import aiosqlite

from bot.storage.base import DEFAULT_INBOX_LEASE, InboxItem, InboxStats, InboxUpdate
from bot.storage.effects import Effects, collecting
from bot.storage.sqlite.sql import fetchall, fetchone

_OPEN = "state <> 'done'"
_RETURNED = "platform, update_id, chat_key, payload, received_at, attempts, send_started"


def _ts(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _item(row: Sequence[Any]) -> InboxItem:
    platform, update_id, chat_key, payload, received_at, attempts, send_started = row
    update = InboxUpdate(platform, int(update_id), chat_key, payload, dt.datetime.fromisoformat(received_at))
    return InboxItem(update=update, attempts=int(attempts), was_sending=bool(send_started))


class SQLiteInboxMixin:
    """Needs the store's `_tx(write=...)` and `_clock` (aware datetime)."""

    _clock: Callable[[], dt.datetime]

    def _tx(self, *, write: bool) -> AbstractAsyncContextManager[aiosqlite.Connection]:  # pragma: no cover
        raise NotImplementedError

    async def inbox_put(self, updates: Sequence[InboxUpdate], *, claim_for: str | None = None,
                        lease: dt.timedelta | None = None) -> int:
        if not updates:
            return 0
        state, until = "pending", None
        if claim_for is not None:
            state, until = "claimed", _ts(self._clock() + (lease or DEFAULT_INBOX_LEASE))
        async with self._tx(write=True) as conn:
            before = conn.total_changes
            await conn.executemany(
                "INSERT INTO inbox (platform, update_id, chat_key, payload, received_at, state, owner, lease_until,"
                " attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, update_id) DO NOTHING",
                [(u.platform, u.update_id, u.chat_key, u.payload, _ts(u.received_at), state, claim_for, until,
                  0 if claim_for is None else 1) for u in updates],
            )
            return conn.total_changes - before

    async def inbox_claim(self, owner: str, platforms: Sequence[str], lease: dt.timedelta,
                          limit: int) -> list[InboxItem]:
        if limit <= 0 or not platforms:
            return []
        now = self._clock()
        marks = ", ".join("?" for _ in platforms)
        async with self._tx(write=True) as conn:
            rows = await fetchall(
                conn,
                "UPDATE inbox SET state = 'claimed', owner = ?, lease_until = ?, attempts = attempts + 1"
                " WHERE seq IN ("
                f"  SELECT i.seq FROM inbox AS i WHERE i.{_OPEN} AND i.platform IN ({marks})"
                "   AND (i.state = 'pending' OR i.lease_until < ?)"
                f"  AND NOT EXISTS (SELECT 1 FROM inbox AS e WHERE e.chat_key = i.chat_key AND e.{_OPEN}"
                "                   AND e.seq < i.seq)"
                "   ORDER BY i.seq LIMIT ?)"
                f" RETURNING seq, {_RETURNED}",
                (owner, _ts(now + lease), *platforms, _ts(now), limit),
            )
        rows.sort(key=lambda row: row[0])
        return [_item(row[1:]) for row in rows]

    async def inbox_sending(self, platform: str, update_id: int, owner: str) -> bool:
        async with self._tx(write=True) as conn:
            row = await fetchone(
                conn,
                "UPDATE inbox SET state = 'sending', send_started = 1"
                " WHERE platform = ? AND update_id = ? AND owner = ? AND state IN ('claimed', 'sending')"
                " RETURNING 1",
                (platform, update_id, owner),
            )
        return row is not None

    def deferred_effects(self) -> AbstractContextManager[Effects]:
        return collecting(self)

    async def inbox_finish(self, platform: str, update_id: int, owner: str, outcome: str,
                           effects: Effects | None = None) -> bool:
        async with self._tx(write=True) as conn:
            row = await fetchone(
                conn,
                "UPDATE inbox SET state = 'done', payload = NULL, outcome = ?, done_at = ?, owner = NULL,"
                " lease_until = NULL"
                " WHERE platform = ? AND update_id = ? AND owner = ? AND state IN ('claimed', 'sending')"
                " RETURNING 1",
                (outcome, _ts(self._clock()), platform, update_id, owner),
            )
            if row is not None and effects is not None:
                for apply in effects.pending:
                    await apply(conn)
        return row is not None

    async def inbox_release(self, platform: str, update_id: int, owner: str) -> None:
        async with self._tx(write=True) as conn:
            await conn.execute(
                "UPDATE inbox SET state = 'pending', owner = NULL, lease_until = NULL, send_started = 0"
                " WHERE platform = ? AND update_id = ? AND owner = ? AND state IN ('claimed', 'sending')",
                (platform, update_id, owner),
            )

    async def inbox_renew(self, owner: str, lease: dt.timedelta) -> int:
        async with self._tx(write=True) as conn:
            cursor = await conn.execute(
                "UPDATE inbox SET lease_until = ? WHERE owner = ? AND state IN ('claimed', 'sending')",
                (_ts(self._clock() + lease), owner),
            )
            return cursor.rowcount

    async def inbox_owners(self) -> list[str]:
        async with self._tx(write=False) as conn:
            rows = await fetchall(
                conn, "SELECT DISTINCT owner FROM inbox WHERE state IN ('claimed', 'sending') AND owner IS NOT NULL"
            )
        return sorted(str(row[0]) for row in rows)

    async def inbox_free(self, owners: Sequence[str]) -> int:
        if not owners:
            return 0
        marks = ", ".join("?" for _ in owners)
        async with self._tx(write=True) as conn:
            cursor = await conn.execute(
                "UPDATE inbox SET state = 'pending', owner = NULL, lease_until = NULL"
                f" WHERE owner IN ({marks}) AND state IN ('claimed', 'sending')",
                tuple(owners),
            )
            return cursor.rowcount

    async def inbox_trim(self, done_before: dt.datetime, max_backlog: int) -> tuple[int, int]:
        now = _ts(self._clock())
        async with self._tx(write=True) as conn:
            purged = (await conn.execute(
                "DELETE FROM inbox WHERE state = 'done' AND done_at < ?", (_ts(done_before),)
            )).rowcount
            row = await fetchone(conn, "SELECT count(*) FROM inbox WHERE state = 'pending'")
            excess = int(row[0]) - max_backlog
            shed = 0
            if excess > 0:
                shed = (await conn.execute(
                    "UPDATE inbox SET state = 'done', payload = NULL, outcome = 'shed', done_at = ?"
                    " WHERE seq IN (SELECT seq FROM inbox WHERE state = 'pending' ORDER BY seq LIMIT ?)",
                    (now, excess),
                )).rowcount
                await _count(conn, "shed", shed)
        return purged, shed

    async def inbox_count(self, name: str, amount: int = 1) -> None:
        async with self._tx(write=True) as conn:
            await _count(conn, name, amount)

    async def inbox_stats(self) -> InboxStats:
        async with self._tx(write=False) as conn:
            states = dict(await fetchall(conn, "SELECT state, count(*) FROM inbox GROUP BY state"))
            oldest = await fetchone(conn, "SELECT min(received_at) FROM inbox WHERE state <> 'done'")
            counters = {str(n): int(v) for n, v in await fetchall(conn, "SELECT name, value FROM inbox_counters")}
        return InboxStats(
            pending=int(states.get("pending", 0)),
            claimed=int(states.get("claimed", 0)),
            sending=int(states.get("sending", 0)),
            done=int(states.get("done", 0)),
            oldest_pending=dt.datetime.fromisoformat(oldest[0]) if oldest and oldest[0] else None,
            counters=counters,
        )


async def _count(conn: aiosqlite.Connection, name: str, amount: int) -> None:
    if amount > 0:
        await conn.execute(
            "INSERT INTO inbox_counters (name, value) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET value = value + excluded.value",
            (name, amount),
        )
