"""Operator tools for the SQLite file (used by `python -m bot db ...`): upgrade, backup, integrity check."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from pathlib import Path

from bot.storage.base import StoreError
from bot.storage.sqlite.errors import not_valid_message, translated
from bot.storage.sqlite.store import SQLiteStore


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
            raise StoreError(not_valid_message(source))
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
            raise StoreError(f"{target} already exists: choose another name or add --force to overwrite it")
    if not target.parent.is_dir():
        raise StoreError(f"the folder {target.parent} does not exist")
    with translated(source):
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
    with translated(source):
        return await asyncio.to_thread(_integrity_sync, source, busy_timeout)
