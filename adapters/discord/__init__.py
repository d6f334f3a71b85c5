"""The Discord adapter: slash commands from the registry, replies as embeds, buttons that survive restarts."""

from adapters.discord.client import DocSocialClient, build_client, command_payloads, serve, sync_commands
from adapters.discord.forms import FormModal

__all__ = ["DocSocialClient", "FormModal", "build_client", "command_payloads", "serve", "sync_commands"]
