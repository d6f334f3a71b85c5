"""Backends the store contract runs over. Each param yields an empty, migrated database.

To add a backend, append its name to BACKENDS and teach `_make` to build it; a backend that needs a
server skips with a plain reason when its test URL is not configured.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
import pytest_asyncio

from bot.storage.base import Store
from bot.storage.postgres.store import PostgresStore
from bot.storage.sqlite.store import SQLiteStore
from tests.pg_support import PG_URL, SKIP_REASON, create_schema, drop_schema, new_schema

BACKENDS = ["sqlite", "postgresql"]

Clock = Callable[[], dt.datetime]
StoreFactory = Callable[..., Awaitable[Store]]


class FixedClock:
    """A settable clock, so time windows can be tested without sleeping."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def _make(kind: str, tmp_path: Path, clock: Clock | None, schema: str) -> Store:
    if kind == "postgresql":
        if clock is None:
            return PostgresStore(PG_URL, schema=schema, migrate=True)
        return PostgresStore(PG_URL, schema=schema, migrate=True, clock=clock)
    if kind == "sqlite":
        if clock is None:
            return SQLiteStore(tmp_path / "contract.db")
        return SQLiteStore(tmp_path / "contract.db", clock=clock)
    raise AssertionError(f"unknown backend {kind!r}")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql" and not PG_URL:
        pytest.skip(SKIP_REASON)
    return str(request.param)


@pytest_asyncio.fixture
async def open_store(backend: str, tmp_path: Path) -> AsyncIterator[StoreFactory]:
    """Open a store of the current backend (optionally on a test clock); closed after the test."""
    opened: list[Store] = []
    schema = new_schema()  # PostgreSQL: one fresh schema per test, shared by the stores it opens
    if backend == "postgresql":
        await create_schema(schema)

    async def factory(clock: Clock | None = None) -> Store:
        store = _make(backend, tmp_path, clock, schema)
        await store.open()
        opened.append(store)
        return store

    yield factory
    for store in opened:
        await store.close()
    if backend == "postgresql":
        await drop_schema(schema)


@pytest_asyncio.fixture
async def store(open_store: StoreFactory) -> Store:
    return await open_store()
