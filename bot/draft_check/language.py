"""Guess whether a draft is English or Spanish, so explanations come back in the writer's language."""

from __future__ import annotations

import re

from bot.draft_check.types import Language

_WORD = re.compile(r"[a-záéíóúñü]+")
_ES = frozenset(
    {
        "el", "la", "los", "las", "un", "una", "unos", "unas", "de", "del", "y", "que", "en", "por", "para",
        "con", "sin", "es", "son", "está", "están", "estoy", "muy", "pero", "como", "más", "mi", "mis", "su",
        "sus", "tu", "te", "se", "lo", "le", "les", "al", "hoy", "ayer", "mañana", "qué", "cómo", "esta",
        "este", "estos", "estas", "hay", "ha", "han", "he", "nos", "os", "vuestro", "paciente", "pacientes",
        "consulta", "gracias", "también", "ya", "cuando", "porque", "años",
    }
)
_EN = frozenset(
    {
        "the", "an", "and", "of", "to", "in", "for", "with", "without", "is", "are", "was", "were", "am",
        "be", "been", "my", "your", "his", "her", "our", "their", "this", "that", "these", "those", "it",
        "on", "at", "by", "from", "but", "not", "today", "yesterday", "patient", "patients", "clinic",
        "thanks", "please", "you", "we", "they", "he", "she", "what", "how", "when", "why", "who", "which",
        "will", "would", "can", "could", "should", "have", "has", "had",
    }
)


def detect_language(text: str) -> Language:
    """'es' when Spanish function words (or ñ/¿/¡) clearly outnumber English ones; English otherwise."""
    lowered = text.lower()
    es = en = 0
    for word in _WORD.findall(lowered):
        if word in _ES:
            es += 1
        if word in _EN:
            en += 1
    es += 2 * sum(lowered.count(c) for c in "ñ¿¡")
    return "es" if es > en else "en"
