"""Reading and settings: list, show, history, stats, settings, help."""

from __future__ import annotations

import dataclasses
import logging
import re

from bot.commands import faq_lines
from bot.faq import replies
from bot.faq.base import FaqBase, FaqRequest, Invalid, id_order
from bot.faq.parsing import normalise_id, split_first
from bot.faq.replies import EntryPage
from bot.i18n import t
from bot.i18n.words import parse_locale, parse_yes_no
from bot.models import Reply
from bot.storage.base import CommunitySettings, EntryStats

log = logging.getLogger(__name__)

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
    "digest": "digest",
    "resumen": "digest",
}
_DIGEST_ON = frozenset({"weekly", "semanal", "on", "yes", "si", "sí"})
_DIGEST_OFF = frozenset({"off", "no"})


class ReadingCommands(FaqBase):
    """Reading and settings: list, show, history, stats, settings, help."""

    async def _cmd_list(self, rest: str, req: FaqRequest) -> Reply:
        entries = await self._store.list_entries(req.community_id, include_deleted=True)
        active = sorted((ce.entry for ce in entries if not ce.deleted), key=lambda e: id_order(e.id))
        if not active and not entries:
            return replies.info(req, None, t("faq.list_empty", req.locale))
        page, pages = self._page(rest, len(active), req, "list")
        size = self.limits.page_size
        removed: list[str] = []
        hidden: list[str] = []
        if self._is_moderator(req):  # members see what is live, moderators also what is not
            removed = sorted((ce.entry.id for ce in entries if ce.deleted), key=id_order)
            hidden = sorted(await self._store.hidden_entries(req.community_id))
        shown = active[(page - 1) * size : page * size]
        return replies.entry_list(req, EntryPage(page, pages, shown, bool(active), removed, hidden))

    async def _cmd_show(self, rest: str, req: FaqRequest) -> Reply:
        entry_id = self._need_id(rest, req, "show")
        ce = await self._community_entry(req.community_id, entry_id)
        removed = hidden = False
        if ce is not None and (not ce.deleted or self._is_moderator(req)):
            entry, removed = ce.entry, ce.deleted
        elif entry_id in self._curated:
            entry = self._curated[entry_id]
            hidden = entry_id in await self._store.hidden_entries(req.community_id)
        else:
            raise Invalid(t("faq.unknown_id", req.locale, id=entry_id))
        return replies.shown(req, entry, removed=removed, hidden=hidden)

    async def _cmd_history(self, rest: str, req: FaqRequest) -> Reply:
        """With an ID: that entry's (or setting's) changes, numbered for `/faq restore ID@N`; without:
        the community's latest changes. Each says who, when, and before -> after."""
        raw, _ = split_first(rest)
        if not raw:
            return replies.recent_history(
                req, await self._store.recent_history(req.community_id, self.limits.history_limit)
            )
        entry_id = normalise_id(raw)
        records = await self._store.history(req.community_id, entry_id)
        if not records and entry_id not in self._curated and (
            await self._community_entry(req.community_id, entry_id) is None
        ):
            raise Invalid(t("faq.unknown_id", req.locale, id=entry_id))
        numbered = list(enumerate(records, start=1))[::-1][: self.limits.history_limit]
        return replies.history(req, entry_id, numbered)

    async def _cmd_stats(self, rest: str, req: FaqRequest) -> Reply:
        periods = [await self._store.stats(req.community_id, days) for days in (7, 30)]
        titles = {
            ce.entry.id: ce.entry.display_title(req.locale)
            for ce in await self._store.list_entries(req.community_id, include_deleted=True)
        }
        top: list[tuple[EntryStats, str]] = []
        for es in periods[1].top_entries[: self.limits.page_size]:
            entry = self._curated.get(es.entry_id)
            top.append((es, titles.get(es.entry_id) or (entry.display_title(req.locale) if entry else es.entry_id)))
        return replies.stats(req, periods, top)

    async def _cmd_settings(self, rest: str, req: FaqRequest) -> Reply:
        current = await self._store.get_settings(req.community_id)
        if not rest:
            return replies.settings_reply(
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
        elif setting == "digest":
            updated = self._digest_setting(current, value, req)
        if updated is None:
            raise Invalid(usage)
        if updated != current:
            await self._store.update_settings(req.community_id, updated, req.actor)
        loc = (
            updated.locale if setting == "lang" else req.locale
        )  # confirm a language change in that language
        return replies.settings_reply(loc, updated, t("faq.settings_saved", loc), "")

    @staticmethod
    def _digest_setting(current: CommunitySettings, value: str, req: FaqRequest) -> CommunitySettings | None:
        """`digest weekly [group|admins|#channel]` or `digest off`; Discord has no "group", so it needs a channel."""
        words = value.split()
        if words and words[0] in _DIGEST_OFF and len(words) == 1:
            return dataclasses.replace(current, digest="off")
        if not words or words[0] not in _DIGEST_ON or len(words) > 2:
            return None
        where = words[1] if len(words) == 2 else current.digest_to
        channel = re.fullmatch(r"<?#?(\d{5,25})>?", where)
        discord = req.community_id.startswith("discord:")
        if channel is not None and discord:
            return dataclasses.replace(current, digest="weekly", digest_to=f"channel:{channel.group(1)}")
        if where.startswith("channel:") and discord:
            return dataclasses.replace(current, digest="weekly", digest_to=where)
        if where in ("group", "admins") and not discord:
            return dataclasses.replace(current, digest="weekly", digest_to=where)
        if discord:
            raise Invalid(t("faq.digest_needs_channel", req.locale))
        return None

    async def _cmd_help(self, rest: str, req: FaqRequest) -> Reply:
        loc = req.locale
        moderator = self._is_moderator(req)
        bullets = faq_lines(loc, moderator, prefix="/", separator=" — ")
        body = t("faq.help_body", loc) if moderator else t("faq.help_member", loc)
        return replies.info(req, t("faq.help_title", loc), body, bullets)
