"""The Telegram adapter end to end: the real PTB Application and the real core against a fake Bot API.

Every test starts `adapters.telegram.serve()` (long polling) against `FakeBotAPI` on 127.0.0.1,
queues real update JSON and checks the Bot API calls the bot makes.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
import yaml
from pydantic import SecretStr

from adapters.telegram import classify, file_url, menu, serve
from adapters.telegram.render import keyboard, render_html
from bot.assistant import Assistant
from bot.buttons import with_buttons
from bot.config import Settings
from bot.models import Reply, Suggestion
from bot.storage.base import CommunitySettings
from bot.storage.sqlite.store import SQLiteStore
from tests.fakes.telegram_api import (
    BOT_ID,
    BOT_USERNAME,
    Call,
    FakeBotAPI,
    bot_message,
    callback,
    message,
    user,
)

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # PTB's own retry_after

GROUP = -100200300
SMALL_GROUP = -4001
PARAGRAPH = ("This paragraph explains one more aspect of running a professional page as a doctor, with "
             "enough words to make the whole answer long. ") * 4
LONG_PARAGRAPHS = [f"Part {n}. {PARAGRAPH}" for n in range(1, 16)]

KNOWLEDGE: list[dict[str, Any]] = [
    {
        "id": "sermo",
        "topic": "medical-networks",
        "title": {"en": "Sermo", "es": "Sermo"},
        "questions": {"en": ["What is Sermo?", "tell me about sermo"], "es": ["¿Qué es Sermo?"]},
        "answer": {"en": "Sermo is a social network for doctors.", "es": "Sermo es una red social para médicos."},
        "sources": ["seed 001", "GMC 2024"],
        "related": ["doximity"],
    },
    {
        "id": "doximity",
        "topic": "medical-networks",
        "title": {"en": "Doximity", "es": "Doximity"},
        "questions": {"en": ["What is Doximity?", "tell me about doximity"], "es": ["¿Qué es Doximity?"]},
        "answer": {"en": "Doximity is a US directory of clinicians.", "es": "Doximity es un directorio de EE. UU."},
        "sources": ["research file"],
    },
    {
        "id": "long-guide",
        "topic": "rules",
        "title": {"en": "The long guide to professional pages"},
        "questions": {"en": ["give me the long guide to professional pages"]},
        "answer": {"en": "\n\n".join(LONG_PARAGRAPHS)},
        "sources": ["guide"],
    },
    {
        "id": "html-tags",
        "topic": "rules",
        "title": {"en": "Tags <b> & co"},
        "questions": {"en": ["can I use script tags and ampersands in posts"]},
        "answer": {"en": "Write 1 < 2 & 3 > 2, never <script>alert(1)</script> or </b> in a post."},
        "sources": ["A & B <2024>"],
    },
]


@dataclass
class Env:
    server: FakeBotAPI
    assistant: Assistant
    store: SQLiteStore
    settings: Settings
    stop: asyncio.Event
    task: asyncio.Task[None]

    def sent(self) -> list[Call]:
        """sendMessage calls that succeeded."""
        return [c for c in self.server.of("sendMessage") if c.result is not None]

    async def answers(self, count: int = 1, timeout: float = 5.0) -> list[Call]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while len(self.sent()) < count:
            if loop.time() > deadline:
                raise AssertionError(f"{len(self.sent())} messages sent, expected {count}")
            await asyncio.sleep(0.02)
        return self.sent()


def write_knowledge(directory: Path) -> Path:
    directory.mkdir()
    (directory / "test.yaml").write_text(yaml.safe_dump(KNOWLEDGE, allow_unicode=True), encoding="utf-8")
    return directory


def make_settings(server: FakeBotAPI, tmp_path: Path, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "telegram_bot_token": SecretStr("123456:TEST-TOKEN"),
        "telegram_api_url": server.base_url,
        "telegram_webhook_url": None,
        "db_path": tmp_path / "db.sqlite",
        "user_rate": "1000/minute",
        "community_rate": "1000/minute",
    }
    return Settings(**{**values, **extra})


@pytest_asyncio.fixture
async def env(tmp_path: Path) -> AsyncIterator[Env]:
    server = FakeBotAPI()
    await server.start()
    settings = make_settings(server, tmp_path)
    store = SQLiteStore(tmp_path / "db.sqlite")
    assistant = await Assistant.create(settings, knowledge_dir=write_knowledge(tmp_path / "kb"), store=store)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(assistant, settings, stop, poll_timeout=1))
    await server.wait_for("getUpdates")
    yield Env(server, assistant, store, settings, stop, task)
    stop.set()
    await asyncio.wait_for(task, 10)
    await assistant.close()
    await server.stop()


def markup(call: Call) -> dict[str, Any]:
    value = call.params.get("reply_markup")
    return value if isinstance(value, dict) else {}


def reply_to(call: Call) -> int | None:
    """The message a sent message replies to (PTB sends reply_parameters)."""
    parameters = call.params.get("reply_parameters")
    return parameters.get("message_id") if isinstance(parameters, dict) else None


def buttons(call: Call) -> list[tuple[str, str]]:
    return [(b["text"], b["callback_data"]) for row in markup(call).get("inline_keyboard", []) for b in row]


def assert_balanced_html(text: str) -> None:
    """Every tag we emit is closed in the same message, and no raw '<' or '&' leaks through."""
    stack: list[str] = []
    for match in re.finditer(r"<(/?)([a-z]+)>", text):
        closing, tag = match.groups()
        if closing:
            assert stack and stack.pop() == tag, text
        else:
            stack.append(tag)
    assert not stack, text
    stripped = re.sub(r"</?(b|i|code)>", "", text)
    assert "<" not in stripped and ">" not in stripped
    assert not re.search(r"&(?!amp;|lt;|gt;|quot;)", stripped)


# --- commands -------------------------------------------------------------------------------


async def test_start_in_private_chat(env: Env) -> None:
    env.server.push(message("/start"))
    [call] = await env.answers()
    assert call.params["chat_id"] == 42
    assert call.params["parse_mode"] == "HTML"
    assert call.params["text"].startswith("<b>Welcome to DocSocial</b>")
    assert_balanced_html(call.params["text"])


async def test_start_in_spanish_from_language_code(env: Env) -> None:
    env.server.push(message("/start", sender=user(43, "es-MX")))
    [call] = await env.answers()
    assert call.params["text"].startswith("<b>Bienvenido a DocSocial</b>")


async def test_start_in_group_replies_to_the_command(env: Env) -> None:
    update = message("/start", chat_id=SMALL_GROUP, chat_type="group", message_id=501)
    env.server.push(update)
    [call] = await env.answers()
    assert call.params["chat_id"] == SMALL_GROUP
    assert reply_to(call) == 501
    assert "Welcome to DocSocial" in call.params["text"]


async def test_ask_with_bot_name_in_supergroup(env: Env) -> None:
    env.server.push(message(f"/ask@{BOT_USERNAME} What is Sermo?", chat_id=GROUP, chat_type="supergroup"))
    [call] = await env.answers()
    text = call.params["text"]
    assert text.startswith("<b>Sermo</b>\n\nSermo is a social network for doctors.")
    assert "<i>Sources: seed 001; GMC 2024</i>" in text
    labels = buttons(call)
    assert ("Doximity", "e:doximity") in labels
    assert ("👍 Helpful", "f:sermo:1") in labels and ("👎 Not helpful", "f:sermo:0") in labels


async def test_command_for_another_bot_is_ignored(env: Env) -> None:
    env.server.push(message("/ask@SomeOtherBot What is Sermo?", chat_id=GROUP, chat_type="supergroup"))
    env.server.push(message("/start", chat_id=GROUP, chat_type="supergroup"))
    await env.answers()
    await env.server.settle()
    [call] = env.sent()
    assert "Welcome" in call.params["text"]


async def test_ordinary_group_chatter_is_ignored(env: Env) -> None:
    env.server.push(message("what is sermo, anyone know?", chat_id=GROUP, chat_type="supergroup"))
    await env.server.settle(0.5)
    assert env.server.of("sendMessage") == []


async def test_mention_is_answered_without_the_mention(env: Env) -> None:
    env.server.push(message(f"@{BOT_USERNAME} what is Doximity?", chat_id=GROUP, chat_type="supergroup"))
    [call] = await env.answers()
    assert call.params["text"].startswith("<b>Doximity</b>")


async def test_reply_to_the_bot_is_answered(env: Env) -> None:
    earlier = bot_message("Anything else?", chat_id=GROUP, chat_type="supergroup", message_id=7)
    env.server.push(message("tell me about doximity", chat_id=GROUP, chat_type="supergroup", reply_to=earlier))
    [call] = await env.answers()
    assert call.params["text"].startswith("<b>Doximity</b>")


async def test_reply_to_someone_else_is_chatter(env: Env) -> None:
    other = {**bot_message("hi", chat_id=GROUP, chat_type="supergroup", message_id=8), "from": user(99)}
    env.server.push(message("tell me about doximity", chat_id=GROUP, chat_type="supergroup", reply_to=other))
    await env.server.settle(0.5)
    assert env.server.of("sendMessage") == []


# --- buttons --------------------------------------------------------------------------------


async def test_show_entry_button_is_acknowledged_and_answered(env: Env) -> None:
    env.server.push(callback("e:doximity", chat_id=GROUP, chat_type="supergroup", message_id=9001))
    [call] = await env.answers()
    [ack] = env.server.of("answerCallbackQuery")
    assert ack.params["callback_query_id"].startswith("cb")
    assert reply_to(call) == 9001
    assert call.params["text"].startswith("<b>Doximity</b>")


async def test_feedback_button_records_the_vote(env: Env) -> None:
    env.server.push(callback("f:sermo:1"))
    [call] = await env.answers()
    assert env.server.of("answerCallbackQuery")
    assert "Thank" in call.params["text"] or "thank" in call.params["text"]


async def test_expired_button_says_so(env: Env) -> None:
    env.server.push(callback("zz:nonsense"))
    [call] = await env.answers()
    assert "expired" in call.params["text"]
    assert env.server.of("answerCallbackQuery")


# --- rendering ------------------------------------------------------------------------------


async def test_long_answer_is_split_under_4096_characters(env: Env) -> None:
    env.server.push(message("/ask give me the long guide to professional pages", message_id=77))
    await env.answers(2)
    await env.server.settle()
    calls = env.sent()
    assert len(calls) >= 2
    texts = [c.params["text"] for c in calls]
    assert all(len(t) <= 4096 for t in texts)
    for text in texts:
        assert_balanced_html(text)
    joined = "\n\n".join(texts)
    assert all(html.escape(p, quote=False).strip() in joined for p in LONG_PARAGRAPHS)
    assert joined.index("Part 1.") < joined.index("Part 15.")
    assert reply_to(calls[0]) == 77
    assert all("reply_markup" not in c.params for c in calls[:-1])
    assert ("👍 Helpful", "f:long-guide:1") in buttons(calls[-1])


async def test_html_special_characters_are_escaped(env: Env) -> None:
    env.server.push(message("/ask can I use script tags and ampersands in posts"))
    [call] = await env.answers()
    text = call.params["text"]
    assert text.startswith("<b>Tags &lt;b&gt; &amp; co</b>")
    assert "1 &lt; 2 &amp; 3 &gt; 2, never &lt;script&gt;alert(1)&lt;/script&gt; or &lt;/b&gt;" in text
    assert "<i>Sources: A &amp; B &lt;2024&gt;</i>" in text
    assert_balanced_html(text)


async def test_user_text_is_escaped_in_replies(env: Env) -> None:
    env.server.push(message("/ask<b>x</b>"))  # unknown command echoes the name back
    [call] = await env.answers()
    assert "<b>x" not in call.params["text"].removeprefix("<b>Unknown command</b>")
    assert_balanced_html(call.params["text"])


def test_render_split_keeps_tags_whole_and_parts_within_limit() -> None:
    body = "\n\n".join(["<&> " * 300] * 6)
    reply = Reply(kind="answer", title="T & <t>", body=body, bullets=["a < b"] * 50, sources=["s & t"] * 200)
    parts = render_html(reply, limit=1000)
    assert len(parts) > 5
    for part in parts:
        assert len(part) <= 1000
        assert_balanced_html(part)


def test_buttons_over_64_bytes_are_skipped() -> None:
    reply = Reply(kind="clarify", suggestions=[Suggestion(entry_id="x" * 70, title="Too long"),
                                               Suggestion(entry_id="sermo", title="S" * 200)])
    markup_ = keyboard(with_buttons(reply))
    assert markup_ is not None
    [[only]] = markup_.inline_keyboard
    assert only.callback_data == "e:sermo"
    assert len(only.text) <= 60


def test_silent_reply_renders_nothing() -> None:
    assert render_html(Reply(kind="silent", body="x")) == []
    assert keyboard(Reply(kind="silent")) is None


# --- moderators -----------------------------------------------------------------------------


async def test_faq_add_member_refused_admin_stored(env: Env) -> None:
    env.server.member_status[51] = "administrator"
    community = f"telegram:{GROUP}"
    env.server.push(message("/faq add What is our group rule? | Be kind to each other.", chat_id=GROUP,
                            chat_type="supergroup", sender=user(50)))
    [refused] = await env.answers()
    assert "moderator" in refused.params["text"].lower()
    assert await env.store.list_entries(community) == []
    env.server.push(message("/faq add What is our group rule? | Be kind to each other.", chat_id=GROUP,
                            chat_type="supergroup", sender=user(51)))
    await env.answers(2)
    entries = await env.store.list_entries(community)
    assert [e.entry.answer.en for e in entries] == ["Be kind to each other."]
    assert {c.params["user_id"] for c in env.server.of("getChatMember")} == {50, 51}
    # the new entry answers in that group, and the admin lookup was cached (no new getChatMember)
    env.server.push(message(f"@{BOT_USERNAME} what is our group rule?", chat_id=GROUP, chat_type="supergroup",
                            sender=user(51)))
    calls = await env.answers(3)
    assert "Be kind to each other." in calls[-1].params["text"]


async def test_creator_is_a_moderator(env: Env) -> None:
    env.server.member_status[52] = "creator"
    env.server.push(message("/faq add How do we tag cases? | With #case.", chat_id=GROUP, chat_type="supergroup",
                            sender=user(52)))
    await env.answers()
    assert len(await env.store.list_entries(f"telegram:{GROUP}")) == 1


async def test_private_chat_users_cannot_plant_answers_for_everyone(env: Env) -> None:
    """All private chats share one community in the core, so no private user moderates it."""
    env.server.push(message("/faq add What is the zorblax network? | Visit spam.example", sender=user(53)))
    [refused] = await env.answers()
    assert "moderator" in refused.params["text"].lower()
    assert await env.store.list_entries("telegram:private") == []
    assert env.server.of("getChatMember") == []  # private chats need no lookup


async def test_guided_faq_add_continues_through_replies_in_a_group(env: Env) -> None:
    env.server.member_status[51] = "administrator"
    admin = user(51)

    async def step(text: str, count: int) -> Call:
        prompt = env.sent()[-1]
        replied = bot_message(prompt.params["text"], chat_id=GROUP, chat_type="supergroup",
                              message_id=prompt.result["message_id"])
        env.server.push(message(text, chat_id=GROUP, chat_type="supergroup", sender=admin, reply_to=replied))
        return (await env.answers(count))[-1]

    env.server.push(message("/faq add", chat_id=GROUP, chat_type="supergroup", sender=admin))
    [first] = await env.answers()
    assert markup(first) == {"force_reply": True, "selective": True}
    second = await step("Where do we post job offers?", 2)
    assert markup(second).get("force_reply") is True
    third = await step("In the #jobs topic, never in the main chat.", 3)
    assert markup(third).get("force_reply") is True
    await step("skip", 4)
    [saved] = await env.store.list_entries(f"telegram:{GROUP}")
    assert saved.entry.answer.en == "In the #jobs topic, never in the main chat."


async def test_guard_delete_button_deletes_for_moderators_only(env: Env) -> None:
    community = f"telegram:{GROUP}"
    await env.store.update_settings(community, CommunitySettings(guard=True), "test")
    env.server.member_status[51] = "administrator"
    env.server.push(message("My patient John Smith, 45 years old, MRN 123456, was admitted yesterday",
                            chat_id=GROUP, chat_type="supergroup", sender=user(50), message_id=321))
    [reminder] = await env.answers()
    assert reply_to(reminder) == 321
    assert ("🗑 Delete message", "d:321") in buttons(reminder)
    reminder_id = reminder.result["message_id"]
    env.server.push(callback("d:321", chat_id=GROUP, chat_type="supergroup", sender=user(50), message_id=reminder_id))
    refused = (await env.answers(2))[-1]
    assert "Only moderators" in refused.params["text"]
    assert env.server.of("deleteMessage") == []
    env.server.push(callback("d:321", chat_id=GROUP, chat_type="supergroup", sender=user(51), message_id=reminder_id))
    done = (await env.answers(3))[-1]
    [deleted] = env.server.of("deleteMessage")
    assert deleted.params == {"chat_id": GROUP, "message_id": 321}
    assert "deleted" in done.params["text"]
    assert len(env.server.of("answerCallbackQuery")) == 2


async def test_check_in_group_goes_privately_with_a_group_notice(env: Env) -> None:
    draft = "/check My patient John Smith, 45 years old, was admitted yesterday"
    env.server.push(message(draft, chat_id=GROUP, chat_type="supergroup", sender=user(60)))
    private, notice = await env.answers(2)
    assert private.params["chat_id"] == 60
    assert notice.params["chat_id"] == GROUP
    assert "privately" in notice.params["text"]


async def test_check_when_user_never_started_the_bot_gives_a_deep_link(env: Env) -> None:
    env.server.blocked_private.add(61)
    env.server.push(message("/check Our clinic opens on Saturdays", chat_id=GROUP, chat_type="supergroup",
                            sender=user(61)))
    [notice] = await env.answers()
    assert notice.params["chat_id"] == GROUP
    assert f"https://t.me/{BOT_USERNAME}?start=check" in notice.params["text"]


# --- reliability ----------------------------------------------------------------------------


async def test_429_is_retried_after_retry_after(env: Env) -> None:
    env.server.fail_next("sendMessage", 429, retry_after=1)
    env.server.push(message("/start"))
    [call] = await env.answers(timeout=8)
    attempts = env.server.of("sendMessage")
    assert len(attempts) == 2 and attempts[0].result is None
    assert "Welcome" in call.params["text"]


async def test_500_does_not_crash_the_bot(env: Env, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="adapters")
    env.server.fail_next("sendMessage", 500)
    env.server.push(message("/ask What is Sermo? secret-words-here", sender=user(70)))
    [sorry] = await env.answers()
    assert "Sorry, something went wrong" in sorry.params["text"]
    env.server.push(message("/help", sender=user(70)))
    calls = await env.answers(2)
    assert "Commands" in calls[-1].params["text"]
    ours = [r for r in caplog.records if r.name.startswith("adapters")]
    summary = "\n".join(r.getMessage() for r in ours if r.levelno >= logging.INFO)
    assert "NetworkError" in summary
    assert not re.search(r"\b70\b", summary)  # no user id
    assert all("secret-words" not in r.getMessage() for r in ours)  # no message text, not even in tracebacks
    assert "TEST-TOKEN" not in caplog.text


async def test_set_my_commands_for_scopes_and_languages(env: Env) -> None:
    calls = await env.server.wait_for("setMyCommands", 6)
    seen = {(c.params["scope"]["type"], c.params.get("language_code")): c for c in calls}
    assert set(seen) == {(scope, lang) for scope in ("all_private_chats", "all_group_chats",
                                                     "all_chat_administrators") for lang in (None, "es")}
    for (scope, lang), call in seen.items():
        names = [c["command"] for c in call.params["commands"]]
        assert "start" in names and "ask" in names and "rate" not in names
        assert ("faq" in names) == (scope == "all_chat_administrators")
        assert all(3 <= len(c["description"]) <= 256 for c in call.params["commands"])
        if lang == "es":
            assert dict((c["command"], c["description"]) for c in call.params["commands"])["help"] == \
                "Lista de comandos"


async def test_serve_returns_when_stop_is_set(env: Env) -> None:
    env.stop.set()
    await asyncio.wait_for(env.task, 5)
    assert env.task.done() and env.task.exception() is None


# --- webhook --------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_webhook_mode_registers_and_answers(tmp_path: Path) -> None:
    server = FakeBotAPI()
    await server.start()
    port = _free_port()
    settings = make_settings(server, tmp_path, telegram_webhook_url="https://bot.example.org/tg/hook",
                             telegram_webhook_port=port, telegram_webhook_secret=SecretStr("s3cret"))
    assistant = await Assistant.create(settings, knowledge_dir=write_knowledge(tmp_path / "kb"),
                                       store=SQLiteStore(tmp_path / "db.sqlite"))
    stop = asyncio.Event()
    task = asyncio.create_task(serve(assistant, settings, stop))
    try:
        [hook] = await server.wait_for("setWebhook")
        assert hook.params["url"] == "https://bot.example.org/tg/hook"
        assert hook.params["secret_token"] == "s3cret"
        update = {"update_id": 1, **message("/start")}
        async with aiohttp.ClientSession() as session:
            for _ in range(50):  # the webhook server starts right after setWebhook
                try:
                    bad = await session.post(f"http://127.0.0.1:{port}/tg/hook", json=update,
                                             headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"})
                    break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.05)
            assert bad.status == 403
            good = await session.post(f"http://127.0.0.1:{port}/tg/hook", json=update,
                                      headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"})
            assert good.status == 200
        [call] = await server.wait_for("sendMessage")
        assert "Welcome" in call.params["text"]
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
        await assistant.close()
        await server.stop()


async def _post_when_up(session: aiohttp.ClientSession, url: str, update: dict[str, Any],
                        headers: dict[str, str]) -> aiohttp.ClientResponse:
    for _ in range(100):  # the webhook server starts right after setWebhook
        try:
            return await session.post(url, json=update, headers=headers)
        except aiohttp.ClientConnectionError:
            await asyncio.sleep(0.05)
    raise AssertionError(f"nothing listens on {url}")


async def test_webhook_always_has_a_secret_shared_by_workers_and_forged_posts_change_nothing(
    tmp_path: Path,
) -> None:
    """No TELEGRAM_WEBHOOK_SECRET configured: a secret is generated once in the database, both workers
    (each on its own port) register it, and a POST without it (a forged admin /faq add) gets 403."""
    server = FakeBotAPI()
    await server.start()
    server.member_status[51] = "administrator"
    ports = [_free_port(), _free_port()]
    knowledge = write_knowledge(tmp_path / "kb")
    workers = []
    for port in ports:
        settings = make_settings(server, tmp_path, telegram_webhook_url="https://bot.example.org/tg/hook",
                                 telegram_webhook_port=port, telegram_webhook_listen="127.0.0.1")
        assistant = await Assistant.create(settings, knowledge_dir=knowledge,
                                           store=SQLiteStore(tmp_path / "shared.sqlite"))
        stop = asyncio.Event()
        workers.append((assistant, stop, asyncio.create_task(serve(assistant, settings, stop))))
    community = f"telegram:{GROUP}"
    try:
        hooks = await server.wait_for("setWebhook", 2)
        secrets_sent = {hook.params["secret_token"] for hook in hooks}
        assert len(secrets_sent) == 1
        [secret] = secrets_sent
        assert len(secret) >= 32 and secret == await workers[0][0].deployment_secret("telegram_webhook")
        forged = {"update_id": 7, **message("/faq add Where to log in? | At evil.example.com", chat_id=GROUP,
                                            chat_type="supergroup", sender=user(51))}
        async with aiohttp.ClientSession() as session:
            for port in ports:
                url = f"http://127.0.0.1:{port}/tg/hook"
                assert (await _post_when_up(session, url, forged, {})).status == 403
                wrong = {"X-Telegram-Bot-Api-Secret-Token": "guessed"}
                assert (await _post_when_up(session, url, forged, wrong)).status == 403
            await asyncio.sleep(0.3)
            assert server.of("sendMessage") == [] and server.of("getChatMember") == []
            assert await workers[0][0].store.list_entries(community) == []  # nothing changed
            genuine = {"update_id": 8, **message("/start")}
            good = await _post_when_up(session, f"http://127.0.0.1:{ports[1]}/tg/hook", genuine,
                                       {"X-Telegram-Bot-Api-Secret-Token": secret})
            assert good.status == 200
        [call] = await server.wait_for("sendMessage")
        assert "Welcome" in call.params["text"]
    finally:
        for assistant, stop, task in workers:
            stop.set()
            await asyncio.wait_for(task, 10)
            await assistant.close()
        await server.stop()


# --- pure helpers ---------------------------------------------------------------------------


def test_classify_commands_mentions_and_replies() -> None:
    from telegram import Message as TgMessage

    def parse(text: str, chat_type: str = "supergroup", reply_to: dict[str, Any] | None = None) -> Any:
        data = message(text, chat_id=GROUP, chat_type=chat_type, reply_to=reply_to)["message"]
        return classify(TgMessage.de_json(data, None), BOT_ID, BOT_USERNAME)

    assert parse("/ask@docsocialbot hi") is not None and parse("/ask@docsocialbot hi").command == "ask"
    assert parse("/ask@OtherBot hi") is None
    mention = parse(f"@{BOT_USERNAME}, what is sermo?")
    assert mention.addressed and mention.text == "what is sermo?"
    assert not parse("hello @someone").addressed
    assert parse("hello", chat_type="private").addressed
    reply = parse("more?", reply_to=bot_message("x", chat_id=GROUP, chat_type="supergroup", message_id=3))
    assert reply.addressed and reply.text == "more?"


def test_menu_and_file_url() -> None:
    assert "faq" not in [c.command for c in menu("en", moderators=False)]
    assert "faq" in [c.command for c in menu("es", moderators=True)]
    assert file_url("https://api.telegram.org/bot") == "https://api.telegram.org/file/bot"
    assert file_url("http://localhost:8081/bot{token}") == "http://localhost:8081/file/bot{token}"
    assert file_url("http://weird") is None


# --- Telegram specifics ---------------------------------------------------------------------

ANONYMOUS_ADMIN = {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}


async def test_anonymous_group_admin_counts_as_moderator(env: Env) -> None:
    env.server.push(message("/faq add Who posts the rota? | The chief resident.", chat_id=GROUP,
                            chat_type="supergroup", sender=ANONYMOUS_ADMIN,
                            sender_chat={"id": GROUP, "type": "supergroup", "title": "Doctors' lounge"}))
    await env.answers()
    assert len(await env.store.list_entries(f"telegram:{GROUP}")) == 1
    assert env.server.of("getChatMember") == []


async def test_answers_stay_in_the_forum_topic(env: Env) -> None:
    env.server.push(message("/ask What is Sermo?", chat_id=GROUP, chat_type="supergroup", message_thread_id=55,
                            is_topic_message=True))
    [call] = await env.answers()
    assert call.params["message_thread_id"] == 55


async def test_photo_caption_mentioning_the_bot_is_answered(env: Env) -> None:
    env.server.push(message(f"@{BOT_USERNAME} what is Sermo?", chat_id=GROUP, chat_type="supergroup", caption=True))
    [call] = await env.answers()
    assert call.params["text"].startswith("<b>Sermo</b>")


async def test_edited_messages_are_ignored(env: Env) -> None:
    edited = message("/start")["message"]
    env.server.push({"edited_message": {**edited, "edit_date": edited["date"] + 5}})
    await env.server.settle(0.5)
    assert env.server.of("sendMessage") == []


async def test_button_is_handled_even_if_acknowledging_fails(env: Env) -> None:
    env.server.fail_next("answerCallbackQuery", 400)
    env.server.push(callback("e:sermo"))
    [call] = await env.answers()
    assert call.params["text"].startswith("<b>Sermo</b>")


async def test_guided_step_with_similar_entries_still_prompts(env: Env) -> None:
    env.server.member_status[51] = "administrator"
    env.server.push(message("/faq add", chat_id=GROUP, chat_type="supergroup", sender=user(51)))
    [prompt] = await env.answers()
    replied = bot_message(prompt.params["text"], chat_id=GROUP, chat_type="supergroup",
                          message_id=prompt.result["message_id"])
    env.server.push(message("What is Sermo exactly?", chat_id=GROUP, chat_type="supergroup", sender=user(51),
                            reply_to=replied))
    step = (await env.answers(2))[-1]
    assert "Sermo" in step.params["text"]  # the similar entry is listed in the text ...
    assert markup(step) == {"force_reply": True, "selective": True}  # ... and the next step stays reachable


async def test_faq_list_in_private_chat_has_no_force_reply(env: Env) -> None:
    env.server.push(message("/faq list"))
    [call] = await env.answers()
    assert "force_reply" not in markup(call)


def test_moderator_cache_expires() -> None:
    from adapters.telegram import ModeratorCache

    cache = ModeratorCache(ttl=-1)
    cache.put(1, 2, True)
    assert cache.get(1, 2) is None
    fresh = ModeratorCache(ttl=60, size=1)
    fresh.put(1, 2, True)
    fresh.put(1, 3, False)
    assert fresh.get(1, 2) is None and fresh.get(1, 3) is False


async def test_group_upgraded_to_supergroup_keeps_its_faq(env: Env) -> None:
    old_group, new_group = -4001, -1004001
    env.server.member_status[51] = "administrator"
    env.server.push(message("/faq add Where is the rota? | Pinned in the #rota topic.", chat_id=old_group,
                            chat_type="group", sender=user(51)))
    await env.answers()
    env.server.push(message("", chat_id=old_group, chat_type="group", sender=user(51),
                            migrate_to_chat_id=new_group))
    await env.server.settle()
    assert await env.store.list_entries(f"telegram:{old_group}") == []
    [moved] = await env.store.list_entries(f"telegram:{new_group}")
    assert moved.entry.answer.en == "Pinned in the #rota topic."
    env.server.push(message(f"@{BOT_USERNAME} where is the rota?", chat_id=new_group, chat_type="supergroup",
                            sender=user(52)))
    calls = await env.answers(2)
    assert "Pinned in the #rota topic." in calls[-1].params["text"]
