"""Telegram through the durable inbox: an update is stored before Telegram learns it arrived.

PTB's long-polling loop awaits `update_queue.put(update)` for every update of a batch and only then
asks for the next offset (which confirms the batch to Telegram); its webhook handler answers 200 only
after the same `put` returns. `InboxQueue.put` therefore stores the update in the inbox (one
transaction) instead of queueing it in memory: a process killed at any instant loses nothing that
Telegram considers delivered. A failed store raises `NetworkError`, so polling fetches the batch
again and the webhook answers 500 (Telegram redelivers). `InboxWorker` then feeds stored updates to
`Application.process_update`, concurrently across chats and in order within each chat.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import Any

from telegram import Update
from telegram.error import NetworkError

from bot.inbox import InboxWorker
from bot.storage.base import InboxItem, InboxUpdate, StoreError

PLATFORM = "telegram"


def to_inbox(update: Update, now: dt.datetime) -> InboxUpdate:
    """The stored form: keyed by update_id, ordered per chat, dated by the message when it has one."""
    chat = update.effective_chat
    user = update.effective_user
    chat_key = f"{PLATFORM}:{chat.id}" if chat is not None else f"{PLATFORM}:user:{user.id if user else 0}"
    message = update.message or update.edited_message
    sent_at = message.date if message is not None else now
    return InboxUpdate(PLATFORM, update.update_id, chat_key, update.to_json(), min(now, sent_at))


class InboxQueue(asyncio.Queue[Any]):
    """The Application's update queue: `put` of an Update stores it durably and returns after the commit.

    Anything else (PTB's own stop signal) goes into the ordinary queue.
    """

    def __init__(self) -> None:
        super().__init__()
        self.worker: InboxWorker | None = None

    async def put(self, item: Any) -> None:
        if not isinstance(item, Update) or self.worker is None:
            await super().put(item)
            return
        try:
            await self.worker.put([to_inbox(item, dt.datetime.now(dt.UTC))])
        except StoreError as exc:  # not confirmed: polling fetches it again, the webhook answers 500
            raise NetworkError(f"the inbox could not store update {item.update_id}: {exc}") from exc


def from_inbox(item: InboxItem, bot: Any) -> Update:
    """The stored update back as PTB's object, bound to `bot`."""
    update = Update.de_json(json.loads(item.update.payload), bot)
    if update is None:  # pragma: no cover - de_json returns None only for None data
        raise ValueError("empty stored update")
    return update
