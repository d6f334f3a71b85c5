"""Operator tools for PostgreSQL (used by `python -m bot db ...`): upgrade, check, backup, and the
one-way move of an SQLite deployment into PostgreSQL.

`copy_from_sqlite` copies every table inside one PostgreSQL transaction and compares row counts
before committing: all of it arrives, or nothing does. Revisions are not copied (the target's
triggers count its own writes); gap numbers and counters go in before the gaps, so questions keep
the numbers moderators know.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg

from bot.storage.base import StoreError
from bot.storage.postgres import migrate
from bot.storage.postgres.connection import Database, redact, where
from bot.storage.postgres.store import PostgresStore

BATCH = 5_000  # rows per COPY while moving from SQLite


def _ts(value: Any) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(str(value))


def _bool(value: Any) -> bool:
    return bool(value)


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Table:
    """A table to copy: its columns (with a converter from SQLite's value) and the source order."""

    name: str
    columns: tuple[tuple[str, Callable[[Any], Any]], ...]
    order: str


def _cols(*spec: str) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    kinds = {"ts": _ts, "bool": _bool}
    out = []
    for item in spec:
        name, _, kind = item.partition(":")
        out.append((name, kinds.get(kind, _same)))
    return tuple(out)


# Copy order matters: gap numbers before gaps (their trigger numbers only unnumbered questions).
TABLES: tuple[Table, ...] = (
    Table("entry_counters", _cols("community_id", "last_number"), "community_id"),
    Table("entries", _cols("community_id", "entry_id", "topic", "data", "deleted:bool", "created_at:ts",
                           "updated_at:ts"), "rowid"),
    Table("hidden_entries", _cols("community_id", "entry_id", "hidden_at:ts"), "rowid"),
    Table("audit_log", _cols("community_id", "actor", "action", "target", "before", "after", "at:ts"), "id"),
    Table("gap_counters", _cols("community_id", "last_number"), "community_id"),
    Table("gap_numbers", _cols("community_id", "norm", "number"), "rowid"),
    Table("gaps", _cols("community_id", "norm", "kind", "text", "count", "first_seen:ts", "last_seen:ts"), "rowid"),
    Table("usage_events", _cols("community_id", "kind", "entry_id", "at:ts"), "id"),
    Table("votes", _cols("community_id", "entry_id", "voter", "helpful:bool", "at:ts"), "rowid"),
    Table("community_settings", _cols("community_id", "data", "updated_at:ts"), "community_id"),
    Table("dialogues", _cols("community_id", "actor", "data", "touched_at:ts"), "rowid"),
    Table("user_locales", _cols("user_key", "locale", "updated_at:ts"), "rowid"),
    Table("last_answers", _cols("user_key", "community_id", "entry_id", "at:ts"), "rowid"),
    Table("rate_windows", _cols("key", "window_start", "hits", "expires_at"), "rowid"),
    Table("cooldowns", _cols("key", "last_at", "expires_at"), "rowid"),
    Table("deployment_secrets", _cols("name", "value", "created_at:ts"), "name"),
    Table("job_claims", _cols("job", "claimed_at:ts"), "job"),
    # the durable inbox: unanswered updates move too (Telegram already considers them delivered)
    Table("inbox", _cols("platform", "update_id", "chat_key", "payload", "state", "received_at:ts", "owner",
                         "lease_until:ts", "attempts", "send_started:bool", "outcome", "done_at:ts"), "seq"),
    Table("inbox_counters", _cols("name", "value"), "name"),
)


async def upgrade(url: str) -> list[str]:
    """Apply pending migrations under the advisory lock (the deploy step); returns what was applied."""
    store = PostgresStore(url, migrate=True)
    await store.open()
    try:
        return list(store.applied_migrations)
    finally:
        await store.close()


async def check(url: str) -> list[str]:
    """Problems found (empty when healthy): unreachable, schema behind or ahead, invalid constraints."""
    db = Database(url)
    await db.open()
    try:
        problems: list[str] = []
        missing = await migrate.pending(db)
        if missing:
            problems.append(f"needs migrations {', '.join(missing)}: run `python -m bot db upgrade`")

        async def invalid(conn: asyncpg.Connection) -> list[str]:
            rows = await conn.fetch(
                "SELECT conrelid::regclass::text, conname FROM pg_constraint"
                " WHERE NOT convalidated AND connamespace = current_schema()::regnamespace"
            )
            return [f"constraint {r[1]} on {r[0]} is not validated" for r in rows]

        problems += await db.run(invalid, transaction=False)
        return problems
    finally:
        await db.close()


def _dump_command(url: str, dest: Path) -> tuple[list[str], dict[str, str]]:
    """pg_dump's arguments and environment: the password travels in PGPASSWORD, never on the command line."""
    parts = urllib.parse.urlsplit(url)
    env = dict(os.environ)
    if parts.password is not None:
        env["PGPASSWORD"] = urllib.parse.unquote(parts.password)
        netloc = parts.netloc.rsplit("@", 1)
        user = urllib.parse.quote(urllib.parse.unquote(parts.username or ""))
        url = urllib.parse.urlunsplit(parts._replace(netloc=f"{user}@{netloc[-1]}"))
    return ["pg_dump", "--format=custom", "--no-owner", f"--file={dest}", f"--dbname={url}"], env


def manual_backup_hint(url: str, dest: Path) -> str:
    return (
        "pg_dump is not installed here. Install PostgreSQL's client tools (Debian: apt install "
        f"postgresql-client) or run on a machine that has them: pg_dump --format=custom --file={dest} "
        f"'{redact(url)}' (the password from PGPASSWORD)"
    )


async def backup(url: str, dest: Path, *, overwrite: bool = False) -> None:
    """`pg_dump --format=custom` to DEST (atomically: a failed dump never carries the final name)."""
    if dest.exists() and not overwrite:
        raise StoreError(f"{dest} already exists: choose another name or add --force to overwrite it")
    if not dest.parent.is_dir():
        raise StoreError(f"the folder {dest.parent} does not exist")
    if shutil.which("pg_dump") is None:
        raise StoreError(manual_backup_hint(url, dest))
    partial = dest.with_name(f".{dest.name}.partial")
    args, env = _dump_command(url, partial)
    proc = await asyncio.create_subprocess_exec(
        *args, env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    _, err = await proc.communicate()
    if proc.returncode != 0:
        partial.unlink(missing_ok=True)
        detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no details"]
        raise StoreError(f"pg_dump of {where(url)} failed: {detail[0]}")
    os.replace(partial, dest)


def _batches(path: Path, table: Table) -> Iterator[list[tuple[Any, ...]]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = ", ".join(name for name, _ in table.columns)
        cursor = conn.execute(f"SELECT {names} FROM {table.name} ORDER BY {table.order}")  # constants only
        while rows := cursor.fetchmany(BATCH):
            yield [tuple(convert(value) for (_, convert), value in zip(table.columns, row, strict=True))
                   for row in rows]
    finally:
        conn.close()


def _read_all(path: Path, table: Table) -> list[list[tuple[Any, ...]]]:
    return list(_batches(path, table))


def _source_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t.name: int(conn.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0]) for t in TABLES}
    finally:
        conn.close()


async def copy_from_sqlite(sqlite_file: Path, url: str) -> dict[str, int]:
    """Copy an SQLite database (already at the current schema) into an empty PostgreSQL one, all or
    nothing; returns rows per table, verified equal on both sides before the commit."""
    if not sqlite_file.is_file():
        raise StoreError(f"no database at {sqlite_file}")
    expected = await asyncio.to_thread(_source_counts, sqlite_file)
    target = PostgresStore(url, migrate=True)
    await target.open()
    try:

        async def work(conn: asyncpg.Connection) -> dict[str, int]:
            for table in TABLES:
                if await conn.fetchval(f"SELECT EXISTS (SELECT 1 FROM {table.name})"):
                    raise StoreError(
                        f"{where(url)} already holds data ({table.name}): migrate into an empty database"
                    )
            for table in TABLES:
                columns = [name for name, _ in table.columns]
                for batch in await asyncio.to_thread(_read_all, sqlite_file, table):
                    await conn.copy_records_to_table(table.name, records=batch, columns=columns)
            copied = {t.name: int(await conn.fetchval(f"SELECT count(*) FROM {t.name}")) for t in TABLES}
            wrong = [f"{name}: {expected[name]} in SQLite, {copied[name]} copied"
                     for name in expected if copied[name] != expected[name]]
            if wrong:
                raise StoreError("the copy does not match, nothing was committed: " + "; ".join(wrong))
            return copied

        return await target.db.run(work)
    finally:
        await target.close()
