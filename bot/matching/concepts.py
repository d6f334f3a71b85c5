"""Bilingual concept groups (`data/concepts.yaml`): synonyms a question may use that no phrasing did.

Each group of words and phrases (one to three words) becomes one feature, so "lo malo de las redes" shares a feature
with phrasings that said "riesgos" or "dangers", across English and Spanish. A malformed file is refused
with its group and phrase named, never half-loaded.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from bot.matching.normalize import normalize

CONCEPTS_FILE = Path(__file__).resolve().parent / "data" / "concepts.yaml"
_MAX_WORDS = 3  # a question's words are looked up alone, in pairs and in threes


class ConceptError(ValueError):
    """The concepts file cannot be used; the message names the file, the group and the phrase."""


def parse_concepts(raw: object, source: str) -> dict[str, str]:
    """Phrase (normalised) -> group name, refusing empty groups, long phrases and a phrase in two groups."""
    if not isinstance(raw, dict) or not raw:
        raise ConceptError(f"{source}: expected a mapping of group name to a list of phrases")
    found: dict[str, str] = {}
    for group, phrases in raw.items():
        if not isinstance(group, str) or not group.isidentifier():
            raise ConceptError(f"{source}: group {group!r}: the name must be a plain identifier")
        if not isinstance(phrases, list) or not phrases:
            raise ConceptError(f"{source}: group {group!r}: expected a non-empty list of phrases")
        for phrase in phrases:
            key = normalize(phrase) if isinstance(phrase, str) else ""
            if not key:
                raise ConceptError(f"{source}: group {group!r}: phrase {phrase!r} is empty or not text")
            if len(key.split()) != len(phrase.split()):
                raise ConceptError(
                    f"{source}: group {group!r}: phrase {phrase!r} loses a word to normalisation (a greeting or "
                    "filler word is never matched)"
                )
            if len(key.split()) > _MAX_WORDS:
                raise ConceptError(f"{source}: group {group!r}: phrase {phrase!r} has more than {_MAX_WORDS} words")
            if key in found and found[key] != group:
                raise ConceptError(f"{source}: group {group!r}: phrase {phrase!r} is already in group {found[key]!r}")
            found[key] = group
    return found


@cache
def load_concepts(path: Path = CONCEPTS_FILE) -> dict[str, str]:
    """The installed concept groups (read once per process)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ConceptError(f"{path.name}: cannot be read: {error}") from error
    return parse_concepts(raw, path.name)
