"""Parsing for the moderators' `/faq` commands: the subcommand table and the text clean-up rules.

Kept apart from `bot.faq` so they can be read and changed without touching the behaviour; the
wording lives in `bot/i18n/faq.py`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from rapidfuzz import fuzz, process


class FaqSubcommand(NamedTuple):
    """One `/faq` subcommand; a plain tuple (name, args_hint, summary_en, summary_es, moderator_only)."""

    name: str
    args_hint: str
    summary_en: str
    summary_es: str
    moderator_only: bool


FAQ_SUBCOMMANDS: list[FaqSubcommand] = [
    FaqSubcommand(
        "add",
        "Question? | Answer",
        "Add an entry (no text: step by step)",
        "Añadir una entrada (sin texto: paso a paso)",
        True,
    ),
    FaqSubcommand(
        "alias",
        "ID another phrasing",
        "Add another way to ask an entry",
        "Añadir otra forma de preguntar",
        True,
    ),
    FaqSubcommand(
        "edit",
        "ID question|answer TEXT",
        "Change an entry's question or answer",
        "Cambiar la pregunta o la respuesta",
        True,
    ),
    FaqSubcommand(
        "remove", "ID", "Remove an entry (can be restored)", "Quitar una entrada (se puede restaurar)", True
    ),
    FaqSubcommand("restore", "ID", "Bring back a removed entry", "Recuperar una entrada quitada", True),
    FaqSubcommand("list", "[page]", "List this group's entries", "Ver las entradas de este grupo", False),
    FaqSubcommand("show", "ID", "Show one entry", "Ver una entrada", False),
    FaqSubcommand(
        "history", "ID", "Who changed an entry, and when", "Quién cambió una entrada y cuándo", True
    ),
    FaqSubcommand(
        "hide",
        "ID",
        "Hide a built-in entry in this group",
        "Ocultar una entrada incorporada en este grupo",
        True,
    ),
    FaqSubcommand(
        "unhide", "ID", "Show a hidden built-in entry again", "Volver a mostrar una entrada incorporada", True
    ),
    FaqSubcommand(
        "gaps", "[page]", "Top unanswered questions", "Preguntas más frecuentes sin respuesta", True
    ),
    FaqSubcommand(
        "answer",
        "N Answer text",
        "Answer unanswered question N",
        "Responder la pregunta sin respuesta N",
        True,
    ),
    FaqSubcommand(
        "link",
        "N ID",
        "Add unanswered question N to entry ID",
        "Añadir la pregunta sin respuesta N a la entrada ID",
        True,
    ),
    FaqSubcommand(
        "stats", "", "Most asked entries and helpful rate", "Entradas más consultadas y utilidad", True
    ),
    FaqSubcommand(
        "settings",
        "[lang en|es | freetext on|off | cooldown SECONDS | guard on|off]",
        "Show or change this group's settings",
        "Ver o cambiar los ajustes del grupo",
        True,
    ),
    FaqSubcommand("help", "", "How to use /faq", "Cómo usar /faq", False),
]
SUBCOMMANDS_BY_NAME: dict[str, FaqSubcommand] = {c.name: c for c in FAQ_SUBCOMMANDS}

EDIT_FIELDS: dict[str, str] = {
    "question": "question",
    "pregunta": "question",
    "answer": "answer",
    "respuesta": "answer",
}

# Characters that are never meaningful in a FAQ text and only confuse matching or rendering.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_WS = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_COMPARE_STRIP = re.compile(r"[\s¿?¡!.,;:'\"«»“”‘’()\[\]]+")


def clean_text(text: str, *, multiline: bool = False) -> str:
    """NFC-normalise, drop invisible and control characters, tidy spaces; markup is kept verbatim.

    Answers may keep line breaks (`multiline`); questions become one line so they read as a phrasing.
    """
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\t\f\v]", " ", text)  # tabs are spacing, not noise: keep words apart
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")
    if not multiline:
        return _WS.sub(" ", text.replace("\n", " ")).strip()
    lines = [_WS.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def compare_key(text: str) -> str:
    """A key under which two phrasings count as the same (case, accents' composition, punctuation)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _COMPARE_STRIP.sub(" ", text).strip()


def split_first(text: str) -> tuple[str, str]:
    """Split off the first word (lower-cased) from the rest (kept verbatim, stripped)."""
    parts = text.strip().split(maxsplit=1)
    if not parts:
        return "", ""
    return parts[0].lower(), (parts[1].strip() if len(parts) > 1 else "")


def normalise_id(raw: str) -> str:
    """Entry ids are lower-case; people type 'C3' or '#c3'."""
    return raw.strip().lstrip("#").lower()


def closest_subcommand(word: str) -> str | None:
    """The subcommand the user most likely meant, for 'did you mean' on typos."""
    found = process.extractOne(word.lower(), list(SUBCOMMANDS_BY_NAME), scorer=fuzz.ratio, score_cutoff=55)
    return found[0] if found else None


def split_extras(text: str) -> list[str]:
    """Extra phrasings typed in one message: one per line, or separated by ';'."""
    parts = re.split(r"[\n;]+", text)
    return [p for p in (clean_text(x) for x in parts) if p]
