"""Changing entries: add (one line, guided or by form), alias, edit, remove, restore, hide, unhide."""

from __future__ import annotations

import json
import logging

from bot.commands import FAQ_ADD_FORM
from bot.faq import replies
from bot.faq.base import FORM_FIELD_LIMIT, FaqBase, FaqRequest, Invalid, other
from bot.faq.history import entry_at
from bot.faq.parsing import EDIT_FIELDS, clean_text, compare_key, normalise_id, split_first
from bot.faq.replies import Saved
from bot.i18n import t
from bot.models import Entry, Form, FormField, Locale, Reply, Suggestion
from bot.storage.base import CommunityEntry

log = logging.getLogger(__name__)


class EntryCommands(FaqBase):
    """Changing entries: add (one line, guided or by form), alias, edit, remove, restore, hide, unhide."""

    async def _cmd_add(self, rest: str, req: FaqRequest) -> Reply:
        if not rest and req.forms:
            return Reply(kind="info", locale=req.locale, form=self.add_form(req.locale))
        if not rest:
            await self._dialogues.start(self._key(req))
            return replies.dialogue_step(req, "dlg_ask_question", self.limits.max_question_chars)
        if "|" not in rest:
            raise Invalid(t("faq.add_usage", req.locale))
        question, answer = rest.split("|", 1)
        reply, _ = await self._save_new(req, question, answer, [], warn=True)
        return reply

    def add_form(self, locale: Locale) -> Form:
        """`faq add` as a form: question, other phrasings (one per line), answer, within the limits."""
        lim = self.limits
        return Form(
            name=FAQ_ADD_FORM,
            title=t("modal_title", locale),
            fields=[
                FormField(name="question", label=t("modal_question", locale), hint=t("modal_question_hint", locale),
                          max_length=min(FORM_FIELD_LIMIT, lim.max_question_chars)),
                FormField(name="extra", label=t("modal_extra", locale), hint=t("modal_extra_hint", locale),
                          max_length=min(FORM_FIELD_LIMIT, (lim.max_question_chars + 1) * lim.max_extra_phrasings),
                          multiline=True, required=False),
                FormField(name="answer", label=t("modal_answer", locale), hint=t("modal_answer_hint", locale),
                          max_length=min(FORM_FIELD_LIMIT, lim.max_answer_chars), multiline=True),
            ],
        )

    async def _save_new(
        self,
        req: FaqRequest,
        question: str,
        answer: str,
        extras: list[str],
        *,
        warn: bool,
        lenient_extras: bool = False,
    ) -> tuple[Reply, bool]:
        """Validate and store a new community entry; (reply, saved).

        `lenient_extras` silently drops extra phrasings that are too long or already taken (they come
        from logged questions, not from the moderator).
        """
        loc, lim = req.locale, self.limits
        q = self._check_question(clean_text(question), req)
        a = self._check_answer(clean_text(answer, multiline=True), req)
        phrasings = [q]
        taken = await self._phrasing_owners(req.community_id)
        for raw in extras:
            extra = clean_text(raw)
            if not extra or compare_key(extra) in {compare_key(p) for p in phrasings}:
                continue
            if lenient_extras and (len(extra) > lim.max_question_chars or compare_key(extra) in taken):
                continue
            phrasings.append(self._check_question(extra, req))
        if len(phrasings) - 1 > lim.max_extra_phrasings:
            if not lenient_extras:
                raise Invalid(
                    t("faq.too_many_extras", loc, n=len(phrasings) - 1, limit=lim.max_extra_phrasings)
                )
            phrasings = phrasings[: lim.max_extra_phrasings + 1]
        self._raise_if_taken(req, phrasings, taken, exclude=None)
        similar = self._similar(q, req.community_id, exclude=None) if warn else []

        def build(new_id: str) -> Entry:
            return self._build_entry(
                req,
                {
                    "id": new_id,
                    "topic": "community",
                    "questions": {loc: phrasings},
                    "answer": {loc: a},
                    "sources": [f"Moderators of {req.community_id}"],
                },
            )

        entry_id = (await self._store.create_entry(req.community_id, build, req.actor)).entry.id
        live = await self._changed(req.community_id)
        log.info("faq entry added")
        shown = phrasings if len(phrasings) > 1 else []
        return replies.added(req, Saved(entry_id, shown, similar, live)), True

    async def _cmd_alias(self, rest: str, req: FaqRequest) -> Reply:
        raw_id, text = split_first(rest)
        phrasing = clean_text(text)
        if not raw_id or not phrasing:
            raise Invalid(t("faq.alias_usage", req.locale))
        ce = await self._editable(req, normalise_id(raw_id))
        phrasing = self._check_question(phrasing, req)
        reply = await self._add_phrasings(req, ce, [phrasing], lenient=False)
        return reply

    async def _add_phrasings(
        self, req: FaqRequest, ce: CommunityEntry, texts: list[str], *, lenient: bool
    ) -> Reply:
        """Append phrasings to a community entry (alias, link); lenient skips ones already taken."""
        loc, entry = req.locale, ce.entry
        taken = await self._phrasing_owners(req.community_id)
        new: list[str] = []
        for text in texts:
            key = compare_key(text)
            if key in taken or key in {compare_key(n) for n in new}:
                if lenient:
                    continue
                raise Invalid(t("faq.duplicate_phrasing", loc, text=text, id=taken.get(key, entry.id)))
            new.append(text)
        if not new:
            first = texts[0] if texts else ""
            raise Invalid(
                t("faq.duplicate_phrasing", loc, text=first, id=taken.get(compare_key(first), entry.id))
            )
        count = len(entry.questions.en) + len(entry.questions.es)
        if count + len(new) > self.limits.max_phrasings_per_entry:
            raise Invalid(
                t(
                    "faq.too_many_phrasings", loc, limit=self.limits.max_phrasings_per_entry, id=entry.id, n=count
                )
            )
        similar: list[tuple[Suggestion, float]] = []
        if not lenient:
            similar = self._similar(new[0], req.community_id, exclude=entry.id)
        questions = entry.questions.model_dump()
        questions[loc] = [*questions[loc], *new]
        updated = self._build_entry(req, {**entry.model_dump(), "questions": questions})
        await self._store.update_entry(req.community_id, updated, req.actor, "alias")
        live = await self._changed(req.community_id)
        return replies.aliased(req, Saved(entry.id, new, similar, live))

    async def _cmd_edit(self, rest: str, req: FaqRequest) -> Reply:
        loc = req.locale
        raw_id, spec = split_first(rest)
        if not raw_id or not spec:
            raise Invalid(t("faq.edit_usage", loc))
        field_word, text = split_first(spec)
        new_q: str | None = None
        new_a: str | None = None
        if field_word in EDIT_FIELDS and not (EDIT_FIELDS[field_word] == "question" and "|" in text):
            if EDIT_FIELDS[field_word] == "question":
                new_q = clean_text(text)
                if not new_q:
                    raise Invalid(t("faq.empty_question", loc), t("faq.edit_usage", loc))
            else:
                new_a = clean_text(text, multiline=True)
                if not new_a:
                    raise Invalid(t("faq.empty_answer", loc), t("faq.edit_usage", loc))
        elif "|" in spec:
            if field_word in EDIT_FIELDS:  # "edit c3 question New? | New answer" also means both
                spec = text
            q_part, a_part = spec.split("|", 1)
            new_q, new_a = clean_text(q_part), clean_text(a_part, multiline=True)
            if not new_q:
                raise Invalid(t("faq.empty_question", loc), t("faq.edit_usage", loc))
            if not new_a:
                raise Invalid(t("faq.empty_answer", loc), t("faq.edit_usage", loc))
        else:
            raise Invalid(t("faq.edit_usage", loc))
        ce = await self._editable(req, normalise_id(raw_id))
        entry = ce.entry
        questions = entry.questions.model_dump()
        answer = entry.answer.model_dump()
        bullets: list[str] = []
        similar: list[tuple[Suggestion, float]] = []
        if new_q is not None:
            new_q = self._check_question(new_q, req)
            q_loc = loc if questions[loc] else other(loc)
            current = list(questions[q_loc])
            taken = await self._phrasing_owners(req.community_id)
            self._raise_if_taken(req, [new_q], taken, exclude=entry.id)
            rest_q = [p for p in current[1:] if compare_key(p) != compare_key(new_q)]
            questions[q_loc] = [new_q, *rest_q]
            similar = self._similar(new_q, req.community_id, exclude=entry.id)
            bullets.append(new_q)
        if new_a is not None:
            new_a = self._check_answer(new_a, req)
            a_loc = loc if answer.get(loc) else other(loc)
            answer[a_loc] = new_a
            bullets.append(new_a)
        updated = self._build_entry(req, {**entry.model_dump(), "questions": questions, "answer": answer})
        if updated == entry:
            raise Invalid(t("faq.edit_same", loc, id=entry.id))
        await self._store.update_entry(req.community_id, updated, req.actor, "edit")
        live = await self._changed(req.community_id)
        return replies.edited(req, Saved(entry.id, bullets, similar, live))

    async def _cmd_remove(self, rest: str, req: FaqRequest) -> Reply:
        return await self._set_removed(rest, req, removed=True)

    async def _cmd_restore(self, rest: str, req: FaqRequest) -> Reply:
        raw, _ = split_first(rest)
        if "@" in raw:
            return await self._restore_version(raw, req)
        return await self._set_removed(rest, req, removed=False)

    async def _restore_version(self, raw: str, req: FaqRequest) -> Reply:
        """`/faq restore ID@N`: the entry as it was after change N of `/faq history ID` (kept, audited)."""
        loc = req.locale
        raw_id, _, raw_n = raw.partition("@")
        entry_id = normalise_id(raw_id)
        if not raw_n.isdigit() or not entry_id:
            raise Invalid(t("faq.restore_version_usage", loc))
        ce = await self._community_entry(req.community_id, entry_id)
        if ce is None:
            key = "curated_readonly" if entry_id in self._curated else "unknown_id"
            raise Invalid(t(f"faq.{key}", loc, id=entry_id))
        records = await self._store.history(req.community_id, entry_id)
        n = int(raw_n)
        state = entry_at(records, n) if 1 <= n <= len(records) else None
        if state is None:
            raise Invalid(t("faq.bad_version", loc, id=entry_id, n=n, last=len(records)))
        old = self._build_entry(req, json.loads(state))
        taken = await self._phrasing_owners(req.community_id)
        self._raise_if_taken(req, [q for _, q in old.questions.all()], taken, exclude=entry_id)
        if old != ce.entry:
            await self._store.update_entry(req.community_id, old, req.actor, "revert")
        if ce.deleted:
            await self._store.set_deleted(req.community_id, entry_id, False, req.actor)
        live = await self._changed(req.community_id)
        body = t("faq.restored_version_body", loc, id=entry_id, n=n)
        if not live:
            body += "\n\n" + t("faq.saved_not_live", loc)
        return replies.info(req, t("faq.restored_version_title", loc, id=entry_id, n=n), body, entry_id=entry_id)

    async def _set_removed(self, rest: str, req: FaqRequest, *, removed: bool) -> Reply:
        """Soft delete or undo it; curated entries are read-only (hide them instead)."""
        entry_id = self._need_id(rest, req, "remove" if removed else "restore")
        ce = await self._community_entry(req.community_id, entry_id)
        if ce is None:
            curated_key = "remove_curated" if removed else "curated_readonly"
            key = curated_key if entry_id in self._curated else "unknown_id"
            raise Invalid(t(f"faq.{key}", req.locale, id=entry_id))
        if ce.deleted == removed:
            raise Invalid(t("faq." + ("already_removed" if removed else "not_removed"), req.locale, id=entry_id))
        await self._store.set_deleted(req.community_id, entry_id, removed, req.actor)
        return await self._changed_reply(req, "removed" if removed else "restored", entry_id)

    async def _cmd_hide(self, rest: str, req: FaqRequest) -> Reply:
        return await self._set_hidden(rest, req, hidden=True)

    async def _cmd_unhide(self, rest: str, req: FaqRequest) -> Reply:
        return await self._set_hidden(rest, req, hidden=False)

    async def _set_hidden(self, rest: str, req: FaqRequest, *, hidden: bool) -> Reply:
        entry_id = self._need_id(rest, req, "hide" if hidden else "unhide")
        hidden_now = await self._store.hidden_entries(req.community_id)
        if entry_id not in self._curated and not (not hidden and entry_id in hidden_now):
            community = await self._community_entry(req.community_id, entry_id)
            raise Invalid(t("faq." + ("hide_community" if community else "unknown_id"), req.locale, id=entry_id))
        if hidden == (entry_id in hidden_now):
            return replies.info(
                req,
                None,
                t("faq." + ("already_hidden" if hidden else "not_hidden"), req.locale, id=entry_id),
                entry_id=entry_id,
            )
        await self._store.set_hidden(req.community_id, entry_id, hidden, req.actor)
        if hidden:
            return await self._changed_reply(req, "hidden", entry_id)
        return await self._changed_reply(req, "unhidden", entry_id)
