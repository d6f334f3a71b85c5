"""SQLiteStore against real database files: scoping, lifecycle, audit, concurrency, crashes, errors."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.models import Entry
from bot.privacy import scrub
from bot.storage.base import AlreadyExists, CommunitySettings, NotFound, Store, StoreError
from bot.storage.sqlite.errors import BUSY_MESSAGE
from bot.storage.sqlite.migrate import migrations, split_statements
from bot.storage.sqlite.ops import backup, integrity_check, upgrade
from bot.storage.sqlite.store import SQLiteStore

ROOT = Path(__file__).resolve().parents[2]
TG, DC = "telegram:-100123", "discord:42"


def make_entry(
    entry_id: str, question: str = "What is Sermo?", answer: str = "A network.", **extra: object
) -> Entry:
    return Entry.model_validate(
        {
            "id": entry_id,
            "topic": "community",
            "questions": {"en": [question]},
            "answer": {"en": answer},
            **extra,
        }
    )


class Clock:
    """A settable clock, so time windows can be tested without sleeping."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "docsocial.db"


@pytest_asyncio.fixture
async def store(db_path: Path) -> AsyncIterator[SQLiteStore]:
    s = SQLiteStore(db_path)
    await s.open()
    try:
        yield s
    finally:
        await s.close()


def raw_rows(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.execute(sql, params))
    finally:
        conn.close()


# -- schema and connection -----------------------------------------------------------------------


@pytest.mark.asyncio
async def test_open_applies_migrations_and_configures(db_path: Path) -> None:
    s = SQLiteStore(db_path)
    await s.open()
    assert s.applied_migrations == [name for name, _ in migrations()]
    assert s.applied_migrations[0] == "0001_initial"
    assert s._conn is not None
    pragmas = {}
    for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous"):
        rows = await s._conn.execute_fetchall(f"PRAGMA {name}")
        pragmas[name] = next(iter(rows))[0]
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000, "synchronous": 2}
    await s.close()
    assert raw_rows(db_path, "SELECT name FROM schema_migrations ORDER BY name") == [
        (name,) for name, _ in migrations()
    ]
    await s.close()  # idempotent


@pytest.mark.asyncio
async def test_store_satisfies_protocol(store: SQLiteStore) -> None:
    typed: Store = store  # mypy checks the structural match; this keeps the test honest at run time
    assert await typed.communities_with_entries() == []


@pytest.mark.asyncio
async def test_upgrade_is_idempotent(db_path: Path) -> None:
    assert await upgrade(db_path) == [name for name, _ in migrations()]
    assert await upgrade(db_path) == []
    async with SQLiteStore(db_path) as s:
        assert s.applied_migrations == []


def test_split_statements_keeps_comments_and_semicolons_in_strings() -> None:
    script = (
        "-- a; comment\nCREATE TABLE t (x TEXT DEFAULT 'a;b');\n\n"
        "-- trailing comment\nINSERT INTO t VALUES (1);\n"
    )
    assert split_statements(script) == [
        "-- a; comment\nCREATE TABLE t (x TEXT DEFAULT 'a;b');",
        "-- trailing comment\nINSERT INTO t VALUES (1);",
    ]
    with pytest.raises(StoreError):
        split_statements("CREATE TABLE t (x)")


@pytest.mark.asyncio
async def test_store_not_open_is_a_store_error(db_path: Path) -> None:
    with pytest.raises(StoreError, match="not open"):
        await SQLiteStore(db_path).gaps("local")


# -- community entries -------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_entries_are_scoped_by_community(store: SQLiteStore) -> None:
    a = await store.next_entry_id(TG)
    b = await store.next_entry_id(DC)
    assert a == b == "c1"  # each community counts on its own
    await store.add_entry(TG, make_entry(a, "telegram question?"), "mod-t")
    await store.add_entry(DC, make_entry(b, "discord question?"), "mod-d")
    assert [e.entry.questions.en for e in await store.list_entries(TG)] == [["telegram question?"]]
    assert [e.entry.questions.en for e in await store.list_entries(DC)] == [["discord question?"]]
    assert await store.list_entries("local") == []
    await store.set_deleted(TG, "c1", True, "mod-t")
    assert (await store.get_entry(DC, "c1")).deleted is False
    await store.set_hidden(TG, "sermo", True, "mod-t")
    assert await store.hidden_entries(TG) == {"sermo"}
    assert await store.hidden_entries(DC) == set()
    await store.record_gap(TG, "what about mastodon", "fallback")
    assert await store.gaps(DC) == []
    await store.update_settings(TG, CommunitySettings(locale="es"), "mod-t")
    assert await store.get_settings(DC) == CommunitySettings()
    assert await store.history(DC, "c1") != await store.history(TG, "c1")
    assert await store.communities_with_entries() == [DC]


@pytest.mark.asyncio
async def test_data_persists_across_close_and_reopen(db_path: Path) -> None:
    async with SQLiteStore(db_path) as s:
        await s.add_entry(TG, make_entry(await s.next_entry_id(TG), "Persisted?", "Yes."), "mod")
        await s.set_hidden(TG, "sermo", True, "mod")
        await s.record_gap(TG, "unanswered question", "clarify")
        await s.record_answer(TG, "c1")
        await s.vote(TG, "c1", "voter-hash", True)
        await s.update_settings(
            TG, CommunitySettings(locale="es", free_text=True, cooldown_seconds=30), "mod"
        )
    async with SQLiteStore(db_path) as s:
        entry = await s.get_entry(TG, "c1")
        assert entry.entry.answer.en == "Yes." and entry.community_id == TG and not entry.deleted
        assert entry.created_at.tzinfo is not None
        assert await s.hidden_entries(TG) == {"sermo"}
        assert [(g.text, g.kind, g.count) for g in await s.gaps(TG)] == [
            ("unanswered question", "clarify", 1)
        ]
        stats = await s.stats(TG, 7)
        assert (stats.answered, stats.unanswered, stats.helpful) == (1, 1, 1)
        assert await s.get_settings(TG) == CommunitySettings(locale="es", free_text=True, cooldown_seconds=30)
        assert await s.next_entry_id(TG) == "c2"


@pytest.mark.asyncio
async def test_soft_delete_and_restore(store: SQLiteStore) -> None:
    await store.add_entry(TG, make_entry("c1"), "mod")
    removed = await store.set_deleted(TG, "c1", True, "mod")
    assert removed.deleted and removed.updated_at >= removed.created_at
    assert await store.list_entries(TG) == []
    assert [e.entry.id for e in await store.list_entries(TG, include_deleted=True)] == ["c1"]
    assert (await store.get_entry(TG, "c1")).deleted
    assert await store.communities_with_entries() == []
    again = await store.set_deleted(TG, "c1", True, "mod")  # no-op, no extra audit row
    assert again.deleted
    restored = await store.set_deleted(TG, "c1", False, "mod")
    assert not restored.deleted
    assert [e.entry.id for e in await store.list_entries(TG)] == ["c1"]
    assert [r.action for r in await store.history(TG, "c1")] == ["add", "remove", "restore"]


@pytest.mark.asyncio
async def test_missing_entries_raise_not_found(store: SQLiteStore) -> None:
    with pytest.raises(NotFound):
        await store.get_entry(TG, "c9")
    with pytest.raises(NotFound):
        await store.set_deleted(TG, "c9", True, "mod")
    with pytest.raises(NotFound):
        await store.update_entry(TG, make_entry("c9"), "mod", "edit")
    await store.add_entry(DC, make_entry("c1"), "mod")
    with pytest.raises(NotFound):
        await store.get_entry(TG, "c1")  # exists, but in another community


@pytest.mark.asyncio
async def test_ids_are_never_reused(store: SQLiteStore) -> None:
    first = await store.next_entry_id(TG)
    await store.add_entry(TG, make_entry(first), "mod")
    await store.set_deleted(TG, first, True, "mod")
    assert await store.next_entry_id(TG) == "c2"  # reserved even though never used
    assert await store.next_entry_id(TG) == "c3"
    with pytest.raises(AlreadyExists):
        await store.add_entry(TG, make_entry("c1"), "mod")  # taken by a removed entry
    await store.add_entry(TG, make_entry("c10"), "mod")  # an explicit id moves the counter past it
    assert await store.next_entry_id(TG) == "c11"
    await store.add_entry(TG, make_entry("custom-id"), "mod")  # non-cN ids do not touch the counter
    assert await store.next_entry_id(TG) == "c12"


@pytest.mark.asyncio
async def test_audit_rows_record_before_and_after(store: SQLiteStore) -> None:
    original = make_entry("c1", "What is Doximity?", "A US network.")
    await store.add_entry(TG, original, "actor-1")
    aliased = original.model_copy(
        update={"questions": original.questions.model_copy(update={"en": ["What is Doximity?", "doximity?"]})}
    )
    updated = await store.update_entry(TG, aliased, "actor-2", "alias")
    assert updated.entry.questions.en == ["What is Doximity?", "doximity?"]
    await store.set_deleted(TG, "c1", True, "actor-1")
    await store.set_deleted(TG, "c1", False, "actor-1")
    records = await store.history(TG, "c1")
    assert [(r.action, r.actor) for r in records] == [
        ("add", "actor-1"),
        ("alias", "actor-2"),
        ("remove", "actor-1"),
        ("restore", "actor-1"),
    ]
    add, alias, remove, restore = records
    assert add.before is None and Entry.model_validate_json(add.after or "") == original
    assert Entry.model_validate_json(alias.before or "") == original
    assert Entry.model_validate_json(alias.after or "") == aliased
    assert json.loads(remove.before or "") == {"deleted": False}
    assert json.loads(remove.after or "") == {"deleted": True}
    assert json.loads(restore.after or "") == {"deleted": False}
    assert all(r.community_id == TG and r.target == "c1" and r.at.tzinfo is not None for r in records)

    await store.set_hidden(TG, "sermo", True, "actor-3")
    await store.set_hidden(TG, "sermo", True, "actor-3")  # no change, no row
    await store.set_hidden(TG, "sermo", False, "actor-3")
    assert [r.action for r in await store.history(TG, "sermo")] == ["hide", "unhide"]
    assert await store.hidden_entries(TG) == set()

    await store.update_settings(TG, CommunitySettings(locale="es", cooldown_seconds=10), "actor-4")
    await store.update_settings(
        TG, CommunitySettings(locale="es", cooldown_seconds=10), "actor-4"
    )  # no change
    locale_rows = await store.history(TG, "locale")
    assert [(r.action, r.before, r.after) for r in locale_rows] == [("settings", '"en"', '"es"')]
    assert [(r.before, r.after) for r in await store.history(TG, "cooldown_seconds")] == [("0", "10")]
    assert await store.history(TG, "guard") == []

    total = raw_rows(store.path, "SELECT count(*) FROM audit_log")
    assert total == [(8,)]


@pytest.mark.asyncio
async def test_settings_default_when_none_stored(store: SQLiteStore) -> None:
    assert await store.get_settings("local") == CommunitySettings()
    wanted = CommunitySettings(locale="es", free_text=True, cooldown_seconds=45, guard=True)
    await store.update_settings("local", wanted, "mod")
    assert await store.get_settings("local") == wanted


# -- unanswered log, usage and votes ---------------------------------------------------------------


@pytest.mark.asyncio
async def test_gaps_upsert_by_normalised_text_and_kind(db_path: Path) -> None:
    clock = Clock()
    async with SQLiteStore(db_path, clock=clock) as s:
        await s.record_gap(TG, "Is Mastodon OK?", "fallback")
        clock.now += dt.timedelta(hours=1)
        await s.record_gap(TG, "  is   mastodon ok ", "fallback")
        await s.record_gap(TG, "is mastodon ok?", "clarify")
        for _ in range(3):
            await s.record_gap(TG, "what about threads", "fallback")
        await s.record_gap(TG, "?!", "fallback")  # nothing readable: ignored
        gaps = await s.gaps(TG)
        assert [(g.text, g.kind, g.count) for g in gaps] == [
            ("what about threads", "fallback", 3),
            ("is mastodon ok", "fallback", 2),
            ("is mastodon ok?", "clarify", 1),
        ]
        mastodon = gaps[1]
        assert mastodon.last_seen - mastodon.first_seen == dt.timedelta(hours=1)
        assert len(await s.gaps(TG, limit=1)) == 1
        await s.delete_gap(TG, "IS MASTODON OK")  # both kinds
        await s.delete_gap(TG, "never recorded")  # idempotent
        assert [g.text for g in await s.gaps(TG)] == ["what about threads"]
        with pytest.raises(ValueError):
            await s.record_gap(TG, "x", "answer")  # type: ignore[arg-type]


@pytest.mark.asyncio
async def test_purge_older_than_removes_old_gaps_usage_and_votes(db_path: Path) -> None:
    clock = Clock()
    async with SQLiteStore(db_path, clock=clock) as s:
        await s.record_gap(TG, "old question", "fallback")  # 1 gap + 1 usage row
        await s.record_answer(TG, "c1")  # 1 usage row
        await s.vote(TG, "c1", "v1", True)  # 1 vote
        clock.now += dt.timedelta(days=40)
        await s.record_gap(TG, "recent question", "fallback")
        await s.record_answer(DC, "c1")
        assert await s.purge_older_than(30) == 4
        assert [g.text for g in await s.gaps(TG)] == ["recent question"]
        assert await s.purge_older_than(30) == 0
        assert (await s.stats(DC, 7)).answered == 1
        with pytest.raises(ValueError):
            await s.purge_older_than(-1)


@pytest.mark.asyncio
async def test_votes_one_per_voter_and_stats_window(db_path: Path) -> None:
    clock = Clock()
    async with SQLiteStore(db_path, clock=clock) as s:
        await s.record_answer(TG, "c1")  # outside the 7-day window later
        clock.now += dt.timedelta(days=10)
        for _ in range(3):
            await s.record_answer(TG, "sermo")
        await s.record_answer(TG, "c1")
        await s.record_answer(DC, "sermo")
        await s.record_gap(TG, "unknown thing", "fallback")
        await s.record_gap(TG, "unsure thing", "clarify")
        await s.vote(TG, "sermo", "alice", True)
        await s.vote(TG, "sermo", "bob", True)
        await s.vote(TG, "sermo", "bob", False)  # replaces bob's first vote
        await s.vote(TG, "c1", "alice", False)
        await s.vote(DC, "sermo", "alice", False)  # another community
        stats = await s.stats(TG, 7)
        assert stats.days == 7
        assert (stats.answered, stats.unanswered, stats.helpful, stats.not_helpful) == (4, 2, 1, 2)
        assert [(t.entry_id, t.asked, t.helpful, t.not_helpful) for t in stats.top_entries] == [
            ("sermo", 3, 1, 1),
            ("c1", 1, 0, 1),
        ]
        assert (await s.stats(TG, 30)).answered == 5
        assert raw_rows(s.path, "SELECT count(*) FROM votes WHERE community_id = ?", (TG,)) == [(3,)]
        with pytest.raises(ValueError):
            await s.stats(TG, 0)


# -- concurrency -------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_300_concurrent_adds_are_all_stored(store: SQLiteStore) -> None:
    async def add(i: int) -> str:
        entry_id = await store.next_entry_id(TG)
        await store.add_entry(TG, make_entry(entry_id, f"question number {i}?"), f"mod-{i % 7}")
        return entry_id

    ids = await asyncio.gather(*(add(i) for i in range(300)))
    assert len(set(ids)) == 300
    entries = await store.list_entries(TG)
    assert {e.entry.id for e in entries} == set(ids) == {f"c{n}" for n in range(1, 301)}
    assert {e.entry.questions.en[0] for e in entries} == {f"question number {i}?" for i in range(300)}
    assert raw_rows(store.path, "SELECT count(*) FROM audit_log WHERE action = 'add'") == [(300,)]


@pytest.mark.asyncio
async def test_500_concurrent_votes_and_gaps_keep_exact_counts(store: SQLiteStore) -> None:
    votes = [store.vote(TG, f"c{i % 5}", f"voter-{i}", i % 3 != 0) for i in range(500)]
    gaps = [store.record_gap(TG, "same question", "fallback") for _ in range(300)]
    answers = [store.record_answer(TG, f"c{i % 5}") for i in range(200)]
    await asyncio.gather(*votes, *gaps, *answers)
    stats = await store.stats(TG, 1)
    assert stats.helpful == sum(1 for i in range(500) if i % 3 != 0)
    assert stats.helpful + stats.not_helpful == 500
    assert stats.answered == 200 and stats.unanswered == 300
    assert sorted((t.entry_id, t.asked) for t in stats.top_entries) == [(f"c{k}", 40) for k in range(5)]
    assert [g.count for g in await store.gaps(TG)] == [300]
    # a second round from the same voters replaces, never adds
    await asyncio.gather(*(store.vote(TG, f"c{i % 5}", f"voter-{i}", False) for i in range(500)))
    stats = await store.stats(TG, 1)
    assert (stats.helpful, stats.not_helpful) == (0, 500)


@pytest.mark.asyncio
async def test_cancelled_caller_leaves_the_store_usable(store: SQLiteStore) -> None:
    tasks = [asyncio.create_task(store.record_gap(TG, f"q{i}", "fallback")) for i in range(50)]
    await asyncio.sleep(0)
    for task in tasks[::2]:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await store.record_gap(TG, "after", "fallback")
    texts = {g.text for g in await store.gaps(TG, limit=100)}
    assert "after" in texts
    assert {f"q{i}" for i in range(1, 50, 2)} <= texts  # the uncancelled ones all landed
    assert await integrity_check(store.path) == ["ok"]


# -- crashes and file problems -------------------------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import asyncio, sys
    sys.path.insert(0, sys.argv[2])
    from bot.models import Entry
    from bot.storage.sqlite.store import SQLiteStore

    async def main() -> None:
        store = SQLiteStore(sys.argv[1])
        await store.open()
        i = 0
        while True:
            i += 1
            entry_id = await store.next_entry_id("local")
            entry = Entry.model_validate({"id": entry_id, "topic": "t", "questions": {"en": [f"q{i}?"]},
                                          "answer": {"en": "x" * 3000}})
            await store.add_entry("local", entry, "child")
            await store.vote("local", entry_id, f"v{i}", True)
            print(entry_id, flush=True)  # printed only after both transactions committed

    asyncio.run(main())
    """
)


def test_killed_writer_loses_nothing_committed(db_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), str(ROOT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    committed: list[str] = []
    try:
        while len(committed) < 150:
            line = proc.stdout.readline()
            if not line:
                pytest.fail(f"writer died early: {proc.stderr.read() if proc.stderr else ''}")
            committed.append(line.strip())
        os.kill(proc.pid, signal.SIGKILL)  # mid-way through its next writes
        proc.wait(timeout=10)
        committed.extend(line.strip() for line in proc.stdout.read().splitlines() if line.strip())
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        if proc.stderr is not None:
            proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL

    async def verify() -> None:
        assert await integrity_check(db_path) == ["ok"]
        async with SQLiteStore(db_path) as s:
            stored = {e.entry.id: e.entry for e in await s.list_entries("local")}
            for entry_id in committed:
                assert stored[entry_id].answer.en == "x" * 3000
            votes = raw_rows(db_path, "SELECT entry_id FROM votes WHERE helpful = 1")
            assert set(committed) <= {v[0] for v in votes}
            assert await s.next_entry_id("local") not in stored  # the counter survived too
        assert raw_rows(db_path, "PRAGMA integrity_check") == [("ok",)]

    asyncio.run(verify())


@pytest.mark.asyncio
async def test_scrubbed_pii_never_reaches_the_file(db_path: Path) -> None:
    originals = [
        "ana.lopez@example.com",
        "+44 20 7946 0958",
        "12/03/1984",
        "MRN 88812345",
        "612 34 56 78",
        "3 de marzo de 2024",
        "GODE561231HDFRRN09",
    ]
    text = (
        "patient ana.lopez@example.com phone +44 20 7946 0958 born 12/03/1984 MRN 88812345 "
        "móvil 612 34 56 78 vista el 3 de marzo de 2024, CURP GODE561231HDFRRN09 can I post this?"
    )
    s = SQLiteStore(db_path)
    await s.open()
    await s.record_gap(TG, scrub(text), "fallback")
    files = [db_path, db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")]

    def all_bytes() -> bytes:
        return b"".join(p.read_bytes() for p in files if p.exists())

    while_open = all_bytes()
    assert b"[email]" in while_open  # the scrubbed text really is in the files we read
    await s.close()
    after_close = all_bytes()
    for blob in (while_open, after_close):
        for original in originals:
            assert original.encode("utf-8") not in blob
        for fragment in (b"ana.lopez", b"7946", b"88812345", b"1984"):
            assert fragment not in blob


@pytest.mark.asyncio
async def test_corrupted_file_gives_a_clear_error_and_is_left_alone(db_path: Path) -> None:
    garbage = b"this is not sqlite" + bytes(range(256)) * 20
    db_path.write_bytes(garbage)
    with pytest.raises(
        StoreError, match="is not a valid DocSocial database: restore from a backup, see README"
    ):
        await SQLiteStore(db_path).open()
    assert db_path.read_bytes() == garbage
    with pytest.raises(StoreError, match="not a valid DocSocial database"):
        await backup(db_path, db_path.with_name("copy.db"))


@pytest.mark.asyncio
async def test_other_apps_database_is_refused_untouched(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a valid DocSocial database"):
        await SQLiteStore(db_path).open()
    assert raw_rows(db_path, "SELECT name FROM sqlite_master WHERE type = 'table'") == [("invoices",)]


@pytest.mark.asyncio
async def test_database_from_a_newer_version_is_refused(db_path: Path) -> None:
    await upgrade(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO schema_migrations VALUES ('9999_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer DocSocial"):
        await SQLiteStore(db_path).open()


@pytest.mark.asyncio
async def test_busy_database_gives_try_again(db_path: Path) -> None:
    await upgrade(db_path)
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another process holding the write lock
    try:
        async with SQLiteStore(db_path, busy_timeout=0.2) as s:
            pass
    except StoreError as exc:  # open() itself may need the lock for its migration check
        assert str(exc) == BUSY_MESSAGE
    finally:
        blocker.execute("ROLLBACK")
    async with SQLiteStore(db_path, busy_timeout=0.2) as s:
        await s.record_gap(TG, "before", "fallback")
        blocker.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreError) as info:
                await s.record_gap(TG, "during", "fallback")
            assert str(info.value) == BUSY_MESSAGE
            assert [g.text for g in await s.gaps(TG)] == ["before"]  # reads still work
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        await s.record_gap(TG, "after", "fallback")  # and the store recovers
        assert {g.text for g in await s.gaps(TG)} == {"before", "after"}


def _open_in_child_as_nobody(path: Path) -> str:
    """Root ignores file permissions, so check as an unprivileged user in a forked child."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(read_fd)
        outcome = "opened"
        try:
            os.setgid(65534)
            os.setuid(65534)

            async def attempt() -> None:
                await SQLiteStore(path).open()

            asyncio.run(attempt())
        except StoreError as exc:
            outcome = f"StoreError: {exc}"
        except BaseException as exc:
            outcome = f"{type(exc).__name__}: {exc}"
        os.write(write_fd, outcome.encode())
        os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        outcome = pipe.read()
    os.waitpid(pid, 0)
    return outcome


@pytest.mark.asyncio
async def test_read_only_file_gives_store_error(db_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="docsocial-ro-"))
    path = folder / "ro.db"
    try:
        async with SQLiteStore(path) as s:
            await s.add_entry(TG, make_entry("c1"), "mod")
        before = path.read_bytes()
        path.chmod(0o444)
        folder.chmod(0o555)
        if os.geteuid() == 0:
            outcome = await asyncio.to_thread(_open_in_child_as_nobody, path)
            assert outcome.startswith("StoreError: "), outcome
            assert "read-only" in outcome
        else:
            with pytest.raises(StoreError, match="read-only"):
                await SQLiteStore(path).open()
        assert path.read_bytes() == before
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
        shutil.rmtree(folder)


@pytest.mark.asyncio
async def test_missing_folder_gives_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open"):
        await SQLiteStore(tmp_path / "nope" / "x.db").open()
    with pytest.raises(StoreError, match="folder"):
        await SQLiteStore(tmp_path).open()


# -- operator tooling ---------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_backup_copies_a_live_database(store: SQLiteStore, tmp_path: Path) -> None:
    for i in range(20):
        await store.add_entry(TG, make_entry(await store.next_entry_id(TG), f"question {i}?"), "mod")
    await store.record_gap(TG, "a gap", "fallback")
    await store.set_deleted(TG, "c3", True, "mod")
    dest = tmp_path / "backup.db"
    await backup(store.path, dest)  # while the store is open
    assert not dest.with_name("backup.db-wal").exists()
    async with SQLiteStore(dest) as copy:
        assert copy.applied_migrations == []
        assert await copy.list_entries(TG, include_deleted=True) == await store.list_entries(
            TG, include_deleted=True
        )
        assert await copy.gaps(TG) == await store.gaps(TG)
        assert await copy.history(TG, "c3") == await store.history(TG, "c3")
    with pytest.raises(StoreError, match="already exists"):
        await backup(store.path, dest)
    await backup(store.path, dest, overwrite=True)
    with pytest.raises(StoreError, match="another file"):
        await backup(store.path, store.path, overwrite=True)
    with pytest.raises(StoreError, match="no database"):
        await backup(tmp_path / "missing.db", tmp_path / "x.db")


@pytest.mark.asyncio
async def test_in_memory_store_for_quick_tests() -> None:
    async with SQLiteStore(":memory:") as s:
        await s.add_entry("local", make_entry(await s.next_entry_id("local")), "me")
        assert [e.entry.id for e in await s.list_entries("local")] == ["c1"]


@pytest.mark.asyncio
async def test_two_processes_worth_of_connections_share_one_file(db_path: Path) -> None:
    """A bot and the CLI (two connections) writing at once: SQLite's lock plus the busy timeout."""
    async with SQLiteStore(db_path) as bot_side, SQLiteStore(db_path) as cli_side:

        async def add(store: SQLiteStore) -> None:
            await store.add_entry(TG, make_entry(await store.next_entry_id(TG)), "mod")

        await asyncio.gather(
            *(bot_side.vote(TG, "c1", f"bot-{i}", True) for i in range(150)),
            *(cli_side.vote(TG, "c1", f"cli-{i}", False) for i in range(150)),
            *(add(bot_side if i % 2 else cli_side) for i in range(20)),
        )
        stats = await bot_side.stats(TG, 1)
        assert (stats.helpful, stats.not_helpful) == (150, 150)
        assert len(await bot_side.list_entries(TG)) == 20


def test_default_db_path_is_under_the_user_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.paths import default_db_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    path = default_db_path()
    assert path.name == "docsocial.db"
    assert path.parent.is_dir()
    if sys.platform.startswith("linux"):
        assert path == tmp_path / "xdg" / "docsocial" / "docsocial.db"
