"""Operator steps on PostgreSQL: `db upgrade`, `db check`, `db backup` and `db migrate-to` from SQLite."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.models import Entry
from bot.storage.base import CommunitySettings, Quota, StoreError
from bot.storage.postgres import ops
from bot.storage.postgres.store import PostgresStore
from bot.storage.sqlite.store import SQLiteStore
from tests.conftest import finish_cli, start_cli
from tests.pg_support import PG_URL, create_schema, drop_schema, needs_postgres, new_schema

pytestmark = needs_postgres
G = "telegram:-100777"


@pytest_asyncio.fixture
async def schema_url() -> AsyncIterator[str]:
    """A URL whose connections use a fresh schema (asyncpg passes unknown query keys as settings)."""
    name = new_schema()
    await create_schema(name)
    try:
        yield f"{PG_URL}?search_path={name}"
    finally:
        await drop_schema(name)


def entry(entry_id: str, question: str) -> Entry:
    return Entry.model_validate(
        {"id": entry_id, "topic": "t", "questions": {"en": [question]}, "answer": {"en": "An answer."}}
    )


async def fill_sqlite(path: Path) -> None:
    async with SQLiteStore(path) as store:
        await store.add_entry(G, entry("c1", "Where is the rota?"), "mod")
        await store.add_entry(G, entry("c2", "Who covers nights?"), "mod")
        await store.set_deleted(G, "c2", True, "mod")
        await store.set_hidden(G, "sermo", True, "mod")
        await store.update_settings(G, CommunitySettings(locale="es", cooldown_seconds=20), "mod")
        for text in ("first gap?", "second gap?", "first gap"):
            await store.record_gap(G, text, "fallback")
        await store.delete_gap(G, "first gap")  # numbers: "second gap" keeps 2
        await store.record_answer(G, "c1")
        await store.vote(G, "c1", "voter-hash", True)
        await store.save_dialogue(G, "mod", '{"step": "answer", "question": "Q?"}')
        await store.set_user_locale("telegram:hash", "es")
        await store.set_last_answer("telegram:hash", G, "c1")
        await store.hit_limits([Quota("user:hash", 5, 60)], f"{G}|hash", 0)
        await store.shared_secret("telegram_webhook", lambda: "shared-secret-value")
        await store.claim_job("purge", dt.timedelta(hours=23))


async def test_copy_from_sqlite_keeps_everything_the_bot_reads(tmp_path: Path, schema_url: str) -> None:
    source = tmp_path / "bot.db"
    await fill_sqlite(source)
    counts = await ops.copy_from_sqlite(source, schema_url)
    assert counts["entries"] == 2 and counts["audit_log"] == 6 and counts["gaps"] == 1
    async with SQLiteStore(source) as old, PostgresStore(schema_url) as new:
        assert await new.list_entries(G, include_deleted=True) == await old.list_entries(G, include_deleted=True)
        assert await new.gaps(G) == await old.gaps(G)
        assert [g.number for g in await new.gaps(G)] == [2]
        assert await new.stats(G, 30) == await old.stats(G, 30)
        await new.record_gap(G, "a third gap", "fallback")
        assert sorted(g.number for g in await new.gaps(G)) == [2, 3]  # counters came along
        assert await new.hidden_entries(G) == {"sermo"}
        assert await new.get_settings(G) == await old.get_settings(G)
        assert await new.history(G, "c2") == await old.history(G, "c2")
        assert await new.load_dialogue(G, "mod") == await old.load_dialogue(G, "mod")
        assert await new.user_locale("telegram:hash") == "es"
        assert await new.last_answer("telegram:hash", G) == "c1"
        assert await new.shared_secret("telegram_webhook", lambda: "other") == "shared-secret-value"
        assert await new.next_entry_id(G) == "c3"
        assert await new.revision(G) > 0


async def test_copy_into_a_database_with_data_is_refused_and_adds_nothing(tmp_path: Path, schema_url: str) -> None:
    source = tmp_path / "bot.db"
    await fill_sqlite(source)
    async with PostgresStore(schema_url, migrate=True) as target:
        await target.add_entry("other", entry("c1", "Already here?"), "mod")
    with pytest.raises(StoreError, match="already holds data"):
        await ops.copy_from_sqlite(source, schema_url)
    async with PostgresStore(schema_url) as target:
        assert await target.communities_with_entries() == ["other"]
        assert await target.list_entries(G) == []


def run(args: list[str], tmp_path: Path, env: dict[str, str]) -> tuple[int, str, str]:
    result = finish_cli(start_cli(args, tmp_path / "bot.db", env=env), timeout=120)
    return result.returncode, result.stdout, result.stderr


async def test_db_commands_on_postgresql(tmp_path: Path, schema_url: str) -> None:
    await fill_sqlite(tmp_path / "bot.db")
    pg = {"DOCSOCIAL_DATABASE_URL": schema_url, "DOCSOCIAL_VOTE_SALT": "x" * 32}

    code, _, err = run(["db", "check"], tmp_path, pg)
    assert code == 1 and "needs migrations 0001_initial" in err and "db upgrade" in err
    code, out, _ = run(["db", "upgrade"], tmp_path, pg)
    assert code == 0 and "applied 0001_initial, 0002_shared_state" in out
    code, out, _ = run(["db", "upgrade"], tmp_path, pg)
    assert code == 0 and "already up to date" in out
    code, out, _ = run(["db", "check"], tmp_path, pg)
    assert code == 0 and out.strip().endswith(": ok")

    code, out, _ = run(["db", "migrate-to", schema_url], tmp_path, {})  # from DOCSOCIAL_DB's SQLite file
    assert code == 0, out
    assert "Copied" in out and re.search(r"^  entries +2$", out, re.MULTILINE)
    code, out, err = run(["ask", "--community", G, "Where is the rota?", "--json"], tmp_path, pg)
    assert code == 0, err
    assert '"entry_id": "c1"' in out


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")
async def test_backup_wraps_pg_dump(tmp_path: Path, schema_url: str) -> None:
    async with PostgresStore(schema_url, migrate=True) as store:
        await store.add_entry(G, entry("c1", "Backed up?"), "mod")
    dest = tmp_path / "docsocial.dump"
    await ops.backup(PG_URL, dest)  # the whole test database; libpq URLs take no search_path
    listing = subprocess.run(["pg_restore", "--list", str(dest)], capture_output=True, text=True, check=True)
    assert "TABLE" in listing.stdout and "entries" in listing.stdout
    with pytest.raises(StoreError, match="already exists"):
        await ops.backup(PG_URL, dest)


async def test_backup_without_pg_dump_says_what_to_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(StoreError) as info:
        await ops.backup("postgresql://bot:pw-123@db:5432/docsocial", tmp_path / "x.dump")
    assert "pg_dump is not installed" in str(info.value) and "pg_dump --format=custom" in str(info.value)
    assert "pw-123" not in str(info.value)
