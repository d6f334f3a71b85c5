"""The guided add's state lives behind DialogueStore: a store that copies drafts (like a database would)
carries a whole dialogue, so only saved changes count."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from bot.faq import FaqRequest, FaqService
from bot.faq.dialogue import DialogueKey, Draft
from bot.models import Suggestion
from bot.storage.sqlite.store import SQLiteStore

MOD = FaqRequest(community_id="telegram:-100123", actor="telegram:1", is_moderator=True, locale="en")


class CopyingDialogues:
    """Hands out copies, as a store-backed implementation would: nothing survives without save()."""

    def __init__(self) -> None:
        self.rows: dict[DialogueKey, Draft] = {}
        self.saves = 0

    async def start(self, key: DialogueKey) -> Draft:
        self.rows[key] = Draft()
        return copy.deepcopy(self.rows[key])

    async def get(self, key: DialogueKey) -> Draft | None:
        row = self.rows.get(key)
        return copy.deepcopy(row) if row is not None else None

    async def exists(self, key: DialogueKey) -> bool:
        return key in self.rows

    async def save(self, key: DialogueKey, draft: Draft) -> None:
        self.saves += 1
        self.rows[key] = copy.deepcopy(draft)

    async def end(self, key: DialogueKey) -> bool:
        return self.rows.pop(key, None) is not None


async def _no_similar_change(community_id: str) -> None:
    return None


def _nothing_similar(text: str, community_id: str) -> list[tuple[Suggestion, float]]:
    return []


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteStore]:
    async with SQLiteStore(tmp_path / "dialogue.db") as opened:
        yield opened


async def test_a_copying_dialogue_store_carries_the_guided_add(store: SQLiteStore) -> None:
    dialogues = CopyingDialogues()
    faq = FaqService(store, {}, _nothing_similar, _no_similar_change, dialogues=dialogues)
    await faq.handle("add", MOD)
    assert await faq.in_dialogue(MOD)
    assert "Step 2 of 3" in (await faq.dialogue_step("Where is the rota?", MOD)).body
    assert "Step 3 of 3" in (await faq.dialogue_step("On the intranet.", MOD)).body
    done = await faq.dialogue_step("skip", MOD)
    assert done.kind == "info" and done.entry_id == "c1"
    assert dialogues.rows == {} and dialogues.saves >= 2
    stored = (await store.get_entry(MOD.community_id, "c1")).entry
    assert stored.questions.en == ["Where is the rota?"] and stored.answer.en == "On the intranet."
