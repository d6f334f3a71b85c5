"""Unanswered questions: `faq gaps` numbers them per moderator, `faq answer N` and `faq link N ID` close them."""

from __future__ import annotations

import logging

from bot.faq import replies
from bot.faq.base import ActorKey, FaqRequest, Invalid, utc
from bot.faq.entries import EntryCommands
from bot.faq.gaps import GapGroup, group_gaps
from bot.faq.parsing import clean_text, normalise_id, split_first
from bot.i18n import t
from bot.models import Reply

log = logging.getLogger(__name__)


class GapCommands(EntryCommands):
    """`faq gaps`, `faq answer N`, `faq link N ID`; the numbers a moderator saw are kept for a while."""

    def _init_gaps(self) -> None:
        # per (community, actor): when `faq gaps` ran and the numbered groups it showed (None = handled)
        self._gap_snapshots: dict[ActorKey, tuple[float, list[GapGroup | None]]] = {}

    async def _cmd_gaps(self, rest: str, req: FaqRequest) -> Reply:
        loc = req.locale
        groups = await self._fresh_gap_groups(req)
        if not groups:
            return replies.info(req, None, t("faq.gaps_empty", loc))
        page, pages = self._page(rest, len(groups), req, "gaps")
        size = self.limits.page_size
        bullets = []
        for n in range((page - 1) * size + 1, min(page * size, len(groups)) + 1):
            group = groups[n - 1]
            more = t("faq.gap_more", loc, k=len(group.texts) - 1) if len(group.texts) > 1 else ""
            bullets.append(
                t(
                    "faq.gap_item", loc,
                    n=n,
                    text=group.text,
                    count=group.count,
                    more=more,
                    first=utc(group.first_seen).strftime("%Y-%m-%d"),
                    last=utc(group.last_seen).strftime("%Y-%m-%d"),
                )
            )
        return replies.info(req, t("faq.gaps_title", loc, page=page, pages=pages), t("faq.gaps_body", loc), bullets)

    async def _cmd_answer(self, rest: str, req: FaqRequest) -> Reply:
        loc = req.locale
        number, answer = split_first(rest)
        if not number.isdigit() or not answer:
            raise Invalid(t("faq.answer_usage", loc))
        n = int(number)
        group = await self._gap(req, n)
        question = clean_text(group.text)
        if len(question) > self.limits.max_question_chars:
            question = question[: self.limits.max_question_chars].rstrip()
        reply, saved = await self._save_new(
            req, question, answer, list(group.texts[1:]), warn=True, lenient_extras=True
        )
        if saved:
            await self._gap_handled(req, n, group)
            reply = reply.model_copy(update={"bullets": [*reply.bullets, t("faq.gap_removed", loc, n=n)]})
        return reply

    async def _cmd_link(self, rest: str, req: FaqRequest) -> Reply:
        loc = req.locale
        parts = rest.split()
        if len(parts) != 2 or not parts[0].isdigit():
            raise Invalid(t("faq.link_usage", loc))
        n = int(parts[0])
        group = await self._gap(req, n)
        ce = await self._editable(req, normalise_id(parts[1]))
        limit = self.limits.max_question_chars
        texts = [t for t in (clean_text(x) for x in group.texts) if t and len(t) <= limit]
        if not texts:
            raise Invalid(t("faq.question_too_long", loc, n=len(clean_text(group.text)), limit=limit))
        reply = await self._add_phrasings(req, ce, texts, lenient=True)
        await self._gap_handled(req, n, group)
        return reply.model_copy(update={"bullets": [*reply.bullets, t("faq.gap_removed", loc, n=n)]})

    async def _fresh_gap_groups(self, req: FaqRequest) -> list[GapGroup]:
        gaps = await self._store.gaps(req.community_id, limit=self.limits.gap_fetch_limit)
        groups = group_gaps(gaps, self.limits.gap_group_threshold)
        now = self._clock()
        stale = [
            k for k, (at, _) in self._gap_snapshots.items() if now - at > self.limits.gap_snapshot_seconds
        ]
        for key in stale:  # bounded memory: only recent listings are kept
            del self._gap_snapshots[key]
        self._gap_snapshots[self._key(req)] = (now, list(groups))
        return groups

    async def _gap(self, req: FaqRequest, n: int) -> GapGroup:
        """Gap N as numbered by this moderator's last `faq gaps` (recomputed when stale or missing)."""
        snapshot = self._gap_snapshots.get(self._key(req))
        if snapshot is None or self._clock() - snapshot[0] > self.limits.gap_snapshot_seconds:
            await self._fresh_gap_groups(req)
            snapshot = self._gap_snapshots[self._key(req)]
        groups = snapshot[1]
        if not 1 <= n <= len(groups):
            raise Invalid(t("faq.bad_gap", req.locale, n=n))
        group = groups[n - 1]
        if group is None:
            raise Invalid(t("faq.gap_done_already", req.locale, n=n))
        return group

    async def _gap_handled(self, req: FaqRequest, n: int, group: GapGroup) -> None:
        """Drop gap N's texts from the store and mark it done, keeping the other numbers stable."""
        for text in group.texts:
            await self._store.delete_gap(req.community_id, text)
        snapshot = self._gap_snapshots.get(self._key(req))
        if snapshot is not None and 1 <= n <= len(snapshot[1]) and snapshot[1][n - 1] == group:
            snapshot[1][n - 1] = None
