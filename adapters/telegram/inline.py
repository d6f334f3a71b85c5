"""Telegram inline mode: `@bot question` in any chat -> answer cards; a chosen card is counted for its entry.

Results are the same for everyone who types the same text (`is_personal=False`), so Telegram may
cache them briefly per query; the count of chosen cards keeps the entry id only, never the user.
"""

from __future__ import annotations

import logging

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from adapters.telegram.incoming import locale_of
from adapters.telegram.render import render_html
from bot.assistant import Assistant
from bot.inline import InlineCard

log = logging.getLogger(__name__)

CACHE_SECONDS = 60  # short: knowledge changes at a release, counts change all the time
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def article(card: InlineCard) -> InlineQueryResultArticle:
    """One card: title and one-line summary in the list; the whole answer with sources when chosen."""
    parts = render_html(card.reply)
    if len(parts) > 1:
        log.warning("an inline answer is longer than one message; only its first part is posted")
    return InlineQueryResultArticle(
        id=card.id,
        title=card.title,
        description=card.summary,
        input_message_content=InputTextMessageContent(parts[0], parse_mode=ParseMode.HTML,
                                                      link_preview_options=_NO_PREVIEW),
    )


class InlineMode:
    """The two inline handlers, over the core's `inline` and `inline_chosen`."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant

    async def on_query(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.inline_query
        if query is None:
            return
        locale = locale_of(query.from_user.language_code) or "en"
        cards = await self.assistant.inline(query.query, locale)
        link = self.assistant.inline_private_link(cards[0].locale if cards else locale)
        button = InlineQueryResultsButton(text=link.label, start_parameter=link.start) if link.start else None
        await query.answer([article(card) for card in cards], cache_time=CACHE_SECONDS, is_personal=False,
                           button=button)

    async def on_chosen(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chosen = update.chosen_inline_result
        if chosen is not None:
            await self.assistant.inline_chosen(chosen.result_id)
