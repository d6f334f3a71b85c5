"""The PostgreSQL server tests may use: DOCSOCIAL_TEST_DATABASE_URL (set by .ci/with-postgres).

Each test gets its own schema (created by the store's migrations, dropped afterwards), so tests
are independent and may run against one server at once.
"""

from __future__ import annotations

import os
import uuid

import asyncpg
import pytest

PG_URL = os.environ.get("DOCSOCIAL_TEST_DATABASE_URL", "").strip()
SKIP_REASON = (
    "PostgreSQL suite skipped: DOCSOCIAL_TEST_DATABASE_URL is not set "
    "(.ci/run starts a throwaway server and sets it)"
)
needs_postgres = pytest.mark.skipif(not PG_URL, reason=SKIP_REASON)


def new_schema() -> str:
    return f"test_{uuid.uuid4().hex[:12]}"


async def create_schema(schema: str) -> None:
    conn = await asyncpg.connect(PG_URL)
    try:
        await conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    finally:
        await conn.close()


async def drop_schema(schema: str) -> None:
    conn = await asyncpg.connect(PG_URL)
    try:
        await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    finally:
        await conn.close()
