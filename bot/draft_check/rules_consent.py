"""Consent rule: patient photos, scans and videos need written consent and de-identification first.

Only images shared *of someone* count ("this X-ray", "photo of my patient", "before and after"); an
educational sentence about MRI scans is not a picture of a patient.
"""

from __future__ import annotations

from bot.draft_check.rules import Draft, Hit, Rule, ci, word_alt

RULES: dict[str, Rule] = {
    "consent.media": Rule(
        "consent",
        "high",
        "HIPAA, 45 CFR 164.508(a)(3) and 164.514(b)(2) (full-face and comparable images); "
        "GMC, Using social media as a medical professional, 2024; CNOM, charte des sites web",
        "A patient's photo, scan or video is health information; posting it needs the patient's written "
        "consent and removal of anything identifying (face, tattoos, names, dates, metadata).",
        "La foto, prueba de imagen o vídeo de un paciente es información de salud; publicarla exige su "
        "consentimiento por escrito y quitar todo lo identificativo (cara, tatuajes, nombres, fechas, metadatos).",
        "Get written consent, crop and strip metadata, and say so in the post (\"shared with written "
        "consent, anonymised\"); otherwise do not post it.",
        "Consigue el consentimiento por escrito, recorta y borra metadatos, e indícalo (\"con consentimiento "
        "por escrito, imagen anonimizada\"); si no, no la publiques.",
    ),
    "consent.verbal": Rule(
        "consent",
        "medium",
        "HIPAA, 45 CFR 164.508(a)(3) (written authorization); GMC, Using social media as a medical "
        "professional, 2024",
        "Consent is mentioned but not written consent or de-identification.",
        "Se menciona un permiso, pero no un consentimiento por escrito ni la anonimización.",
        "Keep the signed consent form and state \"written consent, anonymised\" in the post.",
        "Guarda el consentimiento firmado e indica \"consentimiento por escrito, anonimizada\" en el texto.",
    ),
}

_MEDIA = word_alt(
    "photo|photos|photograph|photographs|pic|pics|picture|pictures|image|images|x-ray|x-rays|xray|xrays"
    "|radiograph|scan|scans|mri|ct|ct scan|ultrasound|echo|video|videos|clip|footage|selfie"
    "|foto|fotos|fotografía|fotografías|imagen|imágenes|radiografía|radiografías|rx|placa|ecografía|eco"
    "|tac|resonancia|vídeo|vídeos|video|videos|grabación"
)
MEDIA_RE = ci(rf"(?<!\w)(?:{_MEDIA})(?!\w)")
_CUE_BEFORE = ci(
    r"(?:\bthis|\bthese|\bhere['’]?s|\bhere\s+(?:is|are)|\bcheck\s+out|\blook\s+at|\bsharing|\battached"
    r"|\bmy|\bour|\btoday['’]s|\bpatient['’]s|\bpost-?op|\bpre-?op|\bmirad|\bmira|\bos\s+dejo|\bos\s+enseño"
    r"|\bcomparto|\badjunto|\baquí|\besta|\beste|\bestas|\bestos|^|[.!?\n]|📸|📷|🎥)[^.!?\n]{0,30}$"
)
_CUE_AFTER = ci(
    r"^[^.!?\n]{0,50}?(?:\bbelow|\battached|👇|⬇|\bfrom\s+(?:this\s+morning|today|yesterday|last\s+night)"
    r"|\bof\s+(?:a|my|the|our|this)\s+(?:patient|man|woman|lady|child|boy|girl|baby)"
    r"|\bde\s+(?:esta\s+mañana|hoy|ayer)|\bd(?:e|el)\s+(?:la\s+|el\s+|mi\s+|un\s+|una\s+|nuestr[oa]\s+)?"
    r"(?:paciente|niñ[oa]|señor[a]?|chic[oa]|bebé|pie|parto)|\bque\s+(?:he|hemos)\s+\w+\s+hoy"
    r"|\bi\s+(?:did|took|removed|operated)|\bwe\s+(?:did|took|removed))"
)
BEFORE_AFTER_RE = ci(
    r"\bbefore\s*(?:and|&|/|-)\s*after\b|\bpre-?op\s+(?:and|&|/)\s+post-?op\b|\bantes\s+y\s+despu[eé]s\b"
)
_COSMETIC = ci(
    r"\b(?:patient|paciente|photo|pic|foto|results?|resultado|swipe|desliza|post-?op|surgery|cirug[ií]a"
    r"|rhinoplasty|rinoplastia|botox|filler|relleno|lifting|lipo\w*|implant\w*|tratamiento|treatment"
    r"|aumento|blefaroplastia|blepharoplasty)\b"
)


def detect(d: Draft) -> list[Hit]:
    """Shared patient media without written consent or de-identification stated in the draft."""
    if d.consent_written or d.deidentified or not (d.clinical or d.person or d.setting):
        return []
    rule = "consent.verbal" if d.consent_any else "consent.media"
    text = d.text
    hits: list[Hit] = []
    for m in BEFORE_AFTER_RE.finditer(text):
        s_start, s_end = d.sentence_of(m.start())
        if _COSMETIC.search(text, s_start, s_end):
            hits.append(Hit(rule, m.start(), m.end()))
    for m in MEDIA_RE.finditer(text):
        if any(h.start <= m.start() < h.end + 40 for h in hits):
            continue
        before = text[max(0, m.start() - 30) : m.start()]
        after = text[m.end() : m.end() + 60]
        if _CUE_BEFORE.search(before) or _CUE_AFTER.search(after):
            hits.append(Hit(rule, m.start(), m.end()))
    return hits
