"""FAQ outcomes as replies: the shared shapes (info, error, refusal, store trouble, settings, similar entries)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from bot.i18n import t
from bot.models import Locale, Reply, Suggestion
from bot.storage.base import AlreadyExists, CommunitySettings, NotFound, StoreError

if TYPE_CHECKING:
    from bot.faq.base import FaqRequest

log = logging.getLogger(__name__)


def info(req: FaqRequest, title: str | None, body: str, bullets: list[str] | None = None, **extra: Any
) -> Reply:
    return Reply(kind="info", locale=req.locale, title=title, body=body, bullets=bullets or [], **extra)

def error(req: FaqRequest, body: str, hint: str | None = None) -> Reply:
    return Reply(
        kind="error",
        locale=req.locale,
        title=t("faq.error_title", req.locale),
        body=body,
        bullets=[hint] if hint else [],
    )

def refusal(req: FaqRequest, cmd: str) -> Reply:
    return Reply(
        kind="refusal",
        locale=req.locale,
        title=t("faq.refusal_title", req.locale),
        body=t("faq.refusal_body", req.locale, cmd=cmd),
    )

def store_error(req: FaqRequest, exc: StoreError) -> Reply:
    """The store's own words; a lost race (id or phrasing taken, entry gone) is the user's to fix."""
    log.warning("store error during a faq command: %s", type(exc).__name__)
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, (AlreadyExists, NotFound)):
        return error(req, detail, t("faq.see_help", req.locale))
    return Reply(
        kind="error",
        locale=req.locale,
        title=t("faq.error_title", req.locale),
        body=t("faq.store_error", req.locale, detail=detail),
    )

def settings_reply(loc: Locale, s: CommunitySettings, title: str, body: str) -> Reply:
    def on_off(flag: bool) -> str:
        return t("faq." + ("on" if flag else "off"), loc)

    bullets = [
        t("faq.set_lang", loc, value=s.locale),
        t("faq.set_freetext", loc, value=on_off(s.free_text)),
        t("faq.set_cooldown", loc, value=s.cooldown_seconds),
        t("faq.set_guard", loc, value=on_off(s.guard)),
        t("faq.set_digest", loc, value=digest_where(loc, s)),
    ]
    return Reply(kind="info", locale=loc, title=title, body=body, bullets=bullets)

def digest_where(loc: Locale, s: CommunitySettings) -> str:
    """"off", or "weekly, into the group" / "privately to admins" / "in channel <#id>"."""
    if s.digest != "weekly":
        return t("faq.off", loc)
    if s.digest_to.startswith("channel:"):
        return t("faq.digest_to_channel", loc, channel=s.digest_to.removeprefix("channel:"))
    return t("faq.digest_to_admins" if s.digest_to == "admins" else "faq.digest_to_group", loc)


def similar_bullets(req: FaqRequest, similar: list[tuple[Suggestion, float]]) -> list[str]:
    return [
        t("faq.similar_item", req.locale, id=s.entry_id, title=s.title, pct=round(score * 100))
        for s, score in similar
    ]
