"""The moderators' loop through a real PTB Application and the fake Bot API: a link to a built-in entry
fixes a miss in that group, history renders as code (never raw backticks), and the weekly digest reaches
the group or its admins exactly once."""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from telegram import Bot

from adapters.telegram import serve
from adapters.telegram.digests import send_digests
from bot.assistant import Assistant
from bot.storage.base import CommunitySettings
from bot.storage.sqlite.store import SQLiteStore
from tests.adapters.test_telegram import GROUP, Env, make_settings, write_knowledge
from tests.fakes.telegram_api import BOT_USERNAME, FakeBotAPI, callback, message, user

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
COMMUNITY = f"telegram:{GROUP}"
ADMIN, CREATOR, MEMBER_ID = 51, 52, 50


def say(text: str, sender: int) -> dict[str, object]:
    return message(text, chat_id=GROUP, chat_type="supergroup", sender=user(sender))


async def _started(tmp_path: Path, knowledge: Path | None) -> AsyncIterator[Env]:
    server = FakeBotAPI()
    await server.start()
    settings = make_settings(server, tmp_path)
    store = SQLiteStore(tmp_path / "db.sqlite")
    assistant = await Assistant.create(settings, knowledge_dir=knowledge, store=store)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(assistant, settings, stop, poll_timeout=1))
    await server.wait_for("getUpdates")
    yield Env(server, assistant, store, settings, stop, task)
    stop.set()
    await asyncio.wait_for(task, 10)
    await assistant.close()
    await server.stop()


@pytest_asyncio.fixture
async def curated_env(tmp_path: Path) -> AsyncIterator[Env]:
    """The bot with the real curated knowledge, where a near miss is a realistic "did you mean"."""
    async for env in _started(tmp_path, None):
        yield env


async def test_link_fixes_a_miss_in_that_group_only(curated_env: Env) -> None:
    env = curated_env
    doximity = next(e for e in env.assistant.curated if e.id == "doximity").answer.en or ""
    env.server.member_status[ADMIN] = "administrator"
    question = "clinician directory app for my team"
    env.server.push(say(f"@{BOT_USERNAME} {question}", MEMBER_ID))
    [miss] = await env.answers()
    assert "Did you mean" in miss.params["text"] and doximity[:40] not in miss.params["text"]
    env.server.push(say("/faq gaps", ADMIN))
    gaps = (await env.answers(2))[-1].params["text"]
    assert "<code>/faq link N ID</code>" in gaps and "`" not in gaps  # commands as code, with their slash
    number = re.search(r"(\d+)\. \"clinician directory app for my team", gaps)
    assert number is not None, gaps
    env.server.push(say(f"/faq link {number.group(1)} doximity", ADMIN))
    linked = (await env.answers(3))[-1].params["text"]
    assert "Linked to doximity" in linked
    env.server.push(say(f"@{BOT_USERNAME} {question}", MEMBER_ID))
    answered = (await env.answers(4))[-1].params["text"]
    assert html.escape(doximity[:40], quote=False) in answered
    env.server.push(message(question, chat_id=7777, sender=user(MEMBER_ID)))  # a private chat: not linked
    private = (await env.answers(5))[-1].params["text"]
    assert html.escape(doximity[:40], quote=False) not in private
    env.server.push(say("/faq history doximity", ADMIN))
    history = (await env.answers(6))[-1].params["text"]
    assert "doximity@1" in history and "link by telegram:" in history and "`" not in history


async def test_a_pick_after_did_you_mean_is_learned_accepted_and_answers(curated_env: Env) -> None:
    env = curated_env
    env.server.member_status[ADMIN] = "administrator"
    question = "clinician directory app for my team"
    env.server.push(say(f"@{BOT_USERNAME} {question}", MEMBER_ID))
    [offer] = await env.answers()
    picks = [b["callback_data"] for row in offer.params["reply_markup"]["inline_keyboard"] for b in row]
    choice = picks[0].removeprefix("e:")
    env.server.push(callback(picks[0], chat_id=GROUP, chat_type="supergroup", sender=user(MEMBER_ID)))
    await env.answers(2)
    env.server.push(say("/faq suggestions", ADMIN))
    listing = (await env.answers(3))[-1].params["text"]
    found = re.search(rf"(\d+)\. \"{question}\" → {choice}", listing)
    assert found is not None and "chosen by 1" in listing, listing
    env.server.push(say(f"/faq accept {found.group(1)}", ADMIN))
    assert "accepted" in (await env.answers(4))[-1].params["text"]
    env.server.push(say(f"@{BOT_USERNAME} {question}", MEMBER_ID))
    answered = (await env.answers(5))[-1]
    assert "Did you mean" not in answered.params["text"]
    assert f"f:{choice}:1" in [b["callback_data"] for row in answered.params["reply_markup"]["inline_keyboard"]
                               for b in row]  # the answer's helpful button names the accepted entry
    env.server.push(say("/faq dismiss 99", ADMIN))
    assert "no unanswered question 99" in (await env.answers(6))[-1].params["text"]


async def test_digest_goes_privately_to_admins_who_started_the_bot_once(curated_env: Env) -> None:
    env = curated_env  # a question the curated knowledge does not cover becomes a real gap
    env.server.member_status.update({ADMIN: "administrator", CREATOR: "creator"})
    env.server.blocked_private.add(CREATOR)  # never opened a private chat with the bot
    env.server.push(say("/faq settings digest weekly admins", ADMIN))
    saved = (await env.answers())[-1].params["text"]
    assert "privately to each admin" in saved
    env.server.push(say(f"@{BOT_USERNAME} how do I delete my old tweets", MEMBER_ID))
    await env.answers(2)
    async with Bot("123456:TEST-TOKEN", base_url=env.server.base_url) as bot:
        assert await send_digests(env.assistant, bot) == 1
        assert await send_digests(env.assistant, bot) == 0  # claimed: not again this week
    private = [c for c in env.server.of("sendMessage") if int(c.params["chat_id"]) == ADMIN]
    assert len(private) == 1 and "This week in your group" in private[0].params["text"]
    assert "delete my old tweets" in private[0].params["text"]
    assert [c.params["chat_id"] for c in env.server.of("getChatAdministrators")] == [GROUP]


async def test_digest_loop_posts_into_the_group_once_with_two_workers(tmp_path: Path) -> None:
    server = FakeBotAPI()
    await server.start()
    settings = make_settings(server, tmp_path)
    knowledge = write_knowledge(tmp_path / "kb")
    seed = SQLiteStore(tmp_path / "db.sqlite")
    await seed.open()
    await seed.update_settings(COMMUNITY, CommunitySettings(digest="weekly", digest_to="group"), "mod")
    await seed.close()
    assistants = [
        await Assistant.create(settings, knowledge_dir=knowledge, store=SQLiteStore(tmp_path / "db.sqlite"))
        for _ in range(2)
    ]
    stop = asyncio.Event()
    workers = [asyncio.create_task(serve(a, settings, stop, poll_timeout=1, digest_interval=0.05))
               for a in assistants]
    try:
        await server.wait_for("sendMessage")
        await server.settle(0.5)  # several more rounds on both workers
        digests = [c for c in server.of("sendMessage") if int(c.params["chat_id"]) == GROUP]
        assert len(digests) == 1 and "This week in your group" in digests[0].params["text"]
    finally:
        stop.set()
        await asyncio.wait_for(asyncio.gather(*workers), 10)
        for a in assistants:
            await a.close()
        await server.stop()
