"""A query typed anywhere -> at most five answer cards, each a complete sourced answer to post.

The same matcher and thresholds as a question in chat decide. An empty query shows the most
useful entries (see `usage`). A request for medical advice, or a query that matches nothing,
gives exactly one card saying what the bot can help with: never a nearest-match answer.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot import views
from bot.i18n import t
from bot.matching import Matcher
from bot.matching.language import detect_locale
from bot.matching.normalize import fold, strip_control
from bot.models import Entry, Locale, Reply

MAX_CARDS = 5  # what a doctor can scan above the keyboard
SUMMARY_CHARS = 110  # one line of description under the title
MAX_QUERY_CHARS = 256  # Telegram's own limit for an inline query
PARTIAL_MIN_CHARS = 4  # "serm" already finds Sermo by its title while the doctor types
HELP_CARD_ID = "help"

CardKind = Literal["answer", "help"]


@dataclass(frozen=True)
class InlineCard:
    """One result: what the list shows (title, summary) and what is posted when chosen (reply)."""

    id: str  # stable result id: the entry id, or HELP_CARD_ID
    kind: CardKind
    entry_id: str | None
    title: str
    summary: str
    reply: Reply  # the full answer with its sources (or the help text), in `locale`
    locale: Locale


def _one_line(raw: str) -> str:
    return textwrap.shorten(" ".join(raw.split()), width=SUMMARY_CHARS, placeholder="…")


def _first_sentence(raw: str) -> str:
    found = re.match(r"(.+?[.!?])(?:\s|$)", raw.strip(), flags=re.DOTALL)
    return found.group(1) if found else raw


def answer_card(entry: Entry, locale: Locale) -> InlineCard:
    """An entry as a card; the posted message carries no buttons (it lives in someone else's chat)."""
    reply = views.entry_reply(entry, locale, lambda _: None).model_copy(update={"feedback": False})
    summary = entry.summary.get(locale) if entry.summary else _first_sentence(entry.answer.get(locale))
    return InlineCard(
        id=entry.id,
        kind="answer",
        entry_id=entry.id,
        title=entry.display_title(locale),
        summary=_one_line(summary),
        reply=reply,
        locale=locale,
    )


def help_card(locale: Locale, medical: bool) -> InlineCard:
    """The one card for what the bot does not answer: what it can help with instead."""
    intro = t("medical_body", locale) if medical else t("fallback_body", locale)
    title = t("medical_title", locale) if medical else t("inline.help_title", locale)
    reply = Reply(kind="fallback", locale=locale, title=title, body=intro + "\n\n" + t("can_help_with", locale))
    return InlineCard(HELP_CARD_ID, "help", None, title, t("inline.help_summary", locale), reply, locale)


def _by_title(typed: str, entries: Sequence[Entry], locale: Locale) -> tuple[list[Entry], Locale]:
    """Entries whose title has a word starting with what is being typed (one partial word).

    A single word says little about its language ("estadisticas" is detected as nothing in
    particular), so the other language's titles are tried too, and the cards follow the titles.
    """
    folded = fold(typed).strip()
    if len(folded) < PARTIAL_MIN_CHARS or " " in folded:
        return [], locale
    pattern = re.compile(rf"\b{re.escape(folded)}")
    for language in (locale, "es" if locale == "en" else "en"):
        found = [e for e in entries if pattern.search(fold(e.display_title(language)))]
        if found:
            return found, language
    return [], locale


def inline_cards(query: str, matcher: Matcher, locale_hint: Locale, featured: Sequence[Entry]) -> list[InlineCard]:
    """Cards for `query` (curated knowledge only: an inline query belongs to no group)."""
    typed = strip_control(query).strip()[:MAX_QUERY_CHARS]
    if not typed:
        return [answer_card(e, locale_hint) for e in featured[:MAX_CARDS]]
    locale = detect_locale(typed, locale_hint)
    result = matcher.match(typed, None, locale)
    if result.reason == "medical_advice":
        return [help_card(locale, medical=True)]
    chosen: list[Entry] = []
    if result.kind != "fallback":
        floor = matcher.settings.clarify_threshold
        chosen = [c.entry for c in result.candidates]
        chosen += [c.entry for c in matcher.rank(typed, None, limit=MAX_CARDS) if c.score >= floor]
    by_title, title_locale = _by_title(typed, matcher.entries, locale)
    if not chosen or by_title:  # one word: its language is the one whose titles it starts a word of
        locale = title_locale
    chosen += by_title
    unique = list({e.id: e for e in chosen}.values())[:MAX_CARDS]
    if not unique:
        return [help_card(locale, medical=False)]
    return [answer_card(e, locale) for e in unique]
