"""FAQ outcomes -> replies: the `/faq` reply shapes and their wording (errors, saved changes, lists).

The use cases (entries.py, reading.py, gap_commands.py) decide and store; these functions only word it.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.faq.gaps import GapGroup
from bot.faq.history import changes, short_actor
from bot.i18n import t
from bot.models import Entry, Locale, Reply, Suggestion
from bot.sources import footer
from bot.storage.base import (
    AlreadyExists,
    AuditRecord,
    CommunitySettings,
    CommunityStats,
    EntryStats,
    GapCategory,
    NotFound,
    StoreError,
)

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


# --- what a saved change looks like ------------------------------------------------------------


@dataclass(frozen=True)
class Saved:
    """The outcome of a change to one entry: which, the texts to list, look-alikes, and whether the
    matcher already answers with it (`live`)."""

    entry_id: str
    texts: list[str]
    similar: list[tuple[Suggestion, float]]
    live: bool


def _saved(req: FaqRequest, title: str, body: str, saved: Saved) -> Reply:
    if not saved.live:
        body = (body + "\n\n" + t("faq.saved_not_live", req.locale)).strip()
    return info(req, title, body, saved.texts + similar_bullets(req, saved.similar), entry_id=saved.entry_id,
                suggestions=[s for s, _ in saved.similar])


def added(req: FaqRequest, saved: Saved) -> Reply:
    loc, entry_id = req.locale, saved.entry_id
    body = t("faq.added_body", loc, id=entry_id)
    if saved.similar:
        body += "\n\n" + t("faq.similar_warning", loc, id=entry_id)
    return _saved(req, t("faq.added_title", loc, id=entry_id), body, saved)


def aliased(req: FaqRequest, saved: Saved) -> Reply:
    loc = req.locale
    body = t("faq.alias_body", loc, text=saved.texts[0], id=saved.entry_id)
    if saved.similar:
        body += "\n\n" + t("faq.similar_note", loc)
    return _saved(req, t("faq.alias_done", loc, id=saved.entry_id), body, saved)


def edited(req: FaqRequest, saved: Saved) -> Reply:
    body = t("faq.similar_note", req.locale) if saved.similar else ""
    return _saved(req, t("faq.edit_done", req.locale, id=saved.entry_id), body, saved)


def changed(req: FaqRequest, what: str, entry_id: str, live: bool) -> Reply:
    """removed, restored, hidden, unhidden: "faq.{what}_title" and "faq.{what}_body"."""
    body = t(f"faq.{what}_body", req.locale, id=entry_id)
    return _saved(req, t(f"faq.{what}_title", req.locale, id=entry_id), body, Saved(entry_id, [], [], live))


# --- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryPage:
    """One page of `faq list`: the live entries on it, and (for moderators) what is removed or hidden."""

    page: int
    pages: int
    entries: list[Entry]
    any_live: bool
    removed: list[str]
    hidden: list[str]


def entry_list(req: FaqRequest, listing: EntryPage) -> Reply:
    loc = req.locale
    bullets = [f"{e.id} · {e.display_title(loc)}" for e in listing.entries]
    body = t("faq.list_body", loc) if listing.any_live else t("faq.list_empty", loc)
    if listing.removed or listing.hidden:
        body += " " + t("faq.list_extra", loc, removed=len(listing.removed), hidden=len(listing.hidden))
    if listing.removed:
        bullets.append(t("faq.list_removed", loc, ids=", ".join(listing.removed)))
    if listing.hidden:
        bullets.append(t("faq.list_hidden", loc, ids=", ".join(listing.hidden)))
    return info(req, t("faq.list_title", loc, page=listing.page, pages=listing.pages), body, bullets)


def shown(req: FaqRequest, entry: Entry, *, removed: bool, hidden: bool) -> Reply:
    """One entry as moderators review it: answer, other phrasings, and whether it is removed or hidden."""
    loc = req.locale
    notes = [t("faq.show_removed", loc, id=entry.id)] if removed else []
    notes += [t("faq.show_hidden", loc, id=entry.id)] if hidden else []
    phrasings = entry.questions.get(loc) or entry.questions.get("es" if loc == "en" else "en")
    title = entry.display_title(loc)
    others = [p for p in phrasings if p != title]
    bullets = [t("faq.show_also", loc, text="; ".join(others))] if others else []
    body = "\n\n".join([entry.answer.get(loc), *notes])
    return info(req, title, body, bullets, entry_id=entry.id, sources=footer(entry.sources, loc))


def history(req: FaqRequest, entry_id: str, numbered: list[tuple[int, AuditRecord]]) -> Reply:
    """One entry's (or setting's) changes, newest first, each labelled ID@N for `/faq restore ID@N`."""
    loc = req.locale
    title = t("faq.history_title", loc, id=entry_id)
    if not numbered:
        return info(req, title, t("faq.history_empty", loc, id=entry_id))
    bullets = [history_line(r, loc, label=f"{entry_id}@{n}") for n, r in numbered]
    return info(req, title, t("faq.history_body", loc, id=entry_id), bullets, entry_id=entry_id)


def recent_history(req: FaqRequest, records: list[AuditRecord]) -> Reply:
    """The community's latest changes, newest first, each labelled with what changed."""
    loc = req.locale
    title = t("faq.history_all_title", loc)
    if not records:
        return info(req, title, t("faq.history_all_empty", loc))
    return info(req, title, t("faq.history_all_body", loc), [history_line(r, loc, label=r.target) for r in records])


def history_line(record: AuditRecord, loc: Locale, *, label: str) -> str:
    """"c3@2 · 2026-11-29 14:02 UTC · edit by telegram:1a2b3c4d: answer.en "old" → "new"": who, when, what."""
    head = t(
        "faq.history_item", loc,
        label=label, at=utc(record.at).strftime("%Y-%m-%d %H:%M UTC"), action=record.action,
        actor=short_actor(record.actor),
    )
    details = changes(record, loc)
    return head + (": " + "; ".join(details) if details else "")


def stats(req: FaqRequest, periods: list[CommunityStats], top: list[tuple[EntryStats, str]]) -> Reply:
    """Answered, unanswered and helpful rate per period, then the most asked entries (with titles)."""
    loc = req.locale
    lines = []
    for s in periods:
        votes = s.helpful + s.not_helpful
        rate = (
            t("faq.stats_rate", loc, pct=round(100 * s.helpful / votes), votes=votes)
            if votes
            else t("faq.stats_no_votes", loc)
        )
        lines.append(t("faq.stats_period", loc, days=s.days, answered=s.answered, unanswered=s.unanswered, rate=rate))
    bullets = [
        t("faq.stats_top", loc, id=es.entry_id, title=title, asked=es.asked, up=es.helpful, down=es.not_helpful)
        for es, title in top
    ]
    if not bullets:
        lines.append(t("faq.stats_none", loc))
    return info(req, t("faq.stats_title", loc), "\n".join(lines), bullets)


def utc(moment: dt.datetime) -> dt.datetime:
    """Store timestamps may be naive (meaning UTC) or aware; show them in UTC either way."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def gap_list(req: FaqRequest, page: int, pages: int, groups: list[GapGroup], *, off_topic: bool = False,
             not_listed: dict[GapCategory, int] | None = None, days: int = 30) -> Reply:
    """A page of `faq gaps` (or `faq gaps off-topic`): each group under the stable number `faq answer N`,
    `faq link N ID` and `faq dismiss N` take, and a line saying what was left out as noise."""
    loc = req.locale
    bullets = []
    for group in groups:
        more = t("faq.gap_more", loc, k=len(group.texts) - 1) if len(group.texts) > 1 else ""
        bullets.append(t("faq.gap_item", loc, n=group.number, text=group.text, count=group.count, more=more,
                         first=utc(group.first_seen).strftime("%Y-%m-%d"),
                         last=utc(group.last_seen).strftime("%Y-%m-%d")))
    noise = gaps_not_listed(req, not_listed or {}, days)
    if not groups:
        empty = t("faq.gaps_empty_off_topic" if off_topic else "faq.gaps_empty", loc)
        return info(req, None, "\n\n".join(x for x in (empty, noise) if x))
    title = t("faq.gaps_off_topic_title" if off_topic else "faq.gaps_title", loc, page=page, pages=pages)
    return info(req, title, "\n\n".join(x for x in (t("faq.gaps_body", loc), noise) if x), bullets)


def gaps_not_listed(req: FaqRequest, counts: dict[GapCategory, int], days: int) -> str:
    """What `faq gaps` leaves out, so moderators know the noise was filtered ("" when there was none)."""
    if not (counts.get("off_topic") or counts.get("medical") or counts.get("gibberish")):
        return ""
    return t("faq.gaps_not_listed", req.locale, days=days, off_topic=counts.get("off_topic", 0),
             medical=counts.get("medical", 0), gibberish=counts.get("gibberish", 0))


def dialogue_step(req: FaqRequest, prompt: str, limit: int, similar: list[tuple[Suggestion, float]] | None = None
                  ) -> Reply:
    """A guided-add prompt ("faq.dlg_ask_question|answer|extras" with its limit), warning of look-alikes."""
    body = t(f"faq.{prompt}", req.locale, limit=limit)
    similar = similar or []
    if similar:
        body += "\n\n" + t("faq.similar_warning_dialogue", req.locale)
    return info(req, t("faq.dlg_title", req.locale), body, similar_bullets(req, similar),
                suggestions=[s for s, _ in similar])
