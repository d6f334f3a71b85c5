"""Telegram inline mode, deep links and charts, end to end: the real PTB Application against the fake Bot API."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from PIL import Image
from pydantic import SecretStr

from adapters.telegram import serve
from bot.assistant import Assistant
from bot.config import Settings
from bot.inline.usage import INLINE_BUCKET
from bot.matching import Matcher
from bot.models import Entry
from bot.storage.sqlite.store import SQLiteStore
from tests.fakes.telegram_api import BOT_USERNAME, Call, FakeBotAPI, chosen_inline_result, inline_query, message, user

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

GROUP = -100777
PNG = b"\x89PNG\r\n\x1a\n"
DEEP_LINK = f"https://t.me/{BOT_USERNAME}?start=check"


@dataclass
class Env:
    server: FakeBotAPI
    assistant: Assistant
    store: SQLiteStore

    def sent(self, method: str = "sendMessage") -> list[Call]:
        return [c for c in self.server.of(method) if c.result is not None]


async def _start(tmp_path: Path, curated: list[Entry], matcher: Matcher, **extra: Any) -> AsyncIterator[Env]:
    server = FakeBotAPI()
    await server.start()
    settings = Settings(telegram_bot_token=SecretStr("123456:TEST-TOKEN"), telegram_api_url=server.base_url,
                        telegram_webhook_url=None, db_path=tmp_path / "db.sqlite", user_rate="1000/minute",
                        community_rate="1000/minute", **extra)
    store = SQLiteStore(tmp_path / "db.sqlite")
    await store.open()
    assistant = Assistant(settings, curated, matcher, store)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(assistant, settings, stop, poll_timeout=1))
    await server.wait_for("getUpdates")
    try:
        yield Env(server, assistant, store)
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
        await assistant.close()
        await server.stop()


@pytest_asyncio.fixture
async def env(tmp_path: Path, curated: list[Entry], matcher: Matcher) -> AsyncIterator[Env]:
    async for started in _start(tmp_path, curated, matcher):
        yield started


def url_buttons(call: Call) -> list[tuple[str, str]]:
    markup = call.params.get("reply_markup") or {}
    return [(b["text"], b["url"]) for row in markup.get("inline_keyboard", []) for b in row if "url" in b]


def decoded(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG)
    with Image.open(io.BytesIO(png)) as picture:
        picture.load()
        assert picture.format == "PNG"
        return picture.size


# --- inline mode ------------------------------------------------------------------------------


async def test_inline_query_gives_one_answer_with_the_cards(env: Env, curated: list[Entry]) -> None:
    env.server.push(inline_query("what is sermo"))
    [call] = await env.server.wait_for("answerInlineQuery")
    await env.server.settle(0.2)
    assert len(env.server.of("answerInlineQuery")) == 1
    params = call.params
    assert params["cache_time"] == 60 and params["is_personal"] is False
    assert params["button"]["start_parameter"] == "check"
    results = params["results"]
    assert 1 <= len(results) <= 5
    first = results[0]
    sermo = next(e for e in curated if e.id == "sermo")
    assert first["type"] == "article" and first["id"] == "sermo"
    assert first["title"] == sermo.display_title("en")
    assert first["description"] and "\n" not in first["description"]
    content = first["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert content["message_text"].startswith("<b>Sermo</b>")
    assert "<i>Sources:" in content["message_text"]
    assert [r["id"] for r in results] == list(dict.fromkeys(r["id"] for r in results))


async def test_inline_medical_advice_gives_one_help_card(env: Env) -> None:
    env.server.push(inline_query("qué dosis de amoxicilina le doy a un niño", sender=user(44, "es")))
    [call] = await env.server.wait_for("answerInlineQuery")
    [card] = call.params["results"]
    assert card["id"] == "help" and card["title"] == "No puedo dar consejo médico"
    assert "Puedo ayudarte con" in card["input_message_content"]["message_text"]


async def test_chosen_results_are_counted_and_lead_the_empty_query(env: Env) -> None:
    for _ in range(2):
        env.server.push(chosen_inline_result("doximity", "doxim"))
    env.server.push(chosen_inline_result("help", "weather"))  # the help card is not an entry: not counted
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 5
    while (await env.store.stats(INLINE_BUCKET, 30)).answered < 2:
        assert loop.time() < deadline, "chosen results were not counted"
        await asyncio.sleep(0.05)
    await env.server.settle(0.2)
    stats = await env.store.stats(INLINE_BUCKET, 30)
    assert stats.answered == 2 and [(e.entry_id, e.asked) for e in stats.top_entries] == [("doximity", 2)]
    env.server.push(inline_query(""))
    [call] = await env.server.wait_for("answerInlineQuery")
    assert call.params["results"][0]["id"] == "doximity"


# --- deep links -------------------------------------------------------------------------------


async def test_deep_link_round_trip_keeps_the_draft_out_of_the_group(env: Env) -> None:
    env.server.push(message("/check", chat_id=GROUP, chat_type="supergroup", sender=user(70), message_id=900))
    [invite] = await env.server.wait_for("sendMessage")
    assert invite.params["chat_id"] == GROUP
    assert url_buttons(invite) == [("Continue in private", DEEP_LINK)]
    env.server.push(message("/start check", chat_id=70, sender=user(70)))
    prompt = (await env.server.wait_for("sendMessage", 2))[-1]
    assert prompt.params["chat_id"] == 70 and "Send me your draft" in prompt.params["text"]
    draft = "Mrs Alvarez, 82, bed 4, was so brave after her hip surgery today! Photo attached."
    env.server.push(message(draft, chat_id=70, sender=user(70)))
    review = (await env.server.wait_for("sendMessage", 3))[-1]
    assert review.params["chat_id"] == 70 and "[NAME]" in review.params["text"]  # the review, redacted
    assert all(c.params["chat_id"] != GROUP for c in env.sent()[1:])
    assert all("Alvarez" not in c.params["text"] for c in env.sent() if c.params["chat_id"] == GROUP)


async def test_private_reply_notice_carries_the_deep_link(env: Env) -> None:
    env.server.push(message("/check Our clinic opens on Saturdays", chat_id=GROUP, chat_type="supergroup",
                            sender=user(71)))
    private, notice = await env.server.wait_for("sendMessage", 2)
    assert private.params["chat_id"] == 71 and url_buttons(private) == []
    assert notice.params["chat_id"] == GROUP and url_buttons(notice) == [("Continue in private", DEEP_LINK)]


# --- charts -----------------------------------------------------------------------------------


async def test_stats_sends_a_photo_with_a_valid_png(env: Env) -> None:
    env.server.push(message("/stats facebook", chat_id=72, sender=user(72)))
    [photo] = await env.server.wait_for("sendPhoto")
    width, height = decoded(photo.params["photo"])
    assert width == 1000 and height > 200
    await env.server.settle(0.3)
    text_messages = env.sent()
    if photo.params.get("caption"):  # the text fits a caption: one message in all
        assert photo.params["caption"].startswith("<b>Facebook") and text_messages == []
    else:
        assert text_messages and text_messages[0].params["text"].startswith("<b>Facebook")


async def test_statistics_answer_is_a_photo_with_its_text_and_buttons(env: Env) -> None:
    env.server.push(message("What did the Asociación de Internet MX study find about doctors?", chat_id=73,
                            sender=user(73)))
    [photo] = await env.server.wait_for("sendPhoto")
    decoded(photo.params["photo"])
    await env.server.settle(0.3)
    if photo.params.get("caption"):  # short enough: one photo message, caption and buttons on it
        assert len(photo.params["caption"]) <= 1024 and env.sent() == []
        carrier = photo
    else:  # too long for a caption: the photo, then the text with the buttons
        [carrier] = env.sent()
        assert carrier.params["text"].startswith("<b>")
    assert "inline_keyboard" in (carrier.params.get("reply_markup") or {})


async def test_charts_off_sends_text_only(tmp_path: Path, curated: list[Entry], matcher: Matcher) -> None:
    async for env in _start(tmp_path, curated, matcher, charts=False):
        env.server.push(message("/stats facebook", chat_id=74, sender=user(74)))
        [call] = await env.server.wait_for("sendMessage")
        await env.server.settle(0.2)
        assert env.server.of("sendPhoto") == [] and call.params["text"].startswith("<b>Facebook")
