"""Answering questions: match, rate-limit, reply or fall back honestly, log what was missed; typing hints."""

from __future__ import annotations

import logging

from bot import views
from bot.assistant.base import POPULAR_DAYS, SUGGEST_MIN_SCORE, AssistantBase
from bot.assistant.learning import gap_category, offered, remember_offer
from bot.assistant.policy import OPERATOR_PLATFORMS, community_of
from bot.draft_check import guard
from bot.i18n import t
from bot.matching import MatchResult
from bot.matching.language import detect_locale
from bot.matching.normalize import fold
from bot.models import Locale, Message, Reply, Suggestion
from bot.privacy import scrub
from bot.storage.rules import GapKind

log = logging.getLogger(__name__)


class Answering(AssistantBase):
    """Questions: direct ones, ones in group chatter, and half-typed ones (autocomplete)."""

    async def answer(self, text: str, message: Message, community: str) -> Reply:
        """Match a question and reply with an answer, choices, or an honest fallback."""
        settings = await self.store.get_settings(community)  # language and cooldown: one read
        locale = await self._locale(message, community, text, settings)
        if not text:
            return Reply(kind="error", locale=locale, title=t("empty_title", locale), body=t("empty_body", locale))
        limit = self.settings.max_message_chars
        if len(text) > limit:
            return Reply(
                kind="error",
                locale=locale,
                title=t("too_long_title", locale),
                body=t("too_long_body", locale, length=len(text), limit=limit),
            )
        wait = None
        if message.platform not in OPERATOR_PLATFORMS:  # flood control is for shared chats
            user = self._user_key(message)
            # Private chats share a data bucket but not a crowd: only groups get a group-wide limit.
            crowd = f"{community}:{user}" if message.is_private else community
            wait = await self.limiter.check(crowd, user, settings.cooldown_seconds)
        if wait is not None:
            seconds = max(1, round(wait))
            return Reply(
                kind="slow_down",
                locale=locale,
                title=t("slow_down_title", locale),
                body=t("slow_down_body", locale, seconds=seconds),
            )
        result = self.matcher.match(text, community, locale)
        reply = self.reply_for(result, locale, community)
        if result.kind == "answer" and result.top is not None:
            await self.store.record_answer(community, result.top.entry.id)
        else:  # medical-advice and gibberish messages are only counted, never listed (see record_gap)
            kind: GapKind = "clarify" if result.kind == "clarify" else "fallback"
            await self.store.record_gap(community, scrub(text), kind, gap_category(result))
        choices = offered(result, self.settings.match.strong_threshold)
        await remember_offer(self.store, self._user_key(message), community, text, locale, choices)
        return reply

    def reply_for(self, result: MatchResult, locale: Locale, community: str | None) -> Reply:
        """Turn a match decision into what the user sees (also used by `ask --json`)."""
        if result.kind == "answer" and result.top is not None:
            return views.entry_reply(
                result.top.entry, locale, lambda i: self.matcher.entry(i, community), result.top.score
            )
        if result.kind == "clarify" and len(result.candidates) == 1:  # "Did you mean X?" with a Yes button
            only = result.candidates[0].entry
            return Reply(
                kind="clarify",
                locale=locale,
                title=t("confirm_title", locale, title=only.display_title(locale)),
                body=t("confirm_body", locale),
                score=round(result.score, 4),
                suggestions=[Suggestion(entry_id=only.id, title=t("confirm_yes", locale))],
            )
        if result.kind == "clarify":
            return Reply(
                kind="clarify",
                locale=locale,
                title=t("clarify_title", locale),
                body=t("clarify_body", locale),
                score=round(result.score, 4),
                suggestions=[views.suggestion(c.entry, locale) for c in result.candidates],
            )
        if result.reason == "near_domain" and result.topic is not None:  # not covered, but say what is
            body = t("near_domain_body", locale, topic=result.topic.label.get(locale))
            related = [] if result.related is None else [views.suggestion(result.related, locale)]
            if related:
                body += " " + t("near_domain_related", locale, title=related[0].title)
            else:
                body += "\n\n" + t("can_help_with", locale)
            return Reply(
                kind="fallback",
                locale=locale,
                title=t("near_domain_title", locale),
                body=body,
                score=round(result.score, 4),
                suggestions=related,
            )
        title, body = {
            "medical_advice": ("medical_title", "medical_body"),
            "gibberish": ("gibberish_title", "gibberish_body"),
        }.get(result.reason, ("fallback_title", "fallback_body"))
        return Reply(
            kind="fallback",
            locale=locale,
            title=t(title, locale),
            body=t(body, locale) + "\n\n" + t("can_help_with", locale),
            score=round(result.score, 4),
        )

    async def _chatter(self, text: str, message: Message, community: str) -> Reply:
        """Group messages not addressed to the bot: the patient-data guard, then free text if on."""
        settings = await self.store.get_settings(community)
        if settings.guard and text:
            finding = guard.inspect(text[: self.settings.max_message_chars * 5])
            if finding is not None:  # the reminder names the kinds found, never the identifiers themselves
                title, body = finding.reminder()
                return Reply(kind="info", locale=finding.language, title=title, body=body, offer_delete=True)
        if settings.free_text and text and len(text) <= self.settings.max_message_chars:
            result = self.matcher.match(text, community)
            if result.kind == "answer":
                return await self.answer(text, message, community)
        return Reply(kind="silent")

    async def suggest(self, text: str, message: Message, limit: int = 25) -> list[Suggestion]:
        """Entries to offer while the user is still typing (Discord autocomplete).

        Best matches first, then entries whose title contains the half-typed text (a partial word
        may not score yet). With no text, the community's most asked entries of the last 30 days,
        topped up with the first entry of each topic.
        """
        community = community_of(message)
        await self._ensure_loaded(community)
        typed = text.strip()[: self.settings.max_message_chars]
        locale = detect_locale(typed, message.locale or "en") if typed else (message.locale or "en")
        if typed:
            ranked = self.matcher.rank(typed, community)
            chosen = [c.entry for c in ranked[:limit] if c.score >= SUGGEST_MIN_SCORE]
            folded = fold(typed)
            chosen += [c.entry for c in ranked if folded in fold(c.entry.display_title(locale))]
        else:
            stats = await self.store.stats(community, POPULAR_DAYS)
            popular = [self.matcher.entry(item.entry_id, community) for item in stats.top_entries]
            chosen = [e for e in popular if e is not None]
            first_of_topic = {e.topic: e for e in reversed(self.curated)}
            chosen += [e for e in self.curated if first_of_topic[e.topic] is e]
        visible = [e for e in chosen if not self.matcher.is_hidden(e.id, community)]
        unique = list({e.id: e for e in visible}.values())
        return [views.suggestion(e, locale) for e in unique[:limit]]
