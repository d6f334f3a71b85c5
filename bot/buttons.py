"""The buttons every adapter draws for a reply, with labels in the reply's language.

Choices first (primary), then related entries, then helpful / not helpful, then the guard's delete
button; a payload over the 64-byte limit is skipped, never a crash.
"""

from __future__ import annotations

import logging

from bot import actions
from bot.i18n import t
from bot.models import Button, ButtonStyle, Reply, Suggestion

log = logging.getLogger(__name__)


def _button(label: str, action: actions.Action, style: ButtonStyle, emoji: str | None = None) -> Button | None:
    try:
        return Button(label=label, payload=actions.encode(action), style=style, emoji=emoji)
    except ValueError:
        log.warning("skipped a button whose payload exceeds 64 bytes")
        return None


def buttons_for(reply: Reply, message_ref: str | None) -> list[Button]:
    """Choices, follow-ups, feedback and (with the flagged message's ref) the guard's delete button."""
    found: list[Button | None] = []
    seen: set[str] = set()
    choices: list[tuple[Suggestion, ButtonStyle]] = [(s, "primary") for s in reply.suggestions]
    choices += [(s, "secondary") for s in reply.followups]
    for choice, style in choices:
        if choice.entry_id not in seen:
            seen.add(choice.entry_id)
            found.append(_button(choice.title, actions.ShowEntry(choice.entry_id), style))
    if reply.feedback and reply.entry_id:
        locale = reply.locale
        found.append(_button(t("helpful_button", locale), actions.Feedback(reply.entry_id, True), "success", "👍"))
        found.append(_button(t("not_helpful_button", locale), actions.Feedback(reply.entry_id, False), "secondary",
                             "👎"))
    if reply.offer_delete and message_ref:
        found.append(_button(t("delete_button", reply.locale), actions.DeleteMessage(message_ref), "danger", "🗑"))
    return [b for b in found if b is not None]


def with_buttons(reply: Reply, message_ref: str | None = None) -> Reply:
    """`reply` with its buttons resolved (adapters only draw `reply.buttons`)."""
    if reply.buttons:
        return reply
    buttons = buttons_for(reply, message_ref)
    return reply.model_copy(update={"buttons": buttons}) if buttons else reply
