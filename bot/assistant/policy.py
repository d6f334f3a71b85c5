"""Who may do what, and where data lives: decided here and nowhere else.

- The local operator (console, CLI) moderates every community and is never rate limited.
- A private chat has no moderators: its bucket is shared by every private user, so letting them edit
  it would let anyone change what everyone else is told.
- A command the registry marks `private` (/check: drafts may hold patient data) answers the sender only.
- In groups, `/faq` output without buttons and every guided-add step ask for the next message as a
  reply (Telegram's privacy mode only lets replies to the bot through).
"""

from __future__ import annotations

from typing import Protocol

from bot.buttons import with_buttons
from bot.commands import BY_NAME
from bot.faq import LOCAL_COMMUNITY
from bot.models import Message, Reply

OPERATOR_PLATFORMS = frozenset({"console", "cli"})


class ChatContext(Protocol):
    """What the core may ask the adapter about the current message (only ever asked in groups)."""

    async def sender_is_moderator(self) -> bool: ...


class OperatorContext:
    """The console and CLI operator moderates every community."""

    async def sender_is_moderator(self) -> bool:
        return True


def is_operator(message: Message) -> bool:
    return message.platform in OPERATOR_PLATFORMS


def community_of(message: Message) -> str:
    """Where a message's community data lives; private chats share one bucket per platform."""
    if message.community_id and message.community_id.strip():
        return message.community_id.strip()
    return LOCAL_COMMUNITY if is_operator(message) else f"{message.platform}:private"


async def is_moderator(message: Message, context: ChatContext) -> bool:
    """The operator moderates everything; a private chat has no moderators; in a group the adapter says."""
    if is_operator(message):
        return True
    if message.is_private:
        return False
    return await context.sender_is_moderator()


def answers_privately(command: str) -> bool:
    """Whether the registry says this command's answer goes to the sender only."""
    found = BY_NAME.get(command)
    return found is not None and found.private


def prompting(reply: Reply, message: Message, *, always: bool) -> Reply:
    """Mark a group reply as expecting the next step as a reply (see the module docstring)."""
    if message.is_private or reply.kind not in ("info", "error") or reply.form is not None:
        return reply
    if always or not with_buttons(reply, message.ref).buttons:
        return reply.model_copy(update={"prompt": True})
    return reply
