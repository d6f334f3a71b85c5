"""`python -m bot db ...`: the operator's database steps on either backend.

upgrade   apply pending migrations (with PostgreSQL: the deploy step, under an advisory lock)
check     SQLite: integrity check; PostgreSQL: reachable, schema current, constraints valid; both: the
          inbox's backlog and what it gave up on (shed, dropped late, failed, expired) or sent again
backup    SQLite: online backup API; PostgreSQL: pg_dump, or what to run where it is missing
migrate-to postgresql://...   copy this SQLite deployment into an empty PostgreSQL, all or nothing
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.config import Settings
from bot.storage.base import Store, StoreError
from bot.storage.factory import backend_name, database_url, sqlite_path


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db = sub.add_parser("db", help="database maintenance (SQLite or PostgreSQL)")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply pending schema migrations (the deploy step)")
    db_sub.add_parser("check", help="check the database's integrity and schema")
    bk = db_sub.add_parser("backup", help="backup to FILE (PostgreSQL: pg_dump custom format)")
    bk.add_argument("file", type=Path)
    bk.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    move = db_sub.add_parser("migrate-to", help="copy this SQLite database into an empty PostgreSQL database")
    move.add_argument("url", help="postgresql://USER:PASSWORD@HOST:PORT/DB")


async def run(args: argparse.Namespace, settings: Settings) -> int:
    url = database_url(settings)
    if args.db_command == "migrate-to":
        return await _migrate_to(settings, args.url)
    if backend_name(url) == "postgresql":
        return await _postgres(args, url)
    return await _sqlite(args, sqlite_path(settings, url))


async def _sqlite(args: argparse.Namespace, path: Path) -> int:
    from bot.storage.sqlite.ops import backup, integrity_check, upgrade

    if args.db_command == "upgrade":
        applied = await upgrade(path)
        print(f"{path}: " + (f"applied {', '.join(applied)}" if applied else "already up to date"))
    elif args.db_command == "check":
        problems = [line for line in await integrity_check(path) if line != "ok"]
        if problems:
            print(f"{path}: damaged; restore from a backup (see README):", file=sys.stderr)
            for line in problems[:20]:
                print(f"  {line}", file=sys.stderr)
            return 1
        print(f"{path}: ok")
        print(await _inbox_line(path_store(path)))
    else:
        await backup(path, args.file, overwrite=args.force)
        print(f"Backed up {path} to {args.file}")
    return 0


async def _postgres(args: argparse.Namespace, url: str) -> int:
    from bot.storage.postgres import ops
    from bot.storage.postgres.connection import where
    from bot.storage.postgres.store import PostgresStore

    place = where(url)
    if args.db_command == "upgrade":
        applied = await ops.upgrade(url)
        print(f"{place}: " + (f"applied {', '.join(applied)}" if applied else "already up to date"))
    elif args.db_command == "check":
        problems = await ops.check(url)
        if problems:
            for line in problems:
                print(f"{place}: {line}", file=sys.stderr)
            return 1
        print(f"{place}: ok")
        print(await _inbox_line(PostgresStore(url, pool_size=1)))
    else:
        await ops.backup(url, args.file, overwrite=args.force)
        print(f"Backed up {place} to {args.file} (restore with pg_restore --dbname=...)")
    return 0


def path_store(path: Path) -> Store:
    from bot.storage.sqlite.store import SQLiteStore

    return SQLiteStore(path)


async def _inbox_line(store: Store) -> str:
    """The durable inbox's backlog and counters (shed, dropped late, failed, expired, resent)."""
    from bot.inbox.report import summary

    await store.open()
    try:
        return await summary(store)
    finally:
        await store.close()


async def _migrate_to(settings: Settings, target: str) -> int:
    from bot.salt import salt_file
    from bot.storage.postgres import ops
    from bot.storage.postgres.connection import where
    from bot.storage.sqlite.ops import upgrade

    if backend_name(target) != "postgresql":
        raise StoreError(f"migrate-to copies into PostgreSQL: give a postgresql://... URL, not {target.split(':')[0]}:")
    source = sqlite_path(settings)
    if not source.is_file():
        raise StoreError(f"no database at {source}: point DOCSOCIAL_DB at the SQLite file to copy")
    await upgrade(source)  # the copy expects the current schema on both sides
    counts = await ops.copy_from_sqlite(source, target)
    print(f"Copied {source} into {where(target)}; rows per table (verified equal on both sides):")
    for table, count in counts.items():
        print(f"  {table:<20} {count}")
    salt = salt_file(source)
    if settings.vote_salt is None and salt.is_file():
        print(f"Set DOCSOCIAL_VOTE_SALT in every worker to the content of {salt}, so existing votes and "
              "limits keep matching their users.")
    print("Then set DOCSOCIAL_DATABASE_URL to the new database and start the workers.")
    return 0
