"""Every user-visible text in both languages: one table shape (key -> {"en": ..., "es": ...}), one lookup.

The tables live beside this file, one per feature; `t()` is the only way code reads them.
"""

from __future__ import annotations

from bot.i18n.texts import TEXTS
from bot.models import Locale

Text = dict[Locale, str]


def t(key: str, locale: Locale, **values: object) -> str:
    """The text for `key` in `locale`, with `values` filled in."""
    text = TEXTS[key][locale]
    return text.format(**values) if values else text
