"""The migration runner: numbered `migrations/NNNN_name.sql` files, applied all together or not at all."""

from __future__ import annotations

import re
import sqlite3
from importlib import resources
from pathlib import Path

import aiosqlite

from bot.storage.base import StoreError
from bot.storage.sqlite.errors import not_valid_message
from bot.storage.sqlite.sql import fetchall, rollback

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


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


async def apply_migrations(conn: aiosqlite.Connection, path: Path, now: str) -> list[str]:
    """Apply pending migrations in one transaction: all of them or none."""
    await conn.execute("BEGIN IMMEDIATE")
    try:
        rows = await fetchall(conn, "SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = {r[0] for r in rows}
        if "schema_migrations" not in tables:
            if {t for t in tables if not t.startswith("sqlite_")}:
                raise StoreError(not_valid_message(path))  # someone else's database: do not touch it
            await conn.execute(
                "CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
        done = {r[0] for r in await fetchall(conn, "SELECT name FROM schema_migrations")}
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
        await rollback(conn)
        raise
