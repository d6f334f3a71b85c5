"""Every user-visible text in both languages: one table shape (key -> {"en": ..., "es": ...}), one lookup.

The tables live beside this file, one per feature, with namespaced keys ("faq.", "topic.", ...);
`t()` is the only way code reads them.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.i18n.actions import ACTION_TEXTS
from bot.i18n.charts import CHART_TEXTS
from bot.i18n.commands import COMMAND_TEXTS
from bot.i18n.faq import FAQ_TEXTS
from bot.i18n.handoff import HANDOFF_TEXTS
from bot.i18n.inline import INLINE_TEXTS
from bot.i18n.moderation import MODERATION_TEXTS
from bot.i18n.texts import TEXTS
from bot.i18n.topics import TOPIC_TEXTS
from bot.models import LOCALES, Locale

Text = dict[Locale, str]


def _merge(*tables: Mapping[str, Text]) -> dict[str, Text]:
    """One table from the feature tables; a key defined twice or missing a language is a bug."""
    merged: dict[str, Text] = {}
    for table in tables:
        for key, text in table.items():
            if key in merged:
                raise ValueError(f"text key {key!r} is defined twice")
            if set(text) != set(LOCALES):
                raise ValueError(f"text {key!r} must have exactly {', '.join(LOCALES)}")
            merged[key] = text
    return merged


ALL_TEXTS: dict[str, Text] = _merge(
    TEXTS, FAQ_TEXTS, MODERATION_TEXTS, TOPIC_TEXTS, COMMAND_TEXTS, CHART_TEXTS, INLINE_TEXTS, HANDOFF_TEXTS,
    ACTION_TEXTS
)


def t(key: str, locale: Locale, **values: object) -> str:
    """The text for `key` in `locale`, with `values` filled in."""
    text = ALL_TEXTS[key][locale]
    return text.format(**values) if values else text


def has_text(key: str) -> bool:
    return key in ALL_TEXTS
