"""The durable inbox: every update is stored before the platform is told it arrived, and answered once.

`InboxWorker` claims stored updates and hands each to the adapter with a `Ticket`; the adapter calls
`before_send()` right before it sends the answer and `late_reply()` / `drop_if_late()` to apologise
for (or drop) an update that waited longer than the settings allow. See README "Delivery guarantees".
"""

from bot.inbox.settings import InboxSettings
from bot.inbox.ticket import (
    LATE_DROPPED_COMMANDS,
    ClaimLost,
    Ticket,
    before_send,
    current,
    drop_if_late,
    failed,
    late_reply,
)
from bot.inbox.worker import InboxWorker

__all__ = [
    "LATE_DROPPED_COMMANDS",
    "ClaimLost",
    "InboxSettings",
    "InboxWorker",
    "Ticket",
    "before_send",
    "current",
    "drop_if_late",
    "failed",
    "late_reply",
]
