"""The SQLite implementation of `bot.storage.base.Store`: one WAL database file, numbered SQL migrations.

Why one connection guarded by one asyncio.Lock: aiosqlite runs a connection's calls on one thread
in FIFO order, so the lock only has to keep two coroutines' transactions from interleaving on it
(`benchmarks/storage_bench.py` compares this with a connection per transaction). Other processes
(the CLI next to a running bot) are handled by SQLite's own locking plus a busy timeout; writers
take the write lock up front with `BEGIN IMMEDIATE` so they never deadlock upgrading a read lock.

All SQL lives here and in `migrations/*.sql` beside this file; errors leave as `StoreError` with a message a
moderator or operator can act on. Nothing here logs message text or user ids.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import functools
import json
import os
import re
import sqlite3
import unicodedata
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager, suppress
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Self

import aiosqlite
from pydantic import ValidationError

from bot.models import Entry
from bot.storage.base import (
    AlreadyExists,
    AuditRecord,
    CommunityEntry,
    CommunitySettings,
    CommunityStats,
    EntryStats,
    Gap,
    NotFound,
    StoreError,
)

__all__ = ["BUSY_MESSAGE", "SQLiteStore", "backup", "integrity_check", "migrations", "upgrade"]

BUSY_MESSAGE = "the database is busy, try again"
COMMUNITY_ENTRY_ID = re.compile(r"^c([1-9][0-9]{0,17})$")
MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
GAP_TEXT_LIMIT = 1000  # characters kept per unanswered question: enough to read, bounded on abuse
TOP_ENTRIES = 10
GapKind = Literal["fallback", "clarify"]

# SQLite primary result codes (the low byte of the extended code).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 11, 13, 14, 26


# ---------------------------------------------------------------------------------------------
# helpers


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _ts(moment: dt.datetime) -> str:
    """Fixed-width UTC text, so comparing strings compares instants."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _parse_ts(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def normalise_gap(text: str) -> str:
    """The key unanswered questions are grouped by: Unicode form, case, spacing and end punctuation."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = " ".join(folded.split())
    return folded.strip(" ¿?¡!.,;:…\"'«»")


def _not_valid_message(path: Path) -> str:
    return f"{path} is not a valid DocSocial database: restore from a backup, see README"


def _read_only_message(path: Path) -> str:
    return (
        f"the database {path} is read-only: DocSocial needs write access to the file and its folder "
        "(check permissions, or point DOCSOCIAL_DB elsewhere)"
    )


def _is_writable(path: Path) -> bool:
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(folder, os.W_OK | os.X_OK)


def translate_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """Turn a driver error into a StoreError whose message says what to do about it."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
        return StoreError(BUSY_MESSAGE)
    if primary == _SQLITE_READONLY or "readonly" in text:
        return StoreError(_read_only_message(path))
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "not a database" in text or "malformed" in text:
        return StoreError(_not_valid_message(path))
    if primary == _SQLITE_CANTOPEN and not path.parent.is_dir():
        return StoreError(f"cannot open the database {path}: its folder does not exist")
    if primary in (_SQLITE_CANTOPEN, _SQLITE_IOERR) and not _is_writable(path):
        return StoreError(_read_only_message(path))
    if primary == _SQLITE_CANTOPEN:
        return StoreError(f"cannot open the database {path}: check that its folder exists and is writable")
    if primary == _SQLITE_FULL:
        return StoreError(f"the disk holding {path} is full: nothing was written")
    if primary == _SQLITE_IOERR:
        return StoreError(f"could not read or write {path}: check the disk ({exc})")
    if isinstance(exc, sqlite3.IntegrityError) and "unique" in text:
        return AlreadyExists("that id is already used in this community")
    return StoreError(f"database error on {path}: {exc}")


@contextmanager
def _errors(path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        raise translate_error(exc, path) from exc


def migrations() -> list[tuple[str, str]]:
    """(name, SQL) of every bundled migration, in order; the name is the file stem."""
    folder = resources.files("bot.storage.sqlite") / "migrations"
    found: list[tuple[str, str]] = []
    for item in folder.iterdir():
        if MIGRATION_NAME.match(item.name):
            found.append((item.name.removesuffix(".sql"), item.read_text(encoding="utf-8")))
    found.sort()
    return found


def split_statements(script: str) -> list[str]:
    """Split a migration into statements without `executescript`, which would COMMIT on its own."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    leftover = "\n".join(ln for ln in buffer.splitlines() if ln.strip() and not ln.strip().startswith("--"))
    if leftover.strip():
        raise StoreError(f"migration has an unterminated statement: {leftover.strip()[:60]!r}")
    return statements


async def _fetchall(conn: aiosqlite.Connection, sql: str, params: Sequence[Any] = ()) -> list[Any]:
    return list(await conn.execute_fetchall(sql, params))


async def _fetchone(conn: aiosqlite.Connection, sql: str, params: Sequence[Any] = ()) -> Any:
    rows = await _fetchall(conn, sql, params)
    return rows[0] if rows else None


async def _rollback(conn: aiosqlite.Connection) -> None:
    with suppress(sqlite3.Error):
        await conn.rollback()  # sqlite3 only issues ROLLBACK when a transaction is open


async def _apply_migrations(conn: aiosqlite.Connection, path: Path, now: str) -> list[str]:
    """Apply pending migrations in one transaction: all of them or none."""
    await conn.execute("BEGIN IMMEDIATE")
    try:
        rows = await _fetchall(conn, "SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = {r[0] for r in rows}
        if "schema_migrations" not in tables:
            if {t for t in tables if not t.startswith("sqlite_")}:
                raise StoreError(_not_valid_message(path))  # someone else's database: do not touch it
            await conn.execute(
                "CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
        done = {r[0] for r in await _fetchall(conn, "SELECT name FROM schema_migrations")}
        known = migrations()
        unknown = sorted(done - {name for name, _ in known})
        if unknown:
            raise StoreError(
                f"{path} was written by a newer DocSocial (unknown migration {unknown[-1]}): "
                "upgrade DocSocial"
            )
        applied: list[str] = []
        for name, script in known:
            if name in done:
                continue
            for statement in split_statements(script):
                await conn.execute(statement)
            await conn.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", (name, now))
            applied.append(name)
        await conn.execute("COMMIT")
        return applied
    except BaseException:
        await _rollback(conn)
        raise


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
        created_at=_parse_ts(created_at),
        updated_at=_parse_ts(updated_at),
    )


_ENTRY_COLUMNS = "community_id, data, deleted, created_at, updated_at"


def _settings_from_json(data: str) -> CommunitySettings:
    """Tolerant: unknown keys (from a newer version) are ignored, missing ones take the default."""
    raw = json.loads(data)
    names = {f.name for f in dataclasses.fields(CommunitySettings)}
    return CommunitySettings(**{k: v for k, v in raw.items() if k in names})


def _check_community(community_id: str) -> None:
    if not community_id or not community_id.strip():
        raise ValueError("community_id must not be empty")


# ---------------------------------------------------------------------------------------------
# the store


class SQLiteStore:
    """`bot.storage.base.Store` on one SQLite file (WAL, foreign keys on, busy timeout, migrations at open)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        busy_timeout: float = 5.0,
        clock: Callable[[], dt.datetime] = _utcnow,
    ) -> None:
        self.path = Path(path)
        self.busy_timeout = busy_timeout
        self.applied_migrations: list[str] = []  # what the last open() applied, for `upgrade`
        self._clock = clock
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()

    # -- lifecycle ------------------------------------------------------------------------------

    async def open(self) -> None:
        """Connect, configure and apply pending migrations; idempotent."""
        if self._conn is not None:
            return
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a database file: point DOCSOCIAL_DB at a file")
        in_memory = str(self.path) == ":memory:"
        if not in_memory and not self.path.parent.is_dir():
            raise StoreError(f"cannot open the database {self.path}: its folder does not exist")
        with _errors(self.path):
            pending = aiosqlite.connect(self.path, isolation_level=None, timeout=self.busy_timeout)
            try:
                conn = await pending
            except BaseException:
                # aiosqlite stops its worker thread asynchronously after a failed connect; wait for
                # it so the thread never reports to an event loop that has gone away.
                worker = getattr(pending, "_thread", None)
                if worker is not None:
                    await asyncio.to_thread(worker.join, 5.0)
                raise
            try:
                await self._configure(conn)
                self.applied_migrations = await _apply_migrations(conn, self.path, self._now())
            except BaseException:
                await conn.close()
                raise
        self._conn = conn

    async def _configure(self, conn: aiosqlite.Connection) -> None:
        await conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
        mode = await _fetchone(conn, "PRAGMA journal_mode = WAL")
        if str(self.path) != ":memory:" and (mode is None or str(mode[0]).lower() != "wal"):
            # SQLite reports the old mode when it cannot switch: a read-only file or folder.
            raise StoreError(_read_only_message(self.path))
        await conn.execute("PRAGMA foreign_keys = ON")
        await conn.execute("PRAGMA synchronous = FULL")  # a committed vote survives a power cut too
        await conn.execute("PRAGMA secure_delete = ON")  # purged gaps and votes are zeroed on disk

    async def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            async with self._lock:
                with _errors(self.path):
                    await conn.close()

    async def __aenter__(self) -> Self:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def _now(self) -> str:
        return _ts(self._clock())

    @asynccontextmanager
    async def _tx(self, *, write: bool) -> AsyncIterator[aiosqlite.Connection]:
        """One transaction on the shared connection; the lock keeps coroutines from interleaving.

        Writers read the clock inside it, so stored timestamps follow commit order."""
        conn = self._conn
        if conn is None:
            raise StoreError("the store is not open: call open() first")
        async with self._lock:
            with _errors(self.path):
                try:
                    await conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                    yield conn
                    await conn.execute("COMMIT")
                except BaseException:
                    # A cancelled caller must not leave the connection mid-transaction. rollback() is
                    # queued on aiosqlite's thread behind whatever this caller already queued (even a
                    # BEGIN not yet run) and only rolls back if a transaction is open by then.
                    await asyncio.shield(_rollback(conn))
                    raise

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
        row = await _fetchone(
            conn,
            "INSERT INTO entry_counters (community_id, last_number) VALUES (?, 1)"
            " ON CONFLICT (community_id) DO UPDATE SET last_number = last_number + 1"
            " RETURNING last_number",
            (community_id,),
        )
        return int(row[0])

    async def _entry_row(self, conn: aiosqlite.Connection, community_id: str, entry_id: str) -> Any:
        return await _fetchone(
            conn,
            f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE community_id = ? AND entry_id = ?",
            (community_id, entry_id),
        )

    async def _insert_entry(
        self, conn: aiosqlite.Connection, community_id: str, entry: Entry, actor: str, action: str, now: str
    ) -> CommunityEntry:
        match = COMMUNITY_ENTRY_ID.match(entry.id)
        if match:
            await self._reserve_number(conn, community_id, int(match.group(1)))
        data = entry.model_dump_json()
        await conn.execute(
            "INSERT INTO entries (community_id, entry_id, topic, data, deleted, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, 0, ?, ?)",
            (community_id, entry.id, entry.topic, data, now, now),
        )
        await self._audit(conn, community_id, actor, action, entry.id, None, data, now)
        moment = _parse_ts(now)
        return CommunityEntry(
            entry=entry, community_id=community_id, deleted=False, created_at=moment, updated_at=moment
        )

    # -- community entries ----------------------------------------------------------------------

    async def next_entry_id(self, community_id: str) -> str:
        """Reserve the next short id ("c1", "c2", ...): never handed out twice, even if unused."""
        _check_community(community_id)
        async with self._tx(write=True) as conn:
            return f"c{await self._bump_counter(conn, community_id)}"

    async def add_entry(self, community_id: str, entry: Entry, actor: str) -> CommunityEntry:
        _check_community(community_id)
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
                created_at=_parse_ts(row[3]),
                updated_at=_parse_ts(now),
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
            rows = await _fetchall(conn, sql + " ORDER BY rowid", (community_id,))
        return [_entry_from_row(r, self.path) for r in rows]

    async def communities_with_entries(self) -> list[str]:
        async with self._tx(write=False) as conn:
            rows = await _fetchall(
                conn, "SELECT DISTINCT community_id FROM entries WHERE deleted = 0 ORDER BY community_id"
            )
        return [r[0] for r in rows]

    async def import_entries(self, community_id: str, entries: list[Entry], actor: str) -> int:
        """Write all entries or none. An id is kept only if it is a free "cN" here; others get a
        fresh "cN" (and `related` links inside the batch follow the renaming)."""
        _check_community(community_id)
        async with self._tx(write=True) as conn:
            now = self._now()
            rows = await _fetchall(
                conn, "SELECT entry_id FROM entries WHERE community_id = ?", (community_id,)
            )
            taken = {r[0] for r in rows}
            # First keep every free "cN" id (so a re-import keeps as many ids as it can), then
            # number the rest after them.
            kept: set[int] = set()
            for position, entry in enumerate(entries):
                match = COMMUNITY_ENTRY_ID.match(entry.id)
                if match and entry.id not in taken:
                    taken.add(entry.id)
                    kept.add(position)
                    await self._reserve_number(conn, community_id, int(match.group(1)))
            renamed: dict[str, str] = {}
            planned: list[tuple[str, Entry]] = []
            for position, entry in enumerate(entries):
                new_id = entry.id
                if position not in kept:
                    new_id = f"c{await self._bump_counter(conn, community_id)}"
                    while new_id in taken:  # an id added by hand above the counter
                        new_id = f"c{await self._bump_counter(conn, community_id)}"
                    taken.add(new_id)
                renamed.setdefault(entry.id, new_id)
                planned.append((new_id, entry))
            for new_id, entry in planned:
                related = [renamed.get(r, r) for r in entry.related]
                fresh = entry.model_copy(update={"id": new_id, "related": related})
                await self._insert_entry(conn, community_id, fresh, actor, "import", now)
        return len(planned)

    # -- hidden curated entries -----------------------------------------------------------------

    async def set_hidden(self, community_id: str, entry_id: str, hidden: bool, actor: str) -> None:
        """Hide or unhide a curated entry here; audited only when something changes."""
        _check_community(community_id)
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
            rows = await _fetchall(
                conn, "SELECT entry_id FROM hidden_entries WHERE community_id = ?", (community_id,)
            )
        return {r[0] for r in rows}

    # -- audit ----------------------------------------------------------------------------------

    async def history(self, community_id: str, target: str) -> list[AuditRecord]:
        """Every audited change of `target` (entry id or setting name), oldest first."""
        async with self._tx(write=False) as conn:
            rows = await _fetchall(
                conn,
                "SELECT community_id, actor, action, target, before, after, at FROM audit_log"
                " WHERE community_id = ? AND target = ? ORDER BY id",
                (community_id, target),
            )
        return [AuditRecord(r[0], r[1], r[2], r[3], r[4], r[5], _parse_ts(r[6])) for r in rows]

    # -- unanswered questions -------------------------------------------------------------------

    async def record_gap(self, community_id: str, text: str, kind: GapKind) -> None:
        """Count an unanswered question; the text must already be scrubbed (bot.privacy.scrub)."""
        _check_community(community_id)
        if kind not in ("fallback", "clarify"):
            raise ValueError(f"kind must be 'fallback' or 'clarify', not {kind!r}")
        shown = " ".join(text.split())[:GAP_TEXT_LIMIT]
        norm = normalise_gap(shown)
        if not norm:
            return  # nothing readable to log (e.g. only punctuation)
        async with self._tx(write=True) as conn:
            now = self._now()
            await conn.execute(
                "INSERT INTO gaps (community_id, norm, kind, text, count, first_seen, last_seen)"
                " VALUES (?, ?, ?, ?, 1, ?, ?)"
                " ON CONFLICT (community_id, norm, kind) DO UPDATE SET"
                " count = count + 1, last_seen = excluded.last_seen, text = excluded.text",
                (community_id, norm, kind, shown, now, now),
            )
            await conn.execute(
                "INSERT INTO usage_events (community_id, kind, entry_id, at) VALUES (?, ?, NULL, ?)",
                (community_id, kind, now),
            )

    async def gaps(self, community_id: str, limit: int = 20) -> list[Gap]:
        """Most frequent first, then most recent."""
        async with self._tx(write=False) as conn:
            rows = await _fetchall(
                conn,
                "SELECT text, kind, count, first_seen, last_seen FROM gaps WHERE community_id = ?"
                " ORDER BY count DESC, last_seen DESC, norm LIMIT ?",
                (community_id, max(0, limit)),
            )
        return [Gap(r[0], r[1], int(r[2]), _parse_ts(r[3]), _parse_ts(r[4])) for r in rows]

    async def delete_gap(self, community_id: str, text: str) -> None:
        """Forget an unanswered question (both kinds, matched like record_gap); idempotent."""
        async with self._tx(write=True) as conn:
            await conn.execute(
                "DELETE FROM gaps WHERE community_id = ? AND norm = ?", (community_id, normalise_gap(text))
            )

    async def purge_older_than(self, days: int) -> int:
        """Retention: drop gaps, usage events and votes last touched before now - days (all communities)."""
        if days < 0:
            raise ValueError("days must be >= 0")
        cutoff = _ts(self._clock() - dt.timedelta(days=days))
        removed = 0
        async with self._tx(write=True) as conn:
            for sql in (
                "DELETE FROM gaps WHERE last_seen < ?",
                "DELETE FROM usage_events WHERE at < ?",
                "DELETE FROM votes WHERE at < ?",
            ):
                cursor = await conn.execute(sql, (cutoff,))
                removed += max(0, cursor.rowcount)
        return removed

    # -- usage and feedback ---------------------------------------------------------------------

    async def record_answer(self, community_id: str, entry_id: str) -> None:
        _check_community(community_id)
        async with self._tx(write=True) as conn:
            now = self._now()
            await conn.execute(
                "INSERT INTO usage_events (community_id, kind, entry_id, at) VALUES (?, 'answer', ?, ?)",
                (community_id, entry_id, now),
            )

    async def vote(self, community_id: str, entry_id: str, voter: str, helpful: bool) -> None:
        """One vote per voter per entry per community: a second vote replaces the first."""
        _check_community(community_id)
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
        cutoff = _ts(self._clock() - dt.timedelta(days=days))
        async with self._tx(write=False) as conn:
            counts = await _fetchone(
                conn,
                "SELECT coalesce(sum(kind = 'answer'), 0), coalesce(sum(kind != 'answer'), 0)"
                " FROM usage_events WHERE community_id = ? AND at >= ?",
                (community_id, cutoff),
            )
            votes = await _fetchone(
                conn,
                "SELECT coalesce(sum(helpful), 0), coalesce(sum(1 - helpful), 0)"
                " FROM votes WHERE community_id = ? AND at >= ?",
                (community_id, cutoff),
            )
            top = await _fetchall(
                conn,
                "WITH asked AS (SELECT entry_id, count(*) AS n FROM usage_events"
                "   WHERE community_id = ? AND kind = 'answer' AND at >= ? GROUP BY entry_id),"
                " voted AS (SELECT entry_id, sum(helpful) AS yes, sum(1 - helpful) AS no FROM votes"
                "   WHERE community_id = ? AND at >= ? GROUP BY entry_id)"
                " SELECT asked.entry_id, asked.n, coalesce(voted.yes, 0), coalesce(voted.no, 0)"
                " FROM asked LEFT JOIN voted USING (entry_id)"
                " ORDER BY asked.n DESC, asked.entry_id LIMIT ?",
                (community_id, cutoff, community_id, cutoff, TOP_ENTRIES),
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
            row = await _fetchone(
                conn, "SELECT data FROM community_settings WHERE community_id = ?", (community_id,)
            )
        return CommunitySettings() if row is None else _settings_from_json(row[0])

    _COMMUNITY_TABLES = (
        "entry_counters", "entries", "hidden_entries", "audit_log", "gaps", "usage_events", "votes",
        "community_settings",
    )

    async def move_community(self, old_id: str, new_id: str, actor: str) -> None:
        """Carry a community's data to its new id (all or nothing); the new id must hold no FAQ yet."""
        _check_community(old_id)
        _check_community(new_id)
        if old_id == new_id:
            return
        async with self._tx(write=True) as conn:
            taken = await _fetchone(conn, "SELECT 1 FROM entries WHERE community_id = ? LIMIT 1", (new_id,))
            if taken is not None:
                raise StoreError(f"cannot move {old_id} to {new_id}: {new_id} already has FAQ entries")
            for table in ("entry_counters", "community_settings", "hidden_entries", "gaps", "votes"):
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
        _check_community(community_id)
        after_all = dataclasses.asdict(settings)
        async with self._tx(write=True) as conn:
            now = self._now()
            row = await _fetchone(
                conn, "SELECT data FROM community_settings WHERE community_id = ?", (community_id,)
            )
            before_all = dataclasses.asdict(
                CommunitySettings() if row is None else _settings_from_json(row[0])
            )
            changed = [name for name in after_all if after_all[name] != before_all.get(name)]
            if not changed:
                return
            await conn.execute(
                "INSERT INTO community_settings (community_id, data, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (community_id) DO UPDATE SET"
                " data = excluded.data, updated_at = excluded.updated_at",
                (community_id, json.dumps(after_all), now),
            )
            for name in changed:
                before, after = json.dumps(before_all.get(name)), json.dumps(after_all[name])
                await self._audit(conn, community_id, actor, "settings", name, before, after, now)


# ---------------------------------------------------------------------------------------------
# operator tooling (used by the CLI)


async def upgrade(path: str | os.PathLike[str]) -> list[str]:
    """Create or migrate the database at `path`; returns the migrations applied now (idempotent)."""
    store = SQLiteStore(path)
    await store.open()
    try:
        return list(store.applied_migrations)
    finally:
        await store.close()


def _backup_sync(source: Path, dest: Path, busy_timeout: float) -> None:
    temp = dest.with_name(f".{dest.name}.partial")
    for leftover in (temp, temp.with_name(temp.name + "-wal"), temp.with_name(temp.name + "-shm")):
        leftover.unlink(missing_ok=True)
    src = sqlite3.connect(source, timeout=busy_timeout)
    try:
        tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "schema_migrations" not in tables:
            raise StoreError(_not_valid_message(source))
        dst = sqlite3.connect(temp)
        try:
            src.backup(dst)
            # A self-contained file: no -wal next to it that a copy could forget.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    os.replace(temp, dest)  # atomic: a half-written backup never carries the final name


async def backup(
    path: str | os.PathLike[str],
    dest: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    busy_timeout: float = 5.0,
) -> None:
    """Copy a live database consistently with SQLite's online backup API; never migrates the source."""
    source, target = Path(path), Path(dest)
    if not source.is_file():
        raise StoreError(f"no database at {source}")
    if target.exists():
        if target.resolve() == source.resolve():
            raise StoreError("the backup must go to another file than the database itself")
        if not overwrite:
            raise StoreError(f"{target} already exists: choose another name or allow overwriting")
    if not target.parent.is_dir():
        raise StoreError(f"the folder {target.parent} does not exist")
    with _errors(source):
        await asyncio.to_thread(_backup_sync, source, target, busy_timeout)


def _integrity_sync(path: Path, busy_timeout: float) -> list[str]:
    conn = sqlite3.connect(path, timeout=busy_timeout)
    try:
        return [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


async def integrity_check(path: str | os.PathLike[str], *, busy_timeout: float = 5.0) -> list[str]:
    """SQLite's own check: ["ok"] when healthy, else its complaints (for a `db check` command)."""
    source = Path(path)
    if not source.is_file():
        raise StoreError(f"no database at {source}")
    with _errors(source):
        return await asyncio.to_thread(_integrity_sync, source, busy_timeout)
