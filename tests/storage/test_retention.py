"""Retention: unanswered questions older than the configured days are purged at start and daily."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.assistant import Assistant, OperatorContext
from bot.config import Settings
from bot.knowledge import CURATED_DIR, load_curated
from bot.matching import Matcher
from bot.models import Message
from bot.negatives import load_negatives
from bot.storage.sqlite.store import SQLiteStore


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


async def test_old_gaps_are_purged_while_running_at_most_daily(tmp_path: Path) -> None:
    clock = Clock()
    store = SQLiteStore(tmp_path / "db.sqlite", clock=clock)
    await store.open()
    settings = Settings(DOCSOCIAL_GAP_RETENTION_DAYS=30)
    matcher = Matcher(load_curated(), settings.match, negatives=load_negatives(CURATED_DIR))
    monotonic = [1000.0]
    assistant = Assistant(settings, load_curated(), matcher, store, clock=lambda: monotonic[0])
    ask = Message(text="how do I unclog the hospital printer", platform="cli")

    await assistant.handle(ask, OperatorContext())  # first message: purge runs (nothing to purge)
    assert [g.text for g in await store.gaps("local")] == ["how do I unclog the hospital printer"]

    clock.now += dt.timedelta(days=31)  # the gap is now past retention...
    monotonic[0] += 3600  # ...but the last purge was an hour ago
    await assistant.handle(Message(text="/help", platform="cli"), OperatorContext())
    assert len(await store.gaps("local")) == 1

    monotonic[0] += 24 * 3600  # a day later the next message triggers the purge
    await assistant.handle(Message(text="/help", platform="cli"), OperatorContext())
    assert await store.gaps("local") == []
    await store.close()
