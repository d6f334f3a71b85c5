"""Inline answers: answer cards for a query typed anywhere (Telegram inline mode), platform-neutral.

`cards` turns a query into at most five cards; `usage` counts which cards people choose (per
entry, never per user) and ranks the entries shown for an empty query.
"""

from bot.inline.cards import MAX_CARDS, InlineCard, inline_cards
from bot.inline.usage import ChoiceCounter, StoreChoiceCounter, most_useful

__all__ = ["MAX_CARDS", "ChoiceCounter", "InlineCard", "StoreChoiceCounter", "inline_cards", "most_useful"]
