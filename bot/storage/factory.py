"""Choose the storage backend from settings, so the composition root never names one itself.

`DOCSOCIAL_DATABASE_URL` wins: `sqlite:///PATH` (three slashes, then the path; four for an absolute
path) or `postgresql://USER:PASSWORD@HOST:PORT/DB` (asyncpg; pool size DOCSOCIAL_DB_POOL_SIZE). Unset,
the SQLite file at `DOCSOCIAL_DB` or the per-user default is used. A backend registers
its URL scheme in `BACKENDS`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bot.config import Settings
from bot.paths import default_db_path
from bot.storage.base import Store, StoreError


def _sqlite(url: str, settings: Settings) -> Store:
    from bot.storage.sqlite.store import SQLiteStore

    return SQLiteStore(sqlite_path(settings, url))


def _postgresql(url: str, settings: Settings) -> Store:
    from bot.storage.postgres.store import PostgresStore

    return PostgresStore(url, pool_size=settings.database_pool_size, retry_seconds=settings.database_retry_seconds)


BACKENDS: dict[str, Callable[[str, Settings], Store]] = {
    "sqlite": _sqlite,
    "postgresql": _postgresql,
    "postgres": _postgresql,
}


def _scheme(url: str) -> str:
    scheme, sep, _ = url.partition("://")
    if not sep or not scheme:
        raise StoreError(f"DOCSOCIAL_DATABASE_URL {url!r} is not a URL: use sqlite:///PATH")
    return scheme.lower().split("+", 1)[0]


def backend_name(url: str) -> str:
    """"sqlite" or "postgresql" for a URL (postgres:// is an alias)."""
    scheme = _scheme(url)
    return "postgresql" if scheme == "postgres" else scheme


def database_url(settings: Settings) -> str:
    """The configured URL, or the SQLite URL of `DOCSOCIAL_DB` / the default file."""
    if settings.database_url:
        return settings.database_url
    return f"sqlite:///{settings.db_path or default_db_path()}"


def sqlite_path(settings: Settings, url: str | None = None) -> Path:
    """The SQLite file the settings point at (the `db` operator commands work on files)."""
    url = url or database_url(settings)
    if _scheme(url) != "sqlite":
        raise StoreError(f"this command works on a SQLite database; DOCSOCIAL_DATABASE_URL is {_scheme(url)}://")
    path = url.partition("://")[2]
    if not path.startswith("/") or path == "/":
        raise StoreError(f"DOCSOCIAL_DATABASE_URL {url!r} names no file: use sqlite:///PATH")
    return Path(path[1:])


def create_store(settings: Settings) -> Store:
    """A closed store for the configured backend; call `open()` on it."""
    url = database_url(settings)
    scheme = _scheme(url)
    backend = BACKENDS.get(scheme)
    if backend is None:
        known = ", ".join(f"{name}://" for name in sorted(BACKENDS))
        raise StoreError(f"DOCSOCIAL_DATABASE_URL uses {scheme}://, which this DocSocial cannot open (known: {known})")
    return backend(url, settings)
