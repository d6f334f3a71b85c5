"""The vote salt is never a built-in value: a private file beside SQLite, required with PostgreSQL."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.assistant import Assistant, OperatorContext
from bot.config import Settings
from bot.models import Message
from bot.salt import SaltError, resolve_salt, salt_file
from tests.conftest import finish_cli, start_cli


def test_sqlite_salt_is_generated_once_beside_the_database_owner_only(tmp_path: Path) -> None:
    settings = Settings(DOCSOCIAL_DB=tmp_path / "bot.db")
    first = resolve_salt(settings)
    path = salt_file(tmp_path / "bot.db")
    assert path == tmp_path / "bot.db.salt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) == 64 and resolve_salt(settings) == first  # kept across restarts
    other = resolve_salt(Settings(DOCSOCIAL_DB=tmp_path / "other.db"))
    assert other != first  # per deployment, never a shared default


def test_a_salt_file_readable_by_others_is_tightened(tmp_path: Path) -> None:
    settings = Settings(DOCSOCIAL_DB=tmp_path / "bot.db")
    value = resolve_salt(settings)
    path = salt_file(tmp_path / "bot.db")
    path.chmod(0o644)
    assert resolve_salt(settings) == value
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.write_text("\n")
    with pytest.raises(SaltError, match="empty or damaged"):
        resolve_salt(settings)


def test_configured_salt_wins_and_placeholders_are_refused(tmp_path: Path) -> None:
    settings = Settings(DOCSOCIAL_DB=tmp_path / "bot.db", DOCSOCIAL_VOTE_SALT=SecretStr("a" * 40))
    assert resolve_salt(settings) == "a" * 40
    assert not salt_file(tmp_path / "bot.db").exists()
    for bad in ("change-me", "short"):
        with pytest.raises(SaltError, match="placeholder or shorter"):
            resolve_salt(Settings(DOCSOCIAL_VOTE_SALT=SecretStr(bad)))


def test_postgresql_without_a_salt_refuses_to_start() -> None:
    settings = Settings(DOCSOCIAL_DATABASE_URL="postgresql://bot@db.example.org/docsocial")
    with pytest.raises(SaltError, match="DOCSOCIAL_VOTE_SALT is not set: with PostgreSQL"):
        resolve_salt(settings)


def test_cli_says_the_salt_is_missing(tmp_path: Path) -> None:
    env = {"DOCSOCIAL_DATABASE_URL": "postgresql://bot@127.0.0.1:1/docsocial"}
    result = finish_cli(start_cli(["ask", "what is sermo"], tmp_path / "unused.db", env=env))
    assert result.returncode == 1
    assert "Configuration problem: DOCSOCIAL_VOTE_SALT is not set" in result.stderr


async def test_votes_from_one_user_are_deduplicated_across_restarts(tmp_path: Path) -> None:
    settings = Settings(DOCSOCIAL_DB=tmp_path / "bot.db")
    keys = []
    for _ in range(2):
        assistant = await Assistant.create(settings)
        try:
            keys.append(assistant._user_key(Message(text="hi", platform="telegram", user_id="777000123")))
            await assistant.handle(Message(text="/help", platform="cli"), OperatorContext())
        finally:
            await assistant.close()
    assert keys[0] == keys[1] and "777000123" not in keys[0]
