"""Discord interactions that survive a crash: a deferred one is finished after restart, while it can be.

Discord never redelivers an interaction. Once the bot has deferred one ("thinking…"), its follow-up
webhook (application id + interaction token) accepts the answer for 15 minutes, from any process. So
at defer time the interaction is stored in the inbox, already claimed by this worker, with what is
needed to answer it again (the core's `Message`, whether the sender moderates, the token); it is
marked done once the answer is sent. If the process dies first, the inbox hands the row to the next
worker (at restart, or a sibling shard), which answers through the follow-up webhook if the token is
still valid and otherwise counts it as "expired". The token is erased with the payload when done and
is never logged.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

import discord

from bot import inbox
from bot.assistant import Assistant
from bot.inbox import InboxSettings, InboxWorker
from bot.models import Message, Reply
from bot.storage.base import InboxItem, InboxUpdate, StoreError

log = logging.getLogger(__name__)

PLATFORM = "discord"
TOKEN_LIFETIME = dt.timedelta(minutes=15)  # Discord's validity of an interaction token
_SAFETY = dt.timedelta(seconds=30)  # do not start an answer the token may not live to deliver

# (application id, interaction token, reply, ephemeral) -> sent through the follow-up webhook
FollowUp = Callable[[int, str, Reply, bool], Awaitable[None]]


@dataclass(frozen=True)
class Replay:
    """What answering an interaction again takes: the command text or button payload, and who asked."""

    kind: Literal["command", "action"]
    text: str
    message: Message
    moderator: bool
    private: bool


class _Known:
    """The sender's moderator status as it was when the interaction arrived."""

    def __init__(self, moderator: bool) -> None:
        self.moderator = moderator

    async def sender_is_moderator(self) -> bool:
        return self.moderator


class DeferredInteractions:
    """Remembers deferred interactions in the inbox and finishes the ones a dead worker left."""

    def __init__(self, assistant: Assistant, follow_up: FollowUp, settings: InboxSettings | None = None) -> None:
        self.assistant = assistant
        self.follow_up = follow_up
        self.worker = InboxWorker(assistant.store, [PLATFORM], self._replay, settings)

    async def deferred(self, interaction: discord.Interaction[Any], replay: Replay) -> bool:
        """Store a just-deferred interaction, claimed by this worker; False if the store is down (the
        answer still goes out now, only crash recovery is lost)."""
        payload = {
            "application_id": interaction.application_id,
            "token": interaction.token,
            "kind": replay.kind,
            "text": replay.text,
            "message": replay.message.model_dump(mode="json"),
            "moderator": replay.moderator,
            "private": replay.private,
        }
        now = dt.datetime.now(dt.UTC)
        update = InboxUpdate(PLATFORM, interaction.id, f"{PLATFORM}:{interaction.channel_id}", json.dumps(payload),
                             interaction.created_at if interaction.created_at < now else now)
        try:
            await self.assistant.store.inbox_put([update], claim_for=self.worker.owner, lease=self.worker.lease)
        except StoreError as exc:
            log.warning("discord: could not remember a deferred interaction (%s)", exc)
            return False
        return True

    async def answered(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await self.assistant.store.inbox_finish(PLATFORM, interaction.id, self.worker.owner, "answered")
        except StoreError as exc:  # it would be answered again after a crash: say so
            log.warning("discord: could not mark an interaction answered (%s)", exc)

    async def _replay(self, item: InboxItem) -> None:
        """Answer an interaction a dead worker had deferred, through its follow-up webhook."""
        data = json.loads(item.update.payload)
        ticket = inbox.current()
        if dt.datetime.now(dt.UTC) > item.update.received_at + TOKEN_LIFETIME - _SAFETY:
            if ticket is not None:
                ticket.outcome = "expired"
            log.warning("discord: a deferred interaction could not be completed: its token expired "
                        "(counter inbox.expired)")
            return
        message = Message.model_validate(data["message"])
        context = _Known(bool(data["moderator"]))
        if data["kind"] == "action":
            reply = await self.assistant.handle_action(data["text"], message, context)
        else:
            reply = await self.assistant.handle(message, context)
        reply = inbox.late_reply(reply)
        await inbox.before_send()
        await self.follow_up(int(data["application_id"]), str(data["token"]), reply, bool(data["private"]))
        log.info("discord: completed an interaction deferred before a restart")
