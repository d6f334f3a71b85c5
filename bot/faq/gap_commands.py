"""Unanswered questions: `faq gaps` lists the real ones under stable numbers; `faq answer N`,
`faq link N ID` and `faq dismiss N` close them.

Numbers come from the store (a question keeps its number until answered or dismissed), so N means the
same question for every moderator and worker. Off-topic messages are kept apart (`faq gaps off-topic`);
medical-advice and gibberish messages are only counted, since no entry should answer them.
"""

from __future__ import annotations

import logging

from bot.faq import replies
from bot.faq.base import FaqRequest, Invalid
from bot.faq.gaps import GapGroup, group_gaps
from bot.faq.links import LinkCommands
from bot.faq.parsing import clean_text, normalise_id, split_first
from bot.i18n import t
from bot.models import Reply
from bot.storage.base import GapCategory

log = logging.getLogger(__name__)

OFF_TOPIC_WORDS = frozenset({"off-topic", "offtopic", "off_topic", "other", "otros", "fuera"})
NOTED_DAYS = 30  # the window of the "not listed" counts under `faq gaps`


class GapCommands(LinkCommands):
    """`faq gaps`, `faq answer N`, `faq link N ID`, `faq dismiss N`."""

    async def _cmd_gaps(self, rest: str, req: FaqRequest) -> Reply:
        off_topic = rest.strip().lower() in OFF_TOPIC_WORDS
        groups = await self._gap_groups(req, "off_topic" if off_topic else "question")
        counts = {} if off_topic else await self._store.unanswered_by_category(req.community_id, NOTED_DAYS)
        page, pages = self._page("" if off_topic or not groups else rest, len(groups), req, "gaps")
        size = self.limits.page_size
        shown = groups[(page - 1) * size : page * size]
        return replies.gap_list(req, page, pages, shown, off_topic=off_topic, not_listed=counts, days=NOTED_DAYS)

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
            await self._gap_handled(req, group)
            reply = reply.model_copy(update={"bullets": [*reply.bullets, t("faq.gap_removed", loc, n=n)]})
        return reply

    async def _cmd_link(self, rest: str, req: FaqRequest) -> Reply:
        loc = req.locale
        parts = rest.split()
        if len(parts) != 2 or not parts[0].isdigit():
            raise Invalid(t("faq.link_usage", loc))
        n = int(parts[0])
        group = await self._gap(req, n)
        reply = await self._route(req, normalise_id(parts[1]), list(group.texts))
        await self._gap_handled(req, group)
        return reply.model_copy(update={"bullets": [*reply.bullets, t("faq.gap_removed", loc, n=n)]})

    async def _cmd_dismiss(self, rest: str, req: FaqRequest) -> Reply:
        raw = rest.strip().lstrip("#")
        if not raw.isdigit():
            raise Invalid(t("faq.dismiss_usage", req.locale))
        n = int(raw)
        group = await self._gap(req, n)
        await self._store.dismiss_gaps(req.community_id, group.texts, req.actor)
        return replies.info(req, None, t("faq.dismissed", req.locale, n=n, text=group.text))

    async def _gap_groups(self, req: FaqRequest, category: GapCategory) -> list[GapGroup]:
        """Near-duplicates grouped, ranked by how many asked, then how recently."""
        gaps = await self._store.gaps(req.community_id, limit=self.limits.gap_fetch_limit, categories=[category])
        return group_gaps(gaps, self.limits.gap_group_threshold)

    async def _gap(self, req: FaqRequest, n: int) -> GapGroup:
        """The group holding unanswered question N (real or off-topic): stable until answered or dismissed."""
        groups = [
            *await self._gap_groups(req, "question"),
            *await self._gap_groups(req, "off_topic"),
        ]
        for group in groups:
            if n in group.numbers:
                return group
        live = [number for group in groups for number in group.numbers]
        if live and 1 <= n < max(live):  # below the newest number: it existed and was handled
            raise Invalid(t("faq.gap_done_already", req.locale, n=n))
        raise Invalid(t("faq.bad_gap", req.locale, n=n))

    async def _gap_handled(self, req: FaqRequest, group: GapGroup) -> None:
        """Drop the group's texts from the store; the other questions keep their numbers."""
        for text in group.texts:
            await self._store.delete_gap(req.community_id, text)
