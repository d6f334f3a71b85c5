"""Patients described without a name: a child seen in clinic, a local figure's visit, someone met by name.

Each needs who (a child, a recognisable person, a named acquaintance) and what (a condition or a visit) in
the same sentence; "details changed" or written consent clears it.
"""

from __future__ import annotations

import re

from bot.draft_check import situations as sit
from bot.draft_check.types import Hit, Rule
from bot.draft_check.vocabulary import CLINICAL_RE, Draft

_SRC = ("HIPAA, 45 CFR 164.514(b)(2)(i)(R) (any other unique identifying characteristic); GMC, Using social media "
        "as a medical professional, 2024; OMC/CGCOM, Manual de estilo, 2014")

RULES: dict[str, Rule] = {
    "privacy.child": Rule(
        "patient-privacy",
        "high",
        _SRC,
        "A child described with their condition and when you saw them is recognisable to their family, "
        "school and neighbours.",
        "Un niño descrito con su enfermedad y cuándo lo atendiste es reconocible para su familia, su colegio y "
        "sus vecinos.",
        "Remove the condition and the day, or speak about children in general ('many children are scared of "
        "needles').",
        "Quita la enfermedad y el día, o habla de los niños en general ('a muchos niños les dan miedo las "
        "agujas').",
    ),
    "privacy.figure": Rule(
        "patient-privacy",
        "high",
        _SRC,
        "A recognisable local figure (the vicar, a councillor, the bakery owner) with their visit or condition "
        "is identified even without a name.",
        "Una persona conocida del lugar (el cura, un concejal, la de la panadería) con su visita o enfermedad "
        "queda identificada aunque no haya nombre.",
        "Remove who they are and that they came to you; do not post about this visit.",
        "Quita quién es y que vino a verte; no publiques nada de esta visita.",
    ),
    "privacy.named": Rule(
        "patient-privacy",
        "high",
        _SRC,
        "A named person with their health scare or treatment: anyone who knows them learns their health "
        "information.",
        "Una persona con nombre junto a su susto de salud o su tratamiento: quien la conozca se entera de sus "
        "datos de salud.",
        "Remove the name and the health detail.",
        "Quita el nombre y el dato de salud.",
    ),
}

# What makes it a treatment rather than a holiday: a procedure, a body part, a clinic's offer.
_TREATED = re.compile(
    r"(?i)\b(?:treat(?:ment|ed)|tratamiento|surg\w+|cirug[ií]a|post-?op\w*|lipo\w*|smile|sonrisa|teeth|dientes|nose|nariz"
    r"|skin|piel|lips|labios|injections?|inyecci\w+|filler|relleno|botox|b[oó]tox|protocol|protocolo|augmentation|aumento"
    r"|tummy\s+tuck|abdominoplastia|veneers|carillas|implants?|implantes?|braces|invisalign|ortodoncia|weight|peso|talla"
    r"|size|consult\w*|consulta|valoraci[oó]n|book|reserva|cita|clinic|cl[ií]nica|with\s+us|con\s+nosotros)\b"
    r"|\w+(?:plasty|plastia|ectomy|ectom[ií]a)\b"
)


# "bumped into Linda", "me encontré a Marta", "Linda, mum of the twins": a named person in the story.
_MET_NAME = re.compile(
    r"\b(?i:bump(?:ed)?\s+into|ran\s+into|saw|seeing|to\s+see|visited|met|me\s+encontr[eé]\s+a|vi\s+a|visit[eé]\s+a"
    r"|ver\s+a)\s+"
    r"([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)\b"
)
# Someone known by their job doing something public: a talk, a donation, a prize.
_EVENT = re.compile(
    r"(?i)\b(?:talk|lecture|webinar|workshop|charla|conferencia|taller|ponencia|campaign|campaña|donat\w+|don[oó]"
    r"|volunteer\w*|voluntari\w*|award|premio|prize|gan[oó]|won|fundrais\w*|sponsor\w*|visited\s+the)\b"
)
# A handle talked about (not answered): "stitched up @MikeyDrums after he...", "@lucia_runs came in with".
_HANDLE_SEEN = re.compile(
    r"\b(?i:up|saw|treated|seeing|see|visit(?:ed)?|stitched|operated\s+on|atend[ií]\s+a|vi\s+a)\s+(@[A-Za-z0-9_.]{2,})"
)
_IF = re.compile(r"\s*(?i:if|when|whenever|si|cuando|en\s+caso\s+de)\b")
_NOT_NAME = frozenset({"The", "This", "Dr", "Dra", "Mr", "Mrs", "El", "La", "Los", "Las", "Un", "Una", "My", "Mi"})


def detect(d: Draft) -> list[Hit]:
    """Who (child, local figure, named acquaintance) + what (condition, visit) in one sentence."""
    if d.consent_written or d.deidentified:
        return []
    text = d.text
    hits: list[Hit] = []
    for start, end in sit.spans(d, "who.child"):
        s_start, s_end = d.sentence_of(start)
        if _IF.match(text, s_start) or _IF.search(text, s_start, start):
            continue  # "if your baby has a fever, go to A&E": advice about children in general
        if sit.has(d, "what.clinical", s_start, s_end) and sit.has(d, "what.visit", s_start, s_end):
            hits.append(Hit("privacy.child", start, end, placeholder="[PERSON]"))
            break
    for start, end in sorted(sit.spans(d, "who.local_figure") + sit.spans(d, "who.role")):
        near = d.around(start, 150, 150)
        if _EVENT.search(near) and not sit.VISIT_RE.search(near):
            continue  # "la profe Elvira dio una charla sobre diabetes": a public role at an event, not a patient
        if CLINICAL_RE.search(near) or sit.VISIT_RE.search(near):
            hits.append(Hit("privacy.figure", start, end, placeholder="[PERSON]"))
            break
    confirmed = sit.first(d, "who.confirmed_patient")
    if confirmed:
        hits.append(Hit("privacy.figure", confirmed[0], confirmed[1]))
    gossip = sit.first(d, "act.gossip")  # "guess who I stitched up last night": readers will work it out
    if gossip and not any(h.rule == "privacy.figure" for h in hits) and (
        sit.has(d, "what.visit") or sit.has(d, "what.clinical")
    ):
        hits.append(Hit("privacy.figure", gossip[0], gossip[1]))
    named = sit.first(d, "who.named_result")  # "Tom's transformation after our 6-week protocol"
    if named and _TREATED.search(text) and not any(h.start <= named[0] < h.end for h in hits):
        hits.append(Hit("privacy.named", named[0], named[1], placeholder="[NAME]"))
    for m in _MET_NAME.finditer(text):
        if m.group(1) in _NOT_NAME:
            continue
        s_start, s_end = d.sentence_of(m.start())
        if sit.has(d, "what.clinical", s_start, s_end) or sit.has(d, "what.visit", s_start, s_end):
            hits.append(Hit("privacy.named", m.start(1), m.end(1), placeholder="[NAME]"))
    for m in _HANDLE_SEEN.finditer(text):  # "just stitched up @MikeyDrums": a handle with their visit
        s_start, s_end = d.sentence_of(m.start())
        if sit.has(d, "what.visit", s_start, s_end) and not any(h.start <= m.start() < h.end for h in hits):
            hits.append(Hit("privacy.named", m.start(1), m.end(1), placeholder="[NAME]"))
            break
    return hits
