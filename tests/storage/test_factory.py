"""The backend is chosen from settings: DOCSOCIAL_DATABASE_URL wins over DOCSOCIAL_DB."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.storage.base import StoreError
from bot.storage.factory import create_store, sqlite_path
from bot.storage.sqlite.store import SQLiteStore


def test_url_wins_over_db_path(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path}/from-url.db", db_path=tmp_path / "from-db.db")
    store = create_store(settings)
    assert isinstance(store, SQLiteStore) and store.path == tmp_path / "from-url.db"


def test_relative_url_and_db_path_fallback(tmp_path: Path) -> None:
    assert sqlite_path(Settings(database_url="sqlite:///data/x.db")) == Path("data/x.db")
    assert sqlite_path(Settings(db_path=tmp_path / "file.db")) == tmp_path / "file.db"
    assert sqlite_path(Settings(database_url="  ", db_path=tmp_path / "blank.db")) == tmp_path / "blank.db"


def test_env_variable_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCSOCIAL_DATABASE_URL", f"sqlite:///{tmp_path}/env.db")
    assert sqlite_path(Settings()) == tmp_path / "env.db"


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("mysql://db/x", "mysql://, which this DocSocial cannot open (known: postgres://, postgresql://, sqlite://)"),
        ("just-a-path.db", "is not a URL"),
        ("sqlite://", "names no file"),
    ],
)
def test_bad_urls_say_what_is_wrong(url: str, words: str) -> None:
    with pytest.raises(StoreError) as info:
        create_store(Settings(database_url=url))
    assert words in str(info.value)


async def test_sqlite_url_opens_a_working_store(tmp_path: Path) -> None:
    store = create_store(Settings(database_url=f"sqlite:///{tmp_path}/opened.db"))
    await store.open()
    try:
        assert await store.next_entry_id("local") == "c1"
    finally:
        await store.close()
    assert (tmp_path / "opened.db").is_file()
