"""Moderators' community FAQ: `/faq add|alias|edit|remove|...` shape one group's answers.

Platform-neutral: the core hands over the text after `/faq` plus who asks (`FaqRequest`); this
module enforces the moderator policy, validates input, talks to the `Store` and returns a `Reply`.
Every change calls `on_change(community_id)` so the matcher reloads that group's entries.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import math
import re
import time
import unicodedata
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from bot.commands import FAQ, FAQ_ADD_FORM, faq_lines
from bot.faq.dialogue import DialogueKey, Dialogues
from bot.faq.gaps import GapGroup, group_gaps
from bot.faq.parsing import (
    EDIT_FIELDS,
    clean_text,
    compare_key,
    normalise_id,
    split_extras,
    split_first,
)
from bot.i18n import t
from bot.i18n.words import CANCEL_WORDS, SKIP_WORDS, parse_locale, parse_yes_no
from bot.models import Entry, Form, FormField, Locale, Reply, Suggestion
from bot.storage.base import AlreadyExists, CommunityEntry, CommunitySettings, NotFound, Store, StoreError

__all__ = ["LOCAL_COMMUNITY", "FaqLimits", "FaqRequest", "FaqService"]

log = logging.getLogger(__name__)

FORM_FIELD_LIMIT = 4000  # the longest text field a platform form accepts (Discord)
LOCAL_COMMUNITY = "local"  # the console/CLI operator's community: a moderator everywhere
FindSimilar = Callable[[str, str], list[tuple[Suggestion, float]]]
_SETTING_NAMES: dict[str, str] = {
    "lang": "lang",
    "language": "lang",
    "idioma": "lang",
    "locale": "lang",
    "freetext": "freetext",
    "free_text": "freetext",
    "free-text": "freetext",
    "cooldown": "cooldown",
    "guard": "guard",
}


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
    gap_snapshot_seconds: float = 1800.0  # how long `faq answer N` keeps the numbers `faq gaps` showed
    dialogue_timeout_seconds: float = 600.0  # an idle step-by-step add expires
    max_extra_phrasings: int = 10
    max_phrasings_per_entry: int = 25
    max_cooldown_seconds: int = 3600
    history_limit: int = 20


class _Invalid(Exception):
    """Input the user must fix; carries the ready error text and an optional hint."""

    def __init__(self, body: str, hint: str | None = None) -> None:
        super().__init__(body)
        self.body = body
        self.hint = hint


Handler = Callable[[str, FaqRequest], Awaitable[Reply]]


class FaqService:
    """Runs `/faq` subcommands and the guided add for every community."""

    def __init__(
        self,
        store: Store,
        curated: Mapping[str, Entry],
        find_similar: FindSimilar,
        on_change: Callable[[str], Awaitable[None]],
        limits: FaqLimits = FaqLimits(),
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._store = store
        self._curated = curated
        self._find_similar = find_similar
        self._on_change = on_change
        self.limits = limits
        self._clock = clock
        self._dialogues = Dialogues(limits.dialogue_timeout_seconds, clock)
        # per (community, actor): when `faq gaps` ran and the numbered groups it showed (None = handled)
        self._gap_snapshots: dict[DialogueKey, tuple[float, list[GapGroup | None]]] = {}
        self._handlers: dict[str, Handler] = {
            "add": self._cmd_add,
            "alias": self._cmd_alias,
            "edit": self._cmd_edit,
            "remove": self._cmd_remove,
            "restore": self._cmd_restore,
            "list": self._cmd_list,
            "show": self._cmd_show,
            "history": self._cmd_history,
            "hide": self._cmd_hide,
            "unhide": self._cmd_unhide,
            "gaps": self._cmd_gaps,
            "answer": self._cmd_answer,
            "link": self._cmd_link,
            "stats": self._cmd_stats,
            "settings": self._cmd_settings,
            "help": self._cmd_help,
        }
        assert set(self._handlers) == {c.name for c in FAQ.subcommands}

    # --- public API ----------------------------------------------------------------------------

    async def handle(self, args: str, req: FaqRequest) -> Reply:
        """Run one `/faq ...` command; `args` is everything after `/faq`."""
        word, rest = split_first(unicodedata.normalize("NFC", args))
        if not word:
            word = "help"
        command = FAQ.subcommand(word)
        if command is None:
            guess = FAQ.closest_subcommand(word)
            body = t("faq.unknown_sub", req.locale, word=word[:40])
            hint = t("faq.did_you_mean", req.locale, name=guess) if guess else t("faq.see_help", req.locale)
            return self._error(req, f"{body} {hint}")
        if command.moderator_only and not self._is_moderator(req):
            return self._refusal(req, command.name)
        try:
            reply = await self._handlers[command.name](rest, req)
        except _Invalid as exc:
            return self._error(req, exc.body, exc.hint)
        except StoreError as exc:
            return self._store_error(req, exc)
        log.debug("faq %s -> %s", command.name, reply.kind)
        return reply

    def in_dialogue(self, req: FaqRequest) -> bool:
        """True while a step-by-step add by this actor in this community is open and not idle too long."""
        return self.has_dialogue(req.community_id, req.actor)

    def has_dialogue(self, community_id: str, actor: str) -> bool:
        """`in_dialogue` for callers that have not built a request yet (it needs only who and where)."""
        return self._dialogues.get((community_id, actor)) is not None

    async def dialogue_step(self, text: str, req: FaqRequest) -> Reply:
        """Take the next message of a guided add: question, then answer, then extra phrasings.

        `req.is_moderator` is not consulted: only the moderator who ran `faq add` has a draft to continue.
        """
        key = self._key(req)
        existed = self._dialogues.exists(key)
        draft = self._dialogues.get(key)
        if draft is None:
            if existed:
                minutes = round(self.limits.dialogue_timeout_seconds / 60)
                return self._error(req, t("faq.dlg_expired", req.locale, minutes=minutes))
            return self._error(req, t("faq.dlg_none", req.locale), t("faq.add_usage", req.locale))
        # No moderator check here: it was made when this actor started the dialogue, and the core does not
        # look the role up again for every plain message (the draft is keyed by that actor).
        line = clean_text(text)
        if line.lower() in CANCEL_WORDS:
            return self.cancel(req)
        self._dialogues.touch(draft)
        lim = self.limits
        try:
            if draft.step == "question" and "|" in line:  # "Question? | Answer" at once: skip to step 3
                q_part, a_part = text.split("|", 1)
                question = self._check_question(clean_text(q_part), req)
                answer = self._check_answer(clean_text(a_part, multiline=True), req)
                await self._check_not_duplicate(req, [question], exclude=None)
                draft.question, draft.answer, draft.step = question, answer, "extras"
                body = t("faq.dlg_ask_extras", req.locale, limit=lim.max_extra_phrasings)
                return self._info(req, t("faq.dlg_title", req.locale), body)
            if draft.step == "question":
                question = self._check_question(line, req)
                await self._check_not_duplicate(req, [question], exclude=None)
                draft.question, draft.step = question, "answer"
                similar = self._similar(question, req.community_id, exclude=None)
                body = t("faq.dlg_ask_answer", req.locale, limit=lim.max_answer_chars)
                if similar:
                    body += "\n\n" + t("faq.similar_warning_dialogue", req.locale)
                return self._info(
                    req,
                    t("faq.dlg_title", req.locale),
                    body,
                    self._similar_bullets(req, similar),
                    suggestions=[s for s, _ in similar],
                )
            if draft.step == "answer":
                draft.answer, draft.step = self._check_answer(clean_text(text, multiline=True), req), "extras"
                body = t("faq.dlg_ask_extras", req.locale, limit=lim.max_extra_phrasings)
                return self._info(req, t("faq.dlg_title", req.locale), body)
            extras = [] if line.lower() in SKIP_WORDS else split_extras(text)
            reply, saved = await self._save_new(req, draft.question, draft.answer, extras, warn=False)
        except _Invalid as exc:
            return self._error(req, exc.body, exc.hint)
        except StoreError as exc:
            return self._store_error(req, exc)  # the draft stays, so the moderator can simply resend
        if saved:
            self._dialogues.end(key)
        return reply

    def cancel(self, req: FaqRequest) -> Reply:
        """End this actor's guided add without saving (`/cancel`)."""
        if self._dialogues.end(self._key(req)):
            return self._info(req, t("faq.dlg_title", req.locale), t("faq.dlg_cancelled", req.locale))
        return self._info(req, None, t("faq.dlg_none", req.locale))

    async def add_entry(
        self, req: FaqRequest, question: str, answer: str, extra_phrasings: list[str]
    ) -> Reply:
        """One-shot add with everything at once (e.g. a Discord modal)."""
        if not self._is_moderator(req):
            return self._refusal(req, "add")
        try:
            reply, _ = await self._save_new(req, question, answer, extra_phrasings, warn=True)
        except _Invalid as exc:
            return self._error(req, exc.body, exc.hint)
        except StoreError as exc:
            return self._store_error(req, exc)
        return reply

    # --- add / alias / edit ---------------------------------------------------------------------

    async def _cmd_add(self, rest: str, req: FaqRequest) -> Reply:
        if not rest and req.forms:
            return Reply(kind="info", locale=req.locale, form=self.add_form(req.locale))
        if not rest:
            self._dialogues.start(self._key(req))
            body = t("faq.dlg_ask_question", req.locale, limit=self.limits.max_question_chars)
            return self._info(req, t("faq.dlg_title", req.locale), body)
        if "|" not in rest:
            raise _Invalid(t("faq.add_usage", req.locale))
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
                raise _Invalid(
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
        body = t("faq.added_body", loc, id=entry_id)
        if similar:
            body += "\n\n" + t("faq.similar_warning", loc, id=entry_id)
        bullets = [f"{p}" for p in phrasings] if len(phrasings) > 1 else []
        bullets += self._similar_bullets(req, similar)
        if not live:
            body += "\n\n" + t("faq.saved_not_live", loc)
        reply = self._info(
            req,
            t("faq.added_title", loc, id=entry_id),
            body,
            bullets,
            entry_id=entry_id,
            suggestions=[s for s, _ in similar],
        )
        return reply, True

    async def _cmd_alias(self, rest: str, req: FaqRequest) -> Reply:
        raw_id, text = split_first(rest)
        phrasing = clean_text(text)
        if not raw_id or not phrasing:
            raise _Invalid(t("faq.alias_usage", req.locale))
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
                raise _Invalid(t("faq.duplicate_phrasing", loc, text=text, id=taken.get(key, entry.id)))
            new.append(text)
        if not new:
            first = texts[0] if texts else ""
            raise _Invalid(
                t("faq.duplicate_phrasing", loc, text=first, id=taken.get(compare_key(first), entry.id))
            )
        count = len(entry.questions.en) + len(entry.questions.es)
        if count + len(new) > self.limits.max_phrasings_per_entry:
            raise _Invalid(
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
        body = t("faq.alias_body", loc, text=new[0], id=entry.id)
        if similar:
            body += "\n\n" + t("faq.similar_note", loc)
        if not live:
            body += "\n\n" + t("faq.saved_not_live", loc)
        bullets = new + self._similar_bullets(req, similar)
        return self._info(
            req,
            t("faq.alias_done", loc, id=entry.id),
            body,
            bullets,
            entry_id=entry.id,
            suggestions=[s for s, _ in similar],
        )

    async def _cmd_edit(self, rest: str, req: FaqRequest) -> Reply:
        loc = req.locale
        raw_id, spec = split_first(rest)
        if not raw_id or not spec:
            raise _Invalid(t("faq.edit_usage", loc))
        field_word, text = split_first(spec)
        new_q: str | None = None
        new_a: str | None = None
        if field_word in EDIT_FIELDS and not (EDIT_FIELDS[field_word] == "question" and "|" in text):
            if EDIT_FIELDS[field_word] == "question":
                new_q = clean_text(text)
                if not new_q:
                    raise _Invalid(t("faq.empty_question", loc), t("faq.edit_usage", loc))
            else:
                new_a = clean_text(text, multiline=True)
                if not new_a:
                    raise _Invalid(t("faq.empty_answer", loc), t("faq.edit_usage", loc))
        elif "|" in spec:
            if field_word in EDIT_FIELDS:  # "edit c3 question New? | New answer" also means both
                spec = text
            q_part, a_part = spec.split("|", 1)
            new_q, new_a = clean_text(q_part), clean_text(a_part, multiline=True)
            if not new_q:
                raise _Invalid(t("faq.empty_question", loc), t("faq.edit_usage", loc))
            if not new_a:
                raise _Invalid(t("faq.empty_answer", loc), t("faq.edit_usage", loc))
        else:
            raise _Invalid(t("faq.edit_usage", loc))
        ce = await self._editable(req, normalise_id(raw_id))
        entry = ce.entry
        questions = entry.questions.model_dump()
        answer = entry.answer.model_dump()
        bullets: list[str] = []
        similar: list[tuple[Suggestion, float]] = []
        if new_q is not None:
            new_q = self._check_question(new_q, req)
            q_loc = loc if questions[loc] else _other(loc)
            current = list(questions[q_loc])
            taken = await self._phrasing_owners(req.community_id)
            self._raise_if_taken(req, [new_q], taken, exclude=entry.id)
            rest_q = [p for p in current[1:] if compare_key(p) != compare_key(new_q)]
            questions[q_loc] = [new_q, *rest_q]
            similar = self._similar(new_q, req.community_id, exclude=entry.id)
            bullets.append(new_q)
        if new_a is not None:
            new_a = self._check_answer(new_a, req)
            a_loc = loc if answer.get(loc) else _other(loc)
            answer[a_loc] = new_a
            bullets.append(new_a)
        updated = self._build_entry(req, {**entry.model_dump(), "questions": questions, "answer": answer})
        if updated == entry:
            raise _Invalid(t("faq.edit_same", loc, id=entry.id))
        await self._store.update_entry(req.community_id, updated, req.actor, "edit")
        live = await self._changed(req.community_id)
        body = ""
        if similar:
            body = t("faq.similar_note", loc)
        if not live:
            body = (body + "\n\n" + t("faq.saved_not_live", loc)).strip()
        return self._info(
            req,
            t("faq.edit_done", loc, id=entry.id),
            body,
            bullets + self._similar_bullets(req, similar),
            entry_id=entry.id,
            suggestions=[s for s, _ in similar],
        )

    # --- remove / restore / hide ----------------------------------------------------------------

    async def _cmd_remove(self, rest: str, req: FaqRequest) -> Reply:
        return await self._set_removed(rest, req, removed=True)

    async def _cmd_restore(self, rest: str, req: FaqRequest) -> Reply:
        return await self._set_removed(rest, req, removed=False)

    async def _set_removed(self, rest: str, req: FaqRequest, *, removed: bool) -> Reply:
        """Soft delete or undo it; curated entries are read-only (hide them instead)."""
        entry_id = self._need_id(rest, req, "remove" if removed else "restore")
        ce = await self._community_entry(req.community_id, entry_id)
        if ce is None:
            curated_key = "remove_curated" if removed else "curated_readonly"
            key = curated_key if entry_id in self._curated else "unknown_id"
            raise _Invalid(t(f"faq.{key}", req.locale, id=entry_id))
        if ce.deleted == removed:
            raise _Invalid(t("faq." + ("already_removed" if removed else "not_removed"), req.locale, id=entry_id))
        await self._store.set_deleted(req.community_id, entry_id, removed, req.actor)
        title, body = ("removed_title", "removed_body") if removed else ("restored_title", "restored_body")
        return await self._changed_reply(req, title, body, entry_id)

    async def _cmd_hide(self, rest: str, req: FaqRequest) -> Reply:
        return await self._set_hidden(rest, req, hidden=True)

    async def _cmd_unhide(self, rest: str, req: FaqRequest) -> Reply:
        return await self._set_hidden(rest, req, hidden=False)

    async def _set_hidden(self, rest: str, req: FaqRequest, *, hidden: bool) -> Reply:
        entry_id = self._need_id(rest, req, "hide" if hidden else "unhide")
        hidden_now = await self._store.hidden_entries(req.community_id)
        if entry_id not in self._curated and not (not hidden and entry_id in hidden_now):
            community = await self._community_entry(req.community_id, entry_id)
            raise _Invalid(t("faq." + ("hide_community" if community else "unknown_id"), req.locale, id=entry_id))
        if hidden == (entry_id in hidden_now):
            return self._info(
                req,
                None,
                t("faq." + ("already_hidden" if hidden else "not_hidden"), req.locale, id=entry_id),
                entry_id=entry_id,
            )
        await self._store.set_hidden(req.community_id, entry_id, hidden, req.actor)
        if hidden:
            return await self._changed_reply(req, "hidden_title", "hidden_body", entry_id)
        return await self._changed_reply(req, "unhidden_title", "unhidden_body", entry_id)

    # --- reading --------------------------------------------------------------------------------

    async def _cmd_list(self, rest: str, req: FaqRequest) -> Reply:
        loc = req.locale
        entries = await self._store.list_entries(req.community_id, include_deleted=True)
        active = sorted((ce for ce in entries if not ce.deleted), key=lambda ce: _id_order(ce.entry.id))
        if not active and not entries:
            return self._info(req, None, t("faq.list_empty", loc))
        page, pages = self._page(rest, len(active), req, "list")
        size = self.limits.page_size
        bullets = [
            f"{ce.entry.id} · {ce.entry.display_title(loc)}" for ce in active[(page - 1) * size : page * size]
        ]
        body = t("faq.list_body", loc) if active else t("faq.list_empty", loc)
        if self._is_moderator(req):
            removed = sorted((ce.entry.id for ce in entries if ce.deleted), key=_id_order)
            hidden = sorted(await self._store.hidden_entries(req.community_id))
            if removed or hidden:
                body += " " + t("faq.list_extra", loc, removed=len(removed), hidden=len(hidden))
            if removed:
                bullets.append(t("faq.list_removed", loc, ids=", ".join(removed)))
            if hidden:
                bullets.append(t("faq.list_hidden", loc, ids=", ".join(hidden)))
        return self._info(req, t("faq.list_title", loc, page=page, pages=pages), body, bullets)

    async def _cmd_show(self, rest: str, req: FaqRequest) -> Reply:
        loc = req.locale
        entry_id = self._need_id(rest, req, "show")
        ce = await self._community_entry(req.community_id, entry_id)
        notes: list[str] = []
        if ce is not None and (not ce.deleted or self._is_moderator(req)):
            entry = ce.entry
            if ce.deleted:
                notes.append(t("faq.show_removed", loc, id=entry_id))
        elif entry_id in self._curated:
            entry = self._curated[entry_id]
            if entry_id in await self._store.hidden_entries(req.community_id):
                notes.append(t("faq.show_hidden", loc, id=entry_id))
        else:
            raise _Invalid(t("faq.unknown_id", loc, id=entry_id))
        phrasings = entry.questions.get(loc) or entry.questions.get(_other(loc))
        title = entry.display_title(loc)
        others = [p for p in phrasings if p != title]
        bullets = [t("faq.show_also", loc, text="; ".join(others))] if others else []
        body = "\n\n".join([entry.answer.get(loc), *notes])
        return self._info(req, title, body, bullets, entry_id=entry.id, sources=list(entry.sources))

    async def _cmd_history(self, rest: str, req: FaqRequest) -> Reply:
        loc = req.locale
        entry_id = self._need_id(rest, req, "history")
        records = await self._store.history(req.community_id, entry_id)
        if not records:
            if (
                entry_id not in self._curated
                and await self._community_entry(req.community_id, entry_id) is None
            ):
                raise _Invalid(t("faq.unknown_id", loc, id=entry_id))
            return self._info(
                req, t("faq.history_title", loc, id=entry_id), t("faq.history_empty", loc, id=entry_id)
            )
        records = sorted(records, key=lambda r: _utc(r.at), reverse=True)[: self.limits.history_limit]
        bullets = [
            t(
                "faq.history_item", loc,
                at=_utc(r.at).strftime("%Y-%m-%d %H:%M UTC"),
                action=r.action,
                actor=r.actor,
            )
            for r in records
        ]
        return self._info(req, t("faq.history_title", loc, id=entry_id), "", bullets, entry_id=entry_id)

    # --- gaps -----------------------------------------------------------------------------------

    async def _cmd_gaps(self, rest: str, req: FaqRequest) -> Reply:
        loc = req.locale
        groups = await self._fresh_gap_groups(req)
        if not groups:
            return self._info(req, None, t("faq.gaps_empty", loc))
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
                    first=_utc(group.first_seen).strftime("%Y-%m-%d"),
                    last=_utc(group.last_seen).strftime("%Y-%m-%d"),
                )
            )
        return self._info(req, t("faq.gaps_title", loc, page=page, pages=pages), t("faq.gaps_body", loc), bullets)

    async def _cmd_answer(self, rest: str, req: FaqRequest) -> Reply:
        loc = req.locale
        number, answer = split_first(rest)
        if not number.isdigit() or not answer:
            raise _Invalid(t("faq.answer_usage", loc))
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
            raise _Invalid(t("faq.link_usage", loc))
        n = int(parts[0])
        group = await self._gap(req, n)
        ce = await self._editable(req, normalise_id(parts[1]))
        limit = self.limits.max_question_chars
        texts = [t for t in (clean_text(x) for x in group.texts) if t and len(t) <= limit]
        if not texts:
            raise _Invalid(t("faq.question_too_long", loc, n=len(clean_text(group.text)), limit=limit))
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
            raise _Invalid(t("faq.bad_gap", req.locale, n=n))
        group = groups[n - 1]
        if group is None:
            raise _Invalid(t("faq.gap_done_already", req.locale, n=n))
        return group

    async def _gap_handled(self, req: FaqRequest, n: int, group: GapGroup) -> None:
        """Drop gap N's texts from the store and mark it done, keeping the other numbers stable."""
        for text in group.texts:
            await self._store.delete_gap(req.community_id, text)
        snapshot = self._gap_snapshots.get(self._key(req))
        if snapshot is not None and 1 <= n <= len(snapshot[1]) and snapshot[1][n - 1] == group:
            snapshot[1][n - 1] = None

    # --- stats / settings / help ----------------------------------------------------------------

    async def _cmd_stats(self, rest: str, req: FaqRequest) -> Reply:
        loc = req.locale
        periods = [await self._store.stats(req.community_id, days) for days in (7, 30)]
        lines = []
        for s in periods:
            votes = s.helpful + s.not_helpful
            rate = (
                t("faq.stats_rate", loc, pct=round(100 * s.helpful / votes), votes=votes)
                if votes
                else t("faq.stats_no_votes", loc)
            )
            lines.append(
                t("faq.stats_period", loc, days=s.days, answered=s.answered, unanswered=s.unanswered, rate=rate)
            )
        titles = {
            ce.entry.id: ce.entry.display_title(loc)
            for ce in await self._store.list_entries(req.community_id, include_deleted=True)
        }
        bullets = []
        for es in periods[1].top_entries[: self.limits.page_size]:
            entry = self._curated.get(es.entry_id)
            title = titles.get(es.entry_id) or (entry.display_title(loc) if entry else es.entry_id)
            bullets.append(
                t(
                    "faq.stats_top", loc,
                    id=es.entry_id,
                    title=title,
                    asked=es.asked,
                    up=es.helpful,
                    down=es.not_helpful,
                )
            )
        if not bullets:
            lines.append(t("faq.stats_none", loc))
        return self._info(req, t("faq.stats_title", loc), "\n".join(lines), bullets)

    async def _cmd_settings(self, rest: str, req: FaqRequest) -> Reply:
        current = await self._store.get_settings(req.community_id)
        if not rest:
            return self._settings_reply(
                req.locale, current, t("faq.settings_title", req.locale), t("faq.settings_body", req.locale)
            )
        name, value = split_first(rest)
        setting = _SETTING_NAMES.get(name)
        value = value.strip().lower()
        usage = t("faq.settings_usage", req.locale, max=self.limits.max_cooldown_seconds)
        updated: CommunitySettings | None = None
        if setting == "lang" and (chosen := parse_locale(value)) is not None:
            updated = dataclasses.replace(current, locale=chosen)
        elif setting == "freetext" and (flag := parse_yes_no(value)) is not None:
            updated = dataclasses.replace(current, free_text=flag)
        elif setting == "guard" and (flag := parse_yes_no(value)) is not None:
            updated = dataclasses.replace(current, guard=flag)
        elif setting == "cooldown" and value.isdigit() and int(value) <= self.limits.max_cooldown_seconds:
            updated = dataclasses.replace(current, cooldown_seconds=int(value))
        if updated is None:
            raise _Invalid(usage)
        if updated != current:
            await self._store.update_settings(req.community_id, updated, req.actor)
        loc = (
            updated.locale if setting == "lang" else req.locale
        )  # confirm a language change in that language
        return self._settings_reply(loc, updated, t("faq.settings_saved", loc), "")

    def _settings_reply(self, loc: Locale, s: CommunitySettings, title: str, body: str) -> Reply:
        def on_off(flag: bool) -> str:
            return t("faq." + ("on" if flag else "off"), loc)

        bullets = [
            t("faq.set_lang", loc, value=s.locale),
            t("faq.set_freetext", loc, value=on_off(s.free_text)),
            t("faq.set_cooldown", loc, value=s.cooldown_seconds),
            t("faq.set_guard", loc, value=on_off(s.guard)),
        ]
        return Reply(kind="info", locale=loc, title=title, body=body, bullets=bullets)

    async def _cmd_help(self, rest: str, req: FaqRequest) -> Reply:
        loc = req.locale
        moderator = self._is_moderator(req)
        bullets = faq_lines(loc, moderator, prefix="", separator=" — ")
        body = t("faq.help_body", loc) if moderator else t("faq.help_member", loc)
        return self._info(req, t("faq.help_title", loc), body, bullets)

    # --- helpers --------------------------------------------------------------------------------

    @staticmethod
    def _key(req: FaqRequest) -> DialogueKey:
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
            raise _Invalid(t("faq." + empty_key, req.locale), t("faq.add_usage", req.locale))
        if len(text) > limit:
            raise _Invalid(t("faq." + too_long_key, req.locale, n=len(text), limit=limit))
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
                raise _Invalid(t("faq.duplicate_phrasing", req.locale, text=text, id=owner))

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

    def _similar_bullets(self, req: FaqRequest, similar: list[tuple[Suggestion, float]]) -> list[str]:
        return [
            t("faq.similar_item", req.locale, id=s.entry_id, title=s.title, pct=round(score * 100))
            for s, score in similar
        ]

    async def _changed(self, community_id: str) -> bool:
        """Tell the matcher; a failed reload must not turn a saved change into an error."""
        try:
            await self._on_change(community_id)
        except Exception as exc:
            log.error("matcher reload failed after a faq change: %s", type(exc).__name__)
            return False
        return True

    async def _changed_reply(self, req: FaqRequest, title_key: str, body_key: str, entry_id: str) -> Reply:
        live = await self._changed(req.community_id)
        body = t("faq." + body_key, req.locale, id=entry_id)
        if not live:
            body += "\n\n" + t("faq.saved_not_live", req.locale)
        return self._info(req, t("faq." + title_key, req.locale, id=entry_id), body, entry_id=entry_id)

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
            raise _Invalid(t("faq." + key, req.locale, id=entry_id))
        if ce.deleted:
            raise _Invalid(t("faq.removed_entry", req.locale, id=entry_id))
        return ce

    def _need_id(self, rest: str, req: FaqRequest, cmd: str) -> str:
        raw, _ = split_first(rest)
        if not raw:
            raise _Invalid(t("faq.missing_id", req.locale, cmd=cmd))
        return normalise_id(raw)

    def _page(self, rest: str, total: int, req: FaqRequest, cmd: str) -> tuple[int, int]:
        pages = max(1, math.ceil(total / self.limits.page_size))
        raw = rest.strip()
        if not raw:
            return 1, pages
        if not raw.isdigit() or not 1 <= int(raw) <= pages:
            raise _Invalid(t("faq.bad_page", req.locale, pages=pages, cmd=cmd))
        return int(raw), pages

    def _build_entry(self, req: FaqRequest, data: dict[str, Any]) -> Entry:
        try:
            return Entry.model_validate(data)
        except ValidationError as exc:
            detail = "; ".join(str(e.get("msg", "")) for e in exc.errors())
            raise _Invalid(
                t("faq.error_title", req.locale) + f": {detail}", t("faq.add_usage", req.locale)
            ) from None

    def _info(
        self, req: FaqRequest, title: str | None, body: str, bullets: list[str] | None = None, **extra: Any
    ) -> Reply:
        return Reply(kind="info", locale=req.locale, title=title, body=body, bullets=bullets or [], **extra)

    def _error(self, req: FaqRequest, body: str, hint: str | None = None) -> Reply:
        return Reply(
            kind="error",
            locale=req.locale,
            title=t("faq.error_title", req.locale),
            body=body,
            bullets=[hint] if hint else [],
        )

    def _refusal(self, req: FaqRequest, cmd: str) -> Reply:
        return Reply(
            kind="refusal",
            locale=req.locale,
            title=t("faq.refusal_title", req.locale),
            body=t("faq.refusal_body", req.locale, cmd=cmd),
        )

    def _store_error(self, req: FaqRequest, exc: StoreError) -> Reply:
        """The store's own words; a lost race (id or phrasing taken, entry gone) is the user's to fix."""
        log.warning("store error during a faq command: %s", type(exc).__name__)
        detail = str(exc) or type(exc).__name__
        if isinstance(exc, (AlreadyExists, NotFound)):
            return self._error(req, detail, t("faq.see_help", req.locale))
        return Reply(
            kind="error",
            locale=req.locale,
            title=t("faq.error_title", req.locale),
            body=t("faq.store_error", req.locale, detail=detail),
        )


def _other(locale: Locale) -> Locale:
    return "es" if locale == "en" else "en"


def _id_order(entry_id: str) -> tuple[str, int, str]:
    """c2 before c10."""
    m = re.fullmatch(r"([a-z_-]*)(\d+)", entry_id)
    return (m.group(1), int(m.group(2)), "") if m else (entry_id, 0, entry_id)


def _utc(moment: dt.datetime) -> dt.datetime:
    """Store timestamps may be naive (meaning UTC) or aware; show them in UTC either way."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
