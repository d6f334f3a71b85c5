"""Parsing for the moderators' `/faq` commands: text clean-up, ids, edit fields, extra phrasings.

Kept apart from `bot.faq` so they can be read and changed without touching the behaviour; the
wording lives in `bot/i18n/faq.py`.
"""

from __future__ import annotations

import re
import unicodedata

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


def split_extras(text: str) -> list[str]:
    """Extra phrasings typed in one message: one per line, or separated by ';'."""
    parts = re.split(r"[\n;]+", text)
    return [p for p in (clean_text(x) for x in parts) if p]
