"""The Discord client: the connection, the command tree (commands.py), buttons, forms, mentions and DMs.

Thin by design: an interaction becomes a `bot.models.Message` (context.py), the core's `Reply` becomes
embeds and buttons (render.py, respond.py). The core decides everything else, including who may do what.

`import discord` below is the discord.py library (absolute import), not this package.

Environment (besides `bot.config.Settings`):
  DISCORD_MESSAGE_CONTENT=1  request the privileged message content intent (enable it in the Developer
                             Portal too). Without it the bot still answers @mentions and DMs (Discord
                             delivers their text); with it, other server messages also reach the core
                             (patient-data guard, free-text answers when a server turns them on).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import sys
from typing import Any

import discord
from discord import app_commands

from adapters.discord.commands import build_commands
from adapters.discord.context import PLATFORM, DiscordContext, community_id, guild_id_of, interaction_message, locale_of
from adapters.discord.digests import digest_loop
from adapters.discord.inbox import DeferredInteractions, Replay
from adapters.discord.limits import check_limits, describe
from adapters.discord.render import ActionButton, ChoiceSelect
from adapters.discord.respond import deliver_to_channel, follow_up, report_error, respond
from bot.assistant import Assistant
from bot.config import Settings
from bot.i18n import t
from bot.models import Message, Reply

__all__ = ["DocSocialClient", "build_client", "command_payloads", "serve", "sync_commands"]

log = logging.getLogger(__name__)


MESSAGE_CONTENT_ENV = "DISCORD_MESSAGE_CONTENT"
NO_MENTIONS = discord.AllowedMentions.none()

# --- translating Discord into the core's terms -------------------------------------------------

# --- the client ----------------------------------------------------------------------------------
def message_content_enabled(settings: Settings) -> bool:
    """Whether to ask for the privileged message content intent (DISCORD_MESSAGE_CONTENT)."""
    return settings.discord_message_content


class DocSocialClient(discord.Client):
    """discord.py client with the slash command tree; `assistant` is None only for `sync --dry-run`."""

    def __init__(self, assistant: Assistant | None, settings: Settings, *, sync_guilds: bool = True) -> None:
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False  # no voice: skip the warnings
        intents = discord.Intents.default()
        self.message_content = message_content_enabled(settings)
        intents.message_content = self.message_content
        # One shard per worker process when sharded; Discord routes each guild to one shard, so a
        # guild's events reach exactly one worker and all workers share state through the store.
        super().__init__(
            intents=intents,
            allowed_mentions=NO_MENTIONS,
            shard_id=settings.discord_shard_id,
            shard_count=settings.discord_shard_count,
        )
        self.assistant = assistant
        self.settings = settings
        self.sync_guilds = sync_guilds
        # deferred interactions are kept in the inbox, so a restart can still answer them
        self.deferred = DeferredInteractions(assistant, self.follow_up) if assistant is not None else None
        self.tree: app_commands.CommandTree[DocSocialClient] = app_commands.CommandTree(self)
        self.tree.error(self._on_tree_error)
        self.translator = SpanishTranslator()
        for command in build_commands():
            self.tree.add_command(command)

    @property
    def core(self) -> Assistant:
        if self.assistant is None:
            raise RuntimeError("this client was built without an assistant (command sync only)")
        return self.assistant

    async def setup_hook(self) -> None:
        await self.tree.set_translator(self.translator)
        self.add_dynamic_items(ActionButton, ChoiceSelect)
        if not self.sync_guilds or (self.settings.discord_shard_id or 0) != 0:  # once per deployment: shard 0
            return
        for guild_id in self.settings.discord_guild_ids:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to a development guild (DISCORD_GUILD_IDS)", len(synced))

    async def on_ready(self) -> None:
        log.info("connected to Discord as the bot user; in %d servers", len(self.guilds))

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        error = sys.exc_info()[1]
        log.error("discord event %s failed: %s", event_method, type(error).__name__)

    async def _on_tree_error(self, interaction: discord.Interaction[Any],
                             error: app_commands.AppCommandError) -> None:
        command = interaction.command.qualified_name if interaction.command is not None else "unknown"
        await report_error(interaction, f"/{command}", error)

    # --- slash commands, buttons, forms ---------------------------------------------------------
    async def run_command(self, interaction: discord.Interaction[Any], text: str, *, private: bool = False) -> None:
        message = interaction_message(interaction, text, forms=True)
        context = DiscordContext.of_interaction(interaction, self.settings)
        replay = Replay("command", text, message.model_copy(update={"forms": False}),
                        await context.sender_is_moderator(), private)
        await respond(interaction, lambda: self.core.handle(message, context), private=private, replay=replay)

    async def follow_up(self, application_id: int, token: str, reply: Reply, private: bool) -> None:
        """Answer an interaction deferred before a restart, through its follow-up webhook."""
        await follow_up(self._connection, application_id, token, reply, private)

    async def run_message_action(self, interaction: discord.Interaction[Any], name: str, text: str) -> None:
        """A message menu ("Check this post", "Ask DocSocial"): the core answers the sender only."""
        message = interaction_message(interaction, "")
        context = DiscordContext.of_interaction(interaction, self.settings)
        await respond(interaction, lambda: self.core.message_action(name, text, message, context), private=True)

    async def on_form(self, interaction: discord.Interaction[Any], name: str, values: dict[str, str]) -> None:
        """A submitted `FormModal`: the core checks and answers as for the command that opened it."""
        message = interaction_message(interaction, "")
        context = DiscordContext.of_interaction(interaction, self.settings)
        await respond(interaction, lambda: self.core.submit_form(name, values, message, context))

    async def on_form_error(self, interaction: discord.Interaction[Any], error: Exception) -> None:
        await report_error(interaction, "form", error)

    async def on_action(self, interaction: discord.Interaction[Any], payload: str) -> None:
        """A pressed `ActionButton`: the core decodes the payload and answers."""
        try:
            message = interaction_message(interaction, "")
            context = DiscordContext.of_interaction(interaction, self.settings)
            # a button on a private message answers privately too (unless the reply is `public`); the reply
            # says when else to
            private = interaction.message is not None and interaction.message.flags.ephemeral

            async def work() -> Reply:
                reply = await self.core.handle_action(payload, message, context)
                if reply.delete_message is not None and not (
                        await self._delete_flagged(interaction, reply.delete_message, reply.delete_origin)):
                    reply = Reply(kind="error", locale=reply.locale, body=t("discord_delete_failed", reply.locale))
                return reply

            replay = Replay("action", payload, message, await context.sender_is_moderator(), private)
            await respond(interaction, work, private=private, replay=replay)
        except Exception as exc:
            await report_error(interaction, "button", exc)

    async def _delete_flagged(self, interaction: discord.Interaction[Any], ref: str, with_origin: bool) -> bool:
        """Delete the message the guard flagged (the core has allowed it); False if Discord would not."""
        channel_id, _, message_id = ref.partition(":")
        try:
            if int(channel_id) != interaction.channel_id:
                return False  # the guard's button only deletes in its own channel
            channel = self.get_partial_messageable(int(channel_id))
            await channel.get_partial_message(int(message_id)).delete()
        except (ValueError, discord.HTTPException):
            return False
        if interaction.message is not None:
            with contextlib.suppress(discord.HTTPException):
                if with_origin:  # the reminder goes with the message it was about
                    await interaction.message.delete()
                else:
                    await interaction.message.edit(view=None)  # the delete button has done its job
        return True

    # --- mentions and direct messages -----------------------------------------------------------
    async def on_message(self, message: discord.Message) -> None:
        if self.user is None or self.assistant is None or message.author.bot or not message.content:
            return
        guild_id = guild_id_of(message)
        private = guild_id is None
        mentioned = self.user.id in message.raw_mentions
        if not (private or mentioned or self.message_content):
            return
        text = re.sub(rf"<@!?{self.user.id}>", " ", message.content).strip()
        core_message = Message(text=text, platform=PLATFORM, user_id=str(message.author.id), is_private=private,
                               community_id=community_id(guild_id), addressed=private or mentioned,
                               ref=f"{message.channel.id}:{message.id}")
        reply = await self.assistant.handle(core_message, DiscordContext.of_message(message, self.settings))
        await deliver_to_channel(message, reply)


class SpanishTranslator(app_commands.Translator):
    """Spanish command and option descriptions, carried in each `locale_str`'s `es` extra."""

    async def translate(self, string: app_commands.locale_str, locale: discord.Locale,
                        context: app_commands.TranslationContextTypes) -> str | None:
        if locale_of(locale) != "es":
            return None
        spanish = string.extras.get("es")
        return spanish if isinstance(spanish, str) else None


def build_client(assistant: Assistant, settings: Settings) -> DocSocialClient:
    """The client with its command tree; `serve` runs it, tests drive it."""
    return DocSocialClient(assistant, settings)


async def command_payloads(client: DocSocialClient) -> list[dict[str, Any]]:
    """The JSON bodies `tree.sync()` sends to Discord, Spanish localizations included."""
    tree = client.tree
    return [await command.get_translated_payload(tree, client.translator) for command in tree.get_commands()]


# --- entry points ------------------------------------------------------------------------------------
def quiet_library_logs() -> None:
    """discord.py logs request bodies and gateway events at DEBUG: keep it at INFO or above so message
    texts never reach the logs, whatever DOCSOCIAL_LOG_LEVEL says."""
    library = logging.getLogger("discord")
    if library.getEffectiveLevel() < logging.INFO:
        library.setLevel(logging.INFO)


async def serve(assistant: Assistant, settings: Settings, stop: asyncio.Event) -> None:
    """Run the bot until `stop` is set, then close the connection cleanly."""
    if settings.discord_bot_token is None:
        raise RuntimeError("DISCORD_BOT_TOKEN is not set")
    quiet_library_logs()
    client = build_client(assistant, settings)
    runner = asyncio.create_task(client.start(settings.discord_bot_token.get_secret_value()), name="discord")
    stopper = asyncio.create_task(stop.wait(), name="discord-stop")
    keeper = client.deferred
    recovering = asyncio.create_task(_recover(client, keeper, stop), name="discord-inbox") if keeper else None
    digests = asyncio.create_task(digest_loop(assistant, client, stop), name="discord-digests")
    try:
        done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if runner in done:
            runner.result()  # raises LoginFailure, PrivilegedIntentsRequired, ...
    except discord.LoginFailure:
        log.error("Discord rejected DISCORD_BOT_TOKEN; reset it in the Developer Portal (Bot tab)")
        raise
    except discord.PrivilegedIntentsRequired:
        log.error("%s=1 needs the Message Content intent enabled in the Developer Portal (Bot tab)",
                  MESSAGE_CONTENT_ENV)
        raise
    finally:
        stopper.cancel()
        if recovering is not None:
            stop.set()
            await asyncio.gather(recovering, return_exceptions=True)
        digests.cancel()
        await client.close()
        if not runner.done():
            runner.cancel()
        await asyncio.gather(runner, stopper, digests, return_exceptions=True)
        log.info("discord adapter stopped")


async def _recover(client: DocSocialClient, keeper: DeferredInteractions, stop: asyncio.Event) -> None:
    """Once connected, finish what a dead worker deferred (adapters/discord/inbox.py)."""
    ready = asyncio.create_task(client.wait_until_ready())
    stopped = asyncio.create_task(stop.wait())
    await asyncio.wait({ready, stopped}, return_when=asyncio.FIRST_COMPLETED)
    ready.cancel()
    stopped.cancel()
    if not stop.is_set():
        await keeper.worker.run(stop)


async def sync_commands(settings: Settings, dry_run: bool) -> int:
    """Register the slash commands globally (`python -m bot discord sync [--dry-run]`)."""
    quiet_library_logs()
    client = DocSocialClient(None, settings, sync_guilds=False)
    try:
        payloads = await command_payloads(client)
        problems = check_limits(payloads)
        if dry_run:
            print(json.dumps(payloads, indent=2, ensure_ascii=False))
            for payload in payloads:
                print(describe(payload), file=sys.stderr)
            print("Discord limits: " + ("; ".join(problems) if problems else "all commands within them"),
                  file=sys.stderr)
            return 1 if problems else 0
        if problems:
            print("Not syncing: " + "; ".join(problems), file=sys.stderr)
            return 1
        if settings.discord_bot_token is None:
            print("DISCORD_BOT_TOKEN is not set: put the bot token in the environment or .env "
                  "(or use --dry-run to print the commands without connecting).", file=sys.stderr)
            return 2
        try:
            await client.login(settings.discord_bot_token.get_secret_value())
        except discord.LoginFailure:
            print("Discord rejected DISCORD_BOT_TOKEN; copy a fresh token from the Developer Portal.",
                  file=sys.stderr)
            return 2
        synced = await client.tree.sync()
        print(f"Synced {len(synced)} application commands globally "
              "(Discord may take a while to show changes in every server).")
        return 0
    finally:
        await client.close()
