"""Names shown for knowledge topics, English and Spanish."""

from __future__ import annotations

from bot.models import Locale

TOPIC_TEXTS: dict[str, dict[Locale, str]] = {
    "topic.goals": {"en": "Which network for which goal", "es": "Qué red para cada objetivo"},
    "topic.networks": {"en": "General networks", "es": "Redes generales"},
    "topic.medical-networks": {"en": "Medical-only networks", "es": "Redes solo para médicos"},
    "topic.rules": {"en": "Confidentiality and professional rules", "es": "Confidencialidad y normas profesionales"},
    "topic.statistics": {"en": "Adoption statistics", "es": "Estadísticas de uso"},
    "topic.patients": {"en": "How patients use social media", "es": "Cómo usan los pacientes las redes"},
    "topic.wellbeing": {"en": "Risks, time and wellbeing", "es": "Riesgos, tiempo y bienestar"},
    "topic.community": {"en": "This group's FAQ", "es": "Preguntas de este grupo"},
}
