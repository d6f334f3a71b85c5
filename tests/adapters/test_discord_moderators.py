"""The moderators' loop on Discord, against the fake in tests/fakes/discord_api.py: the weekly digest
goes to the channel the moderators picked, once a week; commands in replies show as code."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from discord.webhook.async_ import AsyncWebhookAdapter

from adapters.discord.digests import send_digests
from bot.assistant import Assistant
from bot.config import Settings
from bot.storage.sqlite.store import SQLiteStore
from tests.fakes.discord_api import (
    CHANNEL_ID,
    GUILD_ID,
    MANAGE_GUILD,
    MODERATOR_ID,
    FakeDiscord,
    Harness,
    interaction_payload,
    make_harness,
    response_of,
    subcommand_data,
)

DIGEST_CHANNEL = CHANNEL_ID + 7


@pytest.fixture
async def harness(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Harness]:
    settings = Settings()
    fake = FakeDiscord()
    monkeypatch.setattr(AsyncWebhookAdapter, "request", lambda _self, route, *a, **k: fake.webhook_request(
        route, *a, **k))
    assistant = await Assistant.create(settings, store=SQLiteStore(tmp_path / "db.sqlite"))
    built = await make_harness(assistant, settings, fake, monkeypatch)
    yield built
    await built.client.close()
    await assistant.close()


async def faq(harness: Harness, name: str, args: str = "") -> str:
    data = subcommand_data("faq", name, args=args) if args else subcommand_data("faq", name)
    calls = await harness.interact(interaction_payload(2, data, user_id=MODERATOR_ID, permissions=MANAGE_GUILD))
    embeds = response_of(calls).message.get("embeds") or [{}]
    return "\n".join(str(embeds[0].get(k, "")) for k in ("title", "description"))


async def test_digest_goes_to_the_picked_channel_once_a_week(harness: Harness) -> None:
    refused = await faq(harness, "settings", "digest weekly")
    assert "#moderators" in refused  # Discord has no "the group": a channel must be picked
    saved = await faq(harness, "settings", f"digest weekly <#{DIGEST_CHANNEL}>")
    assert "Setting saved" in saved
    await harness.command("ask", question="how do I delete my old tweets")
    assistant = harness.client.core
    assert await send_digests(assistant, harness.client) == 1
    assert await send_digests(assistant, harness.client) == 0  # claimed for this week
    posted = [c for c in harness.fake.calls if c.method == "POST" and c.path == f"/channels/{DIGEST_CHANNEL}/messages"]
    assert len(posted) == 1
    embed = posted[0].message["embeds"][0]
    assert embed["title"] == "This week in your group's FAQ"
    assert "delete my old tweets" in embed["description"] + str(embed.get("fields", ""))
    assert "`/faq settings digest off`" in embed["description"]  # a command as code, never escaped backticks
    settings = await assistant.store.get_settings(f"discord:{GUILD_ID}")
    assert (settings.digest, settings.digest_to) == ("weekly", f"channel:{DIGEST_CHANNEL}")
