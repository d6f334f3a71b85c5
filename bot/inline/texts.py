"""The inline cards' own words in both languages, in the core's table shape."""

from __future__ import annotations

from bot.models import Locale

TEXTS: dict[str, dict[Locale, str]] = {
    "inline_help_title": {"en": "What DocSocial can help with", "es": "En qué puede ayudar DocSocial"},
    "inline_help_summary": {
        "en": "Social media for doctors: networks, rules, statistics, drafts. No medical advice.",
        "es": "Redes sociales para médicos: redes, normas, estadísticas, borradores. Sin consejo médico.",
    },
}


def text(key: str, locale: Locale) -> str:
    return TEXTS[key][locale]
