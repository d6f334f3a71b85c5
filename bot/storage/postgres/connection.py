"""A pool of asyncpg connections that survives the database going away for a moment.

Why whole transactions are retried: a restarted server, a failover or a dropped TCP connection kills
the connections the pool holds; the next query fails with a connection error although nothing is
wrong with the request. `Database.run` runs one transaction as a function and, on such an error,
runs it again on a fresh connection with exponential backoff, for at most `retry_seconds`. After
that it raises a `StoreError` the core turns into a friendly "try again" reply: never a crash.

Only errors that prove the transaction did not commit are retried (connection lost before or during
the statement, serialization failures, deadlocks, too many connections). Error messages never carry
the password of the connection URL.
"""

from __future__ import annotations

import asyncio
import logging
import random
import urllib.parse
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import asyncpg
import asyncpg.exceptions as pgerr

from bot.storage.base import AlreadyExists, StoreError

log = logging.getLogger(__name__)
T = TypeVar("T")

UNREACHABLE_MESSAGE = "the database cannot be reached right now; try again in a minute"
BUSY_MESSAGE = "the database is busy, try again"

# Errors after which the transaction certainly did not commit and a fresh connection may succeed.
_TRANSIENT: tuple[type[BaseException], ...] = (
    pgerr.PostgresConnectionError,  # class 08: connection failure, does not exist
    pgerr.OperatorInterventionError,  # class 57: admin shutdown, crash shutdown, cannot connect now
    pgerr.TooManyConnectionsError,
    pgerr.SerializationError,
    pgerr.DeadlockDetectedError,
    ConnectionError,  # refused or reset at the socket
    OSError,
    TimeoutError,
)
# Configuration problems: retrying cannot help, say what to fix.
_FATAL: tuple[type[BaseException], ...] = (
    pgerr.InvalidPasswordError,
    pgerr.InvalidAuthorizationSpecificationError,
    pgerr.InvalidCatalogNameError,
)


def is_transient(exc: BaseException) -> bool:
    """True when the transaction cannot have committed and a fresh connection may succeed."""
    if isinstance(exc, _TRANSIENT):
        return True
    # The driver's own "connection is closed" / "pool is closing"; its other InterfaceErrors (a wrong
    # argument type, say) are programming errors that a retry would only repeat.
    text = str(exc).lower()
    if isinstance(exc, pgerr.InternalClientError):
        return "another operation" in text  # the driver's view of a connection killed mid-exchange
    if isinstance(exc, pgerr.ObjectNotInPrerequisiteStateError):
        return "not currently accepting connections" in text  # a database closed for maintenance
    return isinstance(exc, asyncpg.InterfaceError) and ("closed" in text or "closing" in text)


def redact(url: str) -> str:
    """The URL with its password replaced, safe for messages and logs."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = (parts.username or "") + ":***"
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}@{netloc[-1]}"))


def where(url: str) -> str:
    """host:port/database of a URL, for messages."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or "localhost"
    port = parts.port or 5432
    return f"{host}:{port}{parts.path or '/'}"


def translate(exc: BaseException, url: str) -> StoreError:
    """A driver error as a StoreError whose message says what to do (never the password)."""
    if isinstance(exc, pgerr.UniqueViolationError):
        return AlreadyExists("that id is already used in this community")
    if isinstance(exc, pgerr.InvalidPasswordError | pgerr.InvalidAuthorizationSpecificationError):
        return StoreError(f"the database at {where(url)} refused the login: check DOCSOCIAL_DATABASE_URL")
    if isinstance(exc, pgerr.InvalidCatalogNameError):
        return StoreError(f"the database {where(url)} does not exist: create it (createdb) or fix the URL")
    if isinstance(exc, pgerr.SerializationError | pgerr.DeadlockDetectedError | pgerr.LockNotAvailableError):
        return StoreError(BUSY_MESSAGE)
    if isinstance(exc, pgerr.DiskFullError):
        return StoreError(f"the disk of the database at {where(url)} is full: nothing was written")
    if isinstance(exc, pgerr.ReadOnlySQLTransactionError):
        return StoreError(f"the database at {where(url)} is read-only (a standby?): point the bot at the primary")
    if isinstance(exc, pgerr.InsufficientPrivilegeError):
        return StoreError(f"the database user lacks a privilege on {where(url)}: {exc}")
    if is_transient(exc):
        return StoreError(UNREACHABLE_MESSAGE)
    return StoreError(f"database error: {exc}")


class Database:
    """An asyncpg pool plus the retry policy; `schema` (for tests) sets the search_path of every connection."""

    def __init__(
        self,
        url: str,
        *,
        pool_size: int = 10,
        schema: str | None = None,
        retry_seconds: float = 5.0,
        command_timeout: float = 30.0,
    ) -> None:
        if pool_size < 1:
            raise ValueError("pool_size must be at least 1")
        self.url = url
        self.pool_size = pool_size
        self.schema = schema
        self.retry_seconds = retry_seconds
        self.command_timeout = command_timeout
        self._pool: asyncpg.Pool | None = None

    @property
    def is_open(self) -> bool:
        return self._pool is not None

    async def open(self) -> None:
        """Create the pool; retried like a transaction, so a bot started with its database waits for it."""
        if self._pool is not None:
            return
        settings = {"application_name": "docsocial", "timezone": "UTC"}
        if self.schema:
            settings["search_path"] = self.schema

        async def create() -> asyncpg.Pool:
            return await asyncpg.create_pool(
                self.url,
                min_size=1,
                max_size=self.pool_size,
                server_settings=settings,
                command_timeout=self.command_timeout,
                timeout=max(1.0, self.retry_seconds),
            )

        self._pool = await self._retrying(create)

    async def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            try:
                await asyncio.wait_for(pool.close(), timeout=10)
            except Exception:  # a dead server cannot be closed politely
                pool.terminate()

    def _require(self) -> asyncpg.Pool:
        if self._pool is None:
            raise StoreError("the store is not open: call open() first")
        return self._pool

    async def run(self, work: Callable[[asyncpg.Connection], Awaitable[T]], *, transaction: bool = True) -> T:
        """Run `work` in one transaction on a pooled connection, retried as a whole on a lost connection."""
        pool = self._require()

        async def attempt() -> T:
            async with pool.acquire() as conn:
                if not transaction:
                    return await work(conn)
                async with conn.transaction():
                    return await work(conn)

        return await self._retrying(attempt)

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[asyncpg.Connection]:
        """One pooled connection for session-level work (advisory locks, COPY); not retried."""
        pool = self._require()
        try:
            async with pool.acquire() as conn:
                yield conn
        except StoreError:
            raise
        except Exception as exc:
            if isinstance(exc, pgerr.PostgresError) or is_transient(exc):
                raise translate(exc, self.url) from exc
            raise

    async def _retrying(self, attempt: Callable[[], Awaitable[T]]) -> T:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.retry_seconds
        delay = 0.05
        tries = 0
        while True:
            tries += 1
            try:
                return await attempt()
            except StoreError:
                raise
            except _FATAL as exc:
                raise translate(exc, self.url) from exc
            except Exception as exc:
                if not is_transient(exc):
                    if isinstance(exc, pgerr.PostgresError):
                        raise translate(exc, self.url) from exc
                    raise
                if loop.time() + delay > deadline:
                    log.warning("database at %s unreachable after %d tries: %s", where(self.url), tries,
                                type(exc).__name__)
                    raise translate(exc, self.url) from exc
                log.info("database connection lost (%s); retrying in %.2f s", type(exc).__name__, delay)
                await asyncio.sleep(delay * (0.5 + random.random()))  # jitter: workers do not retry in step
                delay = min(delay * 2, 1.0)


Row = Any  # asyncpg.Record: indexable by position and by column name
