"""The Discord adapter: slash commands from `bot.commands`, replies as embeds, buttons that survive restarts.

Thin by design: an interaction becomes a `bot.models.Message`, the core's `Reply` becomes embeds and
buttons (`adapters.discord_render`). The core decides everything else, including who may do what;
this module only answers its one question, "does the sender moderate this server?".

Imported as `adapters.discord`; `import discord` below is the discord.py library (absolute import).

Environment (besides `bot.config.Settings`):
  DISCORD_MESSAGE_CONTENT=1  request the privileged message content intent (enable it in the Developer
                             Portal too). Without it the bot still answers @mentions and DMs (Discord
                             delivers their text); with it, other server messages also reach the core
                             (patient-data guard, free-text answers when a server turns them on).
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import logging
import re
import sys
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import Any

import discord
from discord import app_commands

from adapters.discord_render import ELLIPSIS, ActionButton, Outgoing, is_ephemeral, render, truncate
from bot import actions
from bot.assistant import Assistant
from bot.commands import COMMANDS, Arg, Command
from bot.config import Settings
from bot.i18n import t
from bot.models import Form, Locale, Message, Reply

__all__ = ["DocSocialClient", "build_client", "command_payloads", "serve", "sync_commands"]

log = logging.getLogger(__name__)

PLATFORM = "discord"
DEFER_AFTER = 1.5  # seconds: slower core work is deferred ("thinking…") to stay inside Discord's 3 s
DESCRIPTION_LIMIT = 100
CHOICE_LIMIT = 25
CHOICE_TEXT_LIMIT = 100
MODAL_TITLE_LIMIT = 45  # modal titles and field labels
MESSAGE_CONTENT_ENV = "DISCORD_MESSAGE_CONTENT"
NO_MENTIONS = discord.AllowedMentions.none()

# --- translating Discord into the core's terms -------------------------------------------------
def locale_of(value: discord.Locale | str | None) -> Locale:
    """Discord's client language ("es-ES", "es-419", "en-US", ...) as the core's locale."""
    text = value.value if isinstance(value, discord.Locale) else (value or "")
    return "es" if text.lower().startswith("es") else "en"


def community_id(guild_id: int | None) -> str | None:
    return f"{PLATFORM}:{guild_id}" if guild_id else None


def interaction_message(interaction: discord.Interaction[Any], text: str, *, forms: bool = False) -> Message:
    """An interaction (command, button, form) as the core's `Message`; slash commands can open forms."""
    guild_id = interaction.guild_id
    return Message(text=text, platform=PLATFORM, community_id=community_id(guild_id),
                   user_id=str(interaction.user.id), is_private=guild_id is None, addressed=True,
                   locale=locale_of(interaction.locale), forms=forms)


class DiscordContext:
    """`bot.assistant.ChatContext`: Manage Server permission, or the configured moderator role, moderates.

    The core never asks in DMs (private chats have no moderators)."""

    def __init__(self, *, member: discord.Member | discord.User, moderator_role: str | None,
                 permissions: discord.Permissions | None = None) -> None:
        self.member = member
        self.moderator_role = moderator_role
        self.permissions = permissions  # resolved by Discord for interactions; else from the member's roles

    @classmethod
    def of_interaction(cls, interaction: discord.Interaction[Any], settings: Settings) -> DiscordContext:
        return cls(permissions=interaction.permissions, member=interaction.user,
                   moderator_role=settings.discord_moderator_role)

    @classmethod
    def of_message(cls, message: discord.Message, settings: Settings) -> DiscordContext:
        return cls(member=message.author, moderator_role=settings.discord_moderator_role)

    async def sender_is_moderator(self) -> bool:
        member = self.member if isinstance(self.member, discord.Member) else None
        permissions = self.permissions
        if permissions is None and member is not None and getattr(member, "guild", None) is not None:
            permissions = member.guild_permissions
        if permissions is not None and (permissions.manage_guild or permissions.administrator):
            return True
        role = self.moderator_role
        return bool(role) and member is not None and any(r.name == role for r in member.roles)


def guild_id_of(message: discord.Message) -> int | None:
    """The server a message was sent in (also when that server is not cached), None for DMs."""
    if message.guild is not None:
        return message.guild.id
    guild_id = getattr(message.channel, "guild_id", None)
    return guild_id if isinstance(guild_id, int) else None


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
        super().__init__(intents=intents, allowed_mentions=NO_MENTIONS)
        self.assistant = assistant
        self.settings = settings
        self.sync_guilds = sync_guilds
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
        self.add_dynamic_items(ActionButton)
        if not self.sync_guilds:
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
        await respond(interaction, lambda: self.core.handle(message, context), private=private)

    async def on_action(self, interaction: discord.Interaction[Any], payload: str) -> None:
        """A pressed `ActionButton`: the core decodes the payload and answers."""
        try:
            action = actions.decode(payload)
            message = interaction_message(interaction, "")
            context = DiscordContext.of_interaction(interaction, self.settings)
            pressed_on_private = interaction.message is not None and interaction.message.flags.ephemeral
            private = pressed_on_private or not isinstance(action, actions.ShowEntry)

            async def work() -> Reply:
                reply = await self.core.handle_action(payload, message, context)
                if reply.delete_message is not None and not (
                        await self._delete_flagged(interaction, reply.delete_message)):
                    reply = Reply(kind="error", locale=reply.locale, body=t("discord_delete_failed", reply.locale))
                return reply

            await respond(interaction, work, private=private)
        except Exception as exc:
            await report_error(interaction, "button", exc)

    async def _delete_flagged(self, interaction: discord.Interaction[Any], ref: str) -> bool:
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
                await interaction.message.edit(view=None)  # the guard's delete button has done its job
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


# --- answering ---------------------------------------------------------------------------------
async def respond(interaction: discord.Interaction[Any], work: Callable[[], Awaitable[Reply]], *,
                  private: bool = False) -> Reply:
    """Run the core, deferring if it takes longer than DEFER_AFTER, and send its reply.

    Answering directly (not deferring first) keeps each reply's visibility right: errors and private
    answers are ephemeral even when the command's usual answer is public.
    """
    task = asyncio.ensure_future(work())
    done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER)
    if not done:
        await interaction.response.defer(thinking=True, ephemeral=private)
    reply = await task
    if reply.form is not None and not interaction.response.is_done():
        await interaction.response.send_modal(FormModal(reply.form))
        return reply
    await send_reply(interaction, reply, private=private, deferred_private=private)
    return reply


def _send_options(item: Outgoing) -> dict[str, Any]:
    options: dict[str, Any] = {"embeds": item.embeds, "allowed_mentions": NO_MENTIONS}
    if item.content:
        options["content"] = item.content
    if item.view is not None:
        options["view"] = item.view
    return options


async def send_reply(interaction: discord.Interaction[Any], reply: Reply, *, private: bool = False,
                     deferred_private: bool = False) -> None:
    """Send `reply` as the interaction's response (or follow-ups after a defer)."""
    outgoing = render(reply)
    ephemeral = private or is_ephemeral(reply)
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
        await interaction.response.send_message(ephemeral=ephemeral, **_send_options(outgoing[0]))
        rest = outgoing[1:]
    elif ephemeral and not deferred_private:
        # The public "thinking…" message would become this private reply: remove it, send privately.
        await interaction.delete_original_response()
    for item in rest:
        await interaction.followup.send(ephemeral=ephemeral, **_send_options(item))


async def deliver_to_channel(message: discord.Message, reply: Reply) -> None:
    """Answer a mention or DM in the channel; private replies go by DM with a public notice."""
    outgoing = render(reply)
    if not outgoing:
        return
    in_guild = guild_id_of(message) is not None
    if reply.private and in_guild:
        try:
            for item in outgoing:
                await message.author.send(**_send_options(item))
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
    await message.reply(mention_author=False, **_send_options(first), **extra)
    for item in rest:
        await message.channel.send(**_send_options(item), **extra)


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


# --- commands from the registry ------------------------------------------------------------------
def _client(interaction: discord.Interaction[Any]) -> DocSocialClient:
    client = interaction.client
    if not isinstance(client, DocSocialClient):
        raise RuntimeError("DocSocial commands run only on a DocSocialClient")
    return client


def _text_pair(en: str, es: str, limit: int = DESCRIPTION_LIMIT) -> app_commands.locale_str:
    return app_commands.locale_str(truncate(en, limit) or "…", es=truncate(es, limit) or "…")


async def ask_autocomplete(interaction: discord.Interaction[Any], current: str) -> list[app_commands.Choice[str]]:
    """Entry titles the core suggests for what the user has typed so far."""
    try:
        client = _client(interaction)
        message = interaction_message(interaction, current or "?")
        suggestions = await client.core.suggest(current, message, CHOICE_LIMIT)
        titles = list(dict.fromkeys(truncate(" ".join(s.title.split()), CHOICE_TEXT_LIMIT) for s in suggestions))
        return [app_commands.Choice(name=title, value=title) for title in titles if title][:CHOICE_LIMIT]
    except Exception as exc:  # autocomplete must never break typing; log the type only
        log.error("discord /ask autocomplete failed: %s", type(exc).__name__)
        return []


def _slash_command(command: Command) -> app_commands.Command[Any, ..., None]:
    """One registry command as a slash command; its arguments become string options."""
    args: Sequence[Arg] = command.args

    async def callback(interaction: discord.Interaction[Any], **values: str | None) -> None:
        typed = [(values.get(arg.name) or "").strip() for arg in args]  # in the registry's order
        text = " ".join([f"/{command.name}", *(value for value in typed if value)])
        await _client(interaction).run_command(interaction, text, private=command.private)

    parameters = [inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    for arg in args:
        parameters.append(inspect.Parameter(
            arg.name, inspect.Parameter.KEYWORD_ONLY, annotation=str if arg.required else str | None,
            default=inspect.Parameter.empty if arg.required else None))
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    callback.__name__ = callback.__qualname__ = f"slash_{command.name}"
    function: Callable[..., Coroutine[Any, Any, None]] = callback
    if args:
        described = {a.name: _text_pair(command.arg_description(a, "en"), command.arg_description(a, "es"))
                     for a in args}
        function = app_commands.describe(**described)(function)
    choices = {a.name: [app_commands.Choice(name=c[:CHOICE_TEXT_LIMIT], value=c[:CHOICE_TEXT_LIMIT])
                        for c in a.choices[:CHOICE_LIMIT]] for a in args if a.choices}
    if choices:
        function = app_commands.choices(**choices)(function)
    slash: app_commands.Command[Any, ..., None] = app_commands.Command(
        name=command.name, description=_text_pair(command.summary("en"), command.summary("es")), callback=function)
    for arg in args:
        if arg.autocomplete and not arg.choices:
            slash.autocomplete(arg.name)(ask_autocomplete)
    return slash


def _subcommand(parent: Command, sub: Command) -> app_commands.Command[Any, ..., None]:
    """`/PARENT NAME [args]`, passed to the core as the text `/PARENT NAME ARGS`; a subcommand with a
    form takes no options (the core answers with the form)."""

    async def with_args(interaction: discord.Interaction[Any], args: str | None = None) -> None:
        text = " ".join(p for p in (f"/{parent.name}", sub.name, (args or "").strip()) if p)
        await _client(interaction).run_command(interaction, text, private=sub.private)

    async def without_args(interaction: discord.Interaction[Any]) -> None:
        await _client(interaction).run_command(interaction, f"/{parent.name} {sub.name}", private=sub.private)

    description = _text_pair(sub.summary("en"), sub.summary("es"))
    if not sub.args_hint or sub.form is not None:
        without_args.__name__ = without_args.__qualname__ = f"{parent.name}_{sub.name}"
        return app_commands.Command(name=sub.name, description=description, callback=without_args)
    with_args.__name__ = with_args.__qualname__ = f"{parent.name}_{sub.name}"
    described = app_commands.describe(args=truncate(sub.args_hint, DESCRIPTION_LIMIT))(with_args)
    return app_commands.Command(name=sub.name, description=description, callback=described)


class FormModal(discord.ui.Modal):
    """A core `Form` as a modal; its submission goes back to the core by the form's name."""

    def __init__(self, form: Form) -> None:
        super().__init__(title=truncate(form.title, MODAL_TITLE_LIMIT), timeout=900)
        self.form = form
        self.inputs: dict[str, discord.ui.TextInput[FormModal]] = {}
        for spec in form.fields:
            field: discord.ui.TextInput[FormModal] = discord.ui.TextInput(
                style=discord.TextStyle.paragraph if spec.multiline else discord.TextStyle.short,
                required=spec.required, max_length=spec.max_length)
            self.inputs[spec.name] = field
            self.add_item(discord.ui.Label(text=truncate(spec.label, MODAL_TITLE_LIMIT),
                                           description=truncate(spec.hint, DESCRIPTION_LIMIT) or None,
                                           component=field))

    async def on_submit(self, interaction: discord.Interaction[Any], /) -> None:
        client = _client(interaction)
        message = interaction_message(interaction, "")
        context = DiscordContext.of_interaction(interaction, client.settings)
        values = {name: field.value for name, field in self.inputs.items()}
        await respond(interaction, lambda: client.core.submit_form(self.form.name, values, message, context))

    async def on_error(  # type: ignore[override]  # Modal's own signature; mypy compares with BaseView's
        self, interaction: discord.Interaction[Any], error: Exception, /
    ) -> None:
        await report_error(interaction, "form", error)


def _group(command: Command) -> app_commands.Group:
    """A command with subcommands; a moderators' group is hidden from members and only offered in servers."""
    moderators = command.audience == "moderators"
    group = app_commands.Group(
        name=command.name, description=_text_pair(command.summary("en"), command.summary("es")),
        default_permissions=discord.Permissions(manage_guild=True) if moderators else None, guild_only=moderators,
        allowed_contexts=app_commands.AppCommandContext(guild=True) if moderators else None)
    for sub in command.subcommands:
        group.add_command(_subcommand(command, sub))
    return group


def build_commands() -> list[app_commands.Command[Any, ..., None] | app_commands.Group]:
    """Every menu command of the registry for everyone, plus each command group (the moderators' `/faq`)."""
    built: list[app_commands.Command[Any, ..., None] | app_commands.Group] = []
    for command in COMMANDS:
        if command.subcommands:
            built.append(_group(command))
        elif command.in_menu and command.audience == "everyone":
            built.append(_slash_command(command))
    return built


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
        await client.close()
        if not runner.done():
            runner.cancel()
        await asyncio.gather(runner, stopper, return_exceptions=True)
        log.info("discord adapter stopped")


async def sync_commands(settings: Settings, dry_run: bool) -> int:
    """Register the slash commands globally (`python -m bot discord sync [--dry-run]`)."""
    quiet_library_logs()
    client = DocSocialClient(None, settings, sync_guilds=False)
    try:
        if dry_run:
            print(json.dumps(await command_payloads(client), indent=2, ensure_ascii=False))
            return 0
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
