"""The slash command tree, generated from the registry (`bot.commands`): no command is named here."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, Protocol, runtime_checkable

import discord
from discord import app_commands

from adapters.discord.context import interaction_message
from adapters.discord.render import truncate
from bot.assistant import Assistant
from bot.commands import COMMANDS, Arg, Command

log = logging.getLogger(__name__)

DESCRIPTION_LIMIT = 100
CHOICE_LIMIT = 25
CHOICE_TEXT_LIMIT = 100

# --- translating Discord into the core's terms -------------------------------------------------

# --- commands from the registry ------------------------------------------------------------------
@runtime_checkable
class CommandRunner(Protocol):
    """What the commands need from the client (`DocSocialClient`), without importing it."""

    @property
    def core(self) -> Assistant: ...

    async def run_command(self, interaction: discord.Interaction[Any], text: str, *, private: bool = False) -> None:
        ...


def _client(interaction: discord.Interaction[Any]) -> CommandRunner:
    client = interaction.client
    if not isinstance(client, CommandRunner):
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
