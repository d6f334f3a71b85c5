"""The secret salt that turns platform user ids into pseudonyms (votes, rate limits, audit actors).

Never a built-in value: whoever holds the database and a known salt can hash every plausible user
id and re-identify voters. DOCSOCIAL_VOTE_SALT wins. Without it, an embedded SQLite deployment gets
a random salt generated at first start into a file beside the database (`<db>.salt`, mode 0600, kept
across restarts so votes stay de-duplicated); a PostgreSQL deployment refuses to start, because its
workers may run on several machines that must all share one salt.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
from pathlib import Path

from bot.config import Settings

log = logging.getLogger(__name__)
PLACEHOLDERS = frozenset({"change-me", "changeme", "docsocial-default-salt-change-me"})
GENERATE_HINT = "python -c 'import secrets; print(secrets.token_hex(32))'"


class SaltError(Exception):
    """The salt is missing or unusable; the message says what to set."""


def salt_file(database: Path) -> Path:
    return database.with_name(database.name + ".salt")


def resolve_salt(settings: Settings) -> str:
    """The deployment's salt (see the module docstring); raises SaltError with what to do."""
    from bot.storage.factory import backend_name, database_url, sqlite_path

    if settings.vote_salt is not None:
        value = settings.vote_salt.get_secret_value().strip()
        if value.lower() in PLACEHOLDERS or len(value) < 16:
            raise SaltError(
                "DOCSOCIAL_VOTE_SALT is a placeholder or shorter than 16 characters: "
                f"set a long random secret, e.g. the output of {GENERATE_HINT}"
            )
        return value
    url = database_url(settings)
    if backend_name(url) != "sqlite":
        raise SaltError(
            "DOCSOCIAL_VOTE_SALT is not set: with PostgreSQL every worker must share one secret salt. "
            f"Generate one with {GENERATE_HINT} and set it in every worker's environment"
        )
    database = sqlite_path(settings, url)
    if str(database) == ":memory:":
        return secrets.token_hex(32)  # nothing outlives the process, neither may its pseudonyms
    return _file_salt(salt_file(database))


def _file_salt(path: Path) -> str:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)
    except OSError as exc:
        raise SaltError(f"cannot create the salt file {path} ({exc.strerror}): set DOCSOCIAL_VOTE_SALT") from exc
    value = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(value + "\n")
    log.info("generated a new vote salt in %s (keep it with the database and its backups)", path)
    return value


def _read(path: Path) -> str:
    try:
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            path.chmod(0o600)  # readable by others is as good as public: tighten it
            log.warning("tightened the permissions of %s to owner-only", path)
        value = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise SaltError(f"cannot read the salt file {path}: {exc}; restore it from a backup") from exc
    if len(value) < 16:
        raise SaltError(f"the salt file {path} is empty or damaged: restore it from a backup")
    return value
