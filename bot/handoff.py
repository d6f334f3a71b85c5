"""Continue in private: which replies carry a button that opens the private chat on the right step.

A draft may hold patient data, so it belongs in the private chat, never in a group. The core
decides: a group `/check` without a draft, and any reply meant only for the sender, carries a
"continue in private" button with a start payload; `/start check` in the private chat asks for
the draft, and the next private message is checked as that draft. Adapters turn the payload
into their platform's link (Telegram: t.me/<bot>?start=check).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable

from bot.i18n import t
from bot.models import Locale, PrivateLink, Reply
from bot.storage.base import Store

CHECK = "check"
PAYLOADS = frozenset({CHECK})  # start payloads the private chat understands
_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # what a Telegram start parameter may hold
WAIT_SECONDS = 15 * 60  # how long "send me your draft" stays open


def handoff(payload: str | None, locale: Locale) -> PrivateLink:
    if payload is not None and not _PAYLOAD.match(payload):
        raise ValueError(f"start payload {payload!r} is not 1-64 letters, digits, '_' or '-'")
    return PrivateLink(label=t("handoff.button", locale), start=payload)


def start_payload(argument: str) -> str | None:
    """The step `/start ARGUMENT` asks for, or None for a plain welcome (unknown payloads included)."""
    payload = argument.strip().lower()
    return payload if payload in PAYLOADS else None


def check_in_private(locale: Locale) -> Reply:
    """What a group gets for `/check` without a draft: why private, and the button to go there."""
    return Reply(kind="info", locale=locale, body=t("handoff.check_in_private", locale),
                 private_link=handoff(CHECK, locale))


def check_prompt(locale: Locale) -> Reply:
    """What `/start check` says in the private chat: send the draft next."""
    title, body = t("handoff.check_prompt_title", locale), t("handoff.check_prompt_body", locale)
    return Reply(kind="info", locale=locale, title=title, body=body)


def for_private_reply(reply: Reply, command: str | None, is_private: bool, locale: Locale) -> PrivateLink | None:
    """A reply meant only for the sender, asked for in a group, carries the button.

    Its payload is the command's own step when the private chat has one (`check`: send another
    draft), else none (the button just opens the private chat).
    """
    if is_private or not reply.private:
        return None
    return handoff(command if command in PAYLOADS else None, locale)


class DraftWaits:
    """Who was asked for a draft in private (opaque user keys), for `seconds`.

    Kept in the store's dialogue table, so the draft is still taken by another worker or after a
    restart; the wait's deadline travels in the row (wall clock, the same for every worker).
    """

    def __init__(self, store: Store, clock: Callable[[], float] = time.time, seconds: float = WAIT_SECONDS) -> None:
        self._store = store
        self._clock = clock
        self._seconds = seconds

    async def expect(self, community: str, user_key: str) -> None:
        deadline = json.dumps({"wait": CHECK, "until": self._clock() + self._seconds})
        await self._store.save_dialogue(community, _actor(user_key), deadline)

    async def take(self, community: str, user_key: str) -> bool:
        """True once if this user's next message is the awaited draft (and forget the wait)."""
        state = await self._store.end_dialogue(community, _actor(user_key))
        return state is not None and self._clock() <= _deadline(state.data)

    async def cancel(self, community: str, user_key: str) -> bool:
        return await self._store.end_dialogue(community, _actor(user_key)) is not None


def _actor(user_key: str) -> str:
    return f"{CHECK}-wait:{user_key}"  # apart from the same user's guided /faq add


def _deadline(data: str) -> float:
    try:
        value = json.loads(data).get("until")
    except (ValueError, AttributeError):
        return float("-inf")  # not a wait this module wrote: treat as expired
    return float(value) if isinstance(value, int | float) else float("-inf")
