"""Replies to reviews and to one person: answering with the reader's care confirms they are a patient.

A reply to a review (or to an @handle or a named reader) that mentions their appointment, results, missed
visits or recovery discloses health information (HHS OCR has fined exactly this); a generic reply ("we
can't discuss anyone's care online, please contact the practice") is the mitigation and is not flagged.
"""

from __future__ import annotations

import re

from bot.draft_check import situations as sit
from bot.draft_check.identifiers import NOT_NAME
from bot.draft_check.names import GIVEN_NAMES
from bot.draft_check.types import Hit, Rule
from bot.draft_check.vocabulary import Draft

_OCR = ("HHS OCR enforcement on replies to online reviews (Elite Dental 2019, New Vision Dental 2022, Manasa "
        "Health Center 2023); 45 CFR 164.502")
_FIX_EN = ("Reply without confirming they are a patient: 'Thank you for your feedback; we can't discuss anyone's "
           "care online, please contact the practice directly.'")
_FIX_ES = ("Responde sin confirmar que es paciente: 'Gracias por su opinión; no podemos hablar de la atención de "
           "nadie en redes, contacte directamente con la consulta.'")

RULES: dict[str, Rule] = {
    "privacy.reply": Rule(
        "patient-privacy",
        "high",
        _OCR,
        "This reply tells the reader (and everyone else) about their own care: it confirms they are a patient "
        "and discloses what happened to them.",
        "Esta respuesta habla de la atención de quien escribe, delante de todos: confirma que es paciente y "
        "revela lo que le pasó.",
        _FIX_EN,
        _FIX_ES,
    ),
    "prof.reply_tone": Rule(
        "professionalism",
        "medium",
        "GMC, Using social media as a medical professional, 2024, para 14; CNOM, Préserver sa réputation "
        "numérique, 2018",
        "Arguing with or blaming a reviewer in public (their lateness, missed visits) looks defensive and "
        "confirms they are a patient.",
        "Discutir o culpar en público a quien deja una reseña (su retraso, sus ausencias) resulta defensivo y "
        "confirma que es paciente.",
        "Reply briefly and neutrally: 'We're sorry to hear this; please contact the practice so we can look "
        "into it.'",
        "Responde breve y neutral: 'Sentimos lo ocurrido; contacte con la consulta para que podamos revisarlo.'",
    ),
}


# The reader's record itself ("your notes show", "consta en su historia") is health information, whatever it says.
_RECORD = re.compile(r"(?i)\b(?:notes|records?|file|chart|historia|historial|expediente|ficha|informe)\b")


# "Please ring your surgery", "pide cita en tu centro": sending the reader to their own care discloses nothing.
_SEND_TO = re.compile(
    r"(?i)\b(?:ring|call|contact|phone|book\s+with|see|visit|llama\s+a|pide\s+cita\s+en|acude\s+a)\s+$"
)


# A reply posted as the practice ("Owner reply:", "this reviewer"): the reader is a reviewer even without thanks.
_OWNER_REPLY = re.compile(
    r"(?i)\b(?:owner(?:['’]s)?\s+(?:reply|response)|(?:reply|response)\s+from\s+the\s+(?:owner|practice|clinic)"
    r"|this\s+reviewer|reviewing\s+us|respuesta\s+del?\s+(?:propietari[oa]|la\s+cl[ií]nica|centro)"
    r"|esta\s+reseña|su\s+reseña|tu\s+reseña)\b"
)


_YOU = re.compile(r"(?i)\b(?:you|your|tu|tus|usted|su|sus)\b")
# "your appointment", "tu revisión": the reader's own care, named as such.
_CARE_NOUN = re.compile(rf"(?i)\b(?:{sit.CARE_NOUN}|check-?ups?|revisi[oó]n|control)\b")
# A name closing a clause, as one speaks to someone: "We're sorry the filling fell out, Gareth." "..., Linda!"
_TRAILING_NAME = re.compile(r",\s+([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)\s*[.!?]")


def detect(d: Draft) -> list[Hit]:
    """A reply (to a review, a handle or a named reader) that speaks about the reader's care."""
    review = sit.has(d, "who.review_author")
    # One person spoken to by handle or name ("@hannah_k95 ... after your appointment", "..., Gareth. Your notes
    # show"): "your appointment" then needs no clinical word to say they are a patient.
    personal = (sit.has(d, "act.addressed") or sit.has(d, "who.vocative")
                or any(m.group(1) in GIVEN_NAMES or (m.group(1) not in NOT_NAME and _YOU.search(d.text))
                       for m in _TRAILING_NAME.finditer(d.text)))
    addressed = review or personal or _OWNER_REPLY.search(d.text) is not None
    if not addressed:
        return []
    hits: list[Hit] = []
    generic = sit.has(d, "mit.generic_reply")
    # Declining to advise ("no puedo decirte si dejarla; háblalo con tu psiquiatra, que conoce tu historia") names the
    # reader's care only to send them back to it (a clean look-alike of drafts_hand_c).
    declined = sit.DECLINE_RE.search(d.text) is not None
    # Advice on the reader's own numbers ("your blood sugar = prediabetes, start berberine") is the advice rules'
    # finding; naming their care there is how advice is given, not a further disclosure.
    advice = sit.first(d, "act.dose") or sit.first(d, "act.drug")
    care = sit.spans(d, "what.your_care") + sit.spans(d, "what.no_show") + sit.spans(d, "what.recovery")
    for start, end in sorted(care):
        if _SEND_TO.search(d.text, max(0, start - 30), start):
            continue
        s_start, s_end = d.sentence_of(start)
        clinical = (sit.has(d, "what.clinical", s_start, s_end) or sit.has(d, "what.visit", s_start, s_end)
                    or _RECORD.search(d.text, start, end) is not None
                    or (personal and advice is None and _CARE_NOUN.search(d.text, start, end) is not None))
        recovery = sit.has(d, "what.recovery", s_start, s_end)
        if declined and not recovery and not sit.has(d, "what.no_show", s_start, s_end):
            continue
        # A generic reply ("we can't comment on individual visits") to a review confirms nothing unless the same
        # sentence names care (leave-one-file-out: the two clean generic replies of drafts_hand_c/d flagged).
        if review and generic and not (recovery or sit.has(d, "what.clinical", s_start, s_end)
                                       or sit.has(d, "what.no_show", s_start, s_end)
                                       or _RECORD.search(d.text, start, end)):
            continue
        if review or clinical or recovery or sit.has(d, "what.no_show", s_start, s_end):
            hits.append(Hit("privacy.reply", start, end))
            if review:  # arguing the case in public: the tone is a problem as well as the disclosure
                hits.append(Hit("prof.reply_tone", start, end))
            break
    blame = sit.first(d, "act.blame_reader")  # blaming the reader in public: rude, and with their visit a disclosure
    if blame and not any(h.rule == "prof.reply_tone" for h in hits):
        hits.append(Hit("prof.reply_tone", blame[0], blame[1]))
    told = review or _OWNER_REPLY.search(d.text) is not None or care or d.clinical or sit.has(d, "what.visit")
    if blame and told and not any(h.rule == "privacy.reply" for h in hits):
        hits.append(Hit("privacy.reply", blame[0], blame[1]))
    sarcasm = sit.first(d, "act.sarcasm")
    if review and sarcasm and not any(h.rule == "prof.reply_tone" for h in hits):
        hits.append(Hit("prof.reply_tone", sarcasm[0], sarcasm[1]))
    return hits
