"""The claim an adapter works under while it answers one stored update.

Why a context variable: the adapter's handlers (PTB's, discord.py's) are called by the library with
its own arguments; the ticket travels with the task instead of through every signature. Outside the
inbox (tests, the console) there is no ticket and every helper here is a no-op.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field

from bot.i18n import t
from bot.models import Reply
from bot.storage.base import InboxItem

log = logging.getLogger(__name__)

_CURRENT: ContextVar[Ticket | None] = ContextVar("docsocial_inbox_ticket", default=None)


class ClaimLost(Exception):
    """Another worker took this update over (our lease ran out): it will answer, we must not."""


@dataclass
class Ticket:
    """One claimed update being answered: whether it is late, and what became of it."""

    item: InboxItem
    late: bool
    mark_sending: Callable[[], Awaitable[bool]]
    final: bool = True  # the last attempt: tell the user about a failure (earlier ones are retried quietly)
    outcome: str = "answered"  # or "ignored", "dropped_late"
    error: BaseException | None = None  # set by the adapter's error handler: retried, then "failed"
    sends: int = field(default=0)

    async def sending(self) -> None:
        """Record (once) that an answer is about to leave, so a crash from here on is known to be ambiguous."""
        self.sends += 1
        if self.sends == 1 and not await self.mark_sending():
            raise ClaimLost(f"{self.item.update.platform} update {self.item.update.update_id}")


def current() -> Ticket | None:
    return _CURRENT.get()


def bind(ticket: Ticket | None) -> object:
    """Make `ticket` the current one for this task; returns the token `unbind` needs."""
    return _CURRENT.set(ticket)


def unbind(token: object) -> None:
    _CURRENT.reset(token)  # type: ignore[arg-type]


async def before_send() -> None:
    """Call right before sending an answer to the platform (no-op outside the inbox)."""
    ticket = _CURRENT.get()
    if ticket is not None:
        await ticket.sending()


def late_reply(reply: Reply) -> Reply:
    """The reply with a short apology in front when the update waited too long (unchanged otherwise)."""
    ticket = _CURRENT.get()
    if ticket is None or not ticket.late or reply.kind == "silent":
        return reply
    apology = t("inbox_late", reply.locale)
    return reply.model_copy(update={"body": f"{apology}\n\n{reply.body}" if reply.body else apology})


def failed(error: BaseException | None) -> bool:
    """Record a failed answer on the ticket; True when the user should be told (the last attempt, or
    no inbox at all), False when the update will be retried quietly or was taken over."""
    ticket = _CURRENT.get()
    if ticket is None:
        return True
    ticket.error = error or RuntimeError("unknown error")
    return ticket.final and not isinstance(error, ClaimLost)


def drop_if_late(what: str) -> bool:
    """True (and the ticket marked dropped) when a late update is one that no longer makes sense.

    `what` names it for the log line: a button press (it belongs to a screen the user has moved on
    from) or `/cancel` (it could end a dialogue the user started since).
    """
    ticket = _CURRENT.get()
    if ticket is None or not ticket.late:
        return False
    ticket.outcome = "dropped_late"
    log.info("inbox: dropped a late %s (%s update waited too long)", what, ticket.item.update.platform)
    return True


LATE_DROPPED_COMMANDS = frozenset({"cancel"})  # a late /cancel would end a dialogue begun since
