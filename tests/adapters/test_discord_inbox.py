# ruff: noqa: F811  (the fixtures imported from test_discord are parameters here, which ruff reads as redefinitions)
"""Discord: an interaction deferred before a crash is finished after restart through its follow-up webhook
while its token is valid (15 minutes); one that cannot be is counted as expired. Uses test_discord's fakes."""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import pytest

from adapters.discord.inbox import PLATFORM
from bot.inbox import InboxSettings, owners
from bot.models import Message
from bot.storage.base import InboxUpdate
from tests.adapters.test_discord import (  # noqa: F401  (fixtures)
    assistant,
    fake,
    harness,
    make_core_slow,
    settings,
)
from tests.fakes.discord_api import APP_ID, Harness

TOKEN = "interaction-token-never-logged"


async def test_a_deferred_interaction_is_kept_in_the_inbox_until_answered(harness: Harness,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    make_core_slow(harness, monkeypatch)
    stored: list[int] = []
    store = harness.client.core.store
    original = store.inbox_put

    async def spy(updates: list[InboxUpdate], **kwargs: object) -> int:
        stored.extend(u.update_id for u in updates)
        return await original(updates, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "inbox_put", spy)
    calls = await harness.command("ask", question="What is Sermo?")
    assert calls[0].response_type == 5 and len(stored) == 1
    stats = await store.inbox_stats()
    assert (stats.done, stats.claimed) == (1, 0)  # answered: a restart will not answer it again


async def left_by_a_dead_worker(harness: Harness, age: dt.timedelta, question: str = "/ask What is Sermo?") -> None:
    """An interaction this host's previous process deferred and then died on."""
    host = owners.new_owner().rsplit(":", 2)[0]
    message = Message(text=question, platform="discord", community_id="discord:1", user_id="42",
                      is_private=False, addressed=True, locale="en")
    payload = {"application_id": APP_ID, "token": TOKEN, "kind": "command", "text": question,
               "message": message.model_dump(mode="json"), "moderator": False, "private": False}
    update = InboxUpdate(PLATFORM, 123456789, "discord:55", json.dumps(payload), dt.datetime.now(dt.UTC) - age)
    await harness.client.core.store.inbox_put([update], claim_for=f"{host}:{2**22 + 4242}:dead")


async def recover(harness: Harness) -> None:
    keeper = harness.client.deferred
    assert keeper is not None
    keeper.worker.settings = InboxSettings(poll_seconds=0.02, housekeeping_seconds=0.05)
    stop = asyncio.Event()
    task = asyncio.create_task(keeper.worker.run(stop))
    async with asyncio.timeout(10):
        while (await harness.client.core.store.inbox_stats()).done == 0:
            await asyncio.sleep(0.02)
    stop.set()
    await task


async def test_an_interaction_deferred_before_a_crash_is_answered_through_its_follow_up_webhook(
        harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
    await left_by_a_dead_worker(harness, dt.timedelta(minutes=2))
    await recover(harness)
    [sent] = [c for c in harness.fake.calls if c.is_followup]
    assert sent.path.startswith(f"/webhooks/{APP_ID}/{TOKEN}")
    assert "Sermo" in json.dumps(sent.message)
    assert TOKEN not in caplog.text


async def test_an_interaction_whose_token_expired_is_counted_not_answered(harness: Harness) -> None:
    await left_by_a_dead_worker(harness, dt.timedelta(minutes=16))
    await recover(harness)
    assert not [c for c in harness.fake.calls if c.is_followup]
    assert (await harness.client.core.store.inbox_stats()).counters == {"expired": 1}
