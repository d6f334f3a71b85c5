"""Weekly digests on Telegram: into the group, or privately to each admin who has started the bot.

The core decides which digests are due (claimed once across workers); this module only delivers. An
admin who never opened a private chat with the bot cannot be written to (Telegram answers 403): skipped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError

from adapters.telegram.render import render_html
from bot.assistant import Assistant
from bot.assistant.digests import CHECK_SECONDS, Digest

log = logging.getLogger(__name__)

PLATFORM = "telegram"
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def _recipients(bot: Bot, digest: Digest, chat_id: int) -> list[int]:
    if digest.to != "admins":
        return [chat_id]
    admins = await bot.get_chat_administrators(chat_id)
    return [member.user.id for member in admins if not member.user.is_bot]


async def send_digests(assistant: Assistant, bot: Bot) -> int:
    """Deliver every digest due now; returns how many messages went out."""
    sent = 0
    for digest in await assistant.due_digests(PLATFORM):
        try:
            chat_id = int(digest.community_id.split(":", 1)[1])
            recipients = await _recipients(bot, digest, chat_id)
        except (ValueError, TelegramError) as exc:
            log.warning("weekly digest not delivered (%s)", type(exc).__name__)
            continue
        for recipient in recipients:
            try:
                for part in render_html(digest.reply):
                    await bot.send_message(recipient, part, parse_mode=ParseMode.HTML,
                                           link_preview_options=_NO_PREVIEW)
                    sent += 1
            except Forbidden:
                continue  # an admin who never started the bot: nothing to do
            except TelegramError as exc:
                log.warning("weekly digest to one recipient failed (%s)", type(exc).__name__)
    return sent


async def digest_loop(assistant: Assistant, bot: Bot, stop: asyncio.Event, interval: float = CHECK_SECONDS) -> None:
    """Check for due digests now and then every `interval` seconds until `stop` is set."""
    while not stop.is_set():
        try:
            await send_digests(assistant, bot)
        except Exception as exc:  # a failed round must not end the loop (the next one retries)
            log.error("weekly digest round failed (%s)", type(exc).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), interval)
