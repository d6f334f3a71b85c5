"""What every `/faq` use case shares: the request, the limits, input errors and the checks."""

from __future__ import annotations

import logging
import math
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from bot.faq import replies
from bot.faq.dialogue import DialogueStore, StoreDialogues
from bot.faq.parsing import compare_key, normalise_id, split_first
from bot.i18n import t
from bot.models import Entry, Locale, Reply, Suggestion
from bot.storage.base import CommunityEntry, NotFound, Store

log = logging.getLogger(__name__)

FORM_FIELD_LIMIT = 4000  # the longest text field a platform form accepts (Discord)
LOCAL_COMMUNITY = "local"  # the console/CLI operator's community: a moderator everywhere
FindSimilar = Callable[[str, str], list[tuple[Suggestion, float]]]
ActorKey = tuple[str, str]  # (community_id, actor): whose dialogue, whose gap numbering


@dataclass(frozen=True)
class FaqRequest:
    """Who runs a `/faq` command, where, and in which language to reply."""

    community_id: str
    actor: str  # opaque per-platform id for the audit log, e.g. "telegram:12345"
    is_moderator: bool  # decided by the adapter's protocol; FaqService enforces the policy
    locale: Locale  # reply language
    forms: bool = False  # the platform can open forms: `faq add` without text opens one


@dataclass(frozen=True)
class FaqLimits:
    """Sizes and thresholds, in one place so deployments and tests can tune them."""

    max_question_chars: int = 300
    max_answer_chars: int = 2000
    page_size: int = 10
    similar_threshold: float = 0.75  # find_similar score (0..1) from which "looks like" is shown
    similar_shown: int = 3
    gap_group_threshold: float = 85.0  # rapidfuzz token_sort_ratio (0..100) to merge unanswered texts
    gap_fetch_limit: int = 200  # distinct unanswered texts read before grouping
    dialogue_timeout_seconds: float = 600.0  # an idle step-by-step add expires
    max_extra_phrasings: int = 10
    max_phrasings_per_entry: int = 25
    max_cooldown_seconds: int = 3600
    history_limit: int = 20


DEFAULT_LIMITS = FaqLimits()


class Invalid(Exception):
    """Input the user must fix; carries the ready error text and an optional hint."""

    def __init__(self, body: str, hint: str | None = None) -> None:
        super().__init__(body)
        self.body = body
        self.hint = hint


class FaqBase:
    """The state and checks every `/faq` use case shares (store, curated entries, limits, clock)."""

    def __init__(
        self,
        store: Store,
        curated: Mapping[str, Entry],
        find_similar: FindSimilar,
        on_change: Callable[[str], Awaitable[None]],
        limits: FaqLimits = DEFAULT_LIMITS,
        *,
        clock: Callable[[], float] = time.time,  # wall clock: a dialogue may continue in another process
        dialogues: DialogueStore | None = None,
    ) -> None:
        self._store = store
        self._curated = curated
        self._find_similar = find_similar
        self._on_change = on_change
        self.limits = limits
        self._clock = clock
        # half-written guided adds live in the store by default, so any worker continues them
        self._dialogues = dialogues or StoreDialogues(store, limits.dialogue_timeout_seconds, clock)

    @staticmethod
    def _key(req: FaqRequest) -> ActorKey:
        return (req.community_id, req.actor)

    @staticmethod
    def _is_moderator(req: FaqRequest) -> bool:
        return req.is_moderator or req.community_id == LOCAL_COMMUNITY

    def _check_question(self, text: str, req: FaqRequest) -> str:
        return self._check_length(text, req, self.limits.max_question_chars, "empty_question", "question_too_long")

    def _check_answer(self, text: str, req: FaqRequest) -> str:
        return self._check_length(text, req, self.limits.max_answer_chars, "empty_answer", "answer_too_long")

    @staticmethod
    def _check_length(text: str, req: FaqRequest, limit: int, empty_key: str, too_long_key: str) -> str:
        """A question or answer must be present and within its limit; the error says which limit."""
        if not text:
            raise Invalid(t("faq." + empty_key, req.locale), t("faq.add_usage", req.locale))
        if len(text) > limit:
            raise Invalid(t("faq." + too_long_key, req.locale, n=len(text), limit=limit))
        return text

    async def _phrasing_owners(self, community_id: str) -> dict[str, str]:
        """compare_key(phrasing) -> entry id, over this community's active entries."""
        owners: dict[str, str] = {}
        for ce in await self._store.list_entries(community_id):
            if ce.deleted:
                continue
            for _, text in ce.entry.questions.all():
                owners.setdefault(compare_key(text), ce.entry.id)
        return owners

    async def _check_not_duplicate(self, req: FaqRequest, texts: list[str], exclude: str | None) -> None:
        self._raise_if_taken(req, texts, await self._phrasing_owners(req.community_id), exclude)

    def _raise_if_taken(
        self, req: FaqRequest, texts: list[str], taken: dict[str, str], exclude: str | None
    ) -> None:
        for text in texts:
            owner = taken.get(compare_key(text))
            if owner is not None and owner != exclude:
                raise Invalid(t("faq.duplicate_phrasing", req.locale, text=text, id=owner))

    def _similar(self, text: str, community_id: str, exclude: str | None) -> list[tuple[Suggestion, float]]:
        """Existing entries that look like `text`, best first; matcher trouble only loses the hint."""
        try:
            found = self._find_similar(text, community_id)
        except Exception as exc:  # the warning is a courtesy: never block a save on it
            log.error("find_similar failed during a faq change: %s", type(exc).__name__)  # no text logged
            return []
        close = [
            (s, score)
            for s, score in found
            if score >= self.limits.similar_threshold and s.entry_id != exclude
        ]
        close.sort(key=lambda pair: -pair[1])
        return close[: self.limits.similar_shown]

    async def _changed(self, community_id: str) -> bool:
        """Tell the matcher; a failed reload must not turn a saved change into an error."""
        try:
            await self._on_change(community_id)
        except Exception as exc:
            log.error("matcher reload failed after a faq change: %s", type(exc).__name__)
            return False
        return True

    async def _changed_reply(self, req: FaqRequest, what: str, entry_id: str) -> Reply:
        return replies.changed(req, what, entry_id, await self._changed(req.community_id))

    async def _community_entry(self, community_id: str, entry_id: str) -> CommunityEntry | None:
        try:
            return await self._store.get_entry(community_id, entry_id)
        except NotFound:
            return None

    async def _editable(self, req: FaqRequest, entry_id: str) -> CommunityEntry:
        """A live community entry, or a clear error for curated, removed or unknown ids."""
        ce = await self._community_entry(req.community_id, entry_id)
        if ce is None:
            key = "curated_readonly" if entry_id in self._curated else "unknown_id"
            raise Invalid(t("faq." + key, req.locale, id=entry_id))
        if ce.deleted:
            raise Invalid(t("faq.removed_entry", req.locale, id=entry_id))
        return ce

    def _need_id(self, rest: str, req: FaqRequest, cmd: str) -> str:
        raw, _ = split_first(rest)
        if not raw:
            raise Invalid(t("faq.missing_id", req.locale, cmd=cmd))
        return normalise_id(raw)

    def _page(self, rest: str, total: int, req: FaqRequest, cmd: str) -> tuple[int, int]:
        pages = max(1, math.ceil(total / self.limits.page_size))
        raw = rest.strip()
        if not raw:
            return 1, pages
        if not raw.isdigit() or not 1 <= int(raw) <= pages:
            raise Invalid(t("faq.bad_page", req.locale, pages=pages, cmd=cmd))
        return int(raw), pages

    def _build_entry(self, req: FaqRequest, data: dict[str, Any]) -> Entry:
        try:
            return Entry.model_validate(data)
        except ValidationError as exc:
            detail = "; ".join(str(e.get("msg", "")) for e in exc.errors())
            raise Invalid(
                t("faq.error_title", req.locale) + f": {detail}", t("faq.add_usage", req.locale)
            ) from None


def other(locale: Locale) -> Locale:
    return "es" if locale == "en" else "en"


def id_order(entry_id: str) -> tuple[str, int, str]:
    """c2 before c10."""
    m = re.fullmatch(r"([a-z_-]*)(\d+)", entry_id)
    return (m.group(1), int(m.group(2)), "") if m else (entry_id, 0, entry_id)

