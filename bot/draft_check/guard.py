"""The patient-data guard on group messages: does a message identify a patient, and what to remind.

The reminder names the KINDS of identifier found (a name, an age, a place) and never their values: the bot's
own reply must not repeat what it guards, or deleting the original would leave the name on screen. It runs
the situation rules only (no learned second opinion), in the message's own language.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.draft_check import wording as w
from bot.draft_check.engine import RULES, detect
from bot.draft_check.language import detect_language
from bot.draft_check.types import MAX_DRAFT_CHARS, Language
from bot.draft_check.vocabulary import Draft

# The kind of identifier each privacy rule finds, with its article, in English and Spanish.
KIND: dict[str, tuple[str, str]] = {
    "privacy.name": ("a name", "un nombre"),
    "privacy.named": ("a name", "un nombre"),
    "privacy.age": ("an age", "una edad"),
    "privacy.date": ("a date", "una fecha"),
    "privacy.place": ("a place", "un lugar"),
    "privacy.record": ("a record number", "un número de historia"),
    "privacy.contact": ("contact details", "datos de contacto"),
    "privacy.unusual": ("a distinctive detail", "un detalle distintivo"),
    "privacy.figure": ("who the patient is locally", "quién es el paciente en su entorno"),
    "privacy.relation": ("who the patient is to you", "quién es el paciente para ti"),
    "privacy.child": ("a child with their condition", "un niño con su enfermedad"),
    "privacy.story": ("when you saw them", "cuándo lo atendiste"),
    "privacy.encounter": ("the story of one encounter", "la historia de una consulta concreta"),
    "privacy.screenshot": ("a screenshot of their messages", "una captura de sus mensajes"),
    "privacy.visible": ("a patient list or document in a picture", "una lista o documento de pacientes en una imagen"),
    "privacy.review": ("a reviewer's clinical details", "datos clínicos de quien dejó la reseña"),
    "privacy.reply": ("a reader's own care", "la atención de quien lee"),
}
_TITLE = ("A gentle reminder", "Un recordatorio amable")
_BODY = (
    "This message may identify a patient: it contains {kinds}. Please remove them, or share only with the "
    "patient's consent (GMC 2024; HIPAA 45 CFR 164.514).",
    "Este mensaje podría identificar a un paciente: contiene {kinds}. Quítalos, o compártelo solo con el "
    "consentimiento del paciente (OMC 2014; HIPAA 45 CFR 164.514).",
)


@dataclass(frozen=True)
class GuardFinding:
    """What kinds of identifier a message holds (never the values) and the message's language."""

    kinds: tuple[str, ...]  # privacy rule ids, in the order found
    language: Language

    def kind_words(self, lang: Language | None = None) -> list[str]:
        i = w.idx(lang or self.language)
        return list(dict.fromkeys(KIND[k][i] for k in self.kinds if k in KIND))

    def reminder(self, lang: Language | None = None) -> tuple[str, str]:
        """(title, body) of the reminder: the kinds found, no identifier values."""
        language = lang or self.language
        i = w.idx(language)
        return _TITLE[i], _BODY[i].format(kinds=w.join_words(self.kind_words(language), language))


def inspect(message: str) -> GuardFinding | None:
    """A finding when the message holds a high-severity patient identifier, else None (empty text: None)."""
    text = message[:MAX_DRAFT_CHARS] if isinstance(message, str) else ""
    if not text.strip():
        return None
    draft = Draft(text, detect_language(text))
    kinds = [
        h.rule
        for h in sorted(detect(draft), key=lambda h: h.start)
        if RULES[h.rule].category == "patient-privacy" and (h.severity or RULES[h.rule].severity) == "high"
    ]
    return GuardFinding(tuple(dict.fromkeys(kinds)), draft.language) if kinds else None
