"""The moderators' loop through the core: gaps worth reading, links to built-in entries, and phrasings
learned from users' choices, each ending in the question being answered in that community only."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from bot import actions
from bot.assistant import Assistant
from bot.config import MatchSettings, Settings
from bot.matching import Matcher
from bot.models import Entry, Message, Reply
from bot.storage.sqlite.store import SQLiteStore
from tests.assistant.test_assistant import TINY
from tests.fakes.chat import MemberContext, ModeratorContext

GROUP, OTHER = "telegram:-100123", "telegram:-100999"
MOD, MEMBER = ModeratorContext(), MemberContext()


def ask(text: str, user: str = "42", community: str = GROUP) -> Message:
    return Message(text=text, platform="telegram", community_id=community, user_id=user, is_private=False)


def numbers(reply: Reply) -> list[int]:
    """The gap or suggestion numbers a listing shows, in order."""
    return [int(m.group(1)) for b in reply.bullets if (m := re.match(r"(\d+)\. ", b))]


@pytest.fixture
def assistant(curated: list[Entry], own_matcher: Callable[[], Matcher], store: SQLiteStore) -> Assistant:
    # own matcher: these tests link phrasings into communities, which must not leak into other tests
    return Assistant(Settings(), curated, own_matcher(), store)


async def test_gaps_list_real_questions_and_only_count_the_noise(assistant: Assistant) -> None:
    for text, user in [
        ("how do I delete my old tweets", "1"),
        ("How do I delete my old tweets?", "2"),
        ("who won the football match last night?", "3"),
        ("lol", "4"),
        ("what dose of ibuprofen for a 4 year old", "5"),
        ("🙂🙂 !!", "6"),
    ]:
        assert (await assistant.handle(ask(text, user), MEMBER)).kind == "fallback"
    gaps = await assistant.handle(ask("/faq gaps"), MOD)
    assert len(gaps.bullets) == 1 and "how do i delete my old tweets" in gaps.bullets[0].lower()
    assert "asked 2×" in gaps.bullets[0]
    assert "2 off-topic" in gaps.body and "1 asking for medical advice" in gaps.body and "1 unreadable" in gaps.body
    off = await assistant.handle(ask("/faq gaps off-topic"), MOD)
    assert len(off.bullets) == 2 and all("ibuprofen" not in b for b in off.bullets)
    stored = " ".join(g.text for g in await assistant.store.gaps(GROUP, categories=["question", "off_topic"]))
    assert "ibuprofen" not in stored and "🙂" not in stored  # medical and gibberish text is never kept
    [n] = numbers(gaps)
    dismissed = await assistant.handle(ask(f"/faq dismiss {n}"), MOD)
    assert dismissed.kind == "info" and "dismissed" in dismissed.body
    await assistant.handle(ask("how do I delete my old tweets", "7"), MEMBER)
    assert "No unanswered" in (await assistant.handle(ask("/faq gaps"), MOD)).body


async def test_link_to_a_built_in_entry_answers_in_that_community_only(assistant: Assistant) -> None:
    question = "that anonymous app where doctors chat with each other"
    before = await assistant.handle(ask(question), MEMBER)
    assert before.entry_id != "sermo"
    await assistant.handle(ask("which network should I join to grow my personal brand as a gp?", "9"), MEMBER)
    await assistant.store.record_gap(GROUP, question, "fallback")  # as if it had not been answered at all
    gaps = await assistant.handle(ask("/faq gaps"), MOD)
    n = next(num for num, b in zip(numbers(gaps), gaps.bullets, strict=True) if "anonymous app" in b)
    linked = await assistant.handle(ask(f"/faq link {n} sermo"), MOD)
    assert linked.kind == "info" and "sermo" in (linked.title or "") and question in linked.bullets
    after = await assistant.handle(ask(question, "8"), MEMBER)
    assert after.kind == "answer" and after.entry_id == "sermo"
    sermo = next(e for e in assistant.curated if e.id == "sermo")
    assert after.body == sermo.answer.en  # the curated answer itself, unchanged
    elsewhere = await assistant.handle(ask(question, "8", community=OTHER), MEMBER)
    assert elsewhere.entry_id == before.entry_id  # other communities are untouched
    undone = await assistant.handle(ask("/faq unlink sermo"), MOD)
    assert undone.kind == "info" and question in undone.bullets
    assert (await assistant.handle(ask(question, "8"), MEMBER)).entry_id == before.entry_id
    assert (await assistant.handle(ask("/faq unlink sermo"), MOD)).kind == "error"


@pytest.fixture
def tiny(store: SQLiteStore) -> Assistant:
    return Assistant(Settings(), TINY, Matcher(TINY), store)


async def pick(assistant: Assistant, user: str, entry_id: str) -> Reply:
    payload = actions.encode(actions.ShowEntry(entry_id))
    return await assistant.handle_action(payload, ask("", user), MEMBER)


async def test_a_choice_after_did_you_mean_becomes_a_suggestion_and_accepting_it_answers(tiny: Assistant) -> None:
    question = "how do I verify my profile?"
    for user in ("1", "2"):
        assert (await tiny.handle(ask(question, user), MEMBER)).kind == "clarify"
        assert (await pick(tiny, user, "verify-account")).entry_id == "verify-account"
    await pick(tiny, "3", "verify-account")  # never asked: nothing to learn from
    listing = await tiny.handle(ask("/faq suggestions"), MOD)
    assert len(listing.bullets) == 1 and "verify-account" in listing.bullets[0] and "chosen by 2" in listing.bullets[0]
    assert (await tiny.handle(ask("/faq suggestions"), MEMBER)).kind == "refusal"
    [n] = numbers(listing)
    accepted = await tiny.handle(ask(f"/faq accept {n}"), MOD)
    assert accepted.kind == "info" and f"Suggestion {n} accepted." in accepted.bullets
    answered = await tiny.handle(ask(question, "4"), MEMBER)
    assert answered.kind == "answer" and answered.entry_id == "verify-account"
    assert (await tiny.handle(ask(question, "4", community=OTHER), MEMBER)).kind == "clarify"
    assert "No suggested phrasings" in (await tiny.handle(ask("/faq suggestions"), MOD)).body


async def test_rejected_suggestions_are_never_proposed_again(tiny: Assistant) -> None:
    question = "how do I verify my profile?"
    await tiny.handle(ask(question, "1"), MEMBER)
    await pick(tiny, "1", "verify-profile")
    [n] = numbers(await tiny.handle(ask("/faq suggestions"), MOD))
    assert "rejected" in (await tiny.handle(ask(f"/faq reject {n}"), MOD)).body
    await tiny.handle(ask(question, "2"), MEMBER)
    await pick(tiny, "2", "verify-profile")
    assert numbers(await tiny.handle(ask("/faq suggestions"), MOD)) == []
    assert (await tiny.handle(ask(f"/faq accept {n}"), MOD)).kind == "error"


async def test_rating_an_unsure_answer_helpful_teaches_a_phrasing(store: SQLiteStore) -> None:
    unsure = Settings(match=MatchSettings(strong_threshold=1.0))  # every answer counts as unsure here
    tiny = Assistant(unsure, TINY, Matcher(TINY), store)
    answer = await tiny.handle(ask("where do i park", "1"), MEMBER)
    assert answer.kind == "answer" and answer.entry_id == "parking"
    await tiny.handle(ask("/rate no", "1"), MEMBER)  # not helpful: nothing learned
    assert numbers(await tiny.handle(ask("/faq suggestions"), MOD)) == []
    await tiny.handle(ask("/rate yes", "1"), MEMBER)
    listing = await tiny.handle(ask("/faq suggestions"), MOD)
    assert len(listing.bullets) == 1 and '"where do i park" → parking' in listing.bullets[0]


async def test_weekly_digest_is_opt_in_and_sent_once_across_workers(
    curated: list[Entry], own_matcher: Callable[[], Matcher], tmp_path: object
) -> None:
    import asyncio
    import datetime as dt
    from pathlib import Path

    path = Path(str(tmp_path)) / "shared.sqlite"
    workers = []
    for _ in range(2):  # two workers on one database
        db = SQLiteStore(path)
        await db.open()
        workers.append(Assistant(Settings(), curated, own_matcher(), db))
    first, second = workers
    try:
        monday = dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)
        assert await first.due_digests("telegram", monday) == []  # off by default
        refused = await first.handle(ask("/faq settings digest weekly"), MEMBER)
        assert refused.kind == "refusal"
        on = await first.handle(ask("/faq settings digest weekly admins"), MOD)
        assert on.kind == "info" and any("privately to each admin" in b for b in on.bullets)
        for user in ("1", "2", "3"):
            await second.handle(ask("how do I delete my old tweets", user), MEMBER)
        await second.handle(ask("what is sermo", "4"), MEMBER)
        await second.handle(ask("/rate yes", "4"), MEMBER)
        await second.handle(ask("lol", "5"), MEMBER)
        due = await asyncio.gather(
            first.due_digests("telegram", monday), second.due_digests("telegram", monday),
            first.due_digests("discord", monday),
        )
        sent = [d for batch in due for d in batch]
        assert len(sent) == 1 and sent[0].community_id == GROUP and sent[0].to == "admins"
        digest = sent[0].reply
        assert "Answered 20% of questions (1 of 5)" in digest.body  # 3 real gaps + 1 off-topic unanswered
        assert "Rated helpful: 100% of 1 ratings." in digest.body
        assert len(digest.bullets) == 1 and "how do i delete my old tweets" in digest.bullets[0].lower()
        assert "/faq settings digest off" in digest.body
        assert await second.due_digests("telegram", monday + dt.timedelta(days=2)) == []  # same week
        assert len(await second.due_digests("telegram", monday + dt.timedelta(days=7))) == 1  # next week
        await first.handle(ask("/faq settings digest off"), MOD)
        assert await first.due_digests("telegram", monday + dt.timedelta(days=14)) == []
    finally:
        for worker in workers:
            await worker.close()


async def test_discord_digest_needs_a_channel(assistant: Assistant) -> None:
    guild = "discord:4242"
    plain = await assistant.handle(ask("/faq settings digest weekly", community=guild), MOD)
    assert plain.kind == "error" and "#moderators" in plain.body
    chosen = await assistant.handle(ask("/faq settings digest weekly <#123456789012>", community=guild), MOD)
    assert chosen.kind == "info" and any("<#123456789012>" in b for b in chosen.bullets)
    settings = await assistant.store.get_settings(guild)
    assert (settings.digest, settings.digest_to) == ("weekly", "channel:123456789012")


# --- wording and small things a new moderator hit ----------------------------------------------------------


async def test_start_lists_moderator_commands_to_moderators_only(assistant: Assistant) -> None:
    moderator = await assistant.handle(ask("/start"), MOD)
    member = await assistant.handle(ask("/start"), MEMBER)
    assert any(b.startswith("/faq gaps") for b in moderator.bullets)
    assert any(b.startswith("/faq dismiss") for b in moderator.bullets)
    assert not any(b.startswith("/faq") for b in member.bullets)


async def test_a_mistyped_command_suggests_the_nearest(assistant: Assistant) -> None:
    reply = await assistant.handle(ask("/stast"), MEMBER)
    assert reply.kind == "error" and "Did you mean /stats?" in reply.body
    sub = await assistant.handle(ask("/faq dismis 3"), MOD)
    assert sub.kind == "error" and "`/faq dismiss`" in sub.body  # shown with its slash, as code


async def test_similarity_warning_shows_only_entries_that_really_are_close(assistant: Assistant) -> None:
    close = await assistant.handle(ask("/faq add What is Sermo for surgeons? | Our take on Sermo."), MOD)
    assert [s.entry_id for s in close.suggestions] == ["sermo"]  # not every entry about surgeons
    assert any("sermo" in b and "% alike" in b for b in close.bullets)
    unrelated = await assistant.handle(ask("/faq add Where do we post on-call swaps? | In the rota channel."), MOD)
    assert unrelated.suggestions == [] and "looks like" not in unrelated.body
    assert (unrelated.title or "").startswith("Saved as c")  # sentence case, not shouting


async def test_faq_help_shows_commands_with_their_slash(assistant: Assistant) -> None:
    reply = await assistant.handle(ask("/faq help"), MOD)
    assert reply.bullets and all(b.startswith("/faq ") for b in reply.bullets)


async def test_gaps_and_suggestions_keep_personal_data_scrubbed(tiny: Assistant) -> None:
    await tiny.handle(ask("how do I verify my profile? write to jane.doe@example.com", "1"), MEMBER)
    await pick(tiny, "1", "verify-account")
    gaps = (await tiny.handle(ask("/faq gaps"), MOD)).bullets
    suggestions = (await tiny.handle(ask("/faq suggestions"), MOD)).bullets
    assert len(gaps) == 1 and "[email]" in gaps[0] and "jane.doe" not in gaps[0]
    assert len(suggestions) == 1 and "[email]" in suggestions[0] and "jane.doe" not in suggestions[0]
    context = await tiny.store.question_context(tiny._user_key(ask("", "1")), GROUP)
    assert context is not None and "jane.doe" not in context.text
