"""The Store contract: what the core relies on, run over every backend in tests/storage/conftest.py.

Every Store method, its errors, transactions (all or nothing) and migration from an empty database.
Backend-specific behaviour (SQLite file errors, WAL, backups) lives in test_sqlite.py.
"""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from bot.models import Entry
from bot.storage.base import AlreadyExists, CommunitySettings, NotFound, Store, StoreError
from tests.storage.conftest import FixedClock, StoreFactory

A, B = "telegram:-100123", "discord:42"


def make_entry(entry_id: str, question: str = "Is this stored?", answer: str = "Yes.", **extra: object) -> Entry:
    return Entry.model_validate(
        {"id": entry_id, "topic": "community", "questions": {"en": [question]}, "answer": {"en": answer}, **extra}
    )


async def test_migration_from_an_empty_database_gives_an_empty_store(store: Store) -> None:
    assert await store.list_entries(A) == []
    assert await store.communities_with_entries() == []
    assert await store.hidden_entries(A) == set()
    assert await store.gaps(A) == []
    assert await store.get_settings(A) == CommunitySettings()
    assert await store.history(A, "c1") == []
    stats = await store.stats(A, 7)
    assert (stats.answered, stats.unanswered, stats.helpful, stats.not_helpful, stats.top_entries) == (0, 0, 0, 0, [])


async def test_open_twice_and_reopen_keep_the_data(open_store: StoreFactory) -> None:
    first = await open_store()
    await first.open()  # idempotent
    await first.add_entry(A, make_entry("c1"), "mod")
    await first.close()
    second = await open_store()
    assert [ce.entry.id for ce in await second.list_entries(A)] == ["c1"]
    assert await second.next_entry_id(A) == "c2"


async def test_ids_are_scoped_and_never_reused(store: Store) -> None:
    assert await store.next_entry_id(A) == "c1"
    assert await store.next_entry_id(B) == "c1"
    assert await store.next_entry_id(A) == "c2"  # c1 reserved even though never used
    await store.add_entry(A, make_entry("c10"), "mod")  # a hand-chosen cN moves the counter past it
    assert await store.next_entry_id(A) == "c11"


async def test_create_entry_numbers_and_stores_in_one_step(store: Store) -> None:
    created = await store.create_entry(A, lambda new_id: make_entry(new_id, "First?"), "mod")
    assert created.entry.id == "c1" and created.community_id == A and not created.deleted
    assert (await store.get_entry(A, "c1")).entry.questions.en == ["First?"]

    def broken(new_id: str) -> Entry:
        raise ValueError("the moderator's text did not validate")

    with pytest.raises(ValueError):
        await store.create_entry(A, broken, "mod")
    assert (await store.create_entry(A, make_entry, "mod")).entry.id == "c2"  # the failed build used no id
    assert [r.action for r in await store.history(A, "c2")] == ["add"]


async def test_add_get_list_update(store: Store) -> None:
    added = await store.add_entry(A, make_entry("c1", "Where is the rota?"), "mod")
    assert added.created_at == added.updated_at
    with pytest.raises(AlreadyExists):
        await store.add_entry(A, make_entry("c1", "Again?"), "mod")
    await store.add_entry(A, make_entry("c2", "Second?"), "mod")
    assert [ce.entry.id for ce in await store.list_entries(A)] == ["c1", "c2"]  # order of adding
    assert await store.list_entries(B) == []
    updated = await store.update_entry(A, make_entry("c1", "Where is the new rota?"), "mod", "edit")
    assert updated.entry.questions.en == ["Where is the new rota?"]
    assert updated.created_at == added.created_at and updated.updated_at >= added.updated_at
    assert (await store.get_entry(A, "c1")).entry.questions.en == ["Where is the new rota?"]
    assert await store.communities_with_entries() == [A]


async def test_missing_entries_raise_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        await store.get_entry(A, "c9")
    with pytest.raises(NotFound):
        await store.update_entry(A, make_entry("c9"), "mod", "edit")
    with pytest.raises(NotFound):
        await store.set_deleted(A, "c9", True, "mod")
    await store.add_entry(A, make_entry("c1"), "mod")
    with pytest.raises(NotFound):
        await store.get_entry(B, "c1")  # another community's entry does not exist here
    assert issubclass(NotFound, StoreError) and issubclass(AlreadyExists, StoreError)


async def test_soft_delete_and_restore_are_audited_once(store: Store) -> None:
    await store.add_entry(A, make_entry("c1"), "mod")
    removed = await store.set_deleted(A, "c1", True, "mod")
    assert removed.deleted
    await store.set_deleted(A, "c1", True, "mod")  # no change, no audit row
    assert await store.list_entries(A) == []
    assert [ce.entry.id for ce in await store.list_entries(A, include_deleted=True)] == ["c1"]
    assert (await store.get_entry(A, "c1")).deleted
    assert await store.communities_with_entries() == []
    assert not (await store.set_deleted(A, "c1", False, "mod")).deleted
    history = await store.history(A, "c1")
    assert [(r.action, r.actor) for r in history] == [("add", "mod"), ("remove", "mod"), ("restore", "mod")]
    assert history[0].before is None and history[0].after is not None


async def test_upsert_by_id_dry_run_replace_and_all_or_nothing(store: Store) -> None:
    await store.add_entry(A, make_entry("c1", "Existing?"), "mod")
    await store.add_entry(A, make_entry("c2", "Goes away?"), "mod")
    batch = [make_entry("c1", "Existing?"), make_entry("rota", "Rota?"), make_entry("x", "No id in the file?")]
    dry = await store.upsert_entries(A, batch, "cli", fresh=frozenset({2}), replace=True, dry_run=True)
    assert (dry.added, dry.updated, dry.unchanged, dry.removed) == (("rota", "c3"), (), ("c1",), ("c2",))
    assert [ce.entry.id for ce in await store.list_entries(A)] == ["c1", "c2"]  # nothing written
    assert await store.upsert_entries(A, batch, "cli", fresh=frozenset({2}), replace=True) == dry
    assert [ce.entry.id for ce in await store.list_entries(A)] == ["c1", "rota", "c3"]
    assert await store.next_entry_id(A) == "c4"
    edited = [make_entry("c2", "Back again?"), make_entry("rota", "Rota, changed?")]
    summary = await store.upsert_entries(A, edited, "cli")
    assert (summary.added, summary.updated, summary.unchanged) == ((), ("c2", "rota"), ())
    assert not (await store.get_entry(A, "c2")).deleted  # brought back by the import
    assert [r.action for r in await store.history(A, "rota")] == ["import", "import"]
    before = await store.list_entries(A)
    broken: list[Entry] = [make_entry("c9", "Fine?"), "not an entry"]  # type: ignore[list-item]
    with pytest.raises(AttributeError):
        await store.upsert_entries(A, broken, "cli")
    assert await store.list_entries(A) == before


async def test_hidden_curated_entries_are_scoped_and_audited(store: Store) -> None:
    await store.set_hidden(A, "sermo", True, "mod")
    await store.set_hidden(A, "sermo", True, "mod")  # no change
    assert await store.hidden_entries(A) == {"sermo"}
    assert await store.hidden_entries(B) == set()
    await store.set_hidden(A, "sermo", False, "mod")
    assert await store.hidden_entries(A) == set()
    assert [r.action for r in await store.history(A, "sermo")] == ["hide", "unhide"]


async def test_gaps_group_by_normalised_text_and_kind(open_store: StoreFactory) -> None:
    clock = FixedClock()
    store = await open_store(clock)
    await store.record_gap(A, "Is Mastodon OK?", "fallback")
    clock.now += dt.timedelta(hours=1)
    await store.record_gap(A, "  is   mastodon ok ", "fallback")
    await store.record_gap(A, "is mastodon ok?", "clarify")
    await store.record_gap(A, "?!", "fallback")  # nothing readable: ignored
    await store.record_gap(B, "other group", "fallback")
    gaps = await store.gaps(A)
    assert [(g.text, g.kind, g.count) for g in gaps] == [
        ("is mastodon ok", "fallback", 2),
        ("is mastodon ok?", "clarify", 1),
    ]
    assert gaps[0].last_seen - gaps[0].first_seen == dt.timedelta(hours=1)
    assert len(await store.gaps(A, limit=1)) == 1
    await store.record_gap(A, "x" * 5000, "fallback")
    assert max(len(g.text) for g in await store.gaps(A)) == 1000  # the text limit is the core's
    await store.delete_gap(A, "IS MASTODON OK")  # both kinds
    await store.delete_gap(A, "never recorded")  # idempotent
    assert [g.count for g in await store.gaps(A)] == [1]
    assert [g.text for g in await store.gaps(B)] == ["other group"]
    with pytest.raises(ValueError):
        await store.record_gap(A, "x", "answer")  # type: ignore[arg-type]


async def test_votes_stats_and_purge(open_store: StoreFactory) -> None:
    clock = FixedClock()
    store = await open_store(clock)
    await store.record_answer(A, "c1")  # old by the end
    await store.vote(A, "c1", "alice", False)
    clock.now += dt.timedelta(days=10)
    for _ in range(2):
        await store.record_answer(A, "sermo")
    await store.record_gap(A, "unknown thing", "fallback")
    await store.vote(A, "sermo", "bob", True)
    await store.vote(A, "sermo", "bob", False)  # replaces bob's first vote
    await store.vote(B, "sermo", "bob", True)  # another community
    stats = await store.stats(A, 7)
    assert (stats.days, stats.answered, stats.unanswered, stats.helpful, stats.not_helpful) == (7, 2, 1, 0, 1)
    assert [(t.entry_id, t.asked, t.helpful, t.not_helpful) for t in stats.top_entries] == [("sermo", 2, 0, 1)]
    assert (await store.stats(A, 30)).answered == 3
    with pytest.raises(ValueError):
        await store.stats(A, 0)
    assert await store.purge_older_than(5) == 2  # the old answer and the old vote
    assert await store.purge_older_than(5) == 0
    assert (await store.stats(A, 30)).answered == 2
    with pytest.raises(ValueError):
        await store.purge_older_than(-1)


async def test_settings_round_trip_and_audit_per_changed_setting(store: Store) -> None:
    assert await store.get_settings(A) == CommunitySettings()
    await store.update_settings(A, CommunitySettings(locale="es", cooldown_seconds=30), "mod")
    await store.update_settings(A, CommunitySettings(locale="es", cooldown_seconds=30), "mod")  # no change
    assert await store.get_settings(A) == CommunitySettings(locale="es", cooldown_seconds=30)
    assert await store.get_settings(B) == CommunitySettings()
    assert [(r.action, r.before, r.after) for r in await store.history(A, "locale")] == [("settings", '"en"', '"es"')]
    assert len(await store.history(A, "cooldown_seconds")) == 1
    assert await store.history(A, "free_text") == []


async def test_move_community_carries_everything(store: Store) -> None:
    await store.add_entry(A, make_entry("c1"), "mod")
    await store.set_hidden(A, "sermo", True, "mod")
    await store.update_settings(A, CommunitySettings(locale="es"), "mod")
    await store.record_gap(A, "moved question", "fallback")
    await store.move_community(A, B, "platform")
    assert [ce.entry.id for ce in await store.list_entries(B)] == ["c1"]
    assert await store.list_entries(A) == []
    assert await store.hidden_entries(B) == {"sermo"}
    assert (await store.get_settings(B)).locale == "es"
    assert [g.text for g in await store.gaps(B)] == ["moved question"]
    assert await store.next_entry_id(B) == "c2"
    await store.add_entry(A, make_entry("c1"), "mod")
    with pytest.raises(StoreError):
        await store.move_community(A, B, "platform")  # B already has a FAQ


async def test_empty_community_ids_are_refused(store: Store) -> None:
    for call in (
        store.next_entry_id(" "),
        store.add_entry("", make_entry("c1"), "mod"),
        store.record_gap("", "question", "fallback"),
        store.update_settings("", CommunitySettings(), "mod"),
    ):
        with pytest.raises(ValueError):
            await call


async def test_concurrent_writers_all_land(store: Store) -> None:
    created = await asyncio.gather(
        *(store.create_entry(A, lambda new_id, i=i: make_entry(new_id, f"question {i}?"), "mod") for i in range(40))
    )
    assert sorted(int(ce.entry.id[1:]) for ce in created) == list(range(1, 41))
    await asyncio.gather(*(store.vote(A, "c1", f"voter-{i}", i % 2 == 0) for i in range(40)))
    stats = await store.stats(A, 1)
    assert (stats.helpful, stats.not_helpful) == (20, 20)


async def test_a_closed_store_refuses_work(open_store: StoreFactory) -> None:
    store = await open_store()
    await store.close()
    with pytest.raises(StoreError):
        await store.gaps(A)
