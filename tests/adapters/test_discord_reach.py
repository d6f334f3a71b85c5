"""Discord's reach, end to end through discord.py: message menus, the user-installable app, the
"did you mean" select menu, charts as attachments, and the sync dry run within Discord's limits."""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from discord.webhook.async_ import AsyncWebhookAdapter
from PIL import Image

import adapters.discord as discord_adapter
from adapters.discord import sync_commands
from adapters.discord.limits import check_limits
from bot import actions
from bot.assistant import Assistant
from bot.config import Settings
from bot.matching import Matcher
from bot.models import Entry
from bot.storage.sqlite.store import SQLiteStore
from tests.fakes.discord_api import (
    GUILD_ID,
    MEMBER_ID,
    Call,
    FakeDiscord,
    Harness,
    command_data,
    interaction_payload,
    make_harness,
    message_menu_data,
    message_payload,
    response_of,
)

PNG = b"\x89PNG\r\n\x1a\n"
EPHEMERAL = 64


@pytest.fixture
async def harness(tmp_path: Path, curated: list[Entry], matcher: Matcher,
                  monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Harness]:
    fake = FakeDiscord()
    monkeypatch.setattr(AsyncWebhookAdapter, "request", lambda _self, route, *a, **k: fake.webhook_request(
        route, *a, **k))
    store = SQLiteStore(tmp_path / "db.sqlite")
    await store.open()
    assistant = Assistant(Settings(), curated, matcher, store)
    built = await make_harness(assistant, Settings(), fake, monkeypatch)
    yield built
    await built.client.close()
    await assistant.close()


def only_response(calls: list[Call]) -> Call:
    """Exactly one thing was sent: the interaction's response."""
    assert [c for c in calls if c.method in ("POST", "PATCH")] == [response_of(calls)], calls
    return response_of(calls)


def select_menus(call: Call) -> list[dict[str, Any]]:
    return [c for row in call.message.get("components", []) for c in row.get("components", []) if c["type"] == 3]


def buttons(call: Call) -> list[dict[str, Any]]:
    return [c for row in call.message.get("components", []) for c in row.get("components", []) if c["type"] == 2]


def valid_png(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG)
    with Image.open(io.BytesIO(data)) as picture:
        picture.load()
        assert picture.format == "PNG"
        return picture.size


# --- message menus ----------------------------------------------------------------------------


async def test_check_this_post_answers_ephemerally_once(harness: Harness) -> None:
    post = message_payload(content="Mrs Alvarez, 82, bed 4, was so brave after her hip surgery today!",
                           author_id=MEMBER_ID + 5)
    calls = await harness.interact(interaction_payload(2, message_menu_data("Check this post", post)))
    response = only_response(calls)
    assert response.response_type == 4 and response.ephemeral
    [embed] = response.message["embeds"]
    assert "[NAME]" in embed["description"] and embed["title"].startswith("Do not post")


async def test_ask_docsocial_is_private_with_a_button_to_post_publicly(harness: Harness) -> None:
    post = message_payload(content="can I accept a friend request from a patient?", author_id=MEMBER_ID + 5)
    calls = await harness.interact(interaction_payload(2, message_menu_data("Ask DocSocial", post)))
    response = only_response(calls)
    assert response.ephemeral
    title = response.message["embeds"][0]["title"]
    [share] = [b for b in buttons(response) if b["custom_id"].startswith("s:")]
    assert share["label"] == "Post publicly"
    shared = response_of(await harness.press(share["custom_id"], ephemeral_message=True))
    assert shared.response_type == 4 and not shared.ephemeral
    assert shared.message["embeds"][0]["title"] == title
    assert not [b for b in buttons(shared) if isinstance(actions.decode(b["custom_id"]), actions.Feedback)]


async def test_a_message_without_text_gets_a_private_explanation(harness: Harness) -> None:
    post = message_payload(content="", author_id=MEMBER_ID + 5)
    response = only_response(await harness.interact(interaction_payload(2, message_menu_data("Check this post",
                                                                                              post))))
    assert response.ephemeral and "no text" in response.message["embeds"][0]["description"]


# --- the user-installable app ---------------------------------------------------------------


async def test_user_installed_command_is_honoured_in_a_dm(harness: Harness) -> None:
    payload = interaction_payload(2, command_data("ask", question="what is sermo"), guild=False, context=2,
                                  owners={"1": str(MEMBER_ID)})
    response = only_response(await harness.interact(payload))
    assert response.response_type == 4
    assert response.message["embeds"][0]["title"] == "Sermo"


async def test_user_install_in_a_server_without_the_bot_is_private(harness: Harness) -> None:
    payload = interaction_payload(2, command_data("stats"), context=0, owners={"1": str(MEMBER_ID)})
    only_response(await harness.interact(payload))
    assert f"discord:{GUILD_ID}" not in harness.client.core._loaded  # that server's community is not touched
    assert "discord:private" in harness.client.core._loaded
    guild_installed = interaction_payload(2, command_data("stats"), owners={"0": str(GUILD_ID)})
    only_response(await harness.interact(guild_installed))
    assert f"discord:{GUILD_ID}" in harness.client.core._loaded


# --- did you mean, charts ---------------------------------------------------------------------


async def test_did_you_mean_is_a_select_menu(harness: Harness) -> None:
    response = only_response(await harness.command("ask", question="usage numbers"))  # several statistics fit
    [menu] = select_menus(response)
    values = [o["value"] for o in menu["options"]]
    assert len(values) >= 2 and all(v.startswith("e:stats-") for v in values)
    assert not [b for b in buttons(response) if b["custom_id"] in values]  # the choices are not buttons too
    option = menu["options"][-1]  # whichever statistics entry the menu offers last
    data = {"custom_id": menu["custom_id"], "component_type": 3, "values": [option["value"]]}
    chosen = response_of(await harness.interact(interaction_payload(3, data, message=message_payload(
        components=[{"type": 1, "components": [menu]}]))))
    assert chosen.response_type == 4 and chosen.message["embeds"][0]["title"] == option["label"]


async def test_stats_attaches_the_chart_as_the_embed_image(harness: Harness) -> None:
    response = only_response(await harness.command("stats", network="facebook"))
    [(filename, data)] = response.files
    assert filename == "docsocial-stats.png"
    width, _ = valid_png(data)
    assert width == 1000
    assert response.message["embeds"][0]["image"]["url"] == "attachment://docsocial-stats.png"
    assert response.message["attachments"][0]["filename"] == "docsocial-stats.png"


# --- commands as Discord receives them -----------------------------------------------------------


async def test_sync_dry_run_shows_installs_and_contexts_within_limits(capsys: pytest.CaptureFixture[str]) -> None:
    assert await sync_commands(Settings(), dry_run=True) == 0
    out, err = capsys.readouterr()
    payloads = json.loads(out)
    assert check_limits(payloads) == []
    by_name = {p["name"]: p for p in payloads}
    for name in ("ask", "check", "stats", "networks", "rules", "Check this post", "Ask DocSocial"):
        assert by_name[name]["integration_types"] == [0, 1] and by_name[name]["contexts"] == [0, 1, 2]
    assert by_name["faq"]["integration_types"] == [0] and by_name["faq"]["contexts"] == [0]
    assert by_name["Check this post"]["type"] == 3
    assert by_name["Check this post"]["name_localizations"]["es-ES"] == "Revisar esta publicación"
    assert "/ask: installs: guild install, user install" in err
    assert "Discord limits: all commands within them" in err


async def test_limits_catch_what_discord_would_refuse(harness: Harness) -> None:
    payloads = await discord_adapter.command_payloads(harness.client)
    assert check_limits(payloads) == []
    broken = json.loads(json.dumps(payloads))
    broken[0]["description"] = "x" * 101
    broken[1]["name"] = "Has Spaces"
    broken += [{**broken[-1], "name": f"Menu {n}"} for n in range(5)]  # six message menus
    problems = check_limits(broken)
    assert any("description has 101" in p for p in problems)
    assert any("Has Spaces" in p for p in problems)
    assert any("commands of type 3" in p for p in problems)
