"""Cross-message state on SQLite: dialogues, /lang, /rate's last answer, rate limits, revisions,
secrets and job claims, so a restart (or a second process on the same file) forgets nothing.

A mixin of `SQLiteStore`, apart so each file keeps one job. Writers hold SQLite's write lock
(`BEGIN IMMEDIATE`), so the conditional upserts here are as atomic as on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

import aiosqlite

from bot.models import Locale
from bot.storage import windows
from bot.storage.base import DialogueState, Quota


async def _one(conn: aiosqlite.Connection, sql: str, params: Sequence[Any] = ()) -> Any:
    rows = list(await conn.execute_fetchall(sql, params))
    return rows[0] if rows else None


def _ts(moment: dt.datetime) -> str:
    """The store's timestamp text (fixed-width UTC ISO-8601), so text comparison orders instants."""
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


class SQLiteStateMixin:
    """Needs the store's `_tx(write=...)`, `_now()` (timestamp text) and `_clock` (aware datetime)."""

    _clock: Callable[[], dt.datetime]

    def _tx(self, *, write: bool) -> AbstractAsyncContextManager[aiosqlite.Connection]:  # pragma: no cover
        raise NotImplementedError

    def _now(self) -> str:  # pragma: no cover - provided by the store
        raise NotImplementedError

    async def _effect(self, work: Callable[[aiosqlite.Connection], Awaitable[None]]) -> None:  # pragma: no cover
        raise NotImplementedError

    async def revision(self, community_id: str) -> int:
        async with self._tx(write=False) as conn:
            row = await _one(conn, "SELECT revision FROM community_revisions WHERE community_id = ?", (community_id,))
        return 0 if row is None else int(row[0])

    # -- dialogues ------------------------------------------------------------------------------

    async def save_dialogue(self, community_id: str, actor: str, data: str) -> None:
        async with self._tx(write=True) as conn:
            await conn.execute(
                "INSERT INTO dialogues (community_id, actor, data, touched_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (community_id, actor) DO UPDATE"
                " SET data = excluded.data, touched_at = excluded.touched_at",
                (community_id, actor, data, self._now()),
            )

    async def load_dialogue(self, community_id: str, actor: str) -> DialogueState | None:
        async with self._tx(write=False) as conn:
            row = await _one(
                conn,
                "SELECT data, touched_at FROM dialogues WHERE community_id = ? AND actor = ?",
                (community_id, actor),
            )
        return None if row is None else DialogueState(row[0], dt.datetime.fromisoformat(row[1]))

    async def end_dialogue(self, community_id: str, actor: str) -> DialogueState | None:
        async with self._tx(write=True) as conn:
            row = await _one(
                conn,
                "DELETE FROM dialogues WHERE community_id = ? AND actor = ? RETURNING data, touched_at",
                (community_id, actor),
            )
        return None if row is None else DialogueState(row[0], dt.datetime.fromisoformat(row[1]))

    # -- per-user memory ------------------------------------------------------------------------

    async def set_user_locale(self, user_key: str, locale: Locale) -> None:
        async with self._tx(write=True) as conn:
            await conn.execute(
                "INSERT INTO user_locales (user_key, locale, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (user_key) DO UPDATE SET locale = excluded.locale, updated_at = excluded.updated_at",
                (user_key, locale, self._now()),
            )

    async def user_locale(self, user_key: str) -> Locale | None:
        async with self._tx(write=False) as conn:
            row = await _one(conn, "SELECT locale FROM user_locales WHERE user_key = ?", (user_key,))
        value = None if row is None else row[0]
        return "es" if value == "es" else "en" if value == "en" else None

    async def set_last_answer(self, user_key: str, community_id: str, entry_id: str) -> None:
        async def work(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT INTO last_answers (user_key, community_id, entry_id, at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (user_key, community_id) DO UPDATE SET entry_id = excluded.entry_id, at = excluded.at",
                (user_key, community_id, entry_id, self._now()),
            )

        await self._effect(work)

    async def last_answer(self, user_key: str, community_id: str) -> str | None:
        async with self._tx(write=False) as conn:
            row = await _one(
                conn, "SELECT entry_id FROM last_answers WHERE user_key = ? AND community_id = ?",
                (user_key, community_id),
            )
        return None if row is None else str(row[0])

    # -- rate limits ----------------------------------------------------------------------------

    async def hit_limits(self, quotas: Sequence[Quota], cooldown_key: str, cooldown_seconds: float) -> float | None:
        now = self._clock().timestamp()
        async with self._tx(write=True) as conn:
            row = await _one(conn, "SELECT last_at FROM cooldowns WHERE key = ?", (cooldown_key,))
            full: list[tuple[Quota, int]] = []
            for quota in quotas:
                hits = await _one(
                    conn, "SELECT hits FROM rate_windows WHERE key = ? AND window_start = ?",
                    (quota.key, windows.window(quota, now).start),
                )
                full.append((quota, 0 if hits is None else int(hits[0])))
            wait = windows.wait_for(now, cooldown_seconds, None if row is None else float(row[0]), full)
            if wait is not None:
                return wait  # nothing written: a refused attempt is not counted
            for quota in quotas:
                span = windows.window(quota, now)
                await conn.execute(
                    "INSERT INTO rate_windows (key, window_start, hits, expires_at) VALUES (?, ?, 1, ?)"
                    " ON CONFLICT (key, window_start) DO UPDATE SET hits = hits + 1",
                    (quota.key, span.start, span.end),
                )
                await conn.execute(
                    "DELETE FROM rate_windows WHERE key = ? AND window_start < ?", (quota.key, span.start)
                )
            await conn.execute(
                "INSERT INTO cooldowns (key, last_at, expires_at) VALUES (?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET last_at = excluded.last_at, expires_at = excluded.expires_at",
                (cooldown_key, now, windows.cooldown_expiry(now, cooldown_seconds)),
            )
        return None

    # -- deployment-wide coordination -----------------------------------------------------------

    async def shared_secret(self, name: str, make: Callable[[], str]) -> str:
        async with self._tx(write=True) as conn:
            await conn.execute(
                "INSERT INTO deployment_secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (name, make(), self._now()),
            )
            row = await _one(conn, "SELECT value FROM deployment_secrets WHERE name = ?", (name,))
        return str(row[0])

    async def claim_job(self, job: str, every: dt.timedelta) -> bool:
        now = self._clock()
        async with self._tx(write=True) as conn:
            row = await _one(
                conn,
                "INSERT INTO job_claims (job, claimed_at) VALUES (?, ?) ON CONFLICT (job) DO UPDATE"
                " SET claimed_at = excluded.claimed_at WHERE claimed_at <= ? RETURNING 1",
                (job, _ts(now), _ts(now - every)),
            )
        return row is not None
