"""Backends the store contract runs over. Each param yields an empty, migrated database.

To add a backend, append its name to BACKENDS and teach `_make` to build it; a backend that needs a
server skips with a plain reason when its test URL is not configured.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
import pytest_asyncio

from bot.storage.base import Store
from bot.storage.sqlite.store import SQLiteStore

BACKENDS = ["sqlite"]

Clock = Callable[[], dt.datetime]
StoreFactory = Callable[..., Awaitable[Store]]


class FixedClock:
    """A settable clock, so time windows can be tested without sleeping."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def _make(kind: str, tmp_path: Path, clock: Clock | None) -> Store:
    if kind == "postgresql" and not os.environ.get("DOCSOCIAL_TEST_DATABASE_URL"):
        pytest.skip("DOCSOCIAL_TEST_DATABASE_URL is not set")
    if kind == "sqlite":
        if clock is None:
            return SQLiteStore(tmp_path / "contract.db")
        return SQLiteStore(tmp_path / "contract.db", clock=clock)
    raise AssertionError(f"unknown backend {kind!r}")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest_asyncio.fixture
async def open_store(backend: str, tmp_path: Path) -> AsyncIterator[StoreFactory]:
    """Open a store of the current backend (optionally on a test clock); closed after the test."""
    opened: list[Store] = []

    async def factory(clock: Clock | None = None) -> Store:
        store = _make(backend, tmp_path, clock)
        await store.open()
        opened.append(store)
        return store

    yield factory
    for store in opened:
        await store.close()


@pytest_asyncio.fixture
async def store(open_store: StoreFactory) -> Store:
    return await open_store()
