"""Start one or both chat adapters on one shared assistant, and stop them cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import signal

from bot.assistant import Assistant
from bot.config import Settings

log = logging.getLogger(__name__)


async def run_platforms(settings: Settings, target: str) -> int:
    """Run "telegram", "discord" or "all" until SIGINT/SIGTERM; return an exit code."""
    wanted = ["telegram", "discord"] if target == "all" else [target]
    missing = [
        name
        for name in wanted
        if (settings.telegram_bot_token if name == "telegram" else settings.discord_bot_token) is None
    ]
    if missing:
        names = ", ".join(f"{n.upper()}_BOT_TOKEN" for n in missing)
        log.error("cannot start %s: set %s (see README)", " and ".join(missing), names)
        return 2
    assistant = await Assistant.create(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        servers = []
        if "telegram" in wanted:
            from adapters.telegram import serve as serve_telegram

            servers.append(serve_telegram(assistant, settings, stop))
        if "discord" in wanted:
            from adapters.discord import serve as serve_discord

            servers.append(serve_discord(assistant, settings, stop))
        await asyncio.gather(*servers)
    finally:
        await assistant.close()
        log.info("stopped cleanly")
    return 0
