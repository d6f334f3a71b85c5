"""SQLite driver errors -> `StoreError` messages a moderator or operator can act on."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.storage.base import AlreadyExists, StoreError

BUSY_MESSAGE = "the database is busy, try again"

# SQLite primary result codes (the low byte of the extended code).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 11, 13, 14, 26


def not_valid_message(path: Path) -> str:
    return f"{path} is not a valid DocSocial database: restore from a backup, see README"


def read_only_message(path: Path) -> str:
    return (
        f"the database {path} is read-only: DocSocial needs write access to the file and its folder "
        "(check permissions, or point DOCSOCIAL_DB elsewhere)"
    )


def _is_writable(path: Path) -> bool:
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(folder, os.W_OK | os.X_OK)


def translate_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """Turn a driver error into a StoreError whose message says what to do about it."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
        return StoreError(BUSY_MESSAGE)
    if primary == _SQLITE_READONLY or "readonly" in text:
        return StoreError(read_only_message(path))
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "not a database" in text or "malformed" in text:
        return StoreError(not_valid_message(path))
    if primary == _SQLITE_CANTOPEN and not path.parent.is_dir():
        return StoreError(f"cannot open the database {path}: its folder does not exist")
    if primary in (_SQLITE_CANTOPEN, _SQLITE_IOERR) and not _is_writable(path):
        return StoreError(read_only_message(path))
    if primary == _SQLITE_CANTOPEN:
        return StoreError(f"cannot open the database {path}: check that its folder exists and is writable")
    if primary == _SQLITE_FULL:
        return StoreError(f"the disk holding {path} is full: nothing was written")
    if primary == _SQLITE_IOERR:
        return StoreError(f"could not read or write {path}: check the disk ({exc})")
    if isinstance(exc, sqlite3.IntegrityError) and "unique" in text:
        return AlreadyExists("that id is already used in this community")
    return StoreError(f"database error on {path}: {exc}")


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """Run a block whose sqlite3 errors leave as StoreError."""
    try:
        yield
    except sqlite3.Error as exc:
        raise translate_error(exc, path) from exc
