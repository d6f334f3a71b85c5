"""The moderators' loop on SQLite: dismissed gaps, linked phrasings, phrasings learned from users,
the question a user's next choice refers to, community-wide history and weekly digest claims.

A mixin of `SQLiteStore`, apart so each file keeps one job; the rules (normalisation, limits) are
in `bot.storage.rules`, shared with every backend.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import aiosqlite

from bot.models import Locale
from bot.storage import rules
from bot.storage.base import TEXT_CATEGORIES, AuditRecord, Gap, GapCategory, Learned, NotFound, QuestionContext
from bot.storage.rules import GapKind, check_community
from bot.storage.sqlite.connection import SQLiteConnection, parse_timestamp
from bot.storage.sqlite.sql import fetchall, fetchone

_LEARNED_COLUMNS = (
    "p.number, p.community_id, p.entry_id, p.text, p.locale, p.status,"
    " (SELECT count(*) FROM learned_votes v WHERE v.community_id = p.community_id"
    "  AND v.entry_id = p.entry_id AND v.norm = p.norm), p.last_seen"
)


def _learned(row: Sequence[Any]) -> Learned:
    return Learned(
        number=int(row[0]),
        community_id=row[1],
        entry_id=row[2],
        text=row[3],
        locale="es" if row[4] == "es" else "en",
        status=row[5],
        count=int(row[6]),
        last_seen=dt.datetime.fromisoformat(row[7]),
    )


class SQLiteModerationMixin(SQLiteConnection):
    """The moderators' loop; `SQLiteStore` (which adds `_audit`) is the only class built on it."""

    if TYPE_CHECKING:

        async def _audit(
            self, conn: aiosqlite.Connection, community_id: str, actor: str, action: str, target: str,
            before: str | None, after: str | None, at: str,
        ) -> None: ...

    # -- unanswered questions -------------------------------------------------------------------

    async def record_gap(
        self, community_id: str, text: str, kind: GapKind, category: GapCategory = "question"
    ) -> None:
        """Count an unanswered message; the text must already be scrubbed (bot.privacy.scrub).

        Only real questions and off-topic ones keep their text; a dismissed text is counted, not listed."""
        check_community(community_id)
        prepared = rules.gap_text(text, kind)

        async def work(conn: aiosqlite.Connection) -> None:
            now = self._now()
            await conn.execute(
                "INSERT INTO usage_events (community_id, kind, entry_id, at, category) VALUES (?, ?, NULL, ?, ?)",
                (community_id, kind, now, category),
            )
            if prepared is None or category not in TEXT_CATEGORIES:
                return  # nothing readable, or nothing a moderator could add an entry for
            shown, norm = prepared
            dismissed = await fetchone(
                conn, "SELECT 1 FROM dismissed_gaps WHERE community_id = ? AND norm = ?", (community_id, norm)
            )
            if dismissed is not None:
                return
            await conn.execute(
                "INSERT INTO gaps (community_id, norm, kind, text, count, first_seen, last_seen, category)"
                " VALUES (?, ?, ?, ?, 1, ?, ?, ?)"
                " ON CONFLICT (community_id, norm, kind) DO UPDATE SET"
                " count = count + 1, last_seen = excluded.last_seen, text = excluded.text,"
                " category = excluded.category",
                (community_id, norm, kind, shown, now, now, category),
            )

        await self._effect(work)

    async def gaps(
        self, community_id: str, limit: int = 20, categories: Sequence[GapCategory] = TEXT_CATEGORIES
    ) -> list[Gap]:
        """Most frequent first, then most recent."""
        wanted: list[str] = [c for c in categories if c in TEXT_CATEGORIES] or ["-"]
        marks = ", ".join("?" for _ in wanted)
        async with self._tx(write=False) as conn:
            rows = await fetchall(
                conn,
                "SELECT text, kind, count, first_seen, last_seen, coalesce(number, 0), category FROM gaps"
                " LEFT JOIN gap_numbers USING (community_id, norm)"
                f" WHERE community_id = ? AND category IN ({marks})"
                " ORDER BY count DESC, last_seen DESC, norm LIMIT ?",
                (community_id, *wanted, max(0, limit)),
            )
        return [
            Gap(r[0], r[1], int(r[2]), parse_timestamp(r[3]), parse_timestamp(r[4]), int(r[5]), r[6]) for r in rows
        ]

    async def delete_gap(self, community_id: str, text: str) -> None:
        """Forget an unanswered question (both kinds, matched like record_gap); idempotent."""
        async with self._tx(write=True) as conn:
            await conn.execute(
                "DELETE FROM gaps WHERE community_id = ? AND norm = ?", (community_id, rules.normalise_gap(text))
            )


    async def dismiss_gaps(self, community_id: str, texts: Sequence[str], actor: str) -> None:
        check_community(community_id)
        norms = sorted({rules.normalise_gap(t) for t in texts} - {""})
        async with self._tx(write=True) as conn:
            now = self._now()
            for norm in norms:
                await conn.execute("DELETE FROM gaps WHERE community_id = ? AND norm = ?", (community_id, norm))
                await conn.execute(
                    "INSERT INTO dismissed_gaps (community_id, norm, dismissed_at) VALUES (?, ?, ?)"
                    " ON CONFLICT DO NOTHING",
                    (community_id, norm, now),
                )
            if norms:
                await self._audit(conn, community_id, actor, "dismiss", "gaps", None, json.dumps(norms), now)

    async def unanswered_by_category(self, community_id: str, days: int) -> dict[GapCategory, int]:
        if days < 1:
            raise ValueError("days must be >= 1")
        cutoff = (self._clock() - dt.timedelta(days=days)).astimezone(dt.UTC).isoformat(timespec="microseconds")
        async with self._tx(write=False) as conn:
            rows = await fetchall(
                conn,
                "SELECT coalesce(category, 'question'), count(*) FROM usage_events"
                " WHERE community_id = ? AND kind != 'answer' AND at >= ? GROUP BY 1",
                (community_id, cutoff),
            )
        found: dict[GapCategory, int] = {"question": 0, "off_topic": 0, "medical": 0, "gibberish": 0}
        for category, count in rows:
            if category in found:
                found[category] = int(count)
        return found

    # -- linked phrasings -------------------------------------------------------------------------

    async def add_link(self, community_id: str, entry_id: str, text: str, actor: str) -> bool:
        check_community(community_id)
        shown = " ".join(text.split())[: rules.GAP_TEXT_LIMIT]
        norm = rules.normalise_gap(shown)
        if not norm:
            raise ValueError("a linked phrasing needs readable text")
        async with self._tx(write=True) as conn:
            now = self._now()
            cursor = await conn.execute(
                "INSERT INTO entry_links (community_id, entry_id, norm, text, created_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (community_id, entry_id, norm, shown, now),
            )
            if cursor.rowcount <= 0:
                return False
            await self._audit(conn, community_id, actor, "link", entry_id, None, json.dumps({"linked": shown}), now)
        return True

    async def remove_links(self, community_id: str, entry_id: str, text: str | None, actor: str) -> list[str]:
        sql = "SELECT norm, text FROM entry_links WHERE community_id = ? AND entry_id = ?"
        params: tuple[str, ...] = (community_id, entry_id)
        if text is not None:
            sql += " AND norm = ?"
            params += (rules.normalise_gap(text),)
        async with self._tx(write=True) as conn:
            now = self._now()
            rows = await fetchall(conn, sql + " ORDER BY created_at, norm", params)
            for norm, shown in rows:
                await conn.execute(
                    "DELETE FROM entry_links WHERE community_id = ? AND norm = ?", (community_id, norm)
                )
                await self._audit(
                    conn, community_id, actor, "unlink", entry_id, json.dumps({"linked": shown}), None, now
                )
        return [r[1] for r in rows]

    async def links(self, community_id: str) -> dict[str, list[str]]:
        async with self._tx(write=False) as conn:
            rows = await fetchall(
                conn,
                "SELECT entry_id, text FROM entry_links WHERE community_id = ? ORDER BY created_at, norm",
                (community_id,),
            )
        found: dict[str, list[str]] = {}
        for entry_id, text in rows:
            found.setdefault(entry_id, []).append(text)
        return found

    # -- phrasings learned from users --------------------------------------------------------------

    async def learn_phrasing(self, community_id: str, entry_id: str, text: str, locale: Locale, voter: str) -> None:
        check_community(community_id)
        shown = " ".join(text.split())[: rules.GAP_TEXT_LIMIT]
        norm = rules.normalise_gap(shown)
        if not norm:
            return
        async with self._tx(write=True) as conn:
            now = self._now()
            row = await fetchone(
                conn,
                "SELECT status FROM learned_phrasings WHERE community_id = ? AND entry_id = ? AND norm = ?",
                (community_id, entry_id, norm),
            )
            if row is not None and row[0] != "pending":
                return  # accepted already, or rejected: never proposed again
            if row is None:
                top = await fetchone(
                    conn, "SELECT coalesce(max(number), 0) FROM learned_phrasings WHERE community_id = ?",
                    (community_id,),
                )
                await conn.execute(
                    "INSERT INTO learned_phrasings (community_id, number, entry_id, norm, text, locale, status,"
                    " first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
                    (community_id, int(top[0]) + 1, entry_id, norm, shown, locale, now, now),
                )
            else:
                await conn.execute(
                    "UPDATE learned_phrasings SET last_seen = ?, text = ?"
                    " WHERE community_id = ? AND entry_id = ? AND norm = ?",
                    (now, shown, community_id, entry_id, norm),
                )
            await conn.execute(
                "INSERT INTO learned_votes (community_id, entry_id, norm, voter) VALUES (?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (community_id, entry_id, norm, voter),
            )

    async def learned(self, community_id: str, status: str = "pending") -> list[Learned]:
        async with self._tx(write=False) as conn:
            rows = await fetchall(
                conn,
                f"SELECT {_LEARNED_COLUMNS} FROM learned_phrasings p WHERE p.community_id = ? AND p.status = ?",
                (community_id, status),
            )
        found = [_learned(r) for r in rows]
        found.sort(key=lambda x: (-x.count, -x.last_seen.timestamp(), x.number))
        return found

    async def set_learned_status(
        self, community_id: str, number: int, status: Literal["accepted", "rejected"], actor: str
    ) -> Learned:
        async with self._tx(write=True) as conn:
            now = self._now()
            row = await fetchone(
                conn,
                f"SELECT {_LEARNED_COLUMNS} FROM learned_phrasings p"
                " WHERE p.community_id = ? AND p.number = ? AND p.status = 'pending'",
                (community_id, number),
            )
            if row is None:
                raise NotFound(f"no pending suggestion {number} in this community")
            await conn.execute(
                "UPDATE learned_phrasings SET status = ? WHERE community_id = ? AND number = ?",
                (status, community_id, number),
            )
            if status == "rejected":  # who chose it no longer matters once it is never proposed again
                await conn.execute(
                    "DELETE FROM learned_votes WHERE community_id = ? AND entry_id = ? AND norm ="
                    " (SELECT norm FROM learned_phrasings WHERE community_id = ? AND number = ?)",
                    (community_id, row[2], community_id, number),
                )
            after = json.dumps({"suggestion": row[3], "status": status})
            action = "accept" if status == "accepted" else "reject"
            await self._audit(conn, community_id, actor, action, row[2], None, after, now)
        learned = _learned(row)
        return Learned(**{**learned.__dict__, "status": status})

    async def accepted_phrasings(self) -> list[Learned]:
        async with self._tx(write=False) as conn:
            rows = await fetchall(
                conn,
                f"SELECT {_LEARNED_COLUMNS} FROM learned_phrasings p WHERE p.status = 'accepted'"
                " ORDER BY p.entry_id, p.community_id, p.number",
            )
        return [_learned(r) for r in rows]

    async def remember_question(
        self, user_key: str, community_id: str, text: str, locale: Locale, entries: Sequence[str]
    ) -> None:
        async with self._tx(write=True) as conn:
            await conn.execute(
                "INSERT INTO question_context (user_key, community_id, text, locale, entries, at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_key, community_id) DO UPDATE SET"
                " text = excluded.text, locale = excluded.locale, entries = excluded.entries, at = excluded.at",
                (user_key, community_id, text[: rules.GAP_TEXT_LIMIT], locale, json.dumps(list(entries)), self._now()),
            )

    async def question_context(self, user_key: str, community_id: str) -> QuestionContext | None:
        async with self._tx(write=False) as conn:
            row = await fetchone(
                conn,
                "SELECT text, locale, entries, at FROM question_context WHERE user_key = ? AND community_id = ?",
                (user_key, community_id),
            )
        if row is None:
            return None
        return QuestionContext(
            row[0], "es" if row[1] == "es" else "en", tuple(json.loads(row[2])), dt.datetime.fromisoformat(row[3])
        )

    # -- history and digest -----------------------------------------------------------------------

    async def recent_history(self, community_id: str, limit: int) -> list[AuditRecord]:
        async with self._tx(write=False) as conn:
            rows = await fetchall(
                conn,
                "SELECT community_id, actor, action, target, before, after, at FROM audit_log"
                " WHERE community_id = ? ORDER BY id DESC LIMIT ?",
                (community_id, max(0, limit)),
            )
        return [AuditRecord(r[0], r[1], r[2], r[3], r[4], r[5], dt.datetime.fromisoformat(r[6])) for r in rows]

    async def digest_communities(self) -> list[str]:
        async with self._tx(write=False) as conn:
            rows = await fetchall(
                conn,
                "SELECT community_id FROM community_settings"
                " WHERE json_extract(data, '$.digest') = 'weekly' ORDER BY community_id",
            )
        return [r[0] for r in rows]

    async def claim_digest(self, community_id: str, period: str) -> bool:
        async with self._tx(write=True) as conn:
            cursor = await conn.execute(
                "INSERT INTO digest_sends (community_id, period, claimed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (community_id, period, self._now()),
            )
            return cursor.rowcount > 0
