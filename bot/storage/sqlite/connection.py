"""One SQLite connection for the store: open (configure, migrate), transactions, close.

Why one connection guarded by one asyncio.Lock: aiosqlite runs a connection's calls on one thread
in FIFO order, so the lock only has to keep two coroutines' transactions from interleaving on it
(`benchmarks/storage_bench.py` compares this with a connection per transaction). Other processes
(the CLI next to a running bot) are handled by SQLite's own locking plus a busy timeout; writers
take the write lock up front with `BEGIN IMMEDIATE` so they never deadlock upgrading a read lock.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Self

import aiosqlite

from bot.storage import effects
from bot.storage.base import (
    StoreError,
)
from bot.storage.sqlite.errors import read_only_message, translated
from bot.storage.sqlite.migrate import apply_migrations
from bot.storage.sqlite.sql import fetchone, rollback


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def timestamp(moment: dt.datetime) -> str:
    """Fixed-width UTC text, so comparing strings compares instants."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def parse_timestamp(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


class SQLiteConnection:
    """The file, its connection and its transactions; `SQLiteStore` adds the queries."""

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

    async def open(self) -> None:
        """Connect, configure and apply pending migrations; idempotent."""
        if self._conn is not None:
            return
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a database file: point DOCSOCIAL_DB at a file")
        in_memory = str(self.path) == ":memory:"
        if not in_memory and not self.path.parent.is_dir():
            raise StoreError(f"cannot open the database {self.path}: its folder does not exist")
        with translated(self.path):
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
                self.applied_migrations = await apply_migrations(conn, self.path, self._now())
            except BaseException:
                await conn.close()
                raise
        self._conn = conn

    async def _configure(self, conn: aiosqlite.Connection) -> None:
        await conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
        mode = await fetchone(conn, "PRAGMA journal_mode = WAL")
        if str(self.path) != ":memory:" and (mode is None or str(mode[0]).lower() != "wal"):
            # SQLite reports the old mode when it cannot switch: a read-only file or folder.
            raise StoreError(read_only_message(self.path))
        await conn.execute("PRAGMA foreign_keys = ON")
        await conn.execute("PRAGMA synchronous = FULL")  # a committed vote survives a power cut too
        await conn.execute("PRAGMA secure_delete = ON")  # purged gaps and votes are zeroed on disk

    async def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            async with self._lock:
                with translated(self.path):
                    await conn.close()

    async def __aenter__(self) -> Self:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def _now(self) -> str:
        return timestamp(self._clock())

    @asynccontextmanager
    async def _tx(self, *, write: bool) -> AsyncIterator[aiosqlite.Connection]:
        """One transaction on the shared connection; the lock keeps coroutines from interleaving.

        Writers read the clock inside it, so stored timestamps follow commit order."""
        conn = self._conn
        if conn is None:
            raise StoreError("the store is not open: call open() first")
        async with self._lock:
            with translated(self.path):
                try:
                    await conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                    yield conn
                    await conn.execute("COMMIT")
                except BaseException:
                    # A cancelled caller must not leave the connection mid-transaction. rollback() is
                    # queued on aiosqlite's thread behind whatever this caller already queued (even a
                    # BEGIN not yet run) and only rolls back if a transaction is open by then.
                    await asyncio.shield(rollback(conn))
                    raise

    async def _effect(self, work: Callable[[aiosqlite.Connection], Awaitable[None]]) -> None:
        """An effect write: now, or with the inbox's done mark when collected (bot/storage/effects.py)."""
        if not effects.defer(self, work):
            async with self._tx(write=True) as conn:
                await work(conn)
