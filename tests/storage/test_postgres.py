"""What only the PostgreSQL backend does: migrations as a locked deploy step, schema checks at start,
retrying a lost connection, clear errors without the password."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import asyncpg
import pytest
import pytest_asyncio

from bot.models import Entry
from bot.storage.base import StoreError
from bot.storage.postgres import migrate
from bot.storage.postgres.connection import UNREACHABLE_MESSAGE, Database, redact
from bot.storage.postgres.store import PostgresStore
from tests.pg_support import PG_URL, create_schema, drop_schema, needs_postgres, new_schema

pytestmark = needs_postgres
ALL = [name for name, _ in migrate.migrations()]


@pytest_asyncio.fixture
async def schema() -> AsyncIterator[str]:
    name = new_schema()
    await create_schema(name)
    try:
        yield name
    finally:
        await drop_schema(name)


def entry(entry_id: str) -> Entry:
    return Entry.model_validate(
        {"id": entry_id, "topic": "t", "questions": {"en": ["Q?"]}, "answer": {"en": "A."}}
    )


async def test_concurrent_upgrades_apply_each_migration_once(schema: str) -> None:
    databases = [Database(PG_URL, schema=schema) for _ in range(3)]
    for db in databases:
        await db.open()
    try:
        results = await asyncio.gather(*(migrate.upgrade(db) for db in databases))
    finally:
        for db in databases:
            await db.close()
    assert sorted(results, key=len) == [[], [], ALL]


async def test_a_worker_refuses_an_unmigrated_database_and_says_what_to_run(schema: str) -> None:
    worker = PostgresStore(PG_URL, schema=schema)
    with pytest.raises(StoreError, match=r"needs migrations .*0001_initial.*python -m bot db upgrade"):
        await worker.open()
    async with PostgresStore(PG_URL, schema=schema, migrate=True) as deploy:
        assert deploy.applied_migrations == ALL
    async with PostgresStore(PG_URL, schema=schema) as worker:  # now it starts
        assert await worker.next_entry_id("g") == "c1"


async def test_a_worker_refuses_a_schema_one_migration_behind(schema: str) -> None:
    async with PostgresStore(PG_URL, schema=schema, migrate=True):
        pass
    conn = await asyncpg.connect(PG_URL, server_settings={"search_path": schema})
    try:
        await conn.execute("DELETE FROM schema_migrations WHERE name = $1", ALL[-1])
    finally:
        await conn.close()
    with pytest.raises(StoreError, match=f"needs migrations {ALL[-1]}:"):
        await PostgresStore(PG_URL, schema=schema).open()


async def test_a_newer_schema_and_foreign_tables_are_refused(schema: str) -> None:
    conn = await asyncpg.connect(PG_URL, server_settings={"search_path": schema})
    try:
        await conn.execute("CREATE TABLE invoices (id int)")
        with pytest.raises(StoreError, match="not DocSocial's"):
            await PostgresStore(PG_URL, schema=schema, migrate=True).open()
        await conn.execute("DROP TABLE invoices")
        async with PostgresStore(PG_URL, schema=schema, migrate=True):
            pass
        await conn.execute("INSERT INTO schema_migrations VALUES ('9999_future', now())")
    finally:
        await conn.close()
    with pytest.raises(StoreError, match="newer DocSocial"):
        await PostgresStore(PG_URL, schema=schema).open()


async def test_lost_connections_are_retried_not_fatal(schema: str) -> None:
    async with PostgresStore(PG_URL, schema=schema, migrate=True, pool_size=2) as store:
        await store.add_entry("g", entry("c1"), "mod")
        admin = await asyncpg.connect(PG_URL)
        try:
            killed = await admin.fetchval(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE application_name = 'docsocial' AND pid <> pg_backend_pid()"
            )
        finally:
            await admin.close()
        assert killed >= 1
        # Every pooled connection is dead now; the next calls reconnect on their own.
        assert [ce.entry.id for ce in await store.list_entries("g")] == ["c1"]
        await store.add_entry("g", entry("c2"), "mod")
        assert await store.next_entry_id("g") == "c3"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_an_unreachable_server_gives_a_clear_error_without_the_password() -> None:
    url = f"postgresql://bot:s3cret-pw@127.0.0.1:{_closed_port()}/docsocial"
    store = PostgresStore(url, retry_seconds=0.3)
    with pytest.raises(StoreError) as info:
        await store.open()
    assert str(info.value) == UNREACHABLE_MESSAGE
    assert "s3cret" not in repr(store) and "s3cret" not in redact(url)
    assert redact(url) == f"postgresql://bot:***@127.0.0.1:{url.split(':')[3].split('/')[0]}/docsocial"


async def test_a_missing_database_says_so() -> None:
    base, _, _ = PG_URL.rpartition("/")
    with pytest.raises(StoreError, match="does not exist"):
        await PostgresStore(f"{base}/no_such_db_here", retry_seconds=0.3).open()
