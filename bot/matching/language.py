"""English / Spanish detection from cheap signals: accents, ¿¡, and common function words."""

from __future__ import annotations

import re

from bot.matching.normalize import fold
from bot.models import Locale

_ES_WORDS = frozenset(
    [
        "que",
        "como",
        "cual",
        "cuales",
        "donde",
        "cuando",
        "quien",
        "por",
        "para",
        "los",
        "las",
        "del",
        "una",
        "unos",
        "unas",
        "uso",
        "usar",
        "usan",
        "puedo",
        "debo",
        "deberia",
        "es",
        "son",
        "esta",
        "estan",
        "hay",
        "mis",
        "mi",
        "tu",
        "su",
        "sus",
        "con",
        "sin",
        "sobre",
        "entre",
        "pero",
        "tambien",
        "muy",
        "mas",
        "redes",
        "red",
        "social",
        "sociales",
        "medico",
        "medicos",
        "medica",
        "paciente",
        "pacientes",
        "publicar",
        "foto",
        "fotos",
        "datos",
        "el",
        "la",
        "lo",
        "le",
        "les",
        "se",
        "y",
        "o",
        "en",
        "de",
        "al",
        "un",
        "hacer",
        "tengo",
        "tiene",
        "cuantos",
        "cuantas",
        "porcentaje",
        "sirve",
        "sirven",
        "mejor",
        "mejores",
        "qué",
        "cómo",
        "cuál",
        "dónde",
        "cuándo",
        "quién",
        "también",
        "más",
    ]
)
_EN_WORDS = frozenset(
    [
        "what",
        "which",
        "how",
        "where",
        "when",
        "who",
        "why",
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "about",
        "is",
        "are",
        "can",
        "could",
        "should",
        "would",
        "do",
        "does",
        "did",
        "my",
        "your",
        "their",
        "our",
        "it",
        "this",
        "that",
        "these",
        "those",
        "and",
        "or",
        "use",
        "using",
        "used",
        "doctor",
        "doctors",
        "patient",
        "patients",
        "post",
        "posting",
        "network",
        "networks",
        "social",
        "media",
        "best",
        "share",
        "many",
        "much",
        "i",
        "me",
        "we",
        "you",
        "they",
        "be",
        "have",
        "has",
        "get",
        "from",
        "as",
        "at",
        "by",
        "any",
    ]
)
_WORD = re.compile(r"[a-zñ]+")


def detect_locale(text: str, default: Locale = "en") -> Locale:
    """Guess whether `text` is Spanish or English; `default` when there is no signal."""
    if any(ch in text for ch in "¿¡ñÑ"):
        return "es"
    score = 0.0
    if any(ch in text.lower() for ch in "áéíóú"):
        score += 1.5
    for word in _WORD.findall(fold(text)):
        if word in _ES_WORDS and word not in _EN_WORDS:
            score += 1
        elif word in _EN_WORDS and word not in _ES_WORDS:
            score -= 1
    if score > 0:
        return "es"
    if score < 0:
        return "en"
    return default
