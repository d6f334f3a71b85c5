"""Patient-privacy rules: identifiers (HIPAA's 18 and the small details that add up) in a clinical story.

Strong identifiers (names, record numbers, phone, e-mail, bed/room numbers) are flagged whenever the draft
is about health; soft ones (age, date, town, "today in clinic") only in a story about one person, and a
stated de-identification ("details changed", "anonimizado") clears the soft ones.
"""

from __future__ import annotations

import re

from bot.draft_check import situations as sit
from bot.draft_check.identifiers import (
    AGE_AFTER_RE,
    AGE_EXTRA_RE,
    AGE_RE,
    ATTRIBUTION_RE,
    BARE_AGE_RE,
    BED_RE,
    COMMA_AGE_RE,
    DATE_RE,
    DOB_RE,
    EMAIL_RE,
    ENCOUNTER_RE,
    GIVEN_RE,
    HOSPITAL_RE,
    INITIALS_RE,
    MEDIA_SHARED,
    MESSAGE,
    NOT_AGE_BEFORE,
    NOT_INITIALS,
    NOT_NAME,
    OCCUPATION,
    OCCUPATION_RE,
    PAREN_AGE_RE,
    PATIENT_NAME_RE,
    PATIENT_WORD,
    PHONE_RE,
    PLACE_NUM_RE,
    POSSESSIVE_RE,
    RECORD_RE,
    RELATION_NAME_RE,
    RELATION_RE,
    REVIEW_DETAIL_RE,
    REVIEW_RE,
    SCREENSHOT_RE,
    SHORT_DATE_RE,
    STAFF_BEFORE,
    STORY_RE,
    SURNAME_RE,
    TITLE_NAME_RE,
    TOWN_RE,
    UNUSUAL_RE,
    URL_RE,
    VENUE_PERSON_RE,
    WHEN_RE,
)
from bot.draft_check.names import GIVEN_NAMES
from bot.draft_check.types import Hit, Rule
from bot.draft_check.vocabulary import (
    CLINICAL_RE,
    ENCOUNTER_ANY_RE,
    PERSON_RE,
    RECORD_NOTED_RE,
    Draft,
    ci,
)

_SRC = "HIPAA Privacy Rule, 45 CFR 164.514(b)(2); GMC, Using social media as a medical professional, 2024"
_SRC_ES = "; OMC/CGCOM, Manual de estilo, 2014"
_FIX_EN = "Remove or generalise it, or post nothing about this patient without their written consent."
_FIX_ES = "Elimínalo o generalízalo; o no publiques nada de este paciente sin su consentimiento por escrito."


def _rule(why_en: str, why_es: str, fix_en: str = _FIX_EN, fix_es: str = _FIX_ES) -> Rule:
    return Rule("patient-privacy", "high", _SRC + _SRC_ES, why_en, why_es, fix_en, fix_es)


RULES: dict[str, Rule] = {
    "privacy.name": _rule(
        "A name next to health information identifies the patient (names are the first HIPAA identifier).",
        "Un nombre junto a datos de salud identifica al paciente (el nombre es el primer identificador "
        "HIPAA).",
        "Delete the name; if you must tell the story, remove every detail that points to this person.",
        "Borra el nombre; si cuentas el caso, quita todo detalle que apunte a esta persona.",
    ),
    "privacy.age": _rule(
        "An exact age with a condition narrows the story down to one person; combined details identify.",
        "Una edad exacta junto a una enfermedad reduce el caso a una persona; los datos combinados "
        "identifican.",
        "Use a broad range (\"a man in his 50s\") or leave the age out.",
        "Usa un rango amplio (\"un hombre de mediana edad\") o quita la edad.",
    ),
    "privacy.date": _rule(
        "A date of care is a HIPAA identifier; with the condition it lets people who know the patient "
        "recognise them.",
        "Una fecha de atención es un identificador HIPAA; con la enfermedad permite reconocer al paciente.",
        "Drop the date or make it vague, and wait before posting about recent cases.",
        "Quita la fecha o hazla vaga, y espera antes de publicar casos recientes.",
    ),
    "privacy.place": _rule(
        "A hospital, ward, room, bed or town places the patient; small details together identify.",
        "Un hospital, planta, habitación, cama o pueblo sitúa al paciente; los detalles juntos identifican.",
        "Remove the place (hospital, ward, bed, town).",
        "Quita el lugar (hospital, planta, cama, pueblo).",
    ),
    "privacy.record": _rule(
        "Record, NHS, history or ID numbers identify a patient directly.",
        "Los números de historia clínica, tarjeta sanitaria o DNI identifican directamente al paciente.",
        "Never post record numbers; use the secure clinical system to ask colleagues.",
        "No publiques nunca números de historia; consulta a tus compañeros por el sistema clínico seguro.",
    ),
    "privacy.contact": _rule(
        "A phone number or e-mail address in a post about a patient identifies them (HIPAA identifiers).",
        "Un teléfono o correo electrónico en una publicación sobre un paciente lo identifica (HIPAA).",
        "Remove the contact details; use official channels (police, safeguarding team) for urgent cases.",
        "Quita los datos de contacto; en urgencias usa los canales oficiales (112, trabajo social).",
    ),
    "privacy.unusual": _rule(
        "A rare or public detail (a celebrity, the mayor, 'the only ... in town') singles one person out.",
        "Un detalle raro o público (un famoso, el alcalde, 'la única ... del pueblo') señala a una persona.",
        "Remove the distinctive detail, or do not post about this case at all.",
        "Quita el detalle distintivo, o no publiques este caso.",
    ),
    "privacy.story": _rule(
        "A 'today in clinic' story lets colleagues, family and the patient recognise the encounter.",
        "Una historia de 'hoy en consulta' permite a compañeros, familia y al propio paciente reconocerse.",
        "Wait, change the timing and every detail that is not needed for the teaching point.",
        "Espera, cambia el momento y todo detalle que no haga falta para el mensaje docente.",
    ),
    "privacy.encounter": _rule(
        "This describes an individual patient you treated; people who know them may recognise the story even "
        "without a name (GMC: do not discuss individual patients on public sites).",
        "Describe a un paciente concreto al que atendiste; quien lo conozca puede reconocer la historia "
        "aunque "
        "no haya nombre (no se comentan pacientes concretos en redes abiertas).",
        "Make it general (\"patients often ask...\"), or get consent and change every identifying detail.",
        "Hazlo general (\"muchos pacientes preguntan...\"), o pide consentimiento y cambia todo dato "
        "identificativo.",
    ),
    "privacy.relation": Rule(
        "patient-privacy",
        "high",
        "HIPAA, 45 CFR 164.514(b)(2)(i)(R) (any other unique identifying characteristic); GMC, Using social "
        "media as a medical professional, 2024; OMC/CGCOM, Manual de estilo, 2014 (not identifiable by "
        "combining details)",
        "Saying who the patient is (your neighbour or a relative, someone's teacher, the bus driver, the "
        "lady from the corner shop) with their health details lets everyone who knows them recognise them.",
        "Decir quién es el paciente (tu vecina o un familiar, el profesor de alguien, el camionero, la "
        "señora del quiosco) junto a sus datos de salud permite que le reconozca todo el que le conoce.",
        "Remove who they are and what they do; tell the case only in general terms, or not at all.",
        "Quita quién es y a qué se dedica; cuenta el caso solo en términos generales, o no lo cuentes.",
    ),
    "privacy.screenshot": Rule(
        "patient-privacy",
        "high",
        "HIPAA, 45 CFR 164.514(b)(2) (names, phone numbers, full-face photos); GMC, Using social media as "
        "a medical professional, 2024 (do not discuss individual patients publicly)",
        "A screenshot of a patient's messages shows their own words and often their name, number or "
        "photo, and confirms they are your patient.",
        "Una captura de los mensajes de un paciente muestra sus propias palabras y a menudo su nombre, "
        "teléfono o foto, y confirma que es tu paciente.",
        "Do not post patients' messages; if the point matters, make it in general terms.",
        "No publiques mensajes de pacientes; si el mensaje importa, cuéntalo en términos generales.",
    ),
    "privacy.review": Rule(
        "patient-privacy",
        "high",
        "HHS OCR enforcement on replies to online reviews (Elite Dental 2019, New Vision Dental 2022, "
        "Manasa Health Center 2023); 45 CFR 164.502",
        "Replying to a review with the patient's clinical details is a disclosure; OCR has fined this.",
        "Responder a una reseña con datos clínicos del paciente es una revelación; la OCR lo ha multado.",
        "Reply without any clinical detail: thank them and invite them to contact the practice privately.",
        "Responde sin ningún dato clínico: agradece y ofrece hablar en privado con la consulta.",
    ),
}


def _overlaps(hits: list[Hit], start: int, end: int) -> bool:
    return any(h.start < end and start < h.end for h in hits)


def _in_url(urls: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in urls)


def _name_ok(word: str) -> bool:
    return word not in NOT_NAME and not word.isupper()


_SAINT = re.compile(r"\b(?:San|Santa|Sant|Sta\.|St\.?|Saint|Virgen|Nuestra\s+Señora\s+de)\s+$")


def _names(d: Draft) -> list[Hit]:
    """Titled names, 'patient X', 'X's MRI' and common given names in a clinical sentence."""
    text = d.text
    hits: list[Hit] = []
    for m in ATTRIBUTION_RE.finditer(text):
        hits.append(Hit("privacy.name", m.start(1), m.end(1), placeholder="[NAME]"))
        if m.group(2)[0].isdigit():
            hits.append(Hit("privacy.age", m.start(2), m.end(2), placeholder="[AGE]"))
    # "my patient John": being someone's patient is itself health information, so no clinical word is needed.
    for m in PATIENT_NAME_RE.finditer(text):
        g = GIVEN_RE.match(text, m.end())
        if g and _name_ok(g.group()):
            end = g.end()
            s = SURNAME_RE.match(text, end)
            if s and all(_name_ok(w) for w in s.group().split()):
                end = s.end()
            if not _overlaps(hits, g.start(), end):
                hits.append(Hit("privacy.name", g.start(), end, placeholder="[NAME]"))
    if not (d.clinical or d.setting):
        return hits
    for m in INITIALS_RE.finditer(text):
        letters = "".join(c for c in m.group() if c.isalpha())
        if letters in NOT_INITIALS or _overlaps(hits, m.start(), m.end()):
            continue
        age = AGE_AFTER_RE.match(text, m.end())
        s_start, s_end = d.sentence_of(m.start())
        if age and age.group(1):
            hits.append(Hit("privacy.name", m.start(), m.end(), placeholder="[NAME]"))
            hits.append(Hit("privacy.age", age.start(1), age.end(1), placeholder="[AGE]"))
        elif CLINICAL_RE.search(text, s_start, s_end):
            hits.append(Hit("privacy.name", m.start(), m.end(), placeholder="[NAME]"))
    for m in TITLE_NAME_RE.finditer(text):
        if not _overlaps(hits, m.start(), m.end()):
            hits.append(Hit("privacy.name", m.start(), m.end(), placeholder="[NAME]"))
    for m in RELATION_NAME_RE.finditer(text):
        if _name_ok(m.group(1)) and not _overlaps(hits, m.start(1), m.end(1)):
            hits.append(Hit("privacy.name", m.start(1), m.end(1), placeholder="[NAME]"))
    for m in POSSESSIVE_RE.finditer(text):
        if _name_ok(m.group(1)) and not _overlaps(hits, m.start(1), m.end(1)):
            hits.append(Hit("privacy.name", m.start(1), m.end(1), placeholder="[NAME]"))
    institutions = [(h.start(), h.end()) for h in HOSPITAL_RE.finditer(text)]  # "Hospital Niño Jesús"
    for m in GIVEN_RE.finditer(text):
        if m.group() not in GIVEN_NAMES or _overlaps(hits, m.start(), m.end()):
            continue
        if STAFF_BEFORE.search(text, max(0, m.start() - 30), m.start()) or _SAINT.search(
            text, max(0, m.start() - 8), m.start()
        ):
            continue
        if any(s <= m.start() < e for s, e in institutions):
            continue
        s_start, s_end = d.sentence_of(m.start())
        end = m.end()
        surname = SURNAME_RE.match(text, end)
        if surname and all(_name_ok(w) for w in surname.group().split()):
            end = surname.end()
        sentence_initial = not text[s_start : m.start()].strip(" \"'“‘¡¿-*_")
        if sentence_initial and end == m.end() and text[end : end + 1] != ",":
            continue
        if _addressed_and_declined(d, m.start(), end):
            continue
        if CLINICAL_RE.search(text, s_start, s_end) or _about_person(d):
            hits.append(Hit("privacy.name", m.start(), end, placeholder="[NAME]"))
    return hits


def _addressed_and_declined(d: Draft, start: int, end: int) -> bool:
    """A first name that addresses the reader ("Lo siento Martina, ...", "Hola Pilar,") in a reply that declines to
    advise them: the reader asked in public, and the reply tells nobody anything about their care (a reply that
    does speak about it is rules_replies' privacy.reply). Leave-one-file-out: three clean declines in
    drafts_hand_c were flagged for the name alone."""
    if sit.DECLINE_RE.search(d.text) is None:
        return False
    return d.text[end : end + 2].strip().startswith(",") or sit.has(d, "who.vocative", start, end)


def _contacts(d: Draft) -> list[Hit]:
    """Record numbers always; phones and e-mails only in a draft about a patient (a clinic's own is fine,
    so it is neither flagged nor redacted)."""
    text = d.text
    urls = [(m.start(), m.end()) for m in URL_RE.finditer(text)]
    hits = [Hit("privacy.record", m.start(), m.end(), "high", "[RECORD]") for m in RECORD_RE.finditer(text)]
    if d.clinical or d.setting:
        hits += [Hit("privacy.date", m.start(), m.end(), placeholder="[DATE]") for m in DOB_RE.finditer(text)]
    if not _about_person(d):
        return hits
    for m in EMAIL_RE.finditer(text):
        hits.append(Hit("privacy.contact", m.start(), m.end(), placeholder="[EMAIL]"))
    for m in PHONE_RE.finditer(text):
        digits = sum(c.isdigit() for c in m.group())
        if digits < 9 or _in_url(urls, m.start(), m.end()) or _overlaps(hits, m.start(), m.end()):
            continue
        hits.append(Hit("privacy.contact", m.start(), m.end(), placeholder="[PHONE]"))
    return hits


# "Dr Marsh is on leave 14-28 December. Her clinics are covered by ...": when the only people are pronouns and a
# titled doctor, the person is a colleague, not a patient (leave-one-file-out: such a notice in drafts_hand_a and
# in drafts_hand_d was flagged for its dates).
_PRONOUNS = frozenset({"she", "her", "his", "him", "he", "él", "ella"})
_TITLED_DOCTOR = re.compile(r"\b(?:Dr|Dra|Doctor|Doctora|Prof)\.?\s+[A-ZÁÉÍÓÚÑ]")


def _only_a_colleague(d: Draft) -> bool:
    """Every person word is a pronoun opening its sentence after a sentence about a titled doctor ("Her clinics
    are covered"); "Dr Smith saw her on 3 March" keeps its patient."""
    doctor = _TITLED_DOCTOR.search(d.text)
    if doctor is None:
        return False
    for m in PERSON_RE.finditer(d.text):
        s_start, _ = d.sentence_of(m.start())
        if m.group().lower() not in _PRONOUNS or m.start() < doctor.end() or d.text[s_start : m.start()].strip():
            return False
    return True


def _about_person(d: Draft) -> bool:
    """Health information (or a care setting) about one person, however that person is described."""
    if not (d.clinical or d.setting):
        return False
    return (d.person and not _only_a_colleague(d)) or any(
        r.search(d.text) is not None
        for r in (AGE_RE, COMMA_AGE_RE, UNUSUAL_RE, AGE_EXTRA_RE, PAREN_AGE_RE, RELATION_RE, VENUE_PERSON_RE,
                  OCCUPATION_RE)
    )


# A person word right before "from X" / "de X" makes X their town ("pt from Kilburn", "peluquero en Chueca").
_NEAR_TOWN = re.compile(
    r"(?:man|woman|lady|teacher|boy|girl|señor|señora|chico|chica|chaval|paciente|ELA|[a-z]+ista|(?i:pts?|pcte)"
    rf"|patient|(?i:{OCCUPATION}))\s*$"
)
_STUDY = ci(r"\b(?:study|studies|project|scheme|programme|program|trial|estudio|programa|proyecto|ensayo)\b")


def _who(d: Draft) -> list[Hit]:
    """Relationship, local standing ('the lady from the bakery') or occupation next to health details."""
    text = d.text
    hits: list[Hit] = []
    for regex in (RELATION_RE, VENUE_PERSON_RE):
        for m in regex.finditer(text):
            s_start, s_end = d.sentence_of(m.start())
            if CLINICAL_RE.search(text, s_start, s_end):
                hits.append(Hit("privacy.relation", m.start(), m.end(), placeholder="[PERSON]"))
    cue = any(r.search(text) for r in (PATIENT_WORD, ENCOUNTER_RE, ENCOUNTER_ANY_RE, WHEN_RE, AGE_RE, AGE_EXTRA_RE))
    if cue:
        for m in OCCUPATION_RE.finditer(text):
            s_start, s_end = d.sentence_of(m.start())
            if _STUDY.search(text, m.start(), min(len(text), m.end() + 12)):
                continue
            g = 1 if m.group(1) else 2
            near = CLINICAL_RE.search(text, max(0, m.start() - 200), min(len(text), m.end() + 200))
            if near and not _overlaps(hits, m.start(g), m.end(g)):
                hits.append(Hit("privacy.relation", m.start(g), m.end(g), placeholder="[PERSON]"))
    return hits


def _screenshot(d: Draft) -> list[Hit]:
    """A screenshot or 'captura' of what a patient wrote."""
    text = d.text
    hits: list[Hit] = []
    for m in SCREENSHOT_RE.finditer(text):
        window = text[max(0, m.start() - 100) : m.end() + 120]
        if MESSAGE.search(window) and (PATIENT_WORD.search(window) or PERSON_RE.search(window)):
            hits.append(Hit("privacy.screenshot", m.start(), m.end()))
    return hits


def _soft(d: Draft) -> list[Hit]:
    """Age, date, place, town, rarity and 'today in clinic': identifying only inside a patient story."""
    text = d.text
    hits: list[Hit] = []
    if not _about_person(d):
        if d.setting:  # "bed 12 on the night shift": a bed number is always somebody's
            hits += [Hit("privacy.place", m.start(), m.end(), None, "[PLACE]") for m in BED_RE.finditer(text)]
        for m in PLACE_NUM_RE.finditer(text):  # "pt in room 11": a room number next to a patient
            s_start, s_end = d.sentence_of(m.start())
            if PATIENT_WORD.search(text, s_start, s_end) and not _overlaps(hits, m.start(), m.end()):
                hits.append(Hit("privacy.place", m.start(), m.end(), None, "[PLACE]"))
        return hits
    soft_ok = not d.deidentified
    for m in PLACE_NUM_RE.finditer(text):
        hits.append(Hit("privacy.place", m.start(), m.end(), placeholder="[PLACE]"))
    for m in HOSPITAL_RE.finditer(text):
        if not _overlaps(hits, m.start(), m.end()):
            hits.append(Hit("privacy.place", m.start(), m.end(), placeholder="[PLACE]"))
    for m in UNUSUAL_RE.finditer(text):
        hits.append(Hit("privacy.unusual", m.start(), m.end()))
    if not soft_ok:
        return hits
    for m in AGE_RE.finditer(text):
        hits.append(Hit("privacy.age", m.start(), m.end(), placeholder="[AGE]"))
    for m in COMMA_AGE_RE.finditer(text):
        hits.append(Hit("privacy.age", m.start(1), m.end(1), placeholder="[AGE]"))
    for m in AGE_EXTRA_RE.finditer(text):
        if not _overlaps(hits, m.start(), m.end()):
            hits.append(Hit("privacy.age", m.start(), m.end(), placeholder="[AGE]"))
    for m in PAREN_AGE_RE.finditer(text):
        if not _overlaps(hits, m.start(1), m.end(1)):
            hits.append(Hit("privacy.age", m.start(1), m.end(1), placeholder="[AGE]"))
    for m in BARE_AGE_RE.finditer(text):
        if not NOT_AGE_BEFORE.search(text, max(0, m.start() - 20), m.start()) and not _overlaps(
            hits, m.start(1), m.end(1)
        ):
            hits.append(Hit("privacy.age", m.start(1), m.end(1), placeholder="[AGE]"))
    for m in SHORT_DATE_RE.finditer(text):
        if not _overlaps(hits, m.start(1), m.end(1)):
            hits.append(Hit("privacy.date", m.start(1), m.end(1), placeholder="[DATE]"))
    for h in _who(d):
        if not _overlaps(hits, h.start, h.end):
            hits.append(h)
    for m in DATE_RE.finditer(text):
        hits.append(Hit("privacy.date", m.start(), m.end(), placeholder="[DATE]"))
    # A reply that declines to assess the reader and sends them to care ("I can't say what's going on without
    # examining her; she needs to be seen today") times the reader's next step, not an encounter the writer had.
    sent_to_care = sit.DECLINE_RE.search(text) is not None
    for m in () if sent_to_care else STORY_RE.finditer(text):
        if not _overlaps(hits, m.start(), m.end()):
            hits.append(Hit("privacy.story", m.start(), m.end(), severity="medium"))
    if not sent_to_care and not any(h.rule == "privacy.story" for h in hits):
        when = WHEN_RE.search(text)
        if when and not _overlaps(hits, when.start(), when.end()):
            hits.append(Hit("privacy.story", when.start(), when.end(), severity="medium"))
    if not any(h.rule == "privacy.story" for h in hits):
        enc = ENCOUNTER_RE.search(text)
        if enc:
            hits.append(Hit("privacy.encounter", enc.start(), enc.end(), severity="medium"))
    person_or_age = [h.end for h in hits if h.rule == "privacy.age"]
    for m in TOWN_RE.finditer(text):
        town = m.group(1)
        if town.split()[0] in NOT_NAME or _overlaps(hits, m.start(1), m.end(1)):
            continue
        near_person = any(0 <= m.start() - end <= 25 for end in person_or_age) or _NEAR_TOWN.search(
            text[max(0, m.start() - 30) : m.start()]
        )
        if near_person:
            hits.append(Hit("privacy.place", m.start(1), m.end(1), placeholder="[PLACE]"))
    return hits


_CARE_DETAIL = ci(
    r"\b(?:appointment|referral|visit|seen|letter|consultation|cita|informes?|tarjeta\s+sanitaria|consulta"
    r"|volante"
    r"|receta|prescription|referred|derivamos|physio|fisioterapia)\b"
)


def _review(d: Draft) -> list[Hit]:
    """A reply to a review that mentions the reviewer's care discloses that they are a patient and more."""
    hits: list[Hit] = []
    for m in RECORD_NOTED_RE.finditer(d.text):
        hits.append(Hit("privacy.review", m.start(), m.end()))
    for m in REVIEW_RE.finditer(d.text):
        for det in REVIEW_DETAIL_RE.finditer(d.text, m.end()):
            if CLINICAL_RE.search(det.group()) or _CARE_DETAIL.search(det.group()):
                hits.append(Hit("privacy.review", det.start(), det.end()))
                break
        break
    return hits


def detect(d: Draft) -> list[Hit]:
    """All patient-privacy hits; the engine merges neighbouring identifiers into one flag."""
    hits = _names(d) + _contacts(d) + _review(d) + _screenshot(d)
    for h in _soft(d):
        if not _overlaps(hits, h.start, h.end):
            hits.append(h)
    others = any(h.rule != "privacy.story" and h.severity != "medium" for h in hits)
    if others or MEDIA_SHARED.search(d.text):  # a dated story plus another identifier ("today in clinic")
        hits = [Hit(h.rule, h.start, h.end, None, h.placeholder) if h.rule == "privacy.story" else h
                for h in hits]
    return hits
