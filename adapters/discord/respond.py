"""Replies to interactions and messages: defer when slow, ephemeral when private, forms as modals."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands

from adapters.discord.context import guild_id_of, locale_of
from adapters.discord.forms import FormModal
from adapters.discord.inbox import DeferredInteractions, Replay
from adapters.discord.render import ELLIPSIS, Outgoing, is_ephemeral, render
from bot.i18n import t
from bot.models import Reply

log = logging.getLogger(__name__)

DEFER_AFTER = 1.5  # seconds: slower core work is deferred ("thinking…") to stay inside Discord's 3 s
NO_MENTIONS = discord.AllowedMentions.none()

# --- translating Discord into the core's terms -------------------------------------------------

# --- answering ---------------------------------------------------------------------------------
async def respond(interaction: discord.Interaction[Any], work: Callable[[], Awaitable[Reply]], *,
                  private: bool = False, replay: Replay | None = None) -> Reply:
    """Run the core, deferring if it takes longer than DEFER_AFTER, and send its reply.

    Answering directly (not deferring first) keeps each reply's visibility right: errors and private
    answers are ephemeral even when the command's usual answer is public. A deferred interaction is
    kept in the inbox (with `replay`) until answered, so a restart can still finish it (inbox.py).
    """
    task = asyncio.ensure_future(work())
    done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER)
    keeper = getattr(interaction.client, "deferred", None)
    kept = False
    try:
        if not done:
            await interaction.response.defer(thinking=True, ephemeral=private)
            if isinstance(keeper, DeferredInteractions) and replay is not None:
                kept = await keeper.deferred(interaction, replay)
        reply = await task
        if reply.form is not None and not interaction.response.is_done():
            await interaction.response.send_modal(FormModal(reply.form))
            return reply
        await send_reply(interaction, reply, private=private, deferred_private=private)
        return reply
    finally:  # answered, or reported as an error by the caller: either way not to be answered again
        if kept and isinstance(keeper, DeferredInteractions):
            await keeper.answered(interaction)


async def follow_up(state: Any, application_id: int, token: str, reply: Reply, private: bool) -> None:
    """Send `reply` through an interaction's follow-up webhook (one deferred before a restart): the same
    webhook discord.py builds for `interaction.followup` (type 3: an application's)."""
    webhook = discord.Webhook.from_state(data={"id": application_id, "type": 3, "token": token}, state=state)
    ephemeral = private or is_ephemeral(reply)
    for item in render(reply):
        await webhook.send(ephemeral=ephemeral, **send_options(item))


def send_options(item: Outgoing) -> dict[str, Any]:
    options: dict[str, Any] = {"embeds": item.embeds, "allowed_mentions": NO_MENTIONS}
    if item.content:
        options["content"] = item.content
    if item.view is not None:
        options["view"] = item.view
    if item.files:
        options["files"] = item.files
    return options


async def send_reply(interaction: discord.Interaction[Any], reply: Reply, *, private: bool = False,
                     deferred_private: bool = False) -> None:
    """Send `reply` as the interaction's response (or follow-ups after a defer)."""
    outgoing = render(reply)
    ephemeral = (private and not reply.public) or is_ephemeral(reply)
    if not outgoing:  # "silent": acknowledge without showing anything
        if not interaction.response.is_done():
            if interaction.type is discord.InteractionType.component:
                await interaction.response.defer()  # an update that changes nothing
            else:
                await interaction.response.send_message(ELLIPSIS, ephemeral=True)
        elif interaction.response.type is discord.InteractionResponseType.deferred_channel_message:
            await interaction.delete_original_response()  # remove "thinking…"
        return
    rest = outgoing
    if not interaction.response.is_done():
        await interaction.response.send_message(ephemeral=ephemeral, **send_options(outgoing[0]))
        rest = outgoing[1:]
    elif ephemeral and not deferred_private:
        # The public "thinking…" message would become this private reply: remove it, send privately.
        await interaction.delete_original_response()
    for item in rest:
        await interaction.followup.send(ephemeral=ephemeral, **send_options(item))


async def deliver_to_channel(message: discord.Message, reply: Reply) -> None:
    """Answer a mention or DM in the channel; private replies go by DM with a public notice."""
    outgoing = render(reply)
    if not outgoing:
        return
    in_guild = guild_id_of(message) is not None
    if reply.private and in_guild:
        try:
            for item in outgoing:
                await message.author.send(**send_options(item))
        except discord.HTTPException:
            await message.reply(t("dm_closed", reply.locale), mention_author=False, allowed_mentions=NO_MENTIONS)
            return
        if reply.group_notice:
            await message.reply(discord.utils.escape_markdown(reply.group_notice), mention_author=False,
                                allowed_mentions=NO_MENTIONS)
        return
    # Short-lived notices (errors, "slow down") should not clutter a shared channel.
    extra: dict[str, Any] = {"delete_after": 60.0} if in_guild and is_ephemeral(reply) else {}
    first, *rest = outgoing
    await message.reply(mention_author=False, **send_options(first), **extra)
    for item in rest:
        await message.channel.send(**send_options(item), **extra)


async def report_error(interaction: discord.Interaction[Any], where: str, error: Exception) -> None:
    """Tell the user privately and log only what failed where: never texts, user ids or tokens."""
    original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    log.error("discord %s failed: %s", where, type(original).__name__)
    text = t("internal_error", locale_of(interaction.locale))
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as exc:
        log.warning("could not report the error to the user: %s", type(exc).__name__)
