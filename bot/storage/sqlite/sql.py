"""Small query helpers over one aiosqlite connection."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import suppress
from typing import Any

import aiosqlite


async def fetchall(conn: aiosqlite.Connection, sql: str, params: Sequence[Any] = ()) -> list[Any]:
    return list(await conn.execute_fetchall(sql, params))


async def fetchone(conn: aiosqlite.Connection, sql: str, params: Sequence[Any] = ()) -> Any:
    rows = await fetchall(conn, sql, params)
    return rows[0] if rows else None


async def rollback(conn: aiosqlite.Connection) -> None:
    with suppress(sqlite3.Error):
        await conn.rollback()  # sqlite3 only issues ROLLBACK when a transaction is open
