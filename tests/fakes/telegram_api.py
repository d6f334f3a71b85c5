"""A fake Telegram Bot API server on 127.0.0.1 (aiohttp) for driving a real PTB Application in tests.

It serves queued updates through getUpdates (long poll, woken when an update is queued; an update is
forgotten once a later getUpdates confirms it with a higher offset, as Telegram does), answers
the methods the adapter uses, records every call with its parameters, and can fail the next call
of a method with 429 (retry_after) or 500 on demand.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_ID = 777000111
BOT_USERNAME = "DocSocialBot"
BOT_USER: dict[str, Any] = {"id": BOT_ID, "is_bot": True, "first_name": "DocSocial", "username": BOT_USERNAME}
_ADMIN_RIGHTS = dict.fromkeys(
    ("can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
     "can_restrict_members", "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories",
     "can_edit_stories", "can_delete_stories"),
    False,
)


def _decode(value: str) -> Any:
    """PTB posts form fields; non-string values are JSON-encoded."""
    if value in ("true", "false") or value.lstrip("-").isdigit() or value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    result: Any = None  # what the fake answered ("ok" results only)


@dataclass
class _Failure:
    status: int
    retry_after: int | None
    description: str


@dataclass
class FakeBotAPI:
    """State and recorded calls; start with `await server.start()`, point PTB at `server.base_url`."""

    calls: list[Call] = field(default_factory=list)
    member_status: dict[int, str] = field(default_factory=dict)  # user id -> status; default "member"
    blocked_private: set[int] = field(default_factory=set)  # users who never started the bot
    max_poll_wait: float = 0.5
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _failures: dict[str, list[_Failure]] = field(default_factory=dict)
    _chat_types: dict[int, dict[str, Any]] = field(default_factory=dict)
    _new_update: asyncio.Event = field(default_factory=asyncio.Event)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(10_000))
    _runner: web.AppRunner | None = None
    port: int = 0

    # --- lifecycle ------------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        self._new_update.set()  # end a pending long poll now instead of letting cleanup wait for it
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # --- test controls --------------------------------------------------------------------
    def push(self, update: dict[str, Any]) -> int:
        """Queue one update (an update_id is assigned); returns the update id."""
        update_id = next(self._ids)
        update = {"update_id": update_id, **update}
        message = update.get("message") or (update.get("callback_query") or {}).get("message")
        if message:
            self._chat_types[message["chat"]["id"]] = message["chat"]
        self._updates.append(update)
        self._new_update.set()
        return update_id

    def fail_next(self, method: str, status: int, retry_after: int | None = None) -> None:
        description = {429: f"Too Many Requests: retry after {retry_after}", 403: "Forbidden: bot can't "
                       "initiate conversation with a user", 500: "Internal Server Error"}.get(status, "Error")
        self._failures.setdefault(method, []).append(_Failure(status, retry_after, description))

    def of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until `method` was called at least `count` times (successful or not); return those calls."""
        deadline = time.monotonic() + timeout
        while len(self.of(method)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{method} called {len(self.of(method))} times, expected {count}: "
                                     f"{[c.method for c in self.calls]}")
            await asyncio.sleep(0.02)
        return self.of(method)

    async def settle(self, seconds: float = 0.3) -> None:
        """Give the bot time to (not) react, e.g. before asserting that nothing was sent."""
        await asyncio.sleep(seconds)

    # --- the API --------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        form = await request.post()
        params = {key: value.file.read() if isinstance(value, web.FileField) else _decode(str(value))
                  for key, value in form.items()}  # uploaded files (sendPhoto) are kept as bytes
        call = Call(method, params)
        self.calls.append(call)
        failures = self._failures.get(method)
        if failures:
            failure = failures.pop(0)
            body: dict[str, Any] = {"ok": False, "error_code": failure.status, "description": failure.description}
            if failure.retry_after is not None:
                body["parameters"] = {"retry_after": failure.retry_after}
            return web.json_response(body, status=failure.status)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return web.json_response({"ok": True, "result": True})
        result = await handler(params)
        if isinstance(result, web.Response):
            return result
        call.result = result
        return web.json_response({"ok": True, "result": result})

    async def _m_getMe(self, params: dict[str, Any]) -> Any:
        return {**BOT_USER, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": True}

    async def _m_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        if offset > 0:  # as Telegram does: a higher offset confirms the updates below it, which are gone
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        wait = min(float(params.get("timeout") or 0), self.max_poll_wait)
        pending = [u for u in self._updates if u["update_id"] >= offset]
        if not pending and wait > 0:
            self._new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), wait)
            pending = [u for u in self._updates if u["update_id"] >= offset]
        return pending[: int(params.get("limit") or 100)]

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        chat_id = int(params["chat_id"])
        if chat_id in self.blocked_private:
            return web.json_response({"ok": False, "error_code": 403, "description":
                                      "Forbidden: bot can't initiate conversation with a user"}, status=403)
        chat = self._chat_types.get(chat_id) or {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup",
                                                 "first_name": "User"}
        message: dict[str, Any] = {"message_id": next(self._message_ids), "date": int(time.time()), "chat": chat,
                                   "from": BOT_USER, "text": params["text"]}
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"] if "inline_keyboard" in params["reply_markup"] else None
            if message["reply_markup"] is None:
                del message["reply_markup"]
        return message

    async def _m_sendPhoto(self, params: dict[str, Any]) -> Any:
        chat_id = int(params["chat_id"])
        if chat_id in self.blocked_private:
            return web.json_response({"ok": False, "error_code": 403, "description":
                                      "Forbidden: bot can't initiate conversation with a user"}, status=403)
        chat = self._chat_types.get(chat_id) or {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup",
                                                 "first_name": "User"}
        message: dict[str, Any] = {"message_id": next(self._message_ids), "date": int(time.time()), "chat": chat,
                                   "from": BOT_USER,
                                   "photo": [{"file_id": "sent-photo", "file_unique_id": "sp", "width": 1000,
                                              "height": 500}]}
        if params.get("caption"):
            message["caption"] = params["caption"]
        return message

    async def _m_getChatMember(self, params: dict[str, Any]) -> Any:
        user_id = int(params["user_id"])
        status = self.member_status.get(user_id, "member")
        user = {"id": user_id, "is_bot": False, "first_name": "User"}
        if status == "administrator":
            return {"status": status, "user": user, **_ADMIN_RIGHTS}
        if status == "creator":
            return {"status": status, "user": user, "is_anonymous": False}
        return {"status": status, "user": user}

    async def _m_getChatAdministrators(self, params: dict[str, Any]) -> Any:
        members = []
        for user_id, status in sorted(self.member_status.items()):
            user = {"id": user_id, "is_bot": False, "first_name": "User"}
            if status == "administrator":
                members.append({"status": status, "user": user, **_ADMIN_RIGHTS})
            elif status == "creator":
                members.append({"status": status, "user": user, "is_anonymous": False})
        return [*members, {"status": "administrator", "user": BOT_USER, **_ADMIN_RIGHTS}]

    async def _m_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:
        return True


# --- update builders: the JSON shapes Telegram sends ---------------------------------------

_message_counter = itertools.count(1)


def user(user_id: int = 42, language_code: str | None = "en", first_name: str = "Ana") -> dict[str, Any]:
    data: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if language_code is not None:
        data["language_code"] = language_code
    return data


def chat(chat_id: int, chat_type: str = "private") -> dict[str, Any]:
    if chat_type == "private":
        return {"id": chat_id, "type": "private", "first_name": "Ana"}
    return {"id": chat_id, "type": chat_type, "title": "Doctors' lounge"}


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def message(text: str, *, chat_id: int = 42, chat_type: str = "private", sender: dict[str, Any] | None = None,
            reply_to: dict[str, Any] | None = None, message_id: int | None = None, caption: bool = False,
            **extra: Any) -> dict[str, Any]:
    """A `message` update body with bot_command / mention entities computed as Telegram does.

    `caption=True` makes it a photo whose caption is `text`; `extra` adds raw message fields.
    """
    data: dict[str, Any] = {
        "message_id": message_id or next(_message_counter),
        "date": int(time.time()),
        "chat": chat(chat_id, chat_type),
        "from": sender or user(),
        "text": text,
    }
    entities = []
    if text.startswith("/"):
        command = text.split()[0]
        entities.append({"type": "bot_command", "offset": 0, "length": _utf16_len(command)})
    for word_start, word in _words(text):
        if word.startswith("@") and len(word) > 1:
            clean = word.rstrip(",:.?!")
            entities.append({"type": "mention", "offset": _utf16_len(text[:word_start]), "length": _utf16_len(clean)})
    if entities:
        data["entities"] = entities
    if reply_to is not None:
        data["reply_to_message"] = reply_to
    if caption:
        data["caption"] = data.pop("text")
        if "entities" in data:
            data["caption_entities"] = data.pop("entities")
        data["photo"] = [{"file_id": "photo-1", "file_unique_id": "u1", "width": 90, "height": 60}]
    data.update(extra)
    return {"message": data}


def _words(text: str) -> list[tuple[int, str]]:
    result = []
    position = 0
    for word in text.split(" "):
        result.append((position, word))
        position += len(word) + 1
    return result


def bot_message(text: str, *, chat_id: int, chat_type: str, message_id: int) -> dict[str, Any]:
    """A message the bot sent earlier, as it appears inside reply_to_message."""
    data: dict[str, Any] = {"message_id": message_id, "date": int(time.time()), "chat": chat(chat_id, chat_type),
                            "from": BOT_USER, "text": text}
    return data


def inline_query(query: str, *, sender: dict[str, Any] | None = None, chat_type: str = "sender") -> dict[str, Any]:
    """An `inline_query` update: someone typed `@bot QUERY` in any chat."""
    return {"inline_query": {"id": f"iq{next(_message_counter)}", "from": sender or user(), "query": query,
                             "offset": "", "chat_type": chat_type}}


def chosen_inline_result(result_id: str, query: str = "", *, sender: dict[str, Any] | None = None) -> dict[str, Any]:
    """A `chosen_inline_result` update: a card was picked and posted (needs /setinlinefeedback)."""
    return {"chosen_inline_result": {"result_id": result_id, "from": sender or user(), "query": query}}


def callback(data: str, *, chat_id: int = 42, chat_type: str = "private", sender: dict[str, Any] | None = None,
             message_id: int = 9_000) -> dict[str, Any]:
    """A `callback_query` update: a button pressed under one of the bot's messages."""
    return {
        "callback_query": {
            "id": f"cb{next(_message_counter)}",
            "from": sender or user(),
            "chat_instance": "ci-1",
            "data": data,
            "message": bot_message("buttons", chat_id=chat_id, chat_type=chat_type, message_id=message_id),
        }
    }
