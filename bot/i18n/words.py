"""What people type for a language or a yes/no, in English and Spanish: one parser each.

Used by `/lang`, `/rate`, `/faq settings` and the guided add, so "sí", "yes" and "on" mean the
same everywhere.
"""

from __future__ import annotations

from bot.models import Locale

_LANGUAGE_WORDS: dict[str, Locale] = {
    "en": "en",
    "english": "en",
    "inglés": "en",
    "ingles": "en",
    "es": "es",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "castellano": "es",
}
YES_WORDS = frozenset({"yes", "y", "si", "sí", "s", "1", "up", "+", "on", "true", "enable", "activar"})
NO_WORDS = frozenset({"no", "n", "0", "down", "-", "off", "false", "disable", "desactivar"})
# Words that end the optional "extra phrasings" step of the guided add, or the whole dialogue.
SKIP_WORDS = frozenset({"skip", "no", "none", "-", "omitir", "saltar", "ninguna", "ninguno", "nada"})
CANCEL_WORDS = frozenset({"cancel", "/cancel", "cancelar", "stop", "salir"})


def parse_locale(word: str) -> Locale | None:
    """"es", "Español", "spanish", "english", "en-GB" ... -> the locale, or None for anything else."""
    word = word.strip().lower()
    if word in _LANGUAGE_WORDS:
        return _LANGUAGE_WORDS[word]
    prefix = word[:2]
    return "es" if prefix == "es" else "en" if prefix == "en" else None


def parse_yes_no(word: str) -> bool | None:
    """yes/no, sí/no, on/off, +/- ... -> bool, or None when it is neither."""
    word = word.strip().lower()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    return None
