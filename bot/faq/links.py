"""Routing phrasings to entries: `faq link` (curated ids too), `faq unlink`, and the phrasings users
taught by their choices (`faq suggestions`, `faq accept N`, `faq reject N`).

Why links to curated entries live apart from community entries: the curated answer must not change;
the community only adds ways of asking that lead to it, in that community alone.
"""

from __future__ import annotations

import logging

from bot.faq import replies
from bot.faq.base import FaqRequest, Invalid
from bot.faq.entries import EntryCommands
from bot.faq.parsing import clean_text, compare_key, normalise_id, split_first
from bot.i18n import t
from bot.models import Reply
from bot.storage.base import Learned, NotFound

log = logging.getLogger(__name__)


class AlreadyRouted(Invalid):
    """Every phrasing already leads to an entry here: nothing to link."""


class LinkCommands(EntryCommands):
    """Links and learned suggestions; `_route` is shared with `faq link N ID` on gaps."""

    async def _route(self, req: FaqRequest, entry_id: str, texts: list[str]) -> Reply:
        """Make `texts` lead to `entry_id` here: phrasings of a community entry, links to a curated one."""
        loc = req.locale
        limit = self.limits.max_question_chars
        texts = [x for x in (clean_text(x) for x in texts) if x and len(x) <= limit]
        if not texts:
            raise Invalid(t("faq.question_too_long", loc, n=limit + 1, limit=limit))
        owners = await self._phrasing_owners(req.community_id)
        if await self._community_entry(req.community_id, entry_id) is not None:
            ce = await self._editable(req, entry_id)
            if all(compare_key(x) in owners for x in texts):
                raise AlreadyRouted(t("faq.link_nothing_new", loc, id=entry_id))
            return await self._add_phrasings(req, ce, texts, lenient=True)
        if entry_id not in self._curated:
            raise Invalid(t("faq.unknown_id", loc, id=entry_id))
        if entry_id in await self._store.hidden_entries(req.community_id):
            raise Invalid(t("faq.link_hidden", loc, id=entry_id))
        linked: list[str] = []
        for text in texts:
            if compare_key(text) in owners:
                continue  # already a phrasing of one of this group's entries
            if await self._store.add_link(req.community_id, entry_id, text, req.actor):
                linked.append(text)
        if not linked:
            raise AlreadyRouted(t("faq.link_nothing_new", loc, id=entry_id))
        live = await self._changed(req.community_id)
        title = self._curated[entry_id].display_title(loc)
        body = t("faq.linked_body", loc, id=entry_id, title=title)
        if not live:
            body += "\n\n" + t("faq.saved_not_live", loc)
        return replies.info(req, t("faq.linked_title", loc, id=entry_id), body, linked, entry_id=entry_id)

    async def _cmd_unlink(self, rest: str, req: FaqRequest) -> Reply:
        loc = req.locale
        raw_id, text = split_first(rest)
        if not raw_id:
            raise Invalid(t("faq.unlink_usage", loc))
        entry_id = normalise_id(raw_id)
        phrasing = clean_text(text) or None
        removed = await self._store.remove_links(req.community_id, entry_id, phrasing, req.actor)
        if not removed and phrasing is not None:
            ce = await self._community_entry(req.community_id, entry_id)
            if ce is not None and not ce.deleted:
                return await self._drop_phrasing(req, entry_id, phrasing)
        if not removed:
            raise Invalid(t("faq.unlink_none", loc, id=entry_id))
        live = await self._changed(req.community_id)
        body = t("faq.unlinked_body", loc, id=entry_id)
        if not live:
            body += "\n\n" + t("faq.saved_not_live", loc)
        return replies.info(req, t("faq.unlinked_title", loc, id=entry_id), body, removed, entry_id=entry_id)

    async def _drop_phrasing(self, req: FaqRequest, entry_id: str, phrasing: str) -> Reply:
        """Undo a link (or alias) to a community entry: remove that phrasing, never the last one."""
        loc = req.locale
        ce = await self._editable(req, entry_id)
        key = compare_key(phrasing)
        questions = ce.entry.questions.model_dump()
        kept = {lang: [q for q in texts if compare_key(q) != key] for lang, texts in questions.items()}
        if kept == questions:
            raise Invalid(t("faq.unlink_none", loc, id=entry_id))
        if not any(kept.values()):
            raise Invalid(t("faq.unlink_last", loc, id=entry_id))
        updated = self._build_entry(req, {**ce.entry.model_dump(), "questions": kept})
        await self._store.update_entry(req.community_id, updated, req.actor, "unlink")
        await self._changed(req.community_id)
        return replies.info(req, t("faq.unlinked_title", loc, id=entry_id), t("faq.unlinked_body", loc, id=entry_id),
                            [phrasing], entry_id=entry_id)

    # --- phrasings learned from users -------------------------------------------------------------

    def _entry_title(self, entry_id: str, titles: dict[str, str], req: FaqRequest) -> str:
        if entry_id in titles:
            return titles[entry_id]
        entry = self._curated.get(entry_id)
        return entry.display_title(req.locale) if entry is not None else entry_id

    async def _cmd_suggestions(self, rest: str, req: FaqRequest) -> Reply:
        loc = req.locale
        pending = await self._store.learned(req.community_id)
        if not pending:
            return replies.info(req, None, t("faq.suggestions_empty", loc))
        page, pages = self._page(rest, len(pending), req, "suggestions")
        size = self.limits.page_size
        titles = {
            ce.entry.id: ce.entry.display_title(loc)
            for ce in await self._store.list_entries(req.community_id, include_deleted=True)
        }
        bullets = [
            t("faq.suggestion_item", loc, n=s.number, text=s.text, id=s.entry_id,
              title=self._entry_title(s.entry_id, titles, req), count=s.count)
            for s in pending[(page - 1) * size : page * size]
        ]
        title = t("faq.suggestions_title", loc, page=page, pages=pages)
        return replies.info(req, title, t("faq.suggestions_body", loc), bullets)

    async def _pending(self, rest: str, req: FaqRequest, cmd: str) -> Learned:
        raw = rest.strip().lstrip("#")
        if not raw.isdigit():
            raise Invalid(t("faq.suggestion_usage", req.locale, cmd=cmd))
        for learned in await self._store.learned(req.community_id):
            if learned.number == int(raw):
                return learned
        raise Invalid(t("faq.bad_suggestion", req.locale, n=int(raw)))

    async def _cmd_accept(self, rest: str, req: FaqRequest) -> Reply:
        learned = await self._pending(rest, req, "accept")
        try:  # an entry that is gone or hidden raises Invalid: the suggestion stays pending
            reply = await self._route(req, learned.entry_id, [learned.text])
        except AlreadyRouted as exc:
            reply = replies.info(req, None, exc.body)  # already leads somewhere: accepting just closes it
        await self._store.set_learned_status(req.community_id, learned.number, "accepted", req.actor)
        note = t("faq.suggestion_accepted", req.locale, n=learned.number)
        return reply.model_copy(update={"bullets": [*reply.bullets, note]})

    async def _cmd_reject(self, rest: str, req: FaqRequest) -> Reply:
        learned = await self._pending(rest, req, "reject")
        try:
            await self._store.set_learned_status(req.community_id, learned.number, "rejected", req.actor)
        except NotFound:
            raise Invalid(t("faq.bad_suggestion", req.locale, n=learned.number)) from None
        body = t("faq.suggestion_rejected", req.locale, n=learned.number, text=learned.text)
        return replies.info(req, None, body)

