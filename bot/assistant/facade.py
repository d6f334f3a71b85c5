"""The assistant: one `Message` in, one `Reply` out, the same on every platform.

It decides everything a user can observe (commands, matching outcome, permissions policy,
rate limits, what is logged) and asks the adapter only one thing, through `ChatContext`:
whether the sender moderates this community.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
from pathlib import Path

from bot import actions, views
from bot.assistant.digests import Digest, due_digests
from bot.assistant.learning import learn_choice, utcnow
from bot.assistant.policy import ChatContext, OperatorContext, community_of, is_moderator, prompting
from bot.assistant.reach import Reach
from bot.buttons import with_buttons
from bot.commands import FAQ_ADD_FORM
from bot.config import Settings
from bot.i18n import t
from bot.knowledge import CURATED_DIR
from bot.matching.cache import load_or_train
from bot.matching.normalize import strip_control
from bot.models import Locale, Message, Reply
from bot.salt import resolve_salt
from bot.storage.base import Store, StoreError
from bot.storage.factory import create_store

__all__ = ["Assistant", "ChatContext", "OperatorContext"]

log = logging.getLogger(__name__)


class Assistant(Reach):
    """Answers messages from any adapter; create with `await Assistant.create(settings)`."""

    @classmethod
    async def create(
        cls, settings: Settings, *, knowledge_dir: Path | None = None, store: Store | None = None
    ) -> Assistant:
        """Load and validate knowledge (raises KnowledgeError), build the matcher, open storage."""
        directory = knowledge_dir or CURATED_DIR
        entries, matcher = load_or_train(
            directory, settings.match, curated=knowledge_dir is None, cache_dir=settings.cache_dir
        )
        salt = resolve_salt(settings)  # before connecting: a missing salt is a configuration error
        if store is None:
            store = create_store(settings)
        await store.open()
        assistant = cls(settings, entries, matcher, store, salt=salt)
        gc.freeze()  # knowledge and indexes live as long as the process: keep GC pauses off the hot path
        await assistant.purge_if_due()
        return assistant

    async def handle(self, message: Message, context: ChatContext) -> Reply:
        """Answer one message. Never raises for bad input; storage failures become error replies."""
        community = community_of(message)
        try:
            await self.purge_if_due()
            await self._ensure_loaded(community)
            reply = await self._dispatch(message, context, community)
            await self._remember_answer(message, community, reply)
            return with_buttons(reply, message.ref)
        except StoreError as exc:
            locale = message.locale or "en"
            return Reply(kind="error", locale=locale, title=t("store_error_title", locale), body=str(exc))

    async def _dispatch(self, message: Message, context: ChatContext, community: str) -> Reply:
        text = strip_control(message.text).strip()
        if text.startswith("/"):
            return await self._command(text, message, context, community)
        if await self.faq.has_dialogue(community, self._user_key(message)):
            request = await self._faq_request(message, context, community, text, ask_moderator=False)
            return prompting(await self.faq.dialogue_step(text, request), message, always=True)
        if not message.addressed:
            return await self._chatter(text, message, community)
        if await self.draft_awaited(message):
            return await self._check(text, message, community)
        return await self.answer(text, message, community)

    async def handle_action(self, payload: str, message: Message, context: ChatContext) -> Reply:
        """A pressed button: show an entry, record a helpful / not helpful vote, or allow a delete."""
        return with_buttons(await self._action(payload, message, context), message.ref)

    async def _action(self, payload: str, message: Message, context: ChatContext) -> Reply:
        community = community_of(message)
        locale: Locale = message.chosen_locale or message.locale or "en"
        action = actions.decode(payload)
        try:
            locale = await self._locale(message, community)
            await self._ensure_loaded(community)
            if isinstance(action, actions.ShowEntry):
                entry = self.matcher.entry(action.entry_id, community)
                if entry is None or self.matcher.is_hidden(entry.id, community):
                    return Reply(kind="error", locale=locale, body=t("entry_gone", locale))
                await self.store.record_answer(community, entry.id)
                await learn_choice(self.store, self._user_key(message), community, entry.id, utcnow())
                reply = views.entry_reply(entry, locale, lambda i: self.matcher.entry(i, community))
                await self._remember_answer(message, community, reply)
                return await self.with_chart(reply)
            if isinstance(action, actions.ShareEntry):
                return await self._share(action.entry_id, message, community, locale)
            # a vote's thanks and a delete's outcome concern only whoever pressed the button
            if isinstance(action, actions.Feedback):
                voted = await self._vote(message, community, action.entry_id, action.helpful, locale)
                return voted.model_copy(update={"ephemeral": True})
            if isinstance(action, actions.DeleteMessage):
                allowed = await self.authorize_delete(message, context, action.message_ref)
                return allowed.model_copy(update={"ephemeral": True})
        except StoreError as exc:
            return Reply(kind="error", locale=locale, title=t("store_error_title", locale), body=str(exc))
        return Reply(kind="error", locale=locale, body=t("button_unknown", locale))

    async def _share(self, entry_id: str, message: Message, community: str, locale: Locale) -> Reply:
        """Post an answer publicly that only its asker saw: the same entry, for everyone, no buttons to vote."""
        entry = self.matcher.entry(entry_id, community)
        if entry is None or self.matcher.is_hidden(entry.id, community):
            return Reply(kind="error", locale=locale, body=t("entry_gone", locale))
        reply = views.entry_reply(entry, locale, lambda i: self.matcher.entry(i, community))
        return await self.with_chart(reply.model_copy(update={"feedback": False, "followups": [], "public": True}))

    async def authorize_delete(self, message: Message, context: ChatContext, message_ref: str) -> Reply:
        """Policy for the guard's delete button: moderators only; the reply carries the delete effects:
        the flagged message, and the reminder itself, so no trace of the flagged text is left."""
        locale = await self._locale(message, community_of(message))
        if not await is_moderator(message, context):
            return Reply(kind="refusal", locale=locale, body=t("delete_refused", locale))
        return Reply(kind="info", locale=locale, body=t("delete_done", locale), delete_message=message_ref,
                     delete_origin=True)

    async def due_digests(self, platform: str, now: dt.datetime | None = None) -> list[Digest]:
        """Weekly digests this platform should deliver now (each claimed once across all workers)."""
        return await due_digests(self.store, self.faq, platform, now or dt.datetime.now(dt.UTC))

    async def is_moderator(self, message: Message, context: ChatContext) -> bool:
        """See `bot.assistant.policy.is_moderator`."""
        return await is_moderator(message, context)

    async def submit_form(self, name: str, values: dict[str, str], message: Message, context: ChatContext) -> Reply:
        """A submitted form (see `Reply.form`); unknown forms are answered like expired buttons."""
        if name != FAQ_ADD_FORM:
            locale = message.locale or "en"
            return Reply(kind="error", locale=locale, body=t("button_unknown", locale))
        extra = [line.strip() for line in values.get("extra", "").splitlines() if line.strip()]
        return await self.add_faq_entry(message, context, values.get("question", ""), values.get("answer", ""), extra)

    async def add_faq_entry(
        self, message: Message, context: ChatContext, question: str, answer: str, extra_phrasings: list[str]
    ) -> Reply:
        """One-shot add from a form (Discord's modal); same checks and policy as `/faq add`."""
        community = community_of(message)
        try:
            await self._ensure_loaded(community)
            request = await self._faq_request(message, context, community, question, ask_moderator=True)
            return with_buttons(await self.faq.add_entry(request, question, answer, extra_phrasings))
        except StoreError as exc:
            locale = message.locale or "en"
            return Reply(kind="error", locale=locale, title=t("store_error_title", locale), body=str(exc))
