"""Inline answers: at most five sourced cards, the most useful for an empty query, one help card otherwise."""

from __future__ import annotations

import pytest

from bot.i18n import t
from bot.inline import MAX_CARDS, InlineCard, StoreChoiceCounter, inline_cards, most_useful
from bot.knowledge import CURATED_DIR
from bot.matching import Matcher
from bot.models import Entry
from bot.sources import footer
from bot.storage.sqlite.store import SQLiteStore

OUT_OF_SCOPE = [
    line.strip()
    for line in (CURATED_DIR / "out-of-scope.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
MEDICAL = [
    "what dose of amoxicillin for otitis in a child",
    "¿qué antibiótico le doy a un niño con otitis?",
    "side effects of metformin",
]


def _check_answer_cards(cards: list[InlineCard], curated: list[Entry]) -> None:
    by_id = {e.id: e for e in curated}
    assert 1 <= len(cards) <= MAX_CARDS
    assert len({c.id for c in cards}) == len(cards)
    for card in cards:
        entry = by_id[card.entry_id or ""]
        assert card.kind == "answer" and card.id == entry.id
        assert card.reply.body == entry.answer.get(card.locale)
        assert card.reply.sources == footer(entry.sources, card.locale)
        assert card.title == entry.display_title(card.locale)
        assert card.summary and "\n" not in card.summary
        assert card.reply.feedback is False  # posted into another chat: no buttons


def test_a_question_gives_its_answer_first(matcher: Matcher, curated: list[Entry]) -> None:
    cards = inline_cards("what is sermo", matcher, "en", [])
    _check_answer_cards(cards, curated)
    assert cards[0].entry_id == "sermo" and cards[0].locale == "en"


def test_the_query_language_wins_over_the_client_language(matcher: Matcher, curated: list[Entry]) -> None:
    cards = inline_cards("¿qué es Doximity?", matcher, "en", [])
    _check_answer_cards(cards, curated)
    assert cards[0].entry_id == "doximity"
    assert all(c.locale == "es" for c in cards)
    assert cards[0].reply.body == next(e for e in curated if e.id == "doximity").answer.es


def test_a_half_typed_word_finds_titles(matcher: Matcher, curated: list[Entry]) -> None:
    cards = inline_cards("doxim", matcher, "en", [])
    _check_answer_cards(cards, curated)
    assert "doximity" in [c.entry_id for c in cards]
    spanish = inline_cards("estadisticas", matcher, "en", [])
    _check_answer_cards(spanish, curated)
    assert all((c.entry_id or "").startswith("stats-") and c.locale == "es" for c in spanish)


@pytest.mark.parametrize("query", OUT_OF_SCOPE[:12])
def test_out_of_scope_gives_exactly_one_help_card(matcher: Matcher, query: str) -> None:
    cards = inline_cards(query, matcher, "en", [])
    assert len(cards) == 1
    card = cards[0]
    assert card.kind == "help" and card.entry_id is None and card.reply.kind == "fallback"
    assert t("can_help_with", card.locale) in card.reply.body


@pytest.mark.parametrize("query", MEDICAL)
def test_medical_advice_gives_exactly_one_help_card(matcher: Matcher, query: str) -> None:
    cards = inline_cards(query, matcher, "en", [])
    assert len(cards) == 1
    card = cards[0]
    assert card.kind == "help" and card.entry_id is None
    assert card.title == t("medical_title", card.locale)
    assert t("can_help_with", card.locale) in card.reply.body


def test_empty_query_shows_the_most_useful(matcher: Matcher, curated: list[Entry]) -> None:
    featured = most_useful(curated, {}, MAX_CARDS)
    cards = inline_cards("   ", matcher, "es", featured)
    _check_answer_cards(cards, curated)
    assert [c.entry_id for c in cards] == [e.id for e in featured]
    assert all(c.locale == "es" for c in cards)


def test_most_useful_is_most_chosen_then_most_pointed_to(curated: list[Entry]) -> None:
    pointed = {e.id: sum(e.id in other.related for other in curated if other is not e) for e in curated}
    fresh = most_useful(curated, {}, MAX_CARDS)
    counts = [pointed[e.id] for e in fresh]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == max(pointed.values())
    least = min(curated, key=lambda e: pointed[e.id])
    used = most_useful(curated, {least.id: 3, "stats-facebook": 1}, MAX_CARDS)
    assert [e.id for e in used[:2]] == [least.id, "stats-facebook"]
    assert [e.id for e in used[2:]] == [e.id for e in fresh if e.id not in (least.id, "stats-facebook")][:3]


async def test_choices_are_counted_per_entry_without_users(store: SQLiteStore) -> None:
    counter = StoreChoiceCounter(store)
    for entry_id in ("sermo", "sermo", "doximity"):
        await counter.record_choice(entry_id)
    assert await counter.choice_counts() == {"sermo": 2, "doximity": 1}
    assert (await store.stats("telegram:-100123", 30)).answered == 0  # a bucket of its own, no group's stats
