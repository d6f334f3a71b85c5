"""Continue in private: which replies carry a button that opens the private chat on the right step.

A draft may hold patient data, so it belongs in the private chat, never in a group. The core
decides: a group `/check` without a draft, and any reply meant only for the sender, carries a
"continue in private" button with a start payload; `/start check` in the private chat asks for
the draft, and the next private message is checked as that draft. Adapters turn the payload
into their platform's link (Telegram: t.me/<bot>?start=check).
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from collections.abc import Callable

from bot.i18n import t
from bot.models import Locale, PrivateLink, Reply

CHECK = "check"
PAYLOADS = frozenset({CHECK})  # start payloads the private chat understands
_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # what a Telegram start parameter may hold
WAIT_SECONDS = 15 * 60  # how long "send me your draft" stays open
_WAIT_LIMIT = 10_000  # remembered waiting users before the oldest go


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
    """Who was asked for a draft in private (opaque user keys), for WAIT_SECONDS, bounded in memory."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, seconds: float = WAIT_SECONDS) -> None:
        self._clock = clock
        self._seconds = seconds
        self._until: OrderedDict[str, float] = OrderedDict()

    def expect(self, user_key: str) -> None:
        self._until[user_key] = self._clock() + self._seconds
        self._until.move_to_end(user_key)
        while len(self._until) > _WAIT_LIMIT:
            self._until.popitem(last=False)

    def take(self, user_key: str) -> bool:
        """True once if this user's next message is the awaited draft (and forget the wait)."""
        until = self._until.pop(user_key, None)
        return until is not None and self._clock() <= until

    def cancel(self, user_key: str) -> bool:
        return self._until.pop(user_key, None) is not None
