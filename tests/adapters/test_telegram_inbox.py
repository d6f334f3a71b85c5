"""Telegram through the inbox, in process: the webhook answers 200 only after the update is stored, a
redelivered update sends nothing, a late one is answered with an apology, a late button press is dropped."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from pydantic import SecretStr

from adapters.telegram import serve
from bot.assistant import Assistant
from bot.inbox import InboxSettings
from bot.storage.base import InboxUpdate, StoreError
from bot.storage.sqlite.store import SQLiteStore
from tests.adapters.test_telegram import _free_port, _post_when_up, make_settings, write_knowledge
from tests.fakes.telegram_api import FakeBotAPI, callback, message, user

SECRET = {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}


async def test_webhook_answers_200_only_after_the_store_commit_and_a_redelivery_sends_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server = FakeBotAPI()
    await server.start()
    port = _free_port()
    settings = make_settings(server, tmp_path, telegram_webhook_url="https://bot.example.org/tg/hook",
                             telegram_webhook_port=port, telegram_webhook_secret=SecretStr("s3cret"),
                             telegram_webhook_listen="127.0.0.1")
    store = SQLiteStore(tmp_path / "db.sqlite")
    assistant = await Assistant.create(settings, knowledge_dir=write_knowledge(tmp_path / "kb"), store=store)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(assistant, settings, stop))
    url = f"http://127.0.0.1:{port}/tg/hook"
    update = {"update_id": 7, **message("/start", sender=user(71), chat_id=71)}
    original = store.inbox_put

    async def broken(*args: Any, **kwargs: Any) -> int:
        raise StoreError("the database is busy, try again")

    try:
        await server.wait_for("setWebhook")
        async with aiohttp.ClientSession() as session:
            monkeypatch.setattr(store, "inbox_put", broken)
            refused = await _post_when_up(session, url, update, SECRET)
            assert refused.status == 500  # not stored, so not confirmed: Telegram delivers it again
            await server.settle(0.3)
            assert not server.of("sendMessage")
            monkeypatch.setattr(store, "inbox_put", original)
            assert (await session.post(url, json=update, headers=SECRET)).status == 200
            [answer] = await server.wait_for("sendMessage")
            assert "Welcome" in answer.params["text"]
            again = await session.post(url, json=update, headers=SECRET)  # Telegram redelivers it
            assert again.status == 200
        await server.settle(0.5)
        assert len(server.of("sendMessage")) == 1  # answered exactly once
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
        await assistant.close()
        await server.stop()


async def test_a_question_that_waited_too_long_gets_an_apology_and_a_late_button_press_is_dropped(
        tmp_path: Path) -> None:
    server = FakeBotAPI()
    await server.start()
    settings = make_settings(server, tmp_path)
    store = SQLiteStore(tmp_path / "db.sqlite")
    assistant = await Assistant.create(settings, knowledge_dir=write_knowledge(tmp_path / "kb"), store=store)
    await store.open()
    old = int(time.time()) - 15 * 60  # sent while the bot was down
    question = message("what is sermo?", chat_id=81, sender=user(81), date=old)
    press = callback("rate:sermo:1", chat_id=82, sender=user(82))
    stop = asyncio.Event()
    task = asyncio.create_task(serve(assistant, settings, stop, poll_timeout=1,
                                     inbox_settings=InboxSettings(poll_seconds=0.05)))
    try:
        await server.wait_for("getUpdates")
        # a button press stored 15 minutes ago by a worker that then stopped (Telegram gives presses no date)
        await store.inbox_put([InboxUpdate("telegram", 900, "telegram:82",
                                           _json({"update_id": 900, **press}),
                                           dt.datetime.now(dt.UTC) - dt.timedelta(minutes=15))])
        server.push(question)
        [answer] = await server.wait_for("sendMessage")
        text = answer.params["text"]
        assert "Sorry for the delay" in text and text.index("Sorry") < text.index("Sermo is a social network")
        await server.settle(0.5)
        assert [int(c.params["chat_id"]) for c in server.of("sendMessage")] == [81]
        assert not server.of("answerCallbackQuery")
        assert (await store.inbox_stats()).counters == {"dropped_late": 1}
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
        await assistant.close()
        await server.stop()


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data)
