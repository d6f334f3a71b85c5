"""Consent rule: patient photos, scans and videos need written consent and de-identification first.

Only images shared *of someone* count ("this X-ray", "photo of my patient", "before and after"); an
educational sentence about MRI scans is not a picture of a patient.
"""

from __future__ import annotations

from bot.draft_check import situations as sit
from bot.draft_check.types import Hit, Rule
from bot.draft_check.vocabulary import BEFORE_AFTER_RE, RESULTS_RE, TOLD_TO_POST, Draft, FuzzyTerms, ci, word_alt

RULES: dict[str, Rule] = {
    "consent.media": Rule(
        "consent",
        "high",
        "HIPAA, 45 CFR 164.508(a)(3) and 164.514(b)(2) (full-face and comparable images); "
        "GMC, Using social media as a medical professional, 2024; CNOM, charte des sites web",
        "A patient's photo, scan or video is health information; posting it needs the patient's written "
        "consent and removal of anything identifying (face, tattoos, names, dates, metadata).",
        "La foto, prueba de imagen o vídeo de un paciente es información de salud; publicarla exige su "
        "consentimiento por escrito y quitar todo lo identificativo (cara, tatuajes, nombres, fechas, "
        "metadatos).",
        "Get written consent, crop and strip metadata, and say so in the post (\"shared with written "
        "consent, anonymised\"); otherwise do not post it.",
        "Consigue el consentimiento por escrito, recorta y borra metadatos, e indícalo (\"con consentimiento "
        "por escrito, imagen anonimizada\"); si no, no la publiques.",
    ),
    "consent.story": Rule(
        "consent",
        "medium",
        "GMC, Confidentiality: disclosing patients' personal information for education and publication, 2017, "
        "paras 106-112; GMC, Using social media as a medical professional, 2024",
        "Telling one patient's case in public (a thread, a talk, a newsletter) needs their consent unless it is "
        "truly anonymised; someone who knows them may recognise the story.",
        "Contar en público el caso de un paciente concreto (un hilo, una charla, un boletín) necesita su "
        "consentimiento salvo que esté realmente anonimizado; alguien que le conozca puede reconocer la "
        "historia.",
        "Ask for the patient's written consent and say so (\"shared with written consent, details changed\"), "
        "or change the details until nobody could recognise them.",
        "Pide su consentimiento por escrito e indícalo (\"con consentimiento por escrito, datos cambiados\"), o "
        "cambia los detalles hasta que nadie pueda reconocerle.",
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
    "|tac|resonancia|vídeo|vídeos|video|videos|grabación|ecg|ekg|electrocardiograma|electro|dermoscopy|dermatoscopia"
)
MEDIA_RE = ci(
    rf"(?<!\w)(?:{_MEDIA})(?!\w)|📸|📷|🎥|🎬"
    r"|(?<!\w)(?:vids?|reels?|clips?|carrusel|carousel|slides?|diapos?|x-?rays?|rayos\s+x|placas?|rx|tc|tac"
    r"|ct|angio(?:grama|gram)?|fotitos?|fotit[oa]s?|videito|grab[eé]|grabamos|he\s+grabado|filmed|recorded|film|filming|grabar|grabando"
    r"|snaps?|snapped|subir\s+su|subo\s+su|aqu[ií]\s+el\s+v[ií]deo"
    # recordings and copies of records are patient media too
    r"|footage|recordings?|audio|screenshots?|screen\s*shots?|capturas?|tomograf[ií]as?|otoscop\w+|endoscop\w+"
    r"|printouts?|traces?|trazados?|voice\s+notes?|notas?\s+de\s+voz|audios?)(?!\w)"
)
# Misspelt key media words ("xrya", "radiogarfia", "ecografia", "fotografai").
MEDIA_TYPOS = FuzzyTerms("xray|xrays|radiografia|radiografias|radiograph|ecografia|fotografia|photograph|picture"
                         "|pictures|ultrasound|resonancia|video|videos|photos")
# Pictures of staff, or videos made for patients, are not pictures of a patient.
_STAFF_SCENE = ci(
    r"\b(?:registrars?|residents?|residentes?|team|equipo|colleagues?|compañer[oa]s?|staff|grand\s+round"
    r"|group\s+photo|foto\s+de\s+grupo|students?|estudiantes|congress|congreso|conference|poster|p[oó]ster"
    r"|award|premio|graduation|graduaci[oó]n|waiting\s+room|sala\s+de\s+espera|talk|charla|presentation"
    r"|presentaci[oó]n|ponencia|webinar|lecture|keynote"
    # a model, animation or mannequin: nobody's body is shown
    r"|animated|animation|animaci[oó]n|animad[oa]|mannequins?|maniqu[ií]s?|simulat\w+|simulad\w+)\b"
)
_FOR_PATIENTS = ci(
    r"(?:\b(?:after|in|on|from|about|since|tras|en|desde|sobre)\s+(?:my|mi)\s+(?:latest\s+|last\s+|new\s+|[uú]ltimo\s+)?$)"
    r"|(?:\bpatient\s+(?:information\s+|education(?:al)?\s+)?$)|(?:\b(?:educational|explainer|información)\s+$)"
    r"|(?:\b(?:new|nuevo|nueva|our\s+new|nuestro\s+nuevo)\s+$)"
)
_FOR_PATIENTS_AFTER = ci(
    r"^\s*(?:for\s+patients|para\s+pacientes|explains|explica|educativ[oa]|informativ[oa])"
    # the writer's own explainer: "in this video I explain", "en este vídeo explico", "video series on sleep"
    r"|^\s*,?\s*(?:I|we|yo)?\s*(?:explain|explico|explicamos)\s+(?:\w+\s+){0,2}?(?:how|what|why|when"
    r"|the\s+difference|c[oó]mo|qu[eé]|por\s+qu[eé]|cu[aá]ndo|la\s+diferencia)\b"
    r"|^\s*series\s+(?:on|about)\b"
    r"|^\s*(?:of|de|del)\s+(?:the\s+|our\s+|la\s+|el\s+|nuestr[oa]\s+)?(?:new|nuev[oa])\b"
    r"|^\s*(?:machine|scanner|suite|room|unit|equipment|m[aá]quina|aparato|sala|unidad)\b"
)
_PATIENTISH = ci(
    r"\b(?:patient|pt|paciente|man|woman|lady|gentleman|guy|girl|boy|child|kid|baby|toddler|chaval|chic[oa]|niñ[oa]"
    r"|señor[a]?|peque|chiquit[ií]n|cr[ií]o|beb[eé]|teenager|adolescente|\d+-year-old|daughter|son|hij[oa]|gran"
    r"|grandad|grandma|abuelit[oa]|abuel[oa]|mum|dad|lad|chaval"
    r"|hombre|mujer|bebé|client|clienta|cliente|pcte|pte|nen[ea]|peque|she|her|him|his)\b"
)
# "check out ... photo" (strong cue, a few words apart) or "this X-ray" (weak cue, right before the word).
_CUE_STRONG = ci(
    r"(?:\b(?:interesting|cool|classic|textbook|nice|great|crazy|wild|insane|impressive|epic|gnarly|rare|real|uncut"
    r"|unedited|raw|full|sin\s+editar|real(?:es)?"
    r"|interesante|espectacular|impresionante|brutal|tremend[oa]|menud[oa]|curios[oa]|bonit[oa]|precios[oa])"
    r"|\brecorded|\bfilmed|\bgrab[eé]|\bgrabamos|\bsnapped|\btook\s+a|\bsaqu[eé]|\bsubo|\bsubiendo|\bmiren"
    r"|\bchequen|\bvean|\bwatch|\bhere['’]?s|\bhere\s+(?:is|are)|\bcheck\s+out|\blook\s+at|\bsharing|\battached|\btoday['’]s"
    r"|\bpatient['’]s|\bmirad|\bmira|\bos\s+dejo|\bos\s+enseño|\b(?:les|os|te)\s+(?:muestro|enseño|comparto|dejo)"
    r"|\bcomparto|\badjunto|\baquí\s+(?:está|tenéis"
    r"|va)|\bsubir|\bpublicar|\bcompartir|\bpost(?:ing)?|\bupload(?:ing)?|\bshare"
    r"|📸|📷|🎥)(?:\s+[^\s.!?]+){0,5}\s+$"
)
_CUE_WEAK = ci(
    r"(?:\bthis|\bthese|\bmy|\bour|\besta|\beste|\bestas|\bestos)(?:\s+[^\s.!?'’]+(?<!['’]s)){0,2}\s+$"
)
_OF_PERSON = ci(r"^\s+(?:[^\W\d_]+\s+)?(?:of|de|del|from|en)\b")
# Recording or pointing at a recording: filming someone is making patient media whatever the noun.
# "never post photos from the ward", "no publiquéis fotos": advice against posting is not a post.
_DONT_POST = ci(r"\b(?:never|don['’]?t|do\s+not|no|nunca|evita|avoid)\s+(?:\w+\s+){0,2}$")
_CAPTURE = ci(
    r"(?:film|filming|filmed|recorded|grabar|grabando|grab[eé]|grabamos|he\s+grabado|snaps?|snapped|subir\s+su"
    r"|subo\s+su|aqu[ií]\s+el\s+v[ií]deo)(?!\w)"
)
_BODY = ci(
    r"\b(?:face|cara|faces|caras|reaction|reacci[oó]n|first\s+steps|primeros\s+pasos|cheek|mejilla|hand|mano|back"
    r"|espalda|neck|cuello|forearm|antebrazo|scalp|cuero\s+cabelludo|shin|espinilla|leg|pierna|arm|brazo|foot|pie"
    r"|finger|dedo|toe|nose|nariz|ear|oreja|eye|ojo|knee|rodilla)\b"
)
# "check out the wound on ...": a visible finding pointed at is a picture even if the word is missing.
_SHOWN = ci(
    r"\b(?:check\s+out|look\s+at|mirad|mira|f[ií]jate\s+en|os\s+enseño)\s+(?:\w+\s+){0,3}?"
    r"(?:wound|rash|lesion|ulcer|burn|herida|lesi[oó]n|erupci[oó]n|[uú]lcera|quemadura|abscess|absceso|cyst"
    r"|quiste|tumou?r|stone|c[aá]lculo|foreign\s+body|cuerpo\s+extraño|swelling|hinchaz[oó]n|bruise|morat[oó]n"
    r"|scar|cicatriz|deformity|deformidad|fracture|fractura|forehead|face|lips|nose|skin|belly|tummy|chest|leg"
    r"|arm|foot|back|teeth|smile|cara|frente|labios|nariz|piel|pecho|barriga|tripa|pierna|brazo|pie|espalda"
    r"|dientes|sonrisa|mole|lunar|nail|uña|eye|ojo|jawline|mand[ií]bula)s?\b"
    r"|\b(?:here['’]?s|this\s+is)\s+what\s+(?:a|an|the)\s+(?:\w+\s+){0,3}?looks?\s+like\b(?=[^.!?\n]{0,60}"
    r"(?:👇|⬇|👉|\bbelow\b|\bfrom\s+(?:my|the|our)\s+(?:clinic|ward|list)|\byesterday|\btoday))"
    r"|\bas[ií]\s+(?:es|se\s+ve)\s+(?:un|una)\s+\w+(?:\s+\w+)?\s+(?:real|de\s+verdad)\b"
    r"|\bswipe\W{0,6}(?:to\s+see|for)\b|\bdesliza\s+para\s+ver\b|\b(?:look|see)\s+how\s+(?:\w+\s+){0,3}?(?:looks|healed)"
    r"|\b(?:os\s+enseño|mirad|mira)\s+c[oó]mo\s+(?:qued[oó]|est[aá]|lleg[oó]|ha\s+quedado)"
)
_CUE_AFTER = ci(
    r"^[^.!?\n]{0,50}?(?:\bbelow|\battached|👇|⬇|\bfrom\s+(?:this\s+morning|today|yesterday|last\s+night)"
    r"|\bfrom\s+(?:my\s+|the\s+|our\s+)?(?:clinic|ward|resus|ed|a&e|er|theatre|icu|shift|on-?call|list)\b"
    r"|\b(?:slide|diapo)\s*\d|\b\d(?:st|nd|rd|th|ª|a)?\s+(?:slide|diapo)|\bguess\s+the\s+(?:dx|diagnosis)"
    r"|\b(?:adivina|adivinad|adivinen)\b|¿\s*(?:diagn[oó]stico|dx)\s*\?|\bwhat['’]?s\s+(?:your|the)\s+(?:dx"
    r"|diagnosis)|\bcu[aá]l\s+es\s+(?:el|vuestro|tu|su)\s+diagn[oó]stico|\bspot\s+the\b|\bcan\s+(?:you|u)\s+spot"
    r"|\bd(?:e|el)\s+(?:la\s+)?(?:guardia|consulta|urgencias|planta|quir[oó]fano)\b|\bon\s+my\s+phone\b"
    r"|\b(?:thoughts|opinions|ideas|ddx)\s*\?|\bwhat\s+would\s+(?:you|u)\s+do\b|\bqu[eé]\s+(?:opin[aá]is|opinan"
    r"|har[ií]ais|har[ií]an|pensáis|piensan)\b"
    r"|\bof\s+(?:a|an|the|this|my)\s+(?:\w+\s+){0,2}?(?:lesion|rash|wound|mole|ulcer|fracture|tumou?r|mass|foot"
    r"|hand|leg|arm|back|face|skin|eye|knee|hip|chest|abdomen|belly)\b|\bon\s+(?:a|an|the|my)\s+(?:\w+\s+)?"
    r"(?:lady|man|woman|guy|pt|patient|kid|child|baby)['’]s\b"
    r"|#(?:derm|rad|ecg|ekg|xray|foamrad|clinicalimage|imagingcase|casoclinico)\w*"
    r"|\bcon\s+(?:el|mi)\s+m[oó]vil\b|\bfor\s+my\s+followers\b|\bpara\s+(?:mis|mis\s+)?seguidores\b"
    r"|\b(?:of|from)\s+(?:a|my|the|our|this|that)\s+(?:patient|man|woman|lady|child|boy|girl|baby|guy|kid|lad)"
    r"|\bde\s+(?:esta\s+mañana|hoy|ayer)|\bd(?:e|el)\s+(?:la\s+|el\s+|mi\s+|un\s+|una\s+|nuestr[oa]\s+)?"
    r"(?:paciente|niñ[oa]|señor[a]?|chic[oa]|bebé|pie|parto)|\bque\s+(?:he|hemos)\s+\w+\s+hoy"
    r"|\bi\s+(?:took|removed|operated)|\bwe\s+(?:took|removed)"
    r"|\bin\s+(?:the\s+)?(?:first\s+)?comments?\b|\ben\s+(?:el|los)\s+(?:primer\s+)?comentarios?\b"
    r"|\bin\s+(?:my\s+)?stor(?:y|ies)\b|\ben\s+(?:mis\s+)?stor(?:y|ies)\b|\bon\s+my\s+(?:instagram|tiktok|channel))"
)
_COSMETIC = ci(
    r"\b(?:patient|paciente|photo|pic|foto|results?|resultado|swipe|desliza|post-?op|surgery|cirug[ií]a"
    r"|rhinoplasty|rinoplastia|botox|filler|relleno|lifting|lipo\w*|implant\w*|tratamiento|treatment"
    r"|aumento|blefaroplastia|blepharoplasty)\b"
)


_VISUAL = ci(
    r"\b(?:real|reales|see|ver|swipe|desliza|photos?|fotos?|pics?|pictures?|im[aá]genes|look|mirad)\b|📸|📷|👇"
)


_LESION = ci(
    r"\b(?:wound|rash|lesion|ulcer|burn|scar|herida|lesi[oó]n|erupci[oó]n|[uú]lcera|quemadura|cicatriz|mole"
    r"|lunar|melanoma|eczema|eccema|psoriasis|acne|acn[eé]|abscess|absceso)s?\b"
)
# "... de mi paciente ... foto real": the picture is of the writer's own patient.
_MY_PATIENT = ci(
    r"\b(?:my|our|this|mi|nuestr[oa]|est[ea])\s+(?:\w+\s+)?(?:patient|pt|client|paciente|pcte|clienta|cliente)s?\b"
)
# A procedure filmed or photographed is a patient's care even without a diagnosis in the text.
_PROCEDURE = ci(
    r"\b(?:procedure|procedimiento|intervenci[oó]n|reduction|reducci[oó]n|operation|op|surgery|extraction"
    r"|extracci[oó]n|removal|delivery|birth|nacimiento|case|caso|dx|findings?|hallazgos?)\b"
)


# A case told as a story: a thread, "let me tell you", a talk or a newsletter feature ...
_TELLING = ci(
    r"🧵|\b(?:thread|hilo|abro\s+hilo|(?:os|les|te)\s+cuento|let\s+me\s+tell\s+you|story\s+of|la\s+historia\s+de"
    r"|a\s+case\s+(?:that|I|from)|un\s+caso\s+(?:que|de)|el\s+caso\s+de|(?:this|last)\s+(?:month|week)['’]s\s+case"
    r"|grand\s+rounds?|sesi[oó]n\s+cl[ií]nica|newsletter|bolet[ií]n|walks?\s+into|walked\s+into|stays?\s+with\s+me"
    r"|never\s+forget|no\s+olvidar[eé]|wildest|m[aá]s\s+loc[oa])\b"
)
# ... about one person introduced as "a man in his 60s", "una chica de 23 años", "a young dad", "un nene".
_ONE_PERSON = ci(
    r"\b(?:a|an|one|una?|el|la)\s+(?:\w+\s+){0,2}?(?:man|woman|lady|gentleman|guy|dad|father|mum|mother|boy|girl"
    r"|teen(?:ager)?|student|fisherman|farmer|teacher|nurse|pensioner|hombre|mujer|señor|señora|chic[oa]|pib[ea]"
    r"|chaval|nen[ea]|niñ[oa]|abuel[oa]|padre|madre|jubilad[oa]|maestr[oa]|docente|paciente|patient)\b"
    r"(?=[^.!?\n]{0,40}(?:\b(?:in\s+(?:his|her|their)\s+\d0s|aged?\s+\d+|\d+|de\s+\d+(?:\s+años)?|who|que|with|con"
    r"|came|walked|arrived|lleg[oó]|vino)\b))"
    r"|\b\d{1,2}-year-old\b|\bde\s+\d{1,2}\s+años\b|\bin\s+(?:his|her)\s+(?:early\s+|late\s+)?\d0s\b"
)


# The writer's own family ("la mecedora de mi abuela", "my daughter's bike") is not a patient: a before/after of
# their things is a hobby post. Leave-one-file-out: two restored-furniture posts (drafts_hand_c, _d) flagged.
_OWN_FAMILY = ci(
    r"\b(?:my|mi|mis)\s+(?:own\s+)?(?:daughters?|sons?|grandad|grandma|mum|dad|hij[oa]s?|abuelit[oa]s?|abuel[oa]s?"
    r"|gran)\b"
)


_TOLD_TO_POST = ci(TOLD_TO_POST)
# The writer says nobody's body or record is shown: a textbook or public-domain image, an animation, their own scan.
_NOBODY_SHOWN = ci(
    r"\bno\s+real\s+(?:patients?|recordings?|images?|footage)\b|\bnot\s+(?:of\s+|from\s+)?(?:a|any)\s+(?:real\s+)?"
    r"patient\b|\bno\s+es\s+de\s+ning[uú]n\s+paciente\b|\bpublic[- ]domain\b|\bdominio\s+p[uú]blico\b"
    r"|\bmy\s+own\s+(?:\w+\s+)?(?:x-?ray|scan|mri|ct|ecg|ultrasound|bloods)\b|\bmi\s+propi[oa]\s+(?:radiograf[ií]a"
    r"|resonancia|ecograf[ií]a|tac|analítica)\b"
)
_CARE_MEDIA = ci(r"\b(?:eco|ecograf[ií]a|ultrasound|scan|x-?rays?|radiograf[ií]as?|placas?|tac|ct|mri|resonancia)\b")


def _patientish(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] speaks of a person who may be a patient (not the writer's own family)."""
    own = [(m.start(), m.end()) for m in _OWN_FAMILY.finditer(text, start, end)]
    return any(not any(s <= m.start() < e for s, e in own) for m in _PATIENTISH.finditer(text, start, end))


def _story(d: Draft) -> list[Hit]:
    """One patient's case told as a story, without consent or de-identification stated."""
    telling = _TELLING.search(d.text)
    person = _ONE_PERSON.search(d.text)
    if telling is None or person is None or not (d.clinical or d.setting):
        return []
    rule = "consent.verbal" if d.consent_any else "consent.story"
    return [Hit(rule, person.start(), person.end())]


# Pointing readers at a named person's result: "look at Karen's new smile", "see what Kara says [video]", "mira el
# cambio de Carmen", "swipe to see Tom's transformation".
_LOOK = ci(
    r"\b(?:look\s+at|see|watch|check\s+out|swipe|hear|mira|mire|miren|mirad|desliza|ve|vean)\b|\[video\]|\bv[ií]deo\b"
    r"|\bphotos?\b|\bfotos?\b|📸|📷|🎥|👇"
)

_QUOTED_BY = ci(r"\b(?:what|says|dice|que|far)\s+$")


def _named_result_shown(d: Draft) -> list[Hit]:
    """A named person's treatment result shown to readers (a picture or a video of them, in effect)."""
    named = sit.first(d, "who.named_result")
    if named is None:
        return []
    quoted = _QUOTED_BY.search(d.text, max(0, named[0] - 20), named[0]) is not None  # "what Jess said": words
    shown = MEDIA_RE.search(d.text) or BEFORE_AFTER_RE.search(d.text)
    if not shown and (quoted or _LOOK.search(d.text, max(0, named[0] - 60), named[1] + 60) is None):
        return []
    rule = "consent.verbal" if d.consent_any else "consent.media"
    return [Hit(rule, named[0], named[1])]


def detect(d: Draft) -> list[Hit]:
    """Shared patient media (or one patient's story) without written consent or de-identification stated."""
    # "el compadre dijo que lo subiéramos": somebody's body or care on camera, shared on a say-so (not a team photo)
    told = _TOLD_TO_POST.search(d.text) is not None and (
        d.clinical or d.setting or _PROCEDURE.search(d.text) is not None or _BODY.search(d.text) is not None
        or _CARE_MEDIA.search(d.text) is not None
    ) and _STAFF_SCENE.search(d.text) is None
    if d.consent_written or d.deidentified or _NOBODY_SHOWN.search(d.text):
        return []
    named = _named_result_shown(d)
    if named:
        return named
    if not (d.clinical or d.person or d.setting or _PROCEDURE.search(d.text) or told):
        return []
    rule = "consent.verbal" if d.consent_any else "consent.media"
    text = d.text
    hits: list[Hit] = []
    for m in BEFORE_AFTER_RE.finditer(text):
        s_start, s_end = d.sentence_of(m.start())
        if _COSMETIC.search(text, s_start, s_end) or _patientish(text, s_start, s_end) or _LESION.search(
            text, s_start, s_end
        ):
            hits.append(Hit(rule, m.start(), m.end()))
    for m in RESULTS_RE.finditer(text):  # "real results of our patients, swipe to see": shown as pictures
        s_start, s_end = d.sentence_of(m.start())
        if _VISUAL.search(text, max(0, s_start - 1), min(len(text), s_end + 80)):
            hits.append(Hit(rule, m.start(), m.end()))
    for m in _SHOWN.finditer(text):
        if text[max(0, m.start() - 1) : m.start()] not in ("\"", "“", "'", "‘", "«"):  # quoted: reported speech
            hits.append(Hit(rule, m.start(), m.end()))
    spans = [(m.start(), m.end()) for m in MEDIA_RE.finditer(text)]
    spans += [sp for sp in MEDIA_TYPOS.finditer(text) if not any(s <= sp[0] < e for s, e in spans)]
    for start, end in sorted(spans):
        if any(h.start <= start < h.end + 40 for h in hits):
            continue
        before = text[max(0, start - 40) : start]
        after = text[end : end + 60]
        s_start, s_end = d.sentence_of(start)
        if _FOR_PATIENTS.search(before) or _FOR_PATIENTS_AFTER.search(after) or _DONT_POST.search(before):
            continue
        emoji = not text[start].isalpha()
        scene_start, scene_end = (0, len(text)) if emoji else (s_start, s_end)
        staff = _STAFF_SCENE.search(text, scene_start, scene_end) is not None
        if staff and not _PATIENTISH.search(text, scene_start, scene_end):
            continue
        opens = not text[s_start:start].strip(" \"'“‘¡¿-*_#") and _OF_PERSON.match(after) is not None
        if _CAPTURE.match(text, start) and (
            _PATIENTISH.search(text, s_start, s_end) or _LESION.search(text, s_start, s_end)
            or _BODY.search(text, s_start, s_end)
        ):
            hits.append(Hit(rule, start, end))
            continue
        cued = (_CUE_STRONG.search(before) or _CUE_WEAK.search(before) or _CUE_AFTER.search(after)
                or _MY_PATIENT.search(text, s_start, s_end))
        if (emoji and _PATIENTISH.search(text)) or opens or cued:
            hits.append(Hit(rule, start, end))
    if not hits and told:
        media = MEDIA_RE.search(text)
        if media is not None:
            hits.append(Hit("consent.verbal", media.start(), media.end()))
    return hits or _story(d)
