"""Weekly digests on Discord: posted to the channel the moderators picked (`/faq settings digest weekly
#channel`). The core decides which digests are due (claimed once across workers and shards); this
module only posts them."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import discord

from adapters.discord.render import render
from adapters.discord.respond import send_options
from bot.assistant import Assistant
from bot.assistant.digests import CHECK_SECONDS

log = logging.getLogger(__name__)

PLATFORM = "discord"


async def send_digests(assistant: Assistant, client: discord.Client) -> int:
    """Post every digest due now; returns how many messages went out."""
    sent = 0
    for digest in await assistant.due_digests(PLATFORM):
        if not digest.to.startswith("channel:"):
            log.warning("a Discord digest has no channel to go to; skipped")
            continue
        try:
            channel = client.get_partial_messageable(int(digest.to.removeprefix("channel:")))
            for item in render(digest.reply):
                await channel.send(**send_options(item))
                sent += 1
        except (ValueError, discord.HTTPException) as exc:
            log.warning("weekly digest not delivered (%s)", type(exc).__name__)
    return sent


async def digest_loop(assistant: Assistant, client: discord.Client, stop: asyncio.Event,
                      interval: float = CHECK_SECONDS) -> None:
    """Once connected, check for due digests every `interval` seconds until `stop` is set."""
    await client.wait_until_ready()
    while not stop.is_set():
        try:
            await send_digests(assistant, client)
        except Exception as exc:  # a failed round must not end the loop (the next one retries)
            log.error("weekly digest round failed (%s)", type(exc).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), interval)
