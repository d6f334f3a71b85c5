"""The Store contract for cross-message state (every backend): revisions, dialogues, stable gap
numbers, per-user memory, rate limits, shared secrets and job claims."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from bot.models import Entry
from bot.storage.base import CommunitySettings, Quota, Store
from tests.storage.conftest import FixedClock, StoreFactory

A, B = "telegram:-100123", "discord:42"


def make_entry(entry_id: str, question: str = "Is this stored?") -> Entry:
    return Entry.model_validate(
        {"id": entry_id, "topic": "community", "questions": {"en": [question]}, "answer": {"en": "Yes."}}
    )


async def test_every_kind_of_write_bumps_the_community_revision(store: Store) -> None:
    seen = [await store.revision(A)]
    assert seen == [0]

    async def bumped() -> None:
        now = await store.revision(A)
        assert now > seen[-1]
        seen.append(now)

    await store.add_entry(A, make_entry("c1"), "mod")
    await bumped()
    await store.update_entry(A, make_entry("c1", "Edited?"), "mod", "edit")
    await bumped()
    await store.set_deleted(A, "c1", True, "mod")
    await bumped()
    await store.upsert_entries(A, [make_entry("c5")], "cli")
    await bumped()
    await store.set_hidden(A, "sermo", True, "mod")
    await bumped()
    await store.update_settings(A, CommunitySettings(locale="es"), "mod")
    await bumped()
    await store.create_entry(A, make_entry, "mod")
    await bumped()
    assert await store.revision(B) == 0  # another community is untouched
    await store.record_gap(A, "unanswered?", "fallback")
    await store.vote(A, "c1", "voter", True)
    assert await store.revision(A) == seen[-1]  # usage does not force reloads
    await store.move_community(A, B, "platform")
    assert await store.revision(B) > 0 and await store.revision(A) > seen[-1]


async def test_dialogues_round_trip_per_actor_and_community(open_store: StoreFactory) -> None:
    clock = FixedClock()
    store = await open_store(clock)
    assert await store.load_dialogue(A, "mod") is None
    await store.save_dialogue(A, "mod", '{"step": "question"}')
    clock.now += dt.timedelta(seconds=30)
    await store.save_dialogue(A, "mod", '{"step": "answer", "question": "Q?"}')
    state = await store.load_dialogue(A, "mod")
    assert state is not None and state.data == '{"step": "answer", "question": "Q?"}'
    assert state.touched_at == clock.now
    assert await store.load_dialogue(A, "other") is None
    assert await store.load_dialogue(B, "mod") is None
    ended = await store.end_dialogue(A, "mod")
    assert ended is not None and ended.data.startswith('{"step": "answer"')
    assert await store.end_dialogue(A, "mod") is None
    assert await store.load_dialogue(A, "mod") is None


async def test_gap_numbers_are_stable_until_answered_or_dismissed(open_store: StoreFactory) -> None:
    clock = FixedClock()
    store = await open_store(clock)
    await store.record_gap(A, "Is Mastodon OK?", "fallback")
    await store.record_gap(A, "what about threads", "fallback")
    await store.record_gap(A, "is mastodon ok", "clarify")  # same question, other kind: same number
    await store.record_gap(B, "elsewhere?", "fallback")
    numbers = {g.text.lower().rstrip("?"): g.number for g in await store.gaps(A)}
    assert numbers == {"is mastodon ok": 1, "what about threads": 2}
    assert [g.number for g in await store.gaps(B)] == [1]
    for _ in range(5):  # a question asked more often moves up the list but keeps its number
        await store.record_gap(A, "what about threads", "fallback")
    gaps = await store.gaps(A)
    assert (gaps[0].text, gaps[0].number) == ("what about threads", 2)
    await store.delete_gap(A, "IS MASTODON OK")  # answered: the number is retired, never reused
    await store.record_gap(A, "new question", "fallback")
    await store.record_gap(A, "is mastodon ok?", "fallback")  # asked again later: a new number
    assert sorted(g.number for g in await store.gaps(A)) == [2, 3, 4]
    clock.now += dt.timedelta(days=100)
    await store.purge_older_than(90)
    assert await store.gaps(A) == []
    await store.record_gap(A, "what about threads", "fallback")
    assert [g.number for g in await store.gaps(A)] == [5]


async def test_user_locale_and_last_answer_are_remembered(store: Store) -> None:
    assert await store.user_locale("telegram:u1") is None
    await store.set_user_locale("telegram:u1", "es")
    await store.set_user_locale("telegram:u2", "en")
    await store.set_user_locale("telegram:u1", "en")
    assert await store.user_locale("telegram:u1") == "en"
    assert await store.user_locale("telegram:u2") == "en"
    assert await store.last_answer("telegram:u1", A) is None
    await store.set_last_answer("telegram:u1", A, "sermo")
    await store.set_last_answer("telegram:u1", A, "doximity")
    await store.set_last_answer("telegram:u1", B, "c1")
    assert await store.last_answer("telegram:u1", A) == "doximity"
    assert await store.last_answer("telegram:u1", B) == "c1"
    assert await store.last_answer("telegram:u2", A) is None


async def test_rate_limits_count_windows_and_refusals_are_free(open_store: StoreFactory) -> None:
    clock = FixedClock()  # 12:00:00 exactly: a window boundary
    store = await open_store(clock)
    user = Quota("user:alice", 2, 60)
    group = Quota(f"community:{A}", 3, 60)
    assert await store.hit_limits([user, group], f"{A}|alice", 0) is None
    assert await store.hit_limits([user, group], f"{A}|alice", 0) is None
    clock.now += dt.timedelta(seconds=10)
    for _ in range(3):  # refused attempts are not counted
        assert await store.hit_limits([user, group], f"{A}|alice", 0) == pytest.approx(50)
    bob = Quota("user:bob", 2, 60)
    assert await store.hit_limits([bob, group], f"{A}|bob", 0) is None  # the group's third hit
    assert await store.hit_limits([bob, group], f"{A}|bob", 0) == pytest.approx(50)  # group full
    assert await store.hit_limits([bob, Quota("community:other", 3, 60)], "other|bob", 0) is None
    clock.now += dt.timedelta(seconds=50)  # next window
    assert await store.hit_limits([user, group], f"{A}|alice", 0) is None


async def test_cooldown_applies_per_user_and_community(open_store: StoreFactory) -> None:
    clock = FixedClock()
    store = await open_store(clock)
    roomy = [Quota("user:alice", 100, 60)]
    assert await store.hit_limits(roomy, f"{A}|alice", 30) is None
    clock.now += dt.timedelta(seconds=10)
    assert await store.hit_limits(roomy, f"{A}|alice", 30) == pytest.approx(20)
    assert await store.hit_limits(roomy, f"{B}|alice", 30) is None  # another community
    clock.now += dt.timedelta(seconds=20)
    assert await store.hit_limits(roomy, f"{A}|alice", 30) is None
    assert await store.hit_limits(roomy, f"{A}|alice", 0) is None  # off
    assert await store.hit_limits(roomy, f"{A}|alice", 60) == pytest.approx(60)  # turned on: counts the last answer


async def test_concurrent_hits_never_exceed_the_limit(store: Store) -> None:
    quota = Quota("community:busy", 7, 3600)
    results = await asyncio.gather(*(store.hit_limits([quota], f"busy|u{i}", 0) for i in range(30)))
    assert sum(r is None for r in results) == 7


async def test_shared_secret_is_made_once(store: Store) -> None:
    made: list[str] = []

    def make() -> str:
        made.append(f"secret-{len(made)}")
        return made[-1]

    first = await store.shared_secret("telegram_webhook", make)
    again = await asyncio.gather(*(store.shared_secret("telegram_webhook", make) for _ in range(5)))
    assert first == "secret-0" and set(again) == {first}
    assert await store.shared_secret("other", lambda: "x") == "x"


async def test_a_job_is_claimed_once_per_interval(open_store: StoreFactory) -> None:
    clock = FixedClock()
    store = await open_store(clock)
    day = dt.timedelta(hours=23)
    claims = await asyncio.gather(*(store.claim_job("purge", day) for _ in range(6)))
    assert sorted(claims) == [False] * 5 + [True]
    assert await store.claim_job("other", day) is True  # jobs are independent
    clock.now += dt.timedelta(hours=22)
    assert await store.claim_job("purge", day) is False
    clock.now += dt.timedelta(hours=1)
    assert await store.claim_job("purge", day) is True
    assert await store.claim_job("purge", day) is False
