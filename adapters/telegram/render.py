"""Reply -> Telegram HTML messages and inline keyboards; pure functions, so they are tested without a bot.

Kept apart from the transport in `adapters.telegram` because escaping and splitting are where
Telegram bites (4096 characters, HTML that must stay well formed, 64-byte callback data).
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import actions
from bot.formatting import split_text
from bot.i18n import t
from bot.models import Reply

log = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 4096  # Telegram's limit for one message's text (after entity parsing; we count source)
MAX_BUTTON_LABEL = 60  # longer labels are cut off by the clients anyway
_INLINE_CODE = re.compile(r"`([^`\n]+)`")

def escape(raw: str) -> str:
    """Escape user and knowledge text for HTML parse mode; `inline code` becomes <code>."""
    return _INLINE_CODE.sub(r"<code>\1</code>", html.escape(raw, quote=False))


@dataclass(frozen=True)
class _Block:
    """One rendered piece (already HTML) and what separates it from the previous piece."""

    html: str
    separator: str = "\n\n"


def _fit(raw: str, fmt: Callable[[str], str], budget: int) -> list[str]:
    """Split `raw` (via split_text) until every formatted part fits `budget`; tags never straddle parts."""
    formatted = fmt(raw)
    if len(formatted) <= budget:
        return [formatted] if raw.strip() else []
    limit = max(1, min(len(raw) - 1, len(raw) * budget // len(formatted)))
    parts: list[str] = []
    for piece in split_text(raw, limit):
        parts.extend(_fit(piece, fmt, budget) if len(fmt(piece)) > budget else [fmt(piece)])
    return parts


def _blocks(reply: Reply, budget: int) -> list[_Block]:
    blocks: list[_Block] = []
    if reply.title:
        blocks += [_Block(p) for p in _fit(reply.title, lambda s: f"<b>{escape(s)}</b>", budget)]
    for paragraph in re.split(r"\n\s*\n", reply.body.strip()):
        blocks += [_Block(p) for p in _fit(paragraph, escape, budget)]
    for number, bullet in enumerate(reply.bullets):
        parts = _fit(f"• {bullet}", escape, budget)
        blocks += [_Block(p, "\n" if number or i else "\n\n") for i, p in enumerate(parts)]
    if reply.sources:
        label = t("sources_label", reply.locale)
        footer = f"{label}: " + "; ".join(reply.sources)
        blocks += [_Block(p) for p in _fit(footer, lambda s: f"<i>{escape(s)}</i>", budget)]
    return blocks


def render_html(reply: Reply, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """The message texts for `reply`, each at most `limit` characters of well-formed HTML."""
    if reply.kind == "silent":
        return []
    messages: list[str] = []
    current = ""
    for block in _blocks(reply, limit):
        if not current:
            current = block.html
        elif len(current) + len(block.separator) + len(block.html) <= limit:
            current += block.separator + block.html
        else:
            messages.append(current)
            current = block.html
    if current:
        messages.append(current)
    return messages


def render_notice(raw: str, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """A plain sentence (group notice, error) as escaped HTML parts."""
    return _fit(raw, escape, limit)


def _label(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= MAX_BUTTON_LABEL else title[: MAX_BUTTON_LABEL - 1].rstrip() + "…"


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """The core's buttons, one row each except the helpful / not helpful pair; None when there are none."""
    rows: list[list[InlineKeyboardButton]] = []
    for button in reply.buttons:
        label = _label(f"{button.emoji} {button.label}" if button.emoji else button.label)
        drawn = InlineKeyboardButton(label, callback_data=button.payload)
        if rows and actions.is_feedback(button.payload) and actions.is_feedback(rows[-1][-1].callback_data):
            rows[-1].append(drawn)
        else:
            rows.append([drawn])
    return InlineKeyboardMarkup(rows) if rows else None
