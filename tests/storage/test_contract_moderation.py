"""Store contract for the moderators' loop: gap categories and dismissal, links, learned phrasings,
question context, community history and digest claims. Runs over every backend."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from bot.storage.base import CommunitySettings, NotFound, Store
from tests.storage.conftest import FixedClock, StoreFactory

A, B = "telegram:-100123", "discord:42"


async def test_gaps_keep_real_and_off_topic_texts_and_only_count_the_rest(store: Store) -> None:
    await store.record_gap(A, "how do I verify my account?", "fallback")
    await store.record_gap(A, "who won the match?", "fallback", "off_topic")
    await store.record_gap(A, "what dose of amoxicillin", "fallback", "medical")
    await store.record_gap(A, "asdfgh", "fallback", "gibberish")
    newest_first = ["who won the match?", "how do I verify my account?"]
    assert [g.text for g in await store.gaps(A)] == newest_first
    real = await store.gaps(A, categories=["question"])
    assert [(g.text, g.category) for g in real] == [("how do I verify my account?", "question")]
    assert [g.category for g in await store.gaps(A, categories=["off_topic"])] == ["off_topic"]
    counts = await store.unanswered_by_category(A, 7)
    assert counts == {"question": 1, "off_topic": 1, "medical": 1, "gibberish": 1}
    stats = await store.stats(A, 7)
    assert stats.unanswered == 2  # refusals of medical advice and gibberish are not gaps


async def test_dismissed_questions_are_never_listed_again(store: Store) -> None:
    await store.record_gap(A, "is there parking?", "fallback")
    await store.record_gap(A, "Is there parking", "clarify")
    await store.record_gap(A, "who signs leave?", "fallback")
    await store.record_gap(B, "is there parking?", "fallback")
    await store.dismiss_gaps(A, ["is there parking?"], "mod")
    assert [g.text for g in await store.gaps(A)] == ["who signs leave?"]
    await store.record_gap(A, "IS THERE PARKING?", "fallback")  # asked again: counted, not listed
    assert [g.text for g in await store.gaps(A)] == ["who signs leave?"]
    assert [g.text for g in await store.gaps(B)] == ["is there parking?"]  # other communities unaffected
    assert (await store.unanswered_by_category(A, 7))["question"] == 4
    assert [r.action for r in await store.recent_history(A, 5)] == ["dismiss"]


async def test_links_route_phrasings_per_community_and_undo(store: Store) -> None:
    assert await store.add_link(A, "sermo", "whats that doctors network", "mod")
    assert await store.add_link(A, "sermo", "the anonymous doctor app", "mod")
    assert not await store.add_link(A, "doximity", "Whats that doctors network?", "mod")  # taken
    assert await store.links(A) == {"sermo": ["whats that doctors network", "the anonymous doctor app"]}
    assert await store.links(B) == {}
    assert await store.remove_links(A, "sermo", "WHATS THAT DOCTORS NETWORK", "mod") == ["whats that doctors network"]
    assert await store.remove_links(A, "sermo", None, "mod") == ["the anonymous doctor app"]
    assert await store.links(A) == {}
    assert [r.action for r in await store.history(A, "sermo")] == ["link", "link", "unlink", "unlink"]


async def test_learned_phrasings_count_people_and_stay_rejected(store: Store) -> None:
    await store.learn_phrasing(A, "sermo", "the anonymous doctor app", "en", "u1")
    await store.learn_phrasing(A, "sermo", "The anonymous doctor app?", "en", "u1")  # same person again
    await store.learn_phrasing(A, "sermo", "the anonymous doctor app", "en", "u2")
    await store.learn_phrasing(A, "c1", "where is the rota", "en", "u3")
    pending = await store.learned(A)
    assert [(p.number, p.entry_id, p.count) for p in pending] == [(1, "sermo", 2), (2, "c1", 1)]
    assert await store.learned(B) == []
    rejected = await store.set_learned_status(A, 1, "rejected", "mod")
    assert rejected.status == "rejected" and rejected.entry_id == "sermo"
    await store.learn_phrasing(A, "sermo", "the anonymous doctor app", "en", "u4")
    assert [p.number for p in await store.learned(A)] == [2]  # never proposed again
    with pytest.raises(NotFound):
        await store.set_learned_status(A, 1, "accepted", "mod")
    accepted = await store.set_learned_status(A, 2, "accepted", "mod")
    assert accepted.status == "accepted"
    assert [(p.community_id, p.entry_id, p.text) for p in await store.accepted_phrasings()] == [
        (A, "c1", "where is the rota")
    ]


async def test_question_context_is_per_user_and_community(store: Store) -> None:
    assert await store.question_context("u1", A) is None
    await store.remember_question("u1", A, "which network for doctors", "en", ["sermo", "doximity"])
    await store.remember_question("u1", A, "que red para medicos", "es", ["sermo"])
    context = await store.question_context("u1", A)
    assert context is not None and (context.text, context.locale, context.entries) == (
        "que red para medicos", "es", ("sermo",)
    )
    assert await store.question_context("u1", B) is None and await store.question_context("u2", A) is None


async def test_recent_history_is_newest_first(store: Store) -> None:
    await store.update_settings(A, CommunitySettings(locale="es"), "mod1")
    await store.set_hidden(A, "sermo", True, "mod2")
    history = await store.recent_history(A, 10)
    assert [(r.action, r.actor) for r in history] == [("hide", "mod2"), ("settings", "mod1")]
    assert len(await store.recent_history(A, 1)) == 1


async def test_digest_is_claimed_once_per_community_and_period(open_store: StoreFactory) -> None:
    first, second = await open_store(), await open_store()  # two workers on one database
    await first.update_settings(A, CommunitySettings(digest="weekly"), "mod")
    await first.update_settings(B, CommunitySettings(digest="off", locale="es"), "mod")
    assert await second.digest_communities() == [A]
    claims = await asyncio.gather(
        *(store.claim_digest(A, "2026-W03") for store in (first, second, first, second))
    )
    assert sorted(claims) == [False, False, False, True]
    assert await second.claim_digest(A, "2026-W04") and await first.claim_digest(B, "2026-W03")


async def test_question_context_and_dismissals_expire_with_retention(open_store: StoreFactory) -> None:
    clock = FixedClock()
    store = await open_store(clock)
    await store.remember_question("u1", A, "old question", "en", [])
    await store.dismiss_gaps(A, ["old question"], "mod")
    clock.now += dt.timedelta(days=2)
    await store.purge_older_than(90)
    assert await store.question_context("u1", A) is None  # needed for minutes, kept a day at most
    clock.now += dt.timedelta(days=100)
    await store.purge_older_than(90)
    await store.record_gap(A, "old question", "fallback")
    assert [g.text for g in await store.gaps(A)] == ["old question"]
