"""Learning from what users do (what question-answering services call active learning).

When the bot is unsure ("did you mean", or an answer with middling confidence) it remembers the scrubbed
question and the entries it offered. If the user then picks one of them, or rates that answer helpful,
the question is recorded as a phrasing proposed for the chosen entry; moderators accept or reject it
with `/faq suggestions`. Nothing is learned without a person choosing, and only scrubbed text is kept.
"""

from __future__ import annotations

import datetime as dt

from bot.matching import MatchResult
from bot.models import Locale
from bot.privacy import scrub
from bot.storage.base import GapCategory, Store

CHOICE_WINDOW = dt.timedelta(minutes=30)  # a choice made later than this no longer refers to the question

_CATEGORY_OF_REASON: dict[str, GapCategory] = {
    "off_topic": "off_topic",
    "medical_advice": "medical",
    "gibberish": "gibberish",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def gap_category(result: MatchResult) -> GapCategory:
    """What the matcher made of an unanswered message: a real gap unless it said otherwise."""
    return _CATEGORY_OF_REASON.get(result.reason, "question")


def offered(result: MatchResult, strong_threshold: float) -> list[str]:
    """The entries a user may teach us about: the choices of a clarify, or an answer the bot was unsure of."""
    if result.kind == "clarify":
        return [c.entry.id for c in result.candidates]
    if result.kind == "answer" and result.top is not None and result.top.score < strong_threshold:
        return [result.top.entry.id]
    return []


async def remember_offer(
    store: Store, user_key: str, community: str, text: str, locale: Locale, entries: list[str]
) -> None:
    """Keep the scrubbed question for the user's next choice (only when something was offered)."""
    if entries:
        await store.remember_question(user_key, community, scrub(text), locale, entries)


async def learn_choice(store: Store, user_key: str, community: str, entry_id: str, now: dt.datetime) -> bool:
    """The user chose `entry_id` (a pick or a helpful rating): learn from it if it answers their question."""
    context = await store.question_context(user_key, community)
    if context is None or entry_id not in context.entries or now - context.at > CHOICE_WINDOW:
        return False
    await store.learn_phrasing(community, entry_id, context.text, context.locale, user_key)
    return True
