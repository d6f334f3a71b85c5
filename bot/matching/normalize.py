"""Text normalisation shared by indexing and querying, so both sides see the same tokens."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn"}

# Politeness and filler that carry no intent, in both languages (already accent-free).
FILLER_PHRASES = (
    "could you please tell me",
    "can you please tell me",
    "could you tell me",
    "can you tell me",
    "i would like to know",
    "i want to know",
    "i wanted to know",
    "i was wondering",
    "do you know",
    "quisiera saber",
    "me gustaria saber",
    "quiero saber",
    "me puedes decir",
    "me podrias decir",
    "puedes decirme",
    "podrias decirme",
    "por favor",
    "una pregunta",
    "a question",
)
FILLER_WORDS = frozenset(
    [
        "hi",
        "hello",
        "hey",
        "hiya",
        "please",
        "pls",
        "plz",
        "thanks",
        "thank",
        "thx",
        "ok",
        "okay",
        "so",
        "um",
        "uh",
        "hmm",
        "docsocial",
        "bot",
        "hola",
        "buenas",
        "buenos",
        "dias",
        "tardes",
        "noches",
        "gracias",
        "porfa",
        "porfavor",
        "oye",
        "pues",
        "bueno",
        "vale",
    ]
)
_FILLER_RE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in FILLER_PHRASES) + r")\b")


def strip_control(text: str) -> str:
    """Drop control and format characters (keep newlines and tabs as spaces)."""
    if text.isascii() and text.isprintable():
        return text  # the usual message: printable ASCII holds none
    return "".join(
        " " if ch in "\n\r\t" else ch for ch in text if ch in "\n\r\t" or unicodedata.category(ch) not in _CONTROL
    )


def fold(text: str) -> str:
    """Lowercase and remove accents: 'Qué' -> 'que', 'niño' -> 'nino'."""
    if text.isascii():
        return text.lower()  # nothing to decompose, and ASCII case folding is lowercasing
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """Folded text without punctuation, filler words or extra spaces."""
    folded = fold(strip_control(text))
    folded = folded.replace("_", " ")
    folded = _NON_WORD.sub(" ", folded)
    folded = _FILLER_RE.sub(" ", folded)
    words = [w for w in folded.split() if w not in FILLER_WORDS]
    return _SPACES.sub(" ", " ".join(words)).strip()


def tokens(text: str) -> list[str]:
    """Tokens of already-normalised text."""
    return text.split()
