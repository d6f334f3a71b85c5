"""A chat that changes its id keeps everything: entries, settings, hidden ids, gaps, votes, history."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.models import Entry, Localized, LocalizedList
from bot.storage.base import CommunitySettings, StoreError
from bot.storage.sqlite.store import SQLiteStore


def entry(entry_id: str, question: str) -> Entry:
    return Entry(id=entry_id, topic="community", questions=LocalizedList(en=[question]), answer=Localized(en="a"))


async def test_move_carries_every_kind_of_row_and_keeps_ids_unique(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "db.sqlite")
    await store.open()
    old, new = "telegram:-1", "telegram:-1001"
    await store.add_entry(old, entry(await store.next_entry_id(old), "Where is the rota?"), "mod")
    await store.update_settings(old, CommunitySettings(locale="es", guard=True), "mod")
    await store.set_hidden(old, "sermo", True, "mod")
    await store.record_gap(old, "is there parking", "fallback")
    await store.record_answer(old, "c1")
    await store.vote(old, "c1", "voter", True)

    await store.move_community(old, new, actor="platform")

    assert await store.list_entries(old) == [] and await store.gaps(old) == []
    assert [e.entry.id for e in await store.list_entries(new)] == ["c1"]
    assert (await store.get_settings(new)).locale == "es"
    assert await store.hidden_entries(new) == {"sermo"}
    assert [g.text for g in await store.gaps(new)] == ["is there parking"]
    stats = await store.stats(new, 30)
    assert stats.answered == 1 and stats.helpful == 1
    assert await store.next_entry_id(new) == "c2"  # the counter moved too: ids are never reused
    assert any(record.action == "move" for record in await store.history(new, "community"))
    await store.close()


async def test_move_refuses_to_merge_into_a_community_with_entries(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "db.sqlite")
    await store.open()
    await store.add_entry("a", entry("c1", "one?"), "mod")
    await store.add_entry("b", entry("c1", "two?"), "mod")
    with pytest.raises(StoreError, match="already has FAQ entries"):
        await store.move_community("a", "b", actor="platform")
    assert [e.entry.questions.en for e in await store.list_entries("a")] == [["one?"]]  # nothing lost
    await store.close()
