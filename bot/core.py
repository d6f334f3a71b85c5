"""The assistant: one `Message` in, one `Reply` out, the same on every platform.

It decides everything a user can observe (commands, matching outcome, permissions policy,
rate limits, what is logged) and asks the adapter only one thing, through `ChatContext`:
whether the sender moderates this community.
"""

from __future__ import annotations

import gc
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from rapidfuzz import process

from bot import actions, views
from bot.buttons import with_buttons
from bot.commands import BY_NAME, FAQ_ADD_FORM
from bot.config import Settings
from bot.draft_check import check_draft
from bot.draft_check import summarise as summarise_check
from bot.faq import LOCAL_COMMUNITY, FaqRequest, FaqService
from bot.i18n import t
from bot.i18n.words import parse_locale, parse_yes_no
from bot.knowledge import CURATED_DIR, load_curated, load_directory
from bot.matching import Matcher, MatchResult
from bot.matching.language import detect_locale
from bot.matching.normalize import fold, strip_control
from bot.models import Entry, Locale, Message, Reply, Suggestion
from bot.negatives import load_negatives
from bot.privacy import hash_user, scrub
from bot.ratelimit import RateLimiter
from bot.storage.base import CommunitySettings, Store, StoreError
from bot.storage.factory import create_store

log = logging.getLogger(__name__)
SUGGEST_MIN_SCORE = 0.05  # hide near-zero matches from suggestions while typing
POPULAR_DAYS = 30
PURGE_INTERVAL_SECONDS = 24 * 3600
OPERATOR_PLATFORMS = frozenset({"console", "cli"})  # the local operator: a moderator, never rate limited
_MEMORY_LIMIT = 10_000  # remembered users (language choice, last answer) before the oldest go


class ChatContext(Protocol):
    """What the core may ask the adapter about the current message."""

    async def sender_is_moderator(self) -> bool: ...


class OperatorContext:
    """The console and CLI operator moderates every community."""

    async def sender_is_moderator(self) -> bool:
        return True


class _BoundedMap(OrderedDict[str, str]):
    """A small LRU map so per-user memory cannot grow without bound."""

    def remember(self, key: str, value: str) -> None:
        self[key] = value
        self.move_to_end(key)
        while len(self) > _MEMORY_LIMIT:
            self.popitem(last=False)


class Assistant:
    """Answers messages from any adapter; create with `await Assistant.create(settings)`."""

    def __init__(self, settings: Settings, curated: Sequence[Entry], matcher: Matcher, store: Store,
                 *, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self._clock = clock  # for the daily retention purge
        self.curated = list(curated)
        self.matcher = matcher
        self.store = store
        self.limiter = RateLimiter(settings.user_rate, settings.community_rate)
        self.faq = FaqService(store, {e.id: e for e in self.curated}, self._similar, self.refresh_community)
        self._loaded: set[str] = set()
        self._languages = _BoundedMap()  # user key -> chosen locale
        self._last_answer = _BoundedMap()  # user key + community -> entry id, for /rate
        self._next_purge = 0.0  # monotonic time of the next retention purge

    @classmethod
    async def create(
        cls, settings: Settings, *, knowledge_dir: Path | None = None, store: Store | None = None
    ) -> Assistant:
        """Load and validate knowledge (raises KnowledgeError), build the matcher, open storage."""
        directory = knowledge_dir or CURATED_DIR
        entries = load_curated() if knowledge_dir is None else load_directory(knowledge_dir)
        matcher = Matcher(entries, settings.match, negatives=load_negatives(directory))
        if store is None:
            store = create_store(settings)
        await store.open()
        assistant = cls(settings, entries, matcher, store)
        gc.freeze()  # knowledge and indexes live as long as the process: keep GC pauses off the hot path
        await assistant.purge_if_due()
        return assistant

    async def purge_if_due(self) -> None:
        """Apply the retention period at start-up and then at most once a day while running."""
        now = self._clock()
        if now < self._next_purge:
            return
        self._next_purge = now + PURGE_INTERVAL_SECONDS
        removed = await self.store.purge_older_than(self.settings.gap_retention_days)
        if removed:
            log.info("purged %d rows past the %d-day retention", removed, self.settings.gap_retention_days)

    async def close(self) -> None:
        await self.store.close()

    # --- communities ---------------------------------------------------------------------
    async def refresh_community(self, community_id: str) -> None:
        """Reload one community's entries and hidden ids into the matcher (after every change)."""
        own = [ce.entry for ce in await self.store.list_entries(community_id)]
        hidden = await self.store.hidden_entries(community_id)
        self.matcher.set_community(community_id, own, hidden)
        self._loaded.add(community_id)

    async def move_community(self, old_id: str, new_id: str) -> None:
        """A chat changed its id (Telegram group -> supergroup): keep its FAQ, settings and history."""
        await self.store.move_community(old_id, new_id, actor="platform")
        await self.refresh_community(old_id)
        await self.refresh_community(new_id)

    async def _ensure_loaded(self, community_id: str) -> None:
        if community_id not in self._loaded:
            await self.refresh_community(community_id)

    def _similar(self, text: str, community_id: str) -> list[tuple[Suggestion, float]]:
        return [(views.suggestion(c.entry, "en"), c.score) for c in self.matcher.similar(text, community_id)]

    async def suggest(self, text: str, message: Message, limit: int = 25) -> list[Suggestion]:
        """Entries to offer while the user is still typing (Discord autocomplete).

        Best matches first, then entries whose title contains the half-typed text (a partial word
        may not score yet). With no text, the community's most asked entries of the last 30 days,
        topped up with the first entry of each topic.
        """
        community = self.community_of(message)
        await self._ensure_loaded(community)
        typed = text.strip()[: self.settings.max_message_chars]
        locale = detect_locale(typed, message.locale or "en") if typed else (message.locale or "en")
        if typed:
            ranked = self.matcher.rank(typed, community)
            chosen = [c.entry for c in ranked[:limit] if c.score >= SUGGEST_MIN_SCORE]
            folded = fold(typed)
            chosen += [c.entry for c in ranked if folded in fold(c.entry.display_title(locale))]
        else:
            stats = await self.store.stats(community, POPULAR_DAYS)
            popular = [self.matcher.entry(item.entry_id, community) for item in stats.top_entries]
            chosen = [e for e in popular if e is not None]
            first_of_topic = {e.topic: e for e in reversed(self.curated)}
            chosen += [e for e in self.curated if first_of_topic[e.topic] is e]
        visible = [e for e in chosen if not self.matcher.is_hidden(e.id, community)]
        unique = list({e.id: e for e in visible}.values())
        return [views.suggestion(e, locale) for e in unique[:limit]]

    # --- helpers -------------------------------------------------------------------------
    def _remember_answer(self, message: Message, community: str, reply: Reply) -> None:
        """Whatever offered helpful / not helpful is what `/rate` rates next."""
        if reply.feedback and reply.entry_id:
            self._last_answer.remember(self._user_key(message) + community, reply.entry_id)

    @staticmethod
    def community_of(message: Message) -> str:
        """Where a message's community data lives; private chats share one bucket per platform."""
        if message.community_id and message.community_id.strip():
            return message.community_id.strip()
        return LOCAL_COMMUNITY if message.platform in OPERATOR_PLATFORMS else f"{message.platform}:private"

    def _user_key(self, message: Message) -> str:
        return f"{message.platform}:{hash_user(message.user_id, self.settings.vote_salt.get_secret_value())}"

    async def _locale(
        self, message: Message, community: str, text: str | None = None, settings: CommunitySettings | None = None
    ) -> Locale:
        """Explicit choice, then /lang, then (in groups) the group's language or the question's own."""
        if message.chosen_locale is not None:
            return message.chosen_locale
        chosen = self._languages.get(self._user_key(message))
        if chosen in ("en", "es"):
            return "es" if chosen == "es" else "en"
        default: Locale = message.locale or "en"
        if not message.is_private:
            default = (settings or await self.store.get_settings(community)).locale
        return detect_locale(text, default) if text else default

    # --- entry points --------------------------------------------------------------------
    async def handle(self, message: Message, context: ChatContext) -> Reply:
        """Answer one message. Never raises for bad input; storage failures become error replies."""
        community = self.community_of(message)
        try:
            await self.purge_if_due()
            await self._ensure_loaded(community)
            reply = await self._dispatch(message, context, community)
            self._remember_answer(message, community, reply)
            return with_buttons(reply, message.ref)
        except StoreError as exc:
            locale = message.locale or "en"
            return Reply(kind="error", locale=locale, title=t("store_error_title", locale), body=str(exc))

    async def _dispatch(self, message: Message, context: ChatContext, community: str) -> Reply:
        text = strip_control(message.text).strip()
        if text.startswith("/"):
            return await self._command(text, message, context, community)
        if self.faq.has_dialogue(community, self._user_key(message)):
            request = await self._faq_request(message, context, community, text, ask_moderator=False)
            return _prompting(await self.faq.dialogue_step(text, request), message, always=True)
        if not message.addressed:
            return await self._chatter(text, message, community)
        return await self.answer(text, message, community)

    async def handle_action(self, payload: str, message: Message, context: ChatContext) -> Reply:
        """A pressed button: show an entry, record a helpful / not helpful vote, or allow a delete."""
        return with_buttons(await self._action(payload, message, context), message.ref)

    async def _action(self, payload: str, message: Message, context: ChatContext) -> Reply:
        community = self.community_of(message)
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
                reply = views.entry_reply(entry, locale, lambda i: self.matcher.entry(i, community))
                self._remember_answer(message, community, reply)
                return reply
            if isinstance(action, actions.Feedback):
                return await self._vote(message, community, action.entry_id, action.helpful, locale)
            if isinstance(action, actions.DeleteMessage):
                return await self.authorize_delete(message, context, action.message_ref)
        except StoreError as exc:
            return Reply(kind="error", locale=locale, title=t("store_error_title", locale), body=str(exc))
        return Reply(kind="error", locale=locale, body=t("button_unknown", locale))

    async def authorize_delete(self, message: Message, context: ChatContext, message_ref: str) -> Reply:
        """Policy for the guard's delete button: moderators only; the reply carries the delete effect."""
        locale = await self._locale(message, self.community_of(message))
        if not await self.is_moderator(message, context):
            return Reply(kind="refusal", locale=locale, body=t("delete_refused", locale))
        return Reply(kind="info", locale=locale, body=t("delete_done", locale), delete_message=message_ref)

    async def is_moderator(self, message: Message, context: ChatContext) -> bool:
        """The local operator moderates everything; a private chat has no moderators (its bucket is shared
        by every private user, so letting them edit it would let anyone change what everyone is told);
        in a group the adapter says."""
        if message.platform in OPERATOR_PLATFORMS:
            return True
        if message.is_private:
            return False
        return await context.sender_is_moderator()

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
        community = self.community_of(message)
        try:
            await self._ensure_loaded(community)
            request = await self._faq_request(message, context, community, question, ask_moderator=True)
            return with_buttons(await self.faq.add_entry(request, question, answer, extra_phrasings))
        except StoreError as exc:
            locale = message.locale or "en"
            return Reply(kind="error", locale=locale, title=t("store_error_title", locale), body=str(exc))

    # --- questions -----------------------------------------------------------------------
    async def answer(self, text: str, message: Message, community: str) -> Reply:
        """Match a question and reply with an answer, choices, or an honest fallback."""
        settings = await self.store.get_settings(community)  # language and cooldown: one read
        locale = await self._locale(message, community, text, settings)
        if not text:
            return Reply(kind="error", locale=locale, title=t("empty_title", locale), body=t("empty_body", locale))
        limit = self.settings.max_message_chars
        if len(text) > limit:
            return Reply(
                kind="error",
                locale=locale,
                title=t("too_long_title", locale),
                body=t("too_long_body", locale, length=len(text), limit=limit),
            )
        wait = None
        if message.platform not in OPERATOR_PLATFORMS:  # flood control is for shared chats
            user = self._user_key(message)
            # Private chats share a data bucket but not a crowd: only groups get a group-wide limit.
            crowd = f"{community}:{user}" if message.is_private else community
            wait = self.limiter.check(crowd, user, settings.cooldown_seconds)
        if wait is not None:
            seconds = max(1, round(wait))
            return Reply(
                kind="slow_down",
                locale=locale,
                title=t("slow_down_title", locale),
                body=t("slow_down_body", locale, seconds=seconds),
            )
        result = self.matcher.match(text, community, locale)
        reply = self.reply_for(result, locale, community)
        if result.kind == "answer" and result.top is not None:
            await self.store.record_answer(community, result.top.entry.id)
        elif result.reason not in ("gibberish", "medical_advice"):  # nothing a moderator could add
            await self.store.record_gap(community, scrub(text), "clarify" if result.kind == "clarify" else "fallback")
        return reply

    def reply_for(self, result: MatchResult, locale: Locale, community: str | None) -> Reply:
        """Turn a match decision into what the user sees (also used by `ask --json`)."""
        if result.kind == "answer" and result.top is not None:
            return views.entry_reply(
                result.top.entry, locale, lambda i: self.matcher.entry(i, community), result.top.score
            )
        if result.kind == "clarify":
            return Reply(
                kind="clarify",
                locale=locale,
                title=t("clarify_title", locale),
                body=t("clarify_body", locale),
                score=round(result.score, 4),
                suggestions=[views.suggestion(c.entry, locale) for c in result.candidates],
            )
        title, body = {
            "medical_advice": ("medical_title", "medical_body"),
            "gibberish": ("gibberish_title", "gibberish_body"),
        }.get(result.reason, ("fallback_title", "fallback_body"))
        return Reply(
            kind="fallback",
            locale=locale,
            title=t(title, locale),
            body=t(body, locale) + "\n\n" + t("can_help_with", locale),
            score=round(result.score, 4),
        )

    async def _chatter(self, text: str, message: Message, community: str) -> Reply:
        """Group messages not addressed to the bot: the patient-data guard, then free text if on."""
        settings = await self.store.get_settings(community)
        if settings.guard and text:
            check = check_draft(text[: self.settings.max_message_chars * 5])
            private = [f for f in check.flags if f.category == "patient-privacy" and f.severity == "high"]
            if private:
                what = ", ".join(dict.fromkeys(f.excerpt for f in private[:3]))
                return Reply(
                    kind="info",
                    locale=settings.locale,
                    title=t("guard_title", settings.locale),
                    body=t("guard_body", settings.locale, what=what),
                    offer_delete=True,
                )
        if settings.free_text and text and len(text) <= self.settings.max_message_chars:
            result = self.matcher.match(text, community)
            if result.kind == "answer":
                return await self.answer(text, message, community)
        return Reply(kind="silent")

    # --- commands ------------------------------------------------------------------------
    async def _command(self, text: str, message: Message, context: ChatContext, community: str) -> Reply:
        head, _, rest = text[1:].partition(" ")
        name = head.split("@", 1)[0].lower()  # "/ask@DocSocialBot" -> "ask"
        rest = rest.strip()
        if name not in BY_NAME:
            locale = await self._locale(message, community)
            close = process.extractOne(name, list(BY_NAME), score_cutoff=70) if name else None
            hint = t("did_you_mean_command", locale, name=close[0]) if close else ""
            return Reply(
                kind="error",
                locale=locale,
                title=t("unknown_command_title", locale),
                body=t("unknown_command_body", locale, name=name[:40], hint=hint),
            )
        if name == "ask":
            if not rest:
                locale = await self._locale(message, community)
                return Reply(kind="error", locale=locale, title=t("usage_title", locale), body=t("ask_usage", locale))
            return await self.answer(rest, message, community)
        if name == "check":
            return await self._check(rest, message, community)
        if name == "faq":
            request = await self._faq_request(message, context, community, rest, ask_moderator=True)
            return _prompting(await self.faq.handle(rest, request), message, always=False)
        if name == "cancel":
            request = await self._faq_request(message, context, community, rest, ask_moderator=False)
            if self.faq.in_dialogue(request):
                return self.faq.cancel(request)
            return Reply(kind="info", locale=request.locale, body=t("nothing_to_cancel", request.locale))
        locale = await self._locale(message, community)
        visible = [e for e in self.curated if not self.matcher.is_hidden(e.id, community)]
        if name == "start":
            reply = views.help_reply(locale, False, with_faq=False)
            return reply.model_copy(update={"title": t("welcome_title", locale), "body": t("welcome_body", locale)})
        if name == "help":
            return views.help_reply(locale, await self.is_moderator(message, context))
        if name == "topics":
            own = self.matcher.community_entries(community)
            return views.topics_reply([*visible, *own], locale, rest or None)
        if name == "networks":
            return views.networks_reply(visible, locale, rest or None)
        if name == "stats":
            return views.stats_reply(visible, locale, rest or None)
        if name == "rules":
            return views.rules_reply(visible, locale)
        if name == "sources":
            return views.sources_reply(self.curated, locale)
        if name == "lang":
            return self._set_language(rest, message, locale)
        if name == "rate":
            return await self._rate(rest, message, community, locale)
        raise AssertionError(f"command {name} is registered but not handled")  # pragma: no cover

    def _set_language(self, rest: str, message: Message, locale: Locale) -> Reply:
        chosen = parse_locale(rest)
        if chosen is None:
            return Reply(kind="error", locale=locale, title=t("usage_title", locale), body=t("lang_usage", locale))
        self._languages.remember(self._user_key(message), chosen)
        return Reply(kind="info", locale=chosen, body=t("lang_set", chosen))

    async def _rate(self, rest: str, message: Message, community: str, locale: Locale) -> Reply:
        helpful = parse_yes_no(rest)
        if helpful is None:
            return Reply(kind="error", locale=locale, title=t("usage_title", locale), body=t("rate_usage", locale))
        entry_id = self._last_answer.get(self._user_key(message) + community)
        if entry_id is None:
            return Reply(kind="error", locale=locale, body=t("rate_nothing", locale))
        return await self._vote(message, community, entry_id, helpful, locale)

    async def _vote(self, message: Message, community: str, entry_id: str, helpful: bool, locale: Locale) -> Reply:
        if self.matcher.entry(entry_id, community) is None:
            return Reply(kind="error", locale=locale, body=t("entry_gone", locale))
        await self.store.vote(community, entry_id, self._user_key(message), helpful)
        return Reply(kind="info", locale=locale, body=t("rate_thanks", locale), entry_id=entry_id)

    async def _check(self, draft: str, message: Message, community: str) -> Reply:
        """Review a draft post; the result always goes privately, and the draft is never stored."""
        locale = await self._locale(message, community, draft or None)
        if not draft:
            return Reply(kind="error", locale=locale, title=t("usage_title", locale), body=t("check_usage", locale))
        result = check_draft(draft, locale=locale)
        title, bullets = summarise_check(result, locale)
        notice = None if message.is_private else t("check_group_notice", locale)
        return Reply(
            kind="info",
            locale=locale,
            title=title,
            bullets=bullets,
            body=result.redacted if result.flags else "",
            private=True,
            group_notice=notice,
            sources=list(dict.fromkeys(f.source for f in result.flags)),
        )

    async def _faq_request(
        self, message: Message, context: ChatContext, community: str, text: str, *, ask_moderator: bool
    ) -> FaqRequest:
        moderator = await self.is_moderator(message, context) if ask_moderator else False
        locale = await self._locale(message, community, None)
        return FaqRequest(community_id=community, actor=self._user_key(message), is_moderator=moderator, locale=locale,
                          forms=message.forms)


def _prompting(reply: Reply, message: Message, *, always: bool) -> Reply:
    """In groups, `/faq` output without buttons and every guided-add step ask for the next message as a
    reply (Telegram's privacy mode only lets replies to the bot through)."""
    if message.is_private or reply.kind not in ("info", "error") or reply.form is not None:
        return reply
    if always or not with_buttons(reply, message.ref).buttons:
        return reply.model_copy(update={"prompt": True})
    return reply
