"""Numbered SQL migrations for PostgreSQL, applied once per deployment under an advisory lock.

Why a deploy step and not every worker at start: several workers starting together would race
to create the same tables. `upgrade` (run by `python -m bot db upgrade`) takes a session advisory
lock, so a second upgrade waits and then finds nothing to do; workers only `check` the schema and
refuse to start, with a message saying what to run, when it is behind or ahead of the code.
"""

from __future__ import annotations

import re
from importlib import resources

import asyncpg

from bot.storage.base import StoreError
from bot.storage.postgres.connection import Database, where

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_LOCK_NAME = "docsocial:migrations"  # hashed with the schema name: one lock per deployment


def migrations() -> list[tuple[str, str]]:
    """(name, SQL) of every bundled PostgreSQL migration, in order; the name is the file stem."""
    folder = resources.files("bot.storage.postgres") / "migrations"
    found = [
        (item.name.removesuffix(".sql"), item.read_text(encoding="utf-8"))
        for item in folder.iterdir()
        if MIGRATION_NAME.match(item.name)
    ]
    found.sort()
    return found


async def _applied(conn: asyncpg.Connection) -> set[str] | None:
    """Names already applied, or None when this schema has never been migrated."""
    exists = await conn.fetchval("SELECT to_regclass('schema_migrations') IS NOT NULL")
    if not exists:
        return None
    rows = await conn.fetch("SELECT name FROM schema_migrations")
    return {str(r["name"]) for r in rows}


async def _foreign_tables(conn: asyncpg.Connection) -> list[str]:
    rows = await conn.fetch(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    )
    return sorted(str(r["table_name"]) for r in rows)


def _newer_message(db: Database, unknown: list[str]) -> str:
    return (
        f"the database {where(db.url)} was written by a newer DocSocial (unknown migration {unknown[-1]}): "
        "upgrade DocSocial"
    )


async def upgrade(db: Database) -> list[str]:
    """Apply pending migrations (all in one transaction) under the advisory lock; returns their names."""
    async with db.connection() as conn:
        key = await conn.fetchval("SELECT hashtext(current_schema() || $1)", _LOCK_NAME)
        await conn.execute("SELECT pg_advisory_lock($1)", key)
        try:
            async with conn.transaction():
                done = await _applied(conn)
                if done is None:
                    others = await _foreign_tables(conn)
                    if others:
                        raise StoreError(
                            f"{where(db.url)} holds tables that are not DocSocial's ({', '.join(others[:3])}): "
                            "use an empty database or schema"
                        )
                    await conn.execute(
                        "CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)"
                    )
                    done = set()
                known = migrations()
                unknown = sorted(done - {name for name, _ in known})
                if unknown:
                    raise StoreError(_newer_message(db, unknown))
                applied: list[str] = []
                for name, script in known:
                    if name in done:
                        continue
                    await conn.execute(script)  # the simple protocol runs a multi-statement script
                    await conn.execute("INSERT INTO schema_migrations (name, applied_at) VALUES ($1, now())", name)
                    applied.append(name)
                return applied
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", key)


async def pending(db: Database) -> list[str]:
    """Migrations the database still needs (all of them for an empty one)."""

    async def read(conn: asyncpg.Connection) -> list[str]:
        done = await _applied(conn) or set()
        known = migrations()
        unknown = sorted(done - {name for name, _ in known})
        if unknown:
            raise StoreError(_newer_message(db, unknown))
        return [name for name, _ in known if name not in done]

    return await db.run(read, transaction=False)


async def check_schema(db: Database) -> None:
    """Refuse to serve on a schema that does not match this code, saying what to run."""
    missing = await pending(db)
    if missing:
        raise StoreError(
            f"the database {where(db.url)} needs migrations {', '.join(missing)}: "
            "run `python -m bot db upgrade` once (the deploy step), then start the workers"
        )
