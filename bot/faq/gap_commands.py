"""Unanswered questions: `faq gaps` lists them under stable numbers from the store; `faq answer N` and
`faq link N ID` close them."""

from __future__ import annotations

import logging

from bot.faq import replies
from bot.faq.base import FaqRequest, Invalid
from bot.faq.entries import EntryCommands
from bot.faq.gaps import GapGroup, group_gaps
from bot.faq.parsing import clean_text, normalise_id, split_first
from bot.i18n import t
from bot.models import Reply

log = logging.getLogger(__name__)


class GapCommands(EntryCommands):
    """`faq gaps`, `faq answer N`, `faq link N ID`; N is the question's number in the store."""

    async def _cmd_gaps(self, rest: str, req: FaqRequest) -> Reply:
        loc = req.locale
        groups = await self._fresh_gap_groups(req)
        if not groups:
            return replies.info(req, None, t("faq.gaps_empty", loc))
        page, pages = self._page(rest, len(groups), req, "gaps")
        size = self.limits.page_size
        shown = groups[(page - 1) * size : page * size]
        return replies.gap_list(req, page, pages, [(group.number, group) for group in shown])

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
        return group_gaps(gaps, self.limits.gap_group_threshold)

    async def _gap(self, req: FaqRequest, n: int) -> GapGroup:
        """The group holding unanswered question N. Numbers are stable in the store, so N means the
        same question for every moderator and worker until it is answered or dismissed."""
        groups = await self._fresh_gap_groups(req)
        for group in groups:
            if n in group.numbers:
                return group
        live = [number for group in groups for number in group.numbers]
        if live and 1 <= n < max(live):  # below the newest number: it existed and was handled
            raise Invalid(t("faq.gap_done_already", req.locale, n=n))
        raise Invalid(t("faq.bad_gap", req.locale, n=n))

    async def _gap_handled(self, req: FaqRequest, n: int, group: GapGroup) -> None:
        """Drop gap N's texts from the store; the other questions keep their numbers."""
        for text in group.texts:
            await self._store.delete_gap(req.community_id, text)
