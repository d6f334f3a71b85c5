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
# Short, unaccented and chat Spanish: "me conviene", "q opinas de", "vale la pena", "pa", "xq", "ke".
_ES_CHAT = frozenset(
    [
        "q", "k", "ke", "xq", "pq", "porq", "porque", "xk", "pa", "pal", "tb", "tmb", "tambn", "xfa", "plis",
        "me", "te", "nos", "ya", "si", "ni", "aun", "todavia", "ahi", "aqui", "alla", "eso", "esto", "ese",
        "esa", "este", "algo", "nada", "mucho", "mucha", "muchos", "poco", "otro", "otra", "cada", "todo", "todos",
        "conviene", "convendria", "opinas", "opina", "opinan", "piensas", "crees", "recomiendas", "recomienda",
        "vale", "pena", "sirve", "funciona", "hago", "haces", "hace", "tener", "tienes", "tiene", "poner", "subir",
        "subo", "sube", "publico", "publicas", "pongo", "quiero", "necesito", "sabes", "saber", "dime", "dame",
        "ayuda", "ayudame", "onda", "neta", "chido", "wey", "guey", "bueno", "mala", "malo", "buena", "bien", "mal",
        "seria", "seguro", "riesgo", "riesgos", "ventajas", "desventajas", "consulta", "consultorio",
        "clinica", "doctores", "doctora", "doctoras", "colegas", "colega", "seguidores", "perfil",
        "cuenta", "cuentas", "pagina", "grupo", "grupos", "mensajes", "mensaje", "resenas", "opiniones",
        "trabajo", "empleo", "ley", "normas", "reglas", "dice", "decir", "siendo", "soy", "estoy",
        "ser", "estar", "hay", "algun", "alguna", "ningun", "ninguna", "entonces", "osea",
        "mejor", "peor", "cosa", "cosas", "gente", "uno", "unos", "otros", "ir", "va", "van", "vas", "voy",
        "cual", "ese", "estos", "sea", "salud", "usted", "ustedes", "nosotros", "ellos", "hola", "gracias",
    ]
)
# A word in both lists ("me") is neutral; longer unknown words vote by their ending.
_SPANISH_ENDINGS = ("cion", "ciones", "mente", "amos", "emos", "imos", "ando", "iendo", "ado", "ada", "idos", "idas")
_ENGLISH_ENDINGS = ("ing", "tion", "ness", "ly", "ed", "ship", "ful")
_WORD = re.compile(r"[a-zñ]+")


def detect_locale(text: str, default: Locale = "en") -> Locale:
    """Guess whether `text` is Spanish or English; `default` when there is no signal."""
    if any(ch in text for ch in "¿¡ñÑ"):
        return "es"
    score = 0.0
    if any(ch in text.lower() for ch in "áéíóú"):
        score += 1.5
    for word in _WORD.findall(fold(text)):
        spanish = word in _ES_WORDS or word in _ES_CHAT
        english = word in _EN_WORDS
        if spanish and not english:
            score += 1
        elif english and not spanish:
            score -= 1
        elif not spanish and not english and len(word) > 5:
            if word.endswith(_SPANISH_ENDINGS):
                score += 0.5
            elif word.endswith(_ENGLISH_ENDINGS):
                score -= 0.5
    if score > 0:
        return "es"
    if score < 0:
        return "en"
    return default
