"""Inline answer cards' own words."""

from __future__ import annotations

from bot.models import Locale

INLINE_TEXTS: dict[str, dict[Locale, str]] = {
    "inline.help_title": {"en": "What DocSocial can help with", "es": "En qué puede ayudar DocSocial"},
    "inline.check_button": {"en": "Check a draft privately", "es": "Revisar un borrador en privado"},
    "inline.help_summary": {
        "en": "Social media for doctors: networks, rules, statistics, drafts. No medical advice.",
        "es": "Redes sociales para médicos: redes, normas, estadísticas, borradores. Sin consejo médico.",
    },
}
