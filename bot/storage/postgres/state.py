"""Cross-message state on PostgreSQL: what a user relies on between two messages, whichever worker
receives them (dialogues, /lang, /rate's last answer, rate limits, revisions, secrets, job claims).

A mixin of `PostgresStore`, apart so each file keeps one job: entries and history there, conversation
state here. Counters use conditional upserts, so two workers can never both take the last hit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import asyncpg

from bot.models import Locale
from bot.storage import effects, windows
from bot.storage.base import DialogueState, Quota
from bot.storage.postgres.connection import Database


class PostgresStateMixin:
    """Needs `self.db` (a `Database`) and `self._now()` (an aware datetime)."""

    db: Database

    def _now(self) -> dt.datetime:  # pragma: no cover - provided by the store
        raise NotImplementedError

    async def revision(self, community_id: str) -> int:
        async def work(conn: asyncpg.Connection) -> int:
            value = await conn.fetchval(
                "SELECT revision FROM community_revisions WHERE community_id = $1", community_id
            )
            return 0 if value is None else int(value)

        return await self.db.run(work, transaction=False)

    # -- dialogues ------------------------------------------------------------------------------

    async def save_dialogue(self, community_id: str, actor: str, data: str) -> None:
        async def work(conn: asyncpg.Connection) -> None:
            await conn.execute(
                "INSERT INTO dialogues (community_id, actor, data, touched_at) VALUES ($1, $2, $3, $4)"
                " ON CONFLICT (community_id, actor) DO UPDATE"
                " SET data = excluded.data, touched_at = excluded.touched_at",
                community_id, actor, data, self._now(),
            )

        await self.db.run(work)

    async def load_dialogue(self, community_id: str, actor: str) -> DialogueState | None:
        async def work(conn: asyncpg.Connection) -> DialogueState | None:
            row = await conn.fetchrow(
                "SELECT data, touched_at FROM dialogues WHERE community_id = $1 AND actor = $2", community_id, actor
            )
            return None if row is None else DialogueState(row[0], row[1])

        return await self.db.run(work, transaction=False)

    async def end_dialogue(self, community_id: str, actor: str) -> DialogueState | None:
        async def work(conn: asyncpg.Connection) -> DialogueState | None:
            row = await conn.fetchrow(
                "DELETE FROM dialogues WHERE community_id = $1 AND actor = $2 RETURNING data, touched_at",
                community_id, actor,
            )
            return None if row is None else DialogueState(row[0], row[1])

        return await self.db.run(work)

    # -- per-user memory ------------------------------------------------------------------------

    async def set_user_locale(self, user_key: str, locale: Locale) -> None:
        async def work(conn: asyncpg.Connection) -> None:
            await conn.execute(
                "INSERT INTO user_locales (user_key, locale, updated_at) VALUES ($1, $2, $3)"
                " ON CONFLICT (user_key) DO UPDATE SET locale = excluded.locale, updated_at = excluded.updated_at",
                user_key, locale, self._now(),
            )

        await self.db.run(work)

    async def user_locale(self, user_key: str) -> Locale | None:
        async def work(conn: asyncpg.Connection) -> Locale | None:
            value = await conn.fetchval("SELECT locale FROM user_locales WHERE user_key = $1", user_key)
            return "es" if value == "es" else "en" if value == "en" else None

        return await self.db.run(work, transaction=False)

    async def set_last_answer(self, user_key: str, community_id: str, entry_id: str) -> None:
        async def work(conn: asyncpg.Connection) -> None:
            await conn.execute(
                "INSERT INTO last_answers (user_key, community_id, entry_id, at) VALUES ($1, $2, $3, $4)"
                " ON CONFLICT (user_key, community_id) DO UPDATE SET entry_id = excluded.entry_id, at = excluded.at",
                user_key, community_id, entry_id, self._now(),
            )

        if not effects.defer(self, work):  # collected: written with the inbox's done mark
            await self.db.run(work)

    async def last_answer(self, user_key: str, community_id: str) -> str | None:
        async def work(conn: asyncpg.Connection) -> str | None:
            value = await conn.fetchval(
                "SELECT entry_id FROM last_answers WHERE user_key = $1 AND community_id = $2", user_key, community_id
            )
            return None if value is None else str(value)

        return await self.db.run(work, transaction=False)

    # -- rate limits ----------------------------------------------------------------------------

    async def hit_limits(self, quotas: Sequence[Quota], cooldown_key: str, cooldown_seconds: float) -> float | None:
        now = self._now().timestamp()

        async def current(conn: asyncpg.Connection) -> float | None:
            last_at = await conn.fetchval("SELECT last_at FROM cooldowns WHERE key = $1", cooldown_key)
            full = []
            for quota in quotas:
                hits = await conn.fetchval(
                    "SELECT hits FROM rate_windows WHERE key = $1 AND window_start = $2",
                    quota.key, windows.window(quota, now).start,
                )
                full.append((quota, int(hits or 0)))
            return windows.wait_for(now, cooldown_seconds, None if last_at is None else float(last_at), full)

        spans = [windows.window(quota, now) for quota in quotas]

        async def work(conn: asyncpg.Connection) -> bool:
            # One statement (see docsocial_hit in migration 0002): all hits or none, locks held only in the server.
            return bool(await conn.fetchval(
                "SELECT docsocial_hit($1, $2, $3, $4, $5, $6, $7, $8)",
                cooldown_key, now, max(0.0, cooldown_seconds), windows.cooldown_expiry(now, cooldown_seconds),
                [q.key for q in quotas], [q.limit for q in quotas], [s.start for s in spans], [s.end for s in spans],
            ))

        if await self.db.run(work, transaction=False):
            return None
        # Measured after the refusal, which counted nothing.
        return await self.db.run(current, transaction=False) or 0.001

    # -- deployment-wide coordination -----------------------------------------------------------

    async def shared_secret(self, name: str, make: Callable[[], str]) -> str:
        async def work(conn: asyncpg.Connection) -> str:
            await conn.execute(
                "INSERT INTO deployment_secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                name, make(), self._now(),
            )
            return str(await conn.fetchval("SELECT value FROM deployment_secrets WHERE name = $1", name))

        return await self.db.run(work)

    async def claim_job(self, job: str, every: dt.timedelta) -> bool:
        now = self._now()

        async def work(conn: asyncpg.Connection) -> bool:
            claimed = await conn.fetchval(
                "INSERT INTO job_claims (job, claimed_at) VALUES ($1, $2) ON CONFLICT (job) DO UPDATE"
                " SET claimed_at = excluded.claimed_at WHERE job_claims.claimed_at <= $3 RETURNING 1",
                job, now, now - every,
            )
            return claimed is not None

        return await self.db.run(work)
