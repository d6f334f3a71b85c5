"""Telegram messages -> what the core needs: is it for us, who sent it, is the sender a group admin."""

from __future__ import annotations

import logging
import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from telegram import Message as TgMessage
from telegram.constants import ChatMemberStatus, ChatType, MessageEntityType
from telegram.error import TelegramError
from telegram.ext import (
    Application,
)

from bot.models import Locale

log = logging.getLogger(__name__)

MODERATOR_CACHE_SECONDS = 60.0
_MODERATOR_CACHE_SIZE = 10_000
_MODERATOR_STATUSES = frozenset({ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER})

TgApp = Application[Any, Any, Any, Any, Any, Any]  # handlers only use .bot; keep the generics open


def locale_of(language_code: str | None) -> Locale | None:
    """Telegram's client language as the core's locale hint."""
    if not language_code:
        return None
    return "es" if language_code.lower().startswith("es") else "en"


class ModeratorCache:
    """Remembers "is this user an admin here?" for a minute, so each message costs no API call."""

    def __init__(self, ttl: float = MODERATOR_CACHE_SECONDS, size: int = _MODERATOR_CACHE_SIZE) -> None:
        self._ttl = ttl
        self._size = size
        self._items: OrderedDict[tuple[int, int], tuple[float, bool]] = OrderedDict()

    def get(self, chat_id: int, user_id: int) -> bool | None:
        item = self._items.get((chat_id, user_id))
        if item is None or item[0] < time.monotonic():
            return None
        return item[1]

    def put(self, chat_id: int, user_id: int, value: bool) -> None:
        self._items[(chat_id, user_id)] = (time.monotonic() + self._ttl, value)
        self._items.move_to_end((chat_id, user_id))
        while len(self._items) > self._size:
            self._items.popitem(last=False)


class TelegramContext:
    """`bot.assistant.ChatContext` for one Telegram group message: moderators are the group's admins and owner.

    The core never asks in private chats (they have no moderators).
    """

    def __init__(self, app: TgApp, chat_id: int, user_id: int, cache: ModeratorCache,
                 anonymous_admin: bool = False) -> None:
        self._app = app
        self._chat_id = chat_id
        self._user_id = user_id
        self._cache = cache
        self._anonymous_admin = anonymous_admin

    async def sender_is_moderator(self) -> bool:
        if self._anonymous_admin:  # "send as the group": only admins can
            return True
        cached = self._cache.get(self._chat_id, self._user_id)
        if cached is not None:
            return cached
        try:
            member = await self._app.bot.get_chat_member(self._chat_id, self._user_id)
        except TelegramError as exc:
            log.warning("get_chat_member failed (%s); treating the sender as a member", type(exc).__name__)
            return False
        result = member.status in _MODERATOR_STATUSES
        self._cache.put(self._chat_id, self._user_id, result)
        return result


@dataclass(frozen=True)
class Incoming:
    """What the adapter decided about one Telegram message before the core sees it."""

    text: str
    addressed: bool
    command: str | None  # lower-case command name without the slash, if the message is a command


def classify(message: TgMessage, bot_id: int, bot_username: str) -> Incoming | None:
    """Is this message for us? None means "ignore entirely" (a command for another bot)."""
    raw = message.text if message.text is not None else (message.caption or "")
    entities = message.parse_entities() if message.text is not None else message.parse_caption_entities()
    private = message.chat.type == ChatType.PRIVATE
    me = bot_username.lower()
    command: str | None = None
    addressed = private
    mentioned = False
    for entity, value in entities.items():
        if entity.type == MessageEntityType.BOT_COMMAND and entity.offset == 0:
            name, _, target = value[1:].partition("@")
            if target and target.lower() != me:
                return None
            command = name.lower()
            addressed = True
        elif entity.type == MessageEntityType.MENTION and value[1:].lower() == me:
            mentioned = addressed = True
        elif entity.type == MessageEntityType.TEXT_MENTION and entity.user is not None and entity.user.id == bot_id:
            addressed = True
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        addressed = True
    if mentioned:  # "@DocSocialBot what is Sermo?" -> "what is Sermo?"
        raw = re.sub(rf"(?<!\S)@{re.escape(bot_username)}\b[,:]?", " ", raw, flags=re.IGNORECASE)
        raw = re.sub(r"[ \t]{2,}", " ", raw).strip()
    return Incoming(text=raw, addressed=addressed, command=command)
