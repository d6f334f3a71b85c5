"""A fake Discord for end-to-end tests: gateway payloads in, every REST and webhook request captured.

INTERACTION_CREATE and MESSAGE_CREATE payloads go into a real client's connection state, exactly as
the gateway would deliver them; every request discord.py then makes (interaction callbacks and
follow-ups through its webhook adapter, other REST calls through `HTTPClient.request`) is captured by
`FakeDiscord` and answered with minimal valid payloads. `Harness` drives one client against it.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import discord
import pytest

from adapters.discord import DocSocialClient, build_client
from bot.assistant import Assistant
from bot.config import Settings

APP_ID = 900000000000000001
GUILD_ID = 900000000000000002
CHANNEL_ID = 900000000000000003
BOT_ID = 900000000000000004
MODERATOR_ID = 900000000000000010
MEMBER_ID = 900000000000000011
OWNER_ID = 900000000000000012
ROLE_ID = 900000000000000020
MANAGE_GUILD = discord.Permissions(manage_guild=True).value
EVERYDAY = discord.Permissions(send_messages=True, view_channel=True).value
_ids = itertools.count(910000000000000000)

EMBED_TOTAL = 6000
MESSAGE_EMBEDS = 10


def snowflake() -> str:
    return str(next(_ids))


def user_payload(user_id: int, name: str = "doc") -> dict[str, Any]:
    return {"id": str(user_id), "username": name, "discriminator": "0", "global_name": name, "avatar": None}


def role_payload(role_id: int, name: str, permissions: int) -> dict[str, Any]:
    return {"id": str(role_id), "name": name, "permissions": str(permissions), "position": 0 if role_id == GUILD_ID
            else 1, "color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0}


def guild_payload() -> dict[str, Any]:
    """What GUILD_CREATE would say about the test server: one channel, @everyone and a "FAQ team" role."""
    return {"id": str(GUILD_ID), "name": "Clinic", "owner_id": str(OWNER_ID), "preferred_locale": "en-US",
            "roles": [role_payload(GUILD_ID, "@everyone", EVERYDAY), role_payload(ROLE_ID, "FAQ team", EVERYDAY)],
            "channels": [{"id": str(CHANNEL_ID), "type": 0, "name": "general", "position": 0,
                          "permission_overwrites": []}],
            "members": [], "emojis": [], "stickers": [], "features": [], "member_count": 3}


def message_payload(*, content: str = "", embeds: list[Any] | None = None, components: list[Any] | None = None,
                    author_id: int = BOT_ID, flags: int = 0, guild: bool = True,
                    mentions: list[int] | None = None, message_id: str | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": message_id or snowflake(), "channel_id": str(CHANNEL_ID), "type": 0, "content": content,
        "author": {**user_payload(author_id, "docsocial" if author_id == BOT_ID else "doc"),
                   "bot": author_id == BOT_ID},
        "attachments": [], "embeds": embeds or [], "components": components or [],
        "mentions": [user_payload(m) for m in mentions or []], "mention_roles": [], "mention_everyone": False,
        "pinned": False, "tts": False, "timestamp": "2026-01-01T00:00:00+00:00", "edited_timestamp": None,
        "flags": flags,
    }
    if guild:
        payload["guild_id"] = str(GUILD_ID)
        if author_id != BOT_ID:
            payload["member"] = {"roles": [], "joined_at": "2024-01-01T00:00:00+00:00", "deaf": False, "mute": False,
                                 "flags": 0}
    return payload


def interaction_payload(kind: int, data: dict[str, Any], *, user_id: int = MEMBER_ID, permissions: int = EVERYDAY,
                        guild: bool = True, locale: str = "en-US", message: dict[str, Any] | None = None,
                        roles: tuple[int, ...] = ()) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": snowflake(), "application_id": str(APP_ID), "type": kind, "token": f"token-{snowflake()}",
        "version": 1, "channel_id": str(CHANNEL_ID), "locale": locale, "app_permissions": str(EVERYDAY),
        "entitlements": [], "authorizing_integration_owners": {}, "context": 0 if guild else 1, "data": data,
        "attachment_size_limit": 10 * 1024 * 1024,
    }
    if guild:
        payload["channel"] = {"id": str(CHANNEL_ID), "type": 0, "guild_id": str(GUILD_ID), "name": "general",
                              "position": 0, "permission_overwrites": []}
        payload["guild_id"] = str(GUILD_ID)
        payload["guild_locale"] = "en-US"
        payload["member"] = {"user": user_payload(user_id), "roles": [str(r) for r in roles],
                             "permissions": str(permissions),
                             "joined_at": "2024-01-01T00:00:00+00:00", "deaf": False, "mute": False, "flags": 0}
    else:
        payload["channel"] = {"id": str(CHANNEL_ID), "type": 1, "recipients": [user_payload(user_id)]}
        payload["user"] = user_payload(user_id)
    if message is not None:
        payload["message"] = message
    return payload


def submission(form_id: str, input_ids: list[str], values: list[str]) -> dict[str, Any]:
    """MODAL_SUBMIT data: each text input's value inside its Label (component type 18)."""
    return {"custom_id": form_id, "components": [
        {"type": 18, "component": {"type": 4, "custom_id": input_id, "value": value}}
        for input_id, value in zip(input_ids, values, strict=True)]}


def command_data(name: str, **options: str) -> dict[str, Any]:
    return {"id": snowflake(), "name": name, "type": 1,
            "options": [{"type": 3, "name": key, "value": value} for key, value in options.items()]}


def subcommand_data(group: str, name: str, **options: str) -> dict[str, Any]:
    inner = [{"type": 3, "name": key, "value": value} for key, value in options.items()]
    return {"id": snowflake(), "name": group, "type": 1, "options": [{"type": 1, "name": name, "options": inner}]}


@dataclass
class Call:
    """One request discord.py made: method, path (with ids), JSON body, query parameters."""

    method: str
    path: str
    payload: dict[str, Any] | None
    params: dict[str, Any] | None = None

    @property
    def is_callback(self) -> bool:
        return self.path.endswith("/callback")

    @property
    def is_followup(self) -> bool:
        return self.method == "POST" and self.path.startswith("/webhooks/")

    @property
    def response_type(self) -> int | None:
        return self.payload.get("type") if self.is_callback and self.payload else None

    @property
    def message(self) -> dict[str, Any]:
        """The message body of a response (type 4) or follow-up."""
        assert self.payload is not None
        if self.is_callback:
            return dict(self.payload.get("data") or {})
        return self.payload

    @property
    def ephemeral(self) -> bool:
        return bool(self.message.get("flags", 0) & 64)


@dataclass
class FakeDiscord:
    """Records every request and returns what Discord would, minimally."""

    calls: list[Call] = field(default_factory=list)
    forbid_deletes: bool = False  # answer DELETE requests with 403, as when Manage Messages is missing

    async def webhook_request(self, route: Any, session: Any = None, *, payload: dict[str, Any] | None = None,
                              multipart: list[dict[str, Any]] | None = None, params: dict[str, Any] | None = None,
                              **_: Any) -> Any:
        if multipart:
            payload = json.loads(next(p["value"] for p in multipart if p["name"] == "payload_json"))
        call = Call(route.method, _expand(route), payload, params)
        self.calls.append(call)
        if call.is_callback:
            return {"interaction": {"id": route.webhook_id, "type": 2},
                    "resource": {"type": (payload or {}).get("type", 4)}}
        if route.method == "POST":
            body = payload or {}
            return message_payload(content=body.get("content") or "", embeds=body.get("embeds"),
                                   components=body.get("components"), flags=body.get("flags", 0))
        if route.method == "PATCH":
            return message_payload()
        return None

    async def http_request(self, route: Any, **kwargs: Any) -> Any:
        body = kwargs.get("json")
        if body is None and kwargs.get("form"):
            body = json.loads(next(p["value"] for p in kwargs["form"] if p["name"] == "payload_json"))
        self.calls.append(Call(route.method, _expand(route), body, kwargs.get("params")))
        if route.method == "DELETE" and self.forbid_deletes:
            raise discord.Forbidden(SimpleNamespace(status=403, reason="Forbidden"),  # type: ignore[arg-type]
                                    {"code": 50013, "message": "Missing Permissions"})
        if route.method in ("POST", "PATCH") and "/messages" in route.path:
            body = body or {}
            return message_payload(content=body.get("content") or "", embeds=body.get("embeds"),
                                   components=body.get("components"), flags=body.get("flags", 0))
        if route.method == "POST" and route.path == "/users/@me/channels":
            return {"id": snowflake(), "type": 1, "recipients": [user_payload(MEMBER_ID)], "last_message_id": None}
        return None

    # --- views on what was sent ---------------------------------------------------------------
    def replies(self) -> list[Call]:
        """Messages shown to users: type-4 responses, follow-ups and channel messages."""
        return [c for c in self.calls if (c.is_callback and c.response_type == 4) or
                (c.method == "POST" and c.path.endswith("/messages")) or
                (c.is_followup and not c.is_callback)]

    def embeds(self) -> list[dict[str, Any]]:
        return [e for c in self.replies() for e in c.message.get("embeds", [])]

    def buttons(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for call in self.replies():
            for row in call.message.get("components", []):
                found.extend(c for c in row.get("components", []) if c.get("type") == 2)
        return found


def response_of(calls: list[Call]) -> Call:
    """The one interaction callback among `calls`."""
    (response,) = [c for c in calls if c.is_callback]
    return response


def _expand(route: Any) -> str:
    url: str = route.url
    return url.split("/api/v10", 1)[-1]


class Harness:
    """A DocSocial client wired to a FakeDiscord."""

    def __init__(self, client: DocSocialClient, fake: FakeDiscord) -> None:
        self.client = client
        self.fake = fake
        self.state = client._connection
        self._baseline = set(asyncio.all_tasks())

    async def settle(self, timeout: float = 10.0) -> None:
        """Wait until every task the last event started (and the tasks they started) has finished."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            await asyncio.sleep(0.005)
            busy = [t for t in asyncio.all_tasks() if t not in self._baseline and not t.done()
                    and t is not asyncio.current_task() and "timeout" not in repr(t.get_coro())]
            if not busy:
                return
            assert loop.time() < deadline, f"tasks still running: {busy}"

    async def interact(self, payload: dict[str, Any]) -> list[Call]:
        before = len(self.fake.calls)
        self.state.parse_interaction_create(payload)  # type: ignore[arg-type]
        await self.settle()
        return self.fake.calls[before:]

    async def command(self, name: str, *, user_id: int = MEMBER_ID, permissions: int = EVERYDAY,
                      guild: bool = True, locale: str = "en-US", **options: str) -> list[Call]:
        return await self.interact(interaction_payload(2, command_data(name, **options), user_id=user_id,
                                                       permissions=permissions, guild=guild, locale=locale))

    async def press(self, custom_id: str, *, ephemeral_message: bool = False, user_id: int = MEMBER_ID,
                    permissions: int = EVERYDAY) -> list[Call]:
        button = {"type": 2, "style": 2, "label": "Open", "custom_id": custom_id}
        message = message_payload(embeds=[], flags=64 if ephemeral_message else 0,
                                  components=[{"type": 1, "components": [button]}])
        data = {"custom_id": custom_id, "component_type": 2}
        return await self.interact(interaction_payload(3, data, user_id=user_id, permissions=permissions,
                                                       message=message))

    async def autocomplete(self, typed: str, *, locale: str = "en-US") -> list[dict[str, Any]]:
        data = {"id": snowflake(), "name": "ask", "type": 1,
                "options": [{"type": 3, "name": "question", "value": typed, "focused": True}]}
        calls = await self.interact(interaction_payload(4, data, locale=locale))
        (call,) = [c for c in calls if c.is_callback]
        assert call.response_type == 8
        assert call.payload is not None
        choices: list[dict[str, Any]] = call.payload["data"]["choices"]
        return choices


async def make_harness(assistant: Assistant, settings: Settings, fake: FakeDiscord,
                       monkeypatch: pytest.MonkeyPatch) -> Harness:
    client = build_client(assistant, settings)
    monkeypatch.setattr(client.http, "request", fake.http_request)
    await client._async_setup_hook()
    await client.setup_hook()
    client._connection.application_id = APP_ID
    client._connection._add_guild_from_data(guild_payload())  # type: ignore[arg-type]
    client._connection.user = discord.ClientUser(state=client._connection, data={
        **user_payload(BOT_ID, "docsocial"), "bot": True, "verified": True, "mfa_enabled": False})  # type: ignore
    return Harness(client, fake)
