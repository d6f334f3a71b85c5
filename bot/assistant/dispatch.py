"""Commands: one handler per registry command, found through a table."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot import views
from bot.assistant.answering import Answering
from bot.assistant.learning import learn_choice, utcnow
from bot.assistant.policy import (
    ChatContext,
    answers_privately,
    is_moderator,
    prompting,
)
from bot.commands import BY_NAME, nearest
from bot.draft_check import EmptyDraft, check_draft, opinion_if_ready
from bot.draft_check import summarise as summarise_check
from bot.i18n import t
from bot.i18n.words import parse_locale, parse_yes_no
from bot.models import Entry, Locale, Message, Reply

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Call:
    """One command call: the text after the name, the message, who to ask, and where."""

    rest: str
    message: Message
    context: ChatContext
    community: str


CommandHandler = Callable[[Call], Awaitable[Reply]]


class CommandDispatch(Answering):
    """Runs `/name args` by looking the name up in a table covering every registry command."""

    @functools.cached_property
    def _commands(self) -> dict[str, CommandHandler]:
        table: dict[str, CommandHandler] = {
            "start": self._cmd_start,
            "help": self._cmd_help,
            "ask": self._cmd_ask,
            "topics": self._cmd_topics,
            "networks": self._cmd_networks,
            "stats": self._cmd_stats,
            "rules": self._cmd_rules,
            "sources": self._cmd_sources,
            "check": self._cmd_check,
            "lang": self._cmd_lang,
            "rate": self._cmd_rate,
            "cancel": self._cmd_cancel,
            "faq": self._cmd_faq,
        }
        if set(table) != set(BY_NAME):  # every registry command has exactly one handler
            raise RuntimeError(f"commands without a handler: {sorted(set(BY_NAME) ^ set(table))}")
        return table

    async def _command(self, text: str, message: Message, context: ChatContext, community: str) -> Reply:
        head, _, rest = text[1:].partition(" ")
        name = head.split("@", 1)[0].lower()  # "/ask@DocSocialBot" -> "ask"
        handler = self._commands.get(name)
        if handler is None:
            locale = await self._locale(message, community)
            close = nearest(name, list(BY_NAME))
            hint = t("did_you_mean_command", locale, name=close) if close else ""
            return Reply(
                kind="error",
                locale=locale,
                title=t("unknown_command_title", locale),
                body=t("unknown_command_body", locale, name=name[:40], hint=hint),
            )
        return await handler(Call(rest.strip(), message, context, community))

    def _visible(self, community: str) -> list[Entry]:
        return [e for e in self.curated if not self.matcher.is_hidden(e.id, community)]

    async def _cmd_ask(self, call: Call) -> Reply:
        if not call.rest:
            locale = await self._locale(call.message, call.community)
            return Reply(kind="error", locale=locale, title=t("usage_title", locale), body=t("ask_usage", locale))
        return await self.answer(call.rest, call.message, call.community)

    async def _cmd_check(self, call: Call) -> Reply:
        return await self._check(call.rest, call.message, call.community)

    async def _cmd_faq(self, call: Call) -> Reply:
        request = await self._faq_request(call.message, call.context, call.community, call.rest, ask_moderator=True)
        return prompting(await self.faq.handle(call.rest, request), call.message, always=False)

    async def _cmd_cancel(self, call: Call) -> Reply:
        request = await self._faq_request(call.message, call.context, call.community, call.rest, ask_moderator=False)
        if await self.faq.in_dialogue(request):
            return await self.faq.cancel(request)
        return Reply(kind="info", locale=request.locale, body=t("nothing_to_cancel", request.locale))

    async def _cmd_start(self, call: Call) -> Reply:
        locale = await self._locale(call.message, call.community)
        moderator = await is_moderator(call.message, call.context)  # moderators also see their /faq commands
        reply = views.help_reply(locale, moderator, with_faq=moderator)
        return reply.model_copy(update={"title": t("welcome_title", locale), "body": t("welcome_body", locale)})

    async def _cmd_help(self, call: Call) -> Reply:
        locale = await self._locale(call.message, call.community)
        return views.help_reply(locale, await is_moderator(call.message, call.context))

    async def _cmd_topics(self, call: Call) -> Reply:
        locale = await self._locale(call.message, call.community)
        own = self.matcher.community_entries(call.community)
        return views.topics_reply([*self._visible(call.community), *own], locale, call.rest or None)

    async def _cmd_networks(self, call: Call) -> Reply:
        locale = await self._locale(call.message, call.community)
        return views.networks_reply(self._visible(call.community), locale, call.rest or None)

    async def _cmd_stats(self, call: Call) -> Reply:
        locale = await self._locale(call.message, call.community)
        return views.stats_reply(self._visible(call.community), locale, call.rest or None)

    async def _cmd_rules(self, call: Call) -> Reply:
        return views.rules_reply(self._visible(call.community), await self._locale(call.message, call.community))

    async def _cmd_sources(self, call: Call) -> Reply:
        return views.sources_reply(self.curated, await self._locale(call.message, call.community))

    async def _cmd_lang(self, call: Call) -> Reply:
        return await self._set_language(call.rest, call.message, await self._locale(call.message, call.community))

    async def _cmd_rate(self, call: Call) -> Reply:
        locale = await self._locale(call.message, call.community)
        return await self._rate(call.rest, call.message, call.community, locale)

    async def _set_language(self, rest: str, message: Message, locale: Locale) -> Reply:
        chosen = parse_locale(rest)
        if chosen is None:
            return Reply(kind="error", locale=locale, title=t("usage_title", locale), body=t("lang_usage", locale))
        await self.sessions.set_language(self._user_key(message), chosen)
        return Reply(kind="info", locale=chosen, body=t("lang_set", chosen))

    async def _rate(self, rest: str, message: Message, community: str, locale: Locale) -> Reply:
        helpful = parse_yes_no(rest)
        if helpful is None:
            return Reply(kind="error", locale=locale, title=t("usage_title", locale), body=t("rate_usage", locale))
        entry_id = await self.sessions.last_answer(self._user_key(message), community)
        if entry_id is None:
            return Reply(kind="error", locale=locale, body=t("rate_nothing", locale))
        return await self._vote(message, community, entry_id, helpful, locale)

    async def _vote(self, message: Message, community: str, entry_id: str, helpful: bool, locale: Locale) -> Reply:
        if self.matcher.entry(entry_id, community) is None:
            return Reply(kind="error", locale=locale, body=t("entry_gone", locale))
        await self.store.vote(community, entry_id, self._user_key(message), helpful)
        if helpful:
            await learn_choice(self.store, self._user_key(message), community, entry_id, utcnow())
        return Reply(kind="info", locale=locale, body=t("rate_thanks", locale), entry_id=entry_id)

    async def _check(self, draft: str, message: Message, community: str) -> Reply:
        """Review a draft post; the result always goes privately, and the draft is never stored."""
        locale = await self._locale(message, community, draft or None)
        if not draft:
            return Reply(kind="error", locale=locale, title=t("usage_title", locale), body=t("check_usage", locale))
        try:
            result = check_draft(draft, locale=locale, learned=opinion_if_ready())
        except EmptyDraft:  # e.g. only invisible characters: nothing checked is not "ok"
            return Reply(kind="error", locale=locale, title=t("usage_title", locale), body=t("check_usage", locale))
        title, bullets = summarise_check(result, locale)
        notice = None if message.is_private else t("check_group_notice", locale)
        return Reply(
            kind="info",
            locale=locale,
            title=title,
            bullets=bullets,
            body=result.redacted if result.flags else "",
            private=answers_privately("check"),  # drafts may hold patient data
            group_notice=notice,
            sources=list(dict.fromkeys(f.source for f in result.flags)),
        )
