"""What the assistant's parts share: knowledge, matcher, store, sessions, and per-community upkeep."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz

from bot import views
from bot.assistant.policy import ChatContext, is_moderator
from bot.assistant.session import SessionStore, StoreSessions
from bot.config import Settings
from bot.faq import FaqRequest, FaqService
from bot.matching import Matcher
from bot.matching.language import detect_locale
from bot.matching.normalize import normalize
from bot.models import Entry, Locale, Message, Reply, Suggestion
from bot.privacy import hash_user
from bot.ratelimit import RateLimiter
from bot.storage.base import CommunitySettings, Store

log = logging.getLogger(__name__)
SUGGEST_MIN_SCORE = 0.05  # hide near-zero matches from suggestions while typing
POPULAR_DAYS = 30
PURGE_INTERVAL_SECONDS = 24 * 3600
# One purge per deployment per day: a worker claims it in the store; an hour of slack lets the worker
# that purged yesterday claim again when its own daily timer comes round.
PURGE_CLAIM_INTERVAL = dt.timedelta(hours=23)
REVISION_CHECK_SECONDS = 1.0  # how stale a loaded community may be when another worker changed it


class _Loaded:
    """A community's indexes in this process: the store revision they reflect, when it was checked."""

    __slots__ = ("checked", "revision")

    def __init__(self, revision: int, checked: float) -> None:
        self.revision = revision
        self.checked = checked


class AssistantBase:
    """State and helpers; `Assistant` (facade.py) is what adapters use."""

    def __init__(self, settings: Settings, curated: Sequence[Entry], matcher: Matcher, store: Store,
                 *, clock: Callable[[], float] = time.monotonic, sessions: SessionStore | None = None,
                 salt: str | None = None) -> None:
        self.settings = settings
        # create() passes the deployment's salt (bot/salt.py); built directly (tests), a configured one or
        # a random one that lives as long as this object.
        configured = settings.vote_salt.get_secret_value() if settings.vote_salt is not None else None
        self._salt = salt or configured or secrets.token_hex(32)
        self._clock = clock  # for the daily retention purge
        self.curated = list(curated)
        self.matcher = matcher
        self.store = store
        self.limiter = RateLimiter(store, settings.user_rate, settings.community_rate)
        self.faq = FaqService(store, {e.id: e for e in self.curated}, self._similar, self.refresh_community)
        # Least recently used first: at most settings.max_loaded_communities keep their indexes in memory.
        self._loaded: OrderedDict[str, _Loaded] = OrderedDict()
        self.sessions: SessionStore = sessions or StoreSessions(store)
        self._next_purge = 0.0  # monotonic time of this worker's next look at the daily purge

    async def purge_if_due(self) -> None:
        """Apply the retention period at start-up and then daily; with several workers, the one that
        claims the day in the store purges, the others skip."""
        now = self._clock()
        if now < self._next_purge:
            return
        self._next_purge = now + PURGE_INTERVAL_SECONDS
        if not await self.store.claim_job("purge", PURGE_CLAIM_INTERVAL):
            return
        removed = await self.store.purge_older_than(self.settings.gap_retention_days)
        if removed:
            log.info("purged %d rows past the %d-day retention", removed, self.settings.gap_retention_days)

    async def close(self) -> None:
        await self.store.close()

    async def deployment_secret(self, name: str) -> str:
        """A secret every worker of the deployment shares (the first to ask generates it in the store),
        e.g. the token Telegram must send with each webhook request."""
        return await self.store.shared_secret(name, lambda: secrets.token_urlsafe(32))

    async def refresh_community(self, community_id: str) -> None:
        """Reload one community's entries, hidden ids and linked phrasings into the matcher (after every change)."""
        revision = await self.store.revision(community_id)  # read first: a later write forces a reload
        own = [ce.entry for ce in await self.store.list_entries(community_id)]
        hidden = await self.store.hidden_entries(community_id)
        links = await self.store.links(community_id)
        self.matcher.set_community(community_id, own, hidden, links)
        self._loaded[community_id] = _Loaded(revision, self._clock())
        self._loaded.move_to_end(community_id)
        while len(self._loaded) > self.settings.max_loaded_communities:
            evicted, _ = self._loaded.popitem(last=False)
            self.matcher.drop_community(evicted)

    async def move_community(self, old_id: str, new_id: str) -> None:
        """A chat changed its id (Telegram group -> supergroup): keep its FAQ, settings and history."""
        await self.store.move_community(old_id, new_id, actor="platform")
        await self.refresh_community(old_id)
        await self.refresh_community(new_id)

    async def _ensure_loaded(self, community_id: str) -> None:
        """Load a community on first use; after that, at most once a second, compare its revision in
        the store (one indexed read) and reload when another worker or `kb import` changed it."""
        loaded = self._loaded.get(community_id)
        if loaded is None:
            await self.refresh_community(community_id)
            return
        self._loaded.move_to_end(community_id)
        now = self._clock()
        if now - loaded.checked < REVISION_CHECK_SECONDS:
            return
        loaded.checked = now
        if await self.store.revision(community_id) != loaded.revision:
            await self.refresh_community(community_id)

    def _similar(self, text: str, community_id: str) -> list[tuple[Suggestion, float]]:
        """Entries a new phrasing resembles, scored so that "N% alike" means it: the matcher's confidence
        (which saturates for anything on the same topic), capped by how many words they really share."""
        typed = normalize(text)
        found = []
        for candidate in self.matcher.similar(text, community_id):
            shared = max(
                (fuzz.token_set_ratio(typed, normalize(q)) for _, q in candidate.entry.questions.all()), default=0.0
            )
            found.append((views.suggestion(candidate.entry, "en"), min(candidate.score, shared / 100)))
        return found

    async def _remember_answer(self, message: Message, community: str, reply: Reply) -> None:
        """Whatever offered helpful / not helpful is what `/rate` rates next."""
        if reply.feedback and reply.entry_id:
            await self.sessions.remember_answer(self._user_key(message), community, reply.entry_id)

    def _user_key(self, message: Message) -> str:
        return f"{message.platform}:{hash_user(message.user_id, self._salt)}"

    async def _locale(
        self, message: Message, community: str, text: str | None = None, settings: CommunitySettings | None = None
    ) -> Locale:
        """Explicit choice, then /lang, then (in groups) the group's language or the question's own."""
        if message.chosen_locale is not None:
            return message.chosen_locale
        chosen = await self.sessions.language(self._user_key(message))
        if chosen is not None:
            return chosen
        default: Locale = message.locale or "en"
        if not message.is_private:
            default = (settings or await self.store.get_settings(community)).locale
        return detect_locale(text, default) if text else default

    async def _faq_request(
        self, message: Message, context: ChatContext, community: str, text: str, *, ask_moderator: bool
    ) -> FaqRequest:
        moderator = await is_moderator(message, context) if ask_moderator else False
        locale = await self._locale(message, community, None)
        return FaqRequest(community_id=community, actor=self._user_key(message), is_moderator=moderator, locale=locale,
                          forms=message.forms)
