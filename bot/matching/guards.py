"""Recognise what the bot must not answer from the knowledge base: medical advice and gibberish.

The knowledge base is about social media; a question about doses, diagnoses or treatments gets
the fallback with a pointer to proper care, never a nearest-match answer.
"""

from __future__ import annotations

import re

from bot.matching.normalize import fold

_MEDICAL_ADVICE = [
    r"\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|ug|g|ml|mmol|ui|iu|units?|unidades)\b",
    r"\b(?:dose|doses|dosage|dosing|overdose|posologia|dosis)\b(?!.{0,40}\b(?:post|online|social|twitter|instagram|facebook|red|redes|publicar)\b)",
    r"\bhow (?:much|many) (?:mg|milligrams|tablets|pills|units)\b",
    r"\bcuant[oa]s? (?:mg|miligramos|pastillas|comprimidos|pildoras|unidades)\b",
    r"(?<!crowdsourcing a )(?<!crowdsource a )\b(?:diagnose|diagnosis|diagnostico|diagnosticar)\b(?!.{0,40}\b(?:post|online|social|twitter|instagram|facebook|red|redes|publicar|group|grupo)\b)",
    r"\b(?:what|which) (?:antibiotic|drug|medication|medicine|treatment|pill)s? (?:should|for|do|to|is best|works)\b",
    r"\b(?:que|cual|cuales) (?:antibiotico|medicamento|medicina|farmaco|tratamiento|pastilla)s? (?:le |me |se )?(?:doy|receto|tomo|dar|recetar|tomar|para|es mejor|sirve)\b",
    r"\bhow (?:do i|to|should i|can i) (?:treat|cure|manage)\b(?!.{0,30}\b(?:patients? (?:online|who|on)|followers|trolls?|reviews?|requests?)\b)",
    r"\b(?:como|cómo) (?:trato|tratar|curo|curar|manejo|manejar) (?:una?|el|la|los|las)? ?(?:infeccion|fiebre|dolor|diabetes|hipertension|asma|neumonia|otitis|cancer|herida|gripe)\b",
    r"\b(?:treatment|tratamiento|cure|cura|remedy|remedio) (?:for|of|para|de) (?:a |an |la |el |una |un )?(?:infection|fever|pain|diabetes|hypertension|asthma|pneumonia|otitis|cancer|flu|cold|migraine|infeccion|fiebre|dolor|hipertension|asma|neumonia|gripe|resfriado|migrana)\b",
    r"\b(?:is it|es) (?:safe|seguro) (?:to take|tomar|to give|dar)\b",
    r"\b(?:should i|can i|debo|puedo) (?:take|prescribe|give|stop taking|tomar|recetar|dar|dejar de tomar)\b(?!.{0,40}\b(?:photo|picture|foto|break|descanso|time|tiempo|advice|consejos?|online|post|social|twitter|instagram|facebook|red|redes|publicar)\b)",
    r"\b(?:i have|i ve got|tengo|me duele|my (?:child|son|daughter|kid) has|mi (?:hijo|hija|nino|nina) tiene)\b.{0,40}\b(?:pain|fever|rash|cough|lump|dolor|fiebre|tos|erupcion|bulto|sarpullido|headache|ache)\b",
    r"\b(?:symptoms?|sintomas?) (?:of|de)\b",
    r"\b(?:interaction|interaccion) (?:between|entre)\b",
    r"\bside effects?\b|\befectos (?:secundarios|adversos)\b",
]
MEDICAL_ADVICE_RE = re.compile("|".join(f"(?:{p})" for p in _MEDICAL_ADVICE))
_LETTERS = re.compile(r"[a-zñ]{2,}")
_VOWELS = set("aeiou")


def asks_medical_advice(text: str) -> bool:
    """True when the text asks for dosing, diagnosis or treatment rather than social-media help."""
    return MEDICAL_ADVICE_RE.search(fold(text)) is not None


def is_gibberish(normalized: str) -> bool:
    """True when there is nothing word-like to match (emoji only, symbols, key mashing)."""
    words = _LETTERS.findall(normalized)
    if not words:
        return True
    wordlike = [w for w in words if any(ch in _VOWELS for ch in w) and len(w) <= 25]
    return not wordlike


_QUESTION_START = re.compile(
    r"^(?:what|whats|how|where|when|who|whom|whose|which|why|can|could|is|are|am|was|were|do|does|did|should|"
    r"would|will|shall|may|might|must|has|have|any|que|como|donde|cuando|quien|quienes|cual|cuales|cuanto|"
    r"cuanta|cuantos|cuantas|por que|porque|puedo|puede|pueden|se puede|hay|es|son|debo|debe|tengo|existe)\b"
)


def looks_like_question(text: str) -> bool:
    """A question mark or a question word first (en/es): chatter and reactions ("lol", "thanks") are neither."""
    folded = fold(text).strip()
    return "?" in text or "¿" in text or _QUESTION_START.match(folded) is not None
