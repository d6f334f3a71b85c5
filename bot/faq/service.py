"""Moderators' community FAQ: `/faq add|alias|edit|remove|...` shape one group's answers.

Platform-neutral: the core hands over the text after `/faq` plus who asks (`FaqRequest`). This module
is the entry point: it routes a subcommand through its table, enforces the moderator policy and runs
the guided add's state table; the use cases live in entries.py, reading.py and gap_commands.py.
Every change calls `on_change(community_id)` so the matcher reloads that group's entries.
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from collections.abc import Awaitable, Callable

from bot.commands import FAQ
from bot.faq import replies
from bot.faq.base import LOCAL_COMMUNITY, FaqLimits, FaqRequest, Invalid
from bot.faq.dialogue import Draft, Step
from bot.faq.digest import DigestCommands
from bot.faq.parsing import clean_text, split_extras, split_first
from bot.faq.reading import ReadingCommands
from bot.i18n import t
from bot.i18n.words import CANCEL_WORDS, SKIP_WORDS
from bot.models import Reply
from bot.storage.base import StoreError

__all__ = ["LOCAL_COMMUNITY", "FaqLimits", "FaqRequest", "FaqService"]

log = logging.getLogger(__name__)

Handler = Callable[[str, FaqRequest], Awaitable[Reply]]
StepHandler = Callable[[str, str, Draft, FaqRequest], Awaitable[tuple[Reply, bool]]]


class FaqService(DigestCommands, ReadingCommands):
    """Runs `/faq` subcommands and the guided add for every community."""

    @functools.cached_property
    def _handlers(self) -> dict[str, Handler]:
        handlers: dict[str, Handler] = {
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
            "unlink": self._cmd_unlink,
            "dismiss": self._cmd_dismiss,
            "suggestions": self._cmd_suggestions,
            "accept": self._cmd_accept,
            "reject": self._cmd_reject,
            "stats": self._cmd_stats,
            "settings": self._cmd_settings,
            "help": self._cmd_help,
        }
        registered = {c.name for c in FAQ.subcommands}
        if set(handlers) != registered:  # one handler per registry subcommand
            raise RuntimeError(f"faq subcommands without a handler: {sorted(set(handlers) ^ registered)}")
        return handlers

    @functools.cached_property
    def _steps(self) -> dict[Step, StepHandler]:
        """The guided add's state table: the draft's step -> what takes the next message."""
        return {"question": self._step_question, "answer": self._step_answer, "extras": self._step_extras}

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
            return replies.error(req, f"{body} {hint}")
        if command.moderator_only and not self._is_moderator(req):
            return replies.refusal(req, command.name)
        try:
            reply = await self._handlers[command.name](rest, req)
        except Invalid as exc:
            return replies.error(req, exc.body, exc.hint)
        except StoreError as exc:
            return replies.store_error(req, exc)
        log.debug("faq %s -> %s", command.name, reply.kind)
        return reply

    async def in_dialogue(self, req: FaqRequest) -> bool:
        """True while a step-by-step add by this actor in this community is open and not idle too long."""
        return await self.has_dialogue(req.community_id, req.actor)

    async def has_dialogue(self, community_id: str, actor: str) -> bool:
        """`in_dialogue` for callers that have not built a request yet (it needs only who and where)."""
        return await self._dialogues.get((community_id, actor)) is not None

    async def dialogue_step(self, text: str, req: FaqRequest) -> Reply:
        """Take the next message of a guided add: question, then answer, then extra phrasings.

        `req.is_moderator` is not consulted: only the moderator who ran `faq add` has a draft to continue.
        """
        key = self._key(req)
        try:
            existed = await self._dialogues.exists(key)
            draft = await self._dialogues.get(key)
        except StoreError as exc:
            return replies.store_error(req, exc)
        if draft is None:
            if existed:
                minutes = round(self.limits.dialogue_timeout_seconds / 60)
                return replies.error(req, t("faq.dlg_expired", req.locale, minutes=minutes))
            return replies.error(req, t("faq.dlg_none", req.locale), t("faq.add_usage", req.locale))
        # No moderator check here: it was made when this actor started the dialogue, and the core does not
        # look the role up again for every plain message (the draft is keyed by that actor).
        line = clean_text(text)
        if line.lower() in CANCEL_WORDS:
            return await self.cancel(req)
        try:
            await self._dialogues.save(key, draft)  # activity resets the idle timer
            reply, done = await self._steps[draft.step](text, line, draft, req)
            if done:
                await self._dialogues.end(key)
            else:
                await self._dialogues.save(key, draft)
        except Invalid as exc:
            return replies.error(req, exc.body, exc.hint)
        except StoreError as exc:
            return replies.store_error(req, exc)  # the draft stays, so the moderator can simply resend
        return reply

    # --- the guided add's state table: each step takes one message and moves the draft on ---------

    async def _step_question(self, text: str, line: str, draft: Draft, req: FaqRequest) -> tuple[Reply, bool]:
        if "|" in line:  # "Question? | Answer" at once: skip to step 3
            q_part, a_part = text.split("|", 1)
            question = self._check_question(clean_text(q_part), req)
            answer = self._check_answer(clean_text(a_part, multiline=True), req)
            await self._check_not_duplicate(req, [question], exclude=None)
            draft.question, draft.answer, draft.step = question, answer, "extras"
            return self._ask_extras(req), False
        question = self._check_question(line, req)
        await self._check_not_duplicate(req, [question], exclude=None)
        draft.question, draft.step = question, "answer"
        similar = self._similar(question, req.community_id, exclude=None)
        return replies.dialogue_step(req, "dlg_ask_answer", self.limits.max_answer_chars, similar), False

    async def _step_answer(self, text: str, line: str, draft: Draft, req: FaqRequest) -> tuple[Reply, bool]:
        draft.answer, draft.step = self._check_answer(clean_text(text, multiline=True), req), "extras"
        return self._ask_extras(req), False

    async def _step_extras(self, text: str, line: str, draft: Draft, req: FaqRequest) -> tuple[Reply, bool]:
        extras = [] if line.lower() in SKIP_WORDS else split_extras(text)
        return await self._save_new(req, draft.question, draft.answer, extras, warn=False)

    def _ask_extras(self, req: FaqRequest) -> Reply:
        return replies.dialogue_step(req, "dlg_ask_extras", self.limits.max_extra_phrasings)

    async def cancel(self, req: FaqRequest) -> Reply:
        """End this actor's guided add without saving (`/cancel`)."""
        if await self._dialogues.end(self._key(req)):
            return replies.info(req, t("faq.dlg_title", req.locale), t("faq.dlg_cancelled", req.locale))
        return replies.info(req, None, t("faq.dlg_none", req.locale))

    async def add_entry(
        self, req: FaqRequest, question: str, answer: str, extra_phrasings: list[str]
    ) -> Reply:
        """One-shot add with everything at once (e.g. a Discord modal)."""
        if not self._is_moderator(req):
            return replies.refusal(req, "add")
        try:
            reply, _ = await self._save_new(req, question, answer, extra_phrasings, warn=True)
        except Invalid as exc:
            return replies.error(req, exc.body, exc.hint)
        except StoreError as exc:
            return replies.store_error(req, exc)
        return reply
