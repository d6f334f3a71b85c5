"""Discord interactions and messages in the core's terms: `Message` and the moderator question."""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.config import Settings
from bot.models import Locale, Message

log = logging.getLogger(__name__)

PLATFORM = "discord"

# --- translating Discord into the core's terms -------------------------------------------------

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
