"""Shared vocabulary of the rule modules: the regex toolkit, the clinical and situational words, the draft facts.

Each rule module (rules_*.py) exposes `RULES` (explanations by rule id) and `detect(draft) -> list[Hit]`.
Detectors only find spans; the engine turns hits into localised flags, so wording lives in one place.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rapidfuzz.distance import OSA

from bot.draft_check.types import Language

_Trie = dict[str, "_Trie"]


def word_alt(words: str) -> str:
    """'a|b c|d' -> a regex alternation with flexible inner spaces and hyphens and optional accents.

    Built as a trie ('heart attack|heart failure' -> 'heart\\s+(?:attack|failure)') so that a list of hundreds
    of words costs little more than a short one; at every branch the longer continuation is tried first.
    """
    trie: _Trie = {}
    for w in {w.strip() for w in words.split("|") if w.strip()}:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie)


_ACCENTED = {"á": "[aá]", "é": "[eé]", "í": "[ií]", "ó": "[oó]", "ú": "[uú]", "ü": "[uü]"}


def _piece(ch: str) -> str:
    """One character of a listed word as regex: any run of spaces, hyphen or nothing, accent optional."""
    if ch == " ":
        return r"\s+"
    if ch == "-":
        return "[- ]?"
    return _ACCENTED.get(ch, re.escape(ch))


def _emit(node: _Trie) -> str:
    branches = [_piece(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here: try the longer continuation first, then stop
        return body + "?" if len(body) == 1 else "(?:" + body + ")?"
    return body


_TOKEN_RE = re.compile(r"[^\W\d_]{4,}")


class FuzzyTerms:
    """Typo-tolerant matching of a few key words ("xray" -> "xrya", "testimonial" -> "testimonal").

    Only words of four letters or more with the same first letter and length within two are compared, with
    edit distance (a swap of two letters counts as one) 1, or 2 for words of nine letters or more.
    """

    def __init__(self, words: str) -> None:
        self.by_initial: dict[str, list[str]] = {}
        for w in {w.strip().lower() for w in words.split("|") if w.strip()}:
            self.by_initial.setdefault(w[0], []).append(w)

    def finditer(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for m in _TOKEN_RE.finditer(text):
            token = m.group().lower()
            for term in self.by_initial.get(token[0], ()):
                if abs(len(term) - len(token)) > 2:
                    continue
                limit = 2 if len(term) >= 9 else 1
                if OSA.distance(token, term, score_cutoff=limit) <= limit:
                    spans.append((m.start(), m.end()))
                    break
        return spans


def ci(pattern: str) -> re.Pattern[str]:
    """Compile case-insensitively; every rule pattern is compiled once, at import."""
    return re.compile(pattern, re.IGNORECASE)


# Capitalised word (a name or a place) in English or Spanish spelling.
CAP = r"[A-ZÁÉÍÓÚÑÜ][a-záéíóúñüçàèìòù'’-]+"

# Conditions, tests, treatments and care settings: what makes a personal detail health information.
CLINICAL_WORDS = word_alt(
    "hiv|aids|cancer|tumour|tumor|leukaemia|leukemia|lymphoma|diabetes|diabetic|dementia|alzheimer's"
    "|alzheimer"
    "|parkinson's|stroke|heart attack|infarct|pneumonia|covid|sepsis|copd|asthma|depression|depressed"
    "|anxiety|bipolar|psychosis|overdose|addiction|alcoholic|hepatitis|syphilis|chlamydia|herpes"
    "|pregnant|pregnancy|miscarriage|abortion|ivf|infertility|fracture|fractured|broken|appendicitis"
    "|kidney stone|dialysis|transplant|amputation|surgery|operation|post-op|biopsy|mri|ct|scan|x-ray|xray"
    "|ultrasound|blood tests|blood test|bloods|test results|results|diagnosed|diagnosis|prognosis|terminal"
    "|palliative|end-stage|chemo|chemotherapy|radiotherapy|insulin|warfarin|medication|meds|prescription"
    "|epilepsy|seizure|autism|anorexia|bulimia|wound|burn|graft|rhinoplasty|hernia|chest pain|jaundice"
    "|infection|uti|admitted|discharged|icu|a&e|resus|died|passed away|dnr|coma|pain|migraine|disc"
    "|vih|sida|cáncer|leucemia|linfoma|diabético|diabética|demencia|alzhéimer|párkinson|ictus|infarto"
    "|neumonía|epoc|asma|depresión|ansiedad|esquizofrenia|sobredosis|adicción|alcohólico|sífilis"
    "|embarazada|embarazo|aborto|infertilidad|fractura|apendicitis|cálculo renal|diálisis|trasplante"
    "|amputación|cirugía|operación|operarse|opero|operado|operada|biopsia|resonancia|tac|radiografía"
    "|ecografía|analítica|análisis|resultados|diagnóstico|diagnosticado|diagnosticada|paliativos"
    "|quimio|quimioterapia|insulina|sintrom|medicación|esclerosis|ela|epilepsia|autismo|anorexia"
    "|herida|quemadura|hernia|hernia discal|dolor torácico|infección|ingresado|ingresada|uci|falleció"
    "|fallecido|nos ha dejado|coma etílico|dolor|migraña|demencia|prótesis|colonoscopia|alzheimer"
    "|dialysis|cálculo|tensión|infección de orina|colesterol|foreign body|cuerpo extraño|flu|gripe|fever"
    "|fiebre|ecg|ekg|electrocardiograma|convulsión|luxación|dislocation|twins|gemelos|delivered|parto"
    "|tiroides|thyroid|ibs|eczema|psoriasis|rash|erupción|lesion|lesión|asta de toro|bypass|stent|pacemaker"
    "|marcapasos|cateterismo|hip replacement|knee replacement|prótesis de cadera|cyst|quiste|ovarian|lump"
    "|bulto|benign|benigno|maligno|malignant|filler|relleno|botox|smoking|fumar|panic attack|ataque de pánico"
    "|meningitis|sepsis|self-harm|autolesión|renal|kidney failure|renal failure|heart failure|liver failure"
    "|end stage|cirrhosis|cirrosis|hepatic|hepática|cardiac|cardíaco|cardiaca|oncology|oncología|premature"
    "|prematuro|prematura|born at|nació con|cólico|colic|asthma attack|crisis asmática|stroke|dementia"
    "|alzhéimer|hiv positive|terminal cancer|metastatic|metástasis|sickle cell|drepanocitosis|dissection"
    "|disección|aneurysm|aneurisma|pulmonary embolism|embolia|overdosed|intubated|intubado|ventilated"
    "|chemo|radioterapia|trauma|politraumatizado|cardiac arrest|parada cardiaca|resucitación|rcp|cpr"
    "|abscess|absceso|drained|drenado|pancreatic|páncreas|another fall|had a fall|after a fall|otra caída"
    "|una caída|readmitted"
    "|reingreso|back in with|bruise"
    "|hematoma|sutured|suturado|stitches|puntos de sutura|codeine|codeína|opioid|opiáceos|disorder|trastorno"
    "|syndrome|síndrome|disease|enfermedad|injury|bmi|imc|eating disorder|operated on|operé|he operado"
    "|latido|heartbeat|no heartbeat|sin latido|sala de críticos|críticos|malas noticias|bad news"
    # Broader everyday vocabulary (EN/ES, Spain and Latin America), so rewordings still read as health.
    "|sprain|sprained|torn|ligament|acl|meniscus|tendon|concussion|laceration|lacerations|stab wound"
    "|gunshot|car crash|rta|rtc|collapsed|fainted|blackout|seizures|bleed|bleeding|haemorrhage"
    "|hemorrhage|blood clot|clot|dvt|embolism|withdrawal|detox|rehab|sectioned|psych ward|suicidal"
    "|suicide attempt|self harm|miscarried|stillbirth|stillborn|c-section|caesarean|cesarean|preeclampsia"
    "|in labour|sats|ventilator|on the vent|dislocated|debridement"
    "|sutures|suture|cannula|catheter|lumbar puncture|intubation|resuscitation|dx|hx|new dx"
    "|diagnosed with|tested positive|positive for|std|sti|gonorrhoea|gonorrhea|hpv|tb|tuberculosis"
    "|measles|chickenpox|shingles|cellulitis|melanoma|lump in|tumour|mastectomy|ostomy|stoma"
    "|colostomy|wheelchair|paralysed|paralyzed|deaf|cerebral palsy|down syndrome|down's|adhd|ocd|ptsd"
    "|schizophrenia|eating disorder|anorexic|bulimic|obese|obesity|gastric band|gastric bypass"
    "|weight loss surgery"
    "|ozempic|wegovy|viagra|erectile|impotence|vasectomy|hysterectomy|menopause|endometriosis|pcos"
    "|rotura|ligamento|menisco|tendón|esguince|conmoción|traumatismo|herida de arma|apuñalado"
    "|accidente de tráfico|accidente de moto|atropello|atropellado|atropellada|desmayo|síncope|convulsiones"
    "|sangrado|hemorragia|trombo|trombosis|coágulo|abstinencia|desintoxicación|intento de suicidio|suicidio"
    "|autolesiones|aborto espontáneo|cesárea|preeclampsia|de parto|saturación|respirador"
    "|luxado|luxada|desbridamiento|sutura|sonda|punción lumbar|intubación|reanimación"
    "|diagnosticaron|dio positivo|positivo en|gonorrea|vph|tuberculosis|sarampión|varicela"
    "|herpes zóster|celulitis|melanoma|bulto en|tumor|mastectomía|ostomía|colostomía"
    "|silla de ruedas|parálisis|ciego|ciega|sordo|sorda|parálisis cerebral|síndrome de down|tdah|toc"
    "|trastorno alimentario|obesidad|obeso|obesa|balón gástrico|manga gástrica|menopausia|endometriosis"
    "|disfunción eréctil|vasectomía|histerectomía|neumonia|bronquiolitis|gastroenteritis|diarrea|vómitos"
    "|fiebre alta|brote|recaída|relapse|flare|flare-up|insuficiencia|fallo renal|cálculos"
    "|tiene cáncer|tiene diabetes|diabetes tipo|type 1|type 2|t1d|t2d|tipo 1|tipo 2"
    "|mal controlada|mal controlado|poorly controlled|recovering|recuperando"
    "|post-op|postop|postoperatorio|ingresó|ingresaron|dado de alta|dada de alta|alta hospitalaria"
    "|crisis convulsiva|crisis epiléptica|crisis de ansiedad|closed reduction|reducción cerrada|on oxygen"
    "|con oxígeno"
    "|quemaduras|quemado|quemada|ahogamiento|drowning|burns|chemotherapy|quimioterapia|radioterapia"
    "|didn't make it|did not make it|no lo logró|no sobrevivió|no salió adelante|worked on him|worked on her"
    "|we lost him|we lost her|lo perdimos|la perdimos|pulled out of the river|pulled out of the water"
    "|pulled from the water|sacado del río|sacada del río|sacado del agua|sacada del agua"
    "|readmission|admission for|admissions this|reingresos|stage 1|stage 2|stage 3|stage 4|stage iv|estadio"
    "|ca de mama|ca de pulmón|ca de colon|triple negativo"
    "|triple negative|coded|crashed|en parada|ng tube|feeding tube|peg tube|drip|gotero|sonda nasogástrica"
    "|prostate|próstata|panic attack|ataque de ansiedad|burnout|tremor|temblor|bite|mordedura|spleen|bazo"
    "|pronóstico reservado|guarded prognosis|critical condition|estado crítico|unconscious|inconsciente"
    "|de baja|baja médica|baja por|off sick|signed off|sick leave|sick note|came back positive|salió positivo"
    "|salió positiva|positive result|bad result|cetoacidosis|ketoacidosis|psicótico|psicótica|psychotic"
    "|pressure sore|pressure ulcer|úlcera por presión|escara|gave birth|delivered a baby|dio a luz|ha dado a luz"
    "|dar a luz|parió|cochlear implant|implante coclear|hernia repair|hamstring|isquiotibial|resaca|hangover"
    "|discharge|his discharge|her discharge|el alta|para el alta|su alta|sus puntos|los puntos|le pusimos puntos"
)
# Clinical shorthand in capitals (MI, PE, DM2, IAM ...): case-sensitive so "mi" (Spanish "my") is not one.
CLINICAL_ABBR = (
    r"(?-i:MI|STEMI|NSTEMI|PE|DVT|CHF|CKD|AKI|AF|HTN|DKA|TIA|CVA|SAH|ACS|GI\s+bleed|UGIB|SOB|COPD|T1DM"
    r"|T2DM|DM[12]?|ALS|MND|HIV|ETOH|EtOH|ORIF|IAM|SCA|TEP|TVP|ICC|IRC|ERC|HTA|EPOC|ACV|AIT"
    r"|HDA|DM\s?2|DM\s?1|ELA|TCE|PCR\s+positiva|RNPT|ETS|ITS|VIH|ITU|IRA|FRA|SAHS)"
)
# Encounter phrases: someone arriving for care is health information even without a diagnosis.
ENCOUNTER = (
    r"came\s+in\s+(?:with|on|at|after)|presented\s+with|brought\s+in|rushed\s+in|admitted\s+with"
    r"|vino\s+(?:a\s+(?:consulta|urgencias)|con)|ha\s+venido|acudi[oó]|lleg[oó]\s+a\s+urgencias|ingres[oó]"
    r"|had\s+a\s+patient|a\s+patient\s+(?:with|who)|tuve\s+una?\s+paciente|una?\s+paciente\s+(?:con|que)"
    r"|lost\s+(?:Mr|Mrs|Ms|Miss|our|my|a|the)\b|nos\s+lleg[oó]|atendimos|we\s+(?:saw|treated|pulled|removed)"
    r"|came\s+(?:in\s+)?to\s+see\s+me|vino\s+a\s+verme|walked\s+in\s+with|atend[ií](?!\w)|swallowed|se\s+trag[oó]"
    r"|stuck\s+in\s+(?:his|her|their|the)|(?:up|in)\s+(?:his|her|their)\s+(?:nose|ear|ears|throat|eye|bum|rectum)"
    r"|se\s+(?:cay[oó]|meti[oó]|ha\s+ca[ií]do|ha\s+metido)\b|had\s+a\s+fall|fell\s+(?:off|from|down)"
)
ENCOUNTER_ANY_RE = ci(rf"\b(?:{ENCOUNTER})")
CLINICAL_RE = ci(
    rf"(?<![\w@#])(?:{CLINICAL_WORDS})(?:e?s)?(?!\w)|(?<![\w@#])(?:{CLINICAL_ABBR})(?![\w@])"
    rf"|\b\w+(?:itis|oma|osis|path(?:y|ies)|pat[ií]as?|ectom(?:y|ies)|ectom[ií]as?|plast(?:y|ies)|plastias?"
    rf"|scop(?:y|ies)|scopias?|algias?)\b"
    # a function lost: "sudden vision loss", "pérdida de audición"
    rf"|\b(?:vision|visual|hearing|memory|sight)\s+loss\b|\bp[eé]rdida\s+(?:de\s+)?(?:visi[oó]n|audici[oó]n|memoria"
    rf"|la\s+vista|o[ií]do)\b"
    rf"|\b(?:{ENCOUNTER})"
)

# Places where care happens: a setting word turns a bed or room number into a patient's location.
SETTING_RE = ci(
    r"\b(?:ward|clinic|a&e|ed|icu|itu|resus|theatre|on[- ]call|night shift|shift|hospital|surgery"
    r"|consulta|urgencias|guardia|planta|quirófano|uci|hospital|centro de salud|ambulatorio"
    r"|bay|bed|cama|habitación|hab\.|resus|theatre|nicu|picu|scbu|ucin|ucip|neonatal|neonatos|maternity"
    r"|paritorio|labour\s+ward|hospice|care\s+home|residencia|cubicle|cub[ií]culo|box|side\s+room|majors|minors"
    r"|triage|triaje|observaci[oó]n|sala\s+de\s+(?:espera|observaci[oó]n)|geri\s+ward|paeds|peds)(?!\w)"
)

# Someone being talked about: a patient or a single person.
PERSON_RE = ci(
    r"(?<!Hospital\s)(?<!Hospital\sdel\s)(?<!Hospital\sde\sla\s)\b(?:patient|pt|man|woman|lady|gentleman|guy|girl|boy|child|kid|baby|toddler|teen|teenager|mum|dad"
    r"|mother|father|wife|husband|son|daughter|veteran|she|him|her|his|(?-i:Mr|Mrs|Ms|Miss|Sr|Sra|Srta)"
    # English "he", not Spanish "he" + participle ("he terminado")
    r"|he(?!\s+(?:\w+[aeií]d[oa]|hecho|visto|puesto|dicho|escrito|vuelto|abierto|roto|cubierto)\b)"
    r"|teacher|pensioner|retiree|farmer|driver|footballer|(?:the|our|local)\s+mayor|alcalde|alcaldesa|maestr[oa]"
    r"|profesor|profesora|estudiante|jubilad[oa]|agricultor[a]?|conductor[a]?|presentador[a]?"
    r"|paciente|señor|señora|hombre|mujer|chico|chica|chaval|chavala|niño|niña|bebé|abuelo|abuela|varón"
    r"|madre|padre|hijo|hija|él|ella|don|doña|dad|mum|papá|mamá|vecin[oa]|neighbou?r"
    r"|lad|bloke|fella|chap|gent|youngster|infant|newborn|sr|sra|srta|nena|nene|cr[ií][oa]|peque|muchach[oa]"
    r"|chamac[oa]|chav[oa]|pib[ea]|morr[oa]|morrit[oa]|señorita|viud[oa]|anciano|anciana|abuelit[oa]"
    r"|doñita|pts|pcte|pte|client|clienta|cliente|masculino|femenino|femenina|male|female)\b"
)

# "to Karen who gave us 1 star", "a la señora que nos puso una estrella": a reply to a rating.
STAR_REVIEW = (
    r"\bwho\s+(?:gave|left)\s+(?:us|me)\s+(?:a\s+|an\s+)?(?:one|two|1|2|bad|negative|poor)?[- ]?"
    r"(?:stars?|review|rating)"
    r"|\bque\s+(?:nos|me)\s+(?:puso|dej[oó]|dio|ha\s+puesto|ha\s+dejado)\s+(?:una|1|dos|2)\s+estrellas?"
)
# "Your GP record has been noted", "su historial ya está anotado": a public reply that uses someone's file.
RECORD_NOTED_RE = ci(
    r"\b(?:your|su|tu)\s+(?:GP\s+|medical\s+|clinical\s+|patient\s+)?(?:record|notes|file|historial|historia"
    r"(?:\s+cl[ií]nica)?|expediente|ficha)\s+(?:\w+\s+){0,3}?(?:noted|flagged|marked|updated|anotad[oa]"
    r"|marcad[oa]|registrad[oa])\b"
)
# A procedure's "results" on my patients, shown to attract others: advertising and implied patient images.
RESULTS_RE = ci(
    r"\b(?:real\s+)?results?\s+(?:of|from)\s+(?:my|our|this)\s+patients?['’]?s?\b"
    r"|\bresultados?\s+(?:reales\s+)?de\s+(?:mis?|nuestr[oa]s?)\s+pacientes?\b"
    r"|\bc[oó]mo\s+qued[oó]\s+[^.!?\n]{0,40}?\bde\s+(?:mi|nuestr[oa])\s+paciente\b"
)
# "before and after", "antes y después", "after 3 sessions": a comparison of someone's results.
BEFORE_AFTER_RE = ci(
    r"\bbefore\s*(?:and|&|/|-|n|\+|vs\.?|➡️|➡|→|->|>)\s*after\b|\bantes\s*(?:➡️|➡|→|->|>)\s*despu[eé]s\b|\bpre-?(?:op)?\s*(?:and|&|/|-|\+|vs\.?)\s*post(?:-?op)?\b"
    r"|\bantes\s*(?:y|/|-|&|\+|vs\.?)\s*(?:el\s+)?despu[eé]s\b|#(?:beforeandafter|antesydespu[eé]s|beforeafter)\b"
    r"|\b(?:after|tras|despu[eé]s\s+de)\s+(?:\d+|one|two|three|four|five|six|una|dos|tres|cuatro|cinco|seis)\s+"
    r"(?:sessions?|sesi[oó]n(?:es)?|treatments?|tratamientos?)\b"
    r"|\btransformation\s+(?:monday|tuesday|wednesday|thursday|friday)\b|#transformation\w*"
    r"|\b\d+\s+(?:weeks?|months?|days?|semanas|meses|d[ií]as)\s+(?:post|after|despu[eé]s\s+de|tras)\s+"
    r"(?:(?:the|my|el|la|mi)\s+)?(?:botox|filler|relleno|rinoplastia|rhinoplasty|lipo\w*|blefaroplastia"
    r"|blepharoplasty|peeling|laser|l[aá]ser|implants?|implantes?|hilos|threads|carillas|veneers)\b"
    r"|\bb\s?&\s?a\b|\b(?:day|d[ií]a|week|semana|month|mes)\s+(?:0|1|one|uno)\s+(?:vs\.?|v|to|and|y|→|->)\s+"
    r"(?:day|d[ií]a|week|semana|month|mes)\s+\d+"
)
CONSENT_WRITTEN_RE = ci(
    r"\b(?:written|signed|documented|informed)\s+(?:and\s+\w+\s+)?(?:consent|permission|authori[sz]ation)"
    r"|\bconsent(?:ed)?\s+(?:in\s+writing|form)|\bconsentimiento\s+(?:informado\s+)?(?:por\s+)?escrito"
    r"|\bconsentimiento\s+informado|\bautorizaci[oó]n\s+(?:por\s+)?escrit[ao]|\bpermiso\s+por\s+escrito"
)
DEIDENTIFIED_RE = ci(
    r"\b(?:anonymi[sz]ed|anonymous|de-?identified|deidentified|details\s+(?:have\s+been\s+)?(?:changed"
    r"|altered)"
    r"|identifying\s+details\s+removed|anonimizad[oa]s?|an[oó]nim[oa]|datos\s+(?:modificados|cambiados)"
    r"|sin\s+datos\s+identificativos|desidentificad[oa])\b"
)
# Any permission short of written consent: "mum said it was fine", "with the family's blessing", "de palabra".
# Someone told the doctor to post it, or was happy to be shown: a permission, never a written consent.
TOLD_TO_POST = (
    r"\b(?:(?:said|told\s+(?:me|us))\s+(?:I|we)?\s*(?:could|to|can)\s+(?:post|share|upload|show)|insisted\s+(?:I|we)\s+"
    r"(?:post|share)|(?:gave|give)\s+(?:me|us|the)\s+(?:the\s+)?(?:go[- ]ahead|ok|okay|thumbs[- ]up)|said\s+go\s+ahead"
    r"|(?:would|will)\s+(?:definitely\s+|totally\s+)?be\s+fine\s+with\s+it|loved\s+the\s+idea\s+of\s+(?:going\s+viral|being"
    r"\s+(?:on|posted))|wanted\s+to\s+be\s+on\s+my\s+(?:page|feed|channel)"
    r"|(?:me\s+)?dij(?:o|eron)\s+que\s+(?:l[oa]s?\s+)?(?:subiera|subi[eé]ramos|publicara|compartiera|colgara)"
    r"|(?:tenemos|tengo)\s+su\s+ok|nos\s+dio\s+(?:el\s+)?ok|dijo\s+que\s+s[ií]|se\s+anim[oó]|s[uú]bela|subila"
    r"|publ[ií]cala|me\s+pidi[oó]\s+que\s+(?:lo|la)\s+(?:subiera|publicara))\b"
)
CONSENT_ANY_RE = ci(
    r"\b(?:consent\w*|permission|authori[sz]ation|consentimiento|permiso|autorizaci[oó]n|blessing|bendici[oó]n"
    r"|said\s+(?:it\s+was\s+|it['’]s\s+)?(?:fine|ok(?:ay)?|alright|happy)|(?:was|were)\s+happy\s+for\s+me\s+to"
    r"|said\s+I\s+could|didn['’]?t\s+mind|agreed\s+(?:verbally|to\s+it)|verbal(?:ly)?|de\s+palabra"
    r"|me\s+dij(?:o|eron)\s+que\s+(?:pod[ií]a|vale|no\s+le\s+importaba)|le\s+pareci[oó]\s+bien|no\s+le\s+importa)"
    rf"|{TOLD_TO_POST}"
)


SENTENCE_RADIUS = 300


@dataclass
class Draft:
    """The (already truncated) draft plus facts several rules need, computed once per check."""

    text: str
    language: Language
    sentences: list[tuple[int, int]] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)  # per-draft results shared by rule modules

    def __post_init__(self) -> None:
        self.sentences = split_sentences(self.text)

    @cached_property
    def clinical(self) -> bool:
        return CLINICAL_RE.search(self.text) is not None

    @cached_property
    def setting(self) -> bool:
        return SETTING_RE.search(self.text) is not None

    @cached_property
    def person(self) -> bool:
        return PERSON_RE.search(self.text) is not None

    @cached_property
    def consent_written(self) -> bool:
        return CONSENT_WRITTEN_RE.search(self.text) is not None

    @cached_property
    def deidentified(self) -> bool:
        return DEIDENTIFIED_RE.search(self.text) is not None

    @cached_property
    def consent_any(self) -> bool:
        return CONSENT_ANY_RE.search(self.text) is not None

    @cached_property
    def _starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding `pos`, clamped to SENTENCE_RADIUS either side so that
        per-match checks stay linear on unpunctuated walls of text."""
        i = bisect.bisect_right(self._starts, pos) - 1
        start, end = self.sentences[i] if i >= 0 else (0, len(self.text))
        if not start <= pos < end:
            start, end = 0, len(self.text)
        return max(start, pos - SENTENCE_RADIUS), min(end, pos + SENTENCE_RADIUS)

    def around(self, pos: int, before: int, after: int) -> str:
        """The sentence holding `pos` with `before` characters ahead of it and `after` past it: where a part
        that qualifies the match ("on call", "a patient", "at the bar") may sit."""
        start, end = self.sentence_of(pos)
        return self.text[max(0, start - before) : min(len(self.text), end + after)]

    def sentence_text(self, pos: int) -> str:
        start, end = self.sentence_of(pos)
        return self.text[start:end]


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+|(?<=[:;])\s+(?=[A-ZÁÉÍÓÚÑ¿¡])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Dr|Dra|Drs|Sr|Sra|Srta|Mr|Mrs|Ms|St|Prof|Dña|vs|etc|approx|aprox|nº|No|p\.ej|e\.g|i\.e)"
    r"|\b[A-Z])\.$"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans; good enough to keep a rule's evidence local."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text, max(0, m.start() - 6), m.start()):
            continue
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
