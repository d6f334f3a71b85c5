"""Professionalism and medical-advice rules: how doctors talk about people and to them online.

Insults need a person nearby (a patient, a colleague); dosing instructions need an addressee or an
individual regimen, so general education ("adults can take up to 4 g a day") is not flagged.
"""

from __future__ import annotations

import re

from bot.draft_check.names import GIVEN_NAMES
from bot.draft_check.types import Hit, Rule
from bot.draft_check.vocabulary import CAP, RECORD_NOTED_RE, STAR_REVIEW, Draft, ci

_GMC = "GMC, Using social media as a medical professional, 2024, para 14"
_OMC = "OMC/CGCOM, Manual de estilo, 2014"

RULES: dict[str, Rule] = {
    "prof.disparage": Rule(
        "professionalism",
        "medium",
        f"{_GMC}; BMA, Social media guidance, 2017; {_OMC}",
        "Mocking or insulting patients or colleagues in public undermines trust in the profession; "
        "disputes between doctors belong in private or formal channels.",
        "Burlarse o insultar a pacientes o colegas en público daña la confianza en la profesión; las "
        "discrepancias entre médicos se tratan en privado o por los cauces formales.",
        "Remove the remark; raise concerns about a colleague privately or through clinical governance.",
        "Quita el comentario; plantea tus dudas sobre un colega en privado o por los cauces del centro.",
    ),
    "prof.confirm": Rule(
        "professionalism",
        "medium",
        "HHS OCR, 2022 (confirming someone is a patient can be a disclosure); " + _GMC,
        "Saying that a named person is your patient discloses the care relationship itself.",
        "Decir que una persona con nombre es tu paciente revela la propia relación asistencial.",
        "Do not confirm who your patients are; speak in general terms.",
        "No confirmes quiénes son tus pacientes; habla en términos generales.",
    ),
    "prof.review": Rule(
        "professionalism",
        "medium",
        "HHS OCR, Dec 2022 (no PHI in replies to online reviews); CNOM, Préserver sa réputation numérique, "
        "2018",
        "Answering a review with details of the visit confirms the reviewer is a patient and argues in "
        "public.",
        "Responder a una reseña con detalles de la visita confirma que es paciente y discute en público.",
        "Reply briefly and generically (\"We take all feedback seriously; please contact the practice\").",
        "Responde breve y en general (\"Valoramos toda opinión; contacte con la consulta, por favor\").",
    ),
    "advice.individual": Rule(
        "medical-advice",
        "medium",
        f"ACP/FSMB, Online Medical Professionalism, 2013; {_OMC}",
        "Individual treatment or dosing instructions online, without assessing the person, can harm them "
        "and create a doctor-patient relationship in public.",
        "Dar pautas de tratamiento o dosis a una persona por redes, sin valorarla, puede dañarla y crea una "
        "relación médico-paciente en público.",
        "Give general information only and direct the person to their own doctor, an appointment or, if "
        "urgent, emergency care.",
        "Da solo información general y remite a la persona a su médico, a una cita o, si es urgente, a "
        "urgencias.",
    ),
}

_INSULT = (
    r"idiots?|morons?|moronic|stupid|dumb|incompetent|clueless|useless|lazy|pathetic|quacks?|nutters?|crazy"
    r"|hypochondriacs?|whingers?|drug[- ]seekers?|junkies?|frequent\s+flyers?|retard(?:ed)?|halfwit|butcher"
    r"|idiotas?|imb[eé]ciles?|tont[oa]s?(?:\s+de\s+remate)?|est[uú]pid[oa]s?|in[uú]til(?:es)?|incompetentes?"
    r"|vag[oa]s?|pesadez|pesad[oa]s|ignorantes?|matasanos|payas[oa]s?|hipocondr[ií]ac[oa]s|subnormal(?:es)?"
    r"|carnicer[oa]|negligente|misdiagnosed|avoid\s+(?:him|her|them)|evitad(?:le|la|lo)"
    r"|how\s+is\s+(?:he|she)\s+still\s+practi[sc]ing|no\s+sabe\s+ni|clowns?|bunch\s+of\s+\w+|(?:el"
    r"|la)\s+pesad[oa]"
    r"|no\s+s[eé]\s+c[oó]mo\s+(?:le|la)\s+dejan|too\s+stupid|payasos?|incompeten(?:ce|cia)"
    r"|should\s+be\s+struck\s+off|shouldn['’]?t\s+be\s+in\s+medicine|(?:sois|son|eres|es)\s+lo\s+peor"
    r"|(?:are|is)\s+the\s+worst|negligen(?:ce|cia)|(?:an?\s+)?(?:absolute|complete|total)\s+(?:joke|disgrace"
    r"|liability)|couldn['’]?t\s+(?:cannulate|intubate|diagnose|suture|examine|cannulise)\s+a\s+\w+|in[uú]til\s+perdid[oa]|scam|estafa\w*|fraud\w*|frauds?|charlat[aá]n\w*"
    r"|vendeh[uú]mos|cowboy|how\s+do\s+(?:these|such)\s+people|how\s+did\s+(?:he|she|they)\s+(?:pass|qualify)"
    r"|chapuzas|(?:you['’]re|you\s+are|is|eres|es)\s+(?:a|un|una)\s+(?:danger|peligro|menace|amenaza)|shameful|disgraceful|vergonzoso|una\s+verg[uü]enza|avoid\s+(?:Mr|Mrs|Ms|Dr)\b|evitad\s+al?\s+(?:Dr|Dra|doctor|doctora)\b"
    r"|c[oó]mo\s+aprueban\s+estos|de\s+d[oó]nde\s+(?:ha|han)\s+salido"
    r"|muppets?|numpt(?:y|ies)|plonkers?|pillocks?|prats?|donkeys?|waste\s+of\s+(?:space|oxygen)|torpes?"
    r"|zoquetes?|paquetes?|mantas|un\s+cero\s+a\s+la\s+izquierda|mens[oa]s|tarad[oa]s?|babos[oa]s?"
    r"|should\s+be\s+ashamed|ought\s+to\s+be\s+ashamed|deber[ií]a\s+(?:darle|darte|daros)\s+verg[uü]enza"
    r"|qu[eé]\s+verg[uü]enza\s+de|sin\s+verg[uü]enza|sinverg[uü]enzas?"
    r"|(?:couldn['’]?t|can['’]?t|cannot|doesn['’]?t\s+know\s+how\s+to)\s+(?:even\s+)?(?:read|interpret|spot"
    r"|recogni[sz]e|tell|find)\s+(?:a|an|the)\s+(?:basic|simple|obvious|normal)\b"
    r"|no\s+sabe\s+(?:ni\s+)?(?:leer|interpretar|ver|distinguir|poner)\s+(?:un|una)\b"
    r"|inútil|ineptos?|ineptas?|inept|useless|bobos?|mensos?|pendej\w+|pringad[oa]s?|capull[oa]s?|gilipollas"
)
INSULT_RE = ci(rf"\b(?:{_INSULT})\b")
# Labels that only ever describe patients, used to belittle them: no separate target needed.
PATIENT_SLUR_RE = ci(
    r"\b(?:drug[- ]seekers?|frequent\s+flyers?|junkies?|time[- ]wasters?|bed[- ]blockers?|gomers?|crumblies"
    r"|nutters?|hiperfrecuentador[ae]s?|yonquis?|drogatas?|pesad[oa]s?\s+de\s+siempre|jetas|caraduras)\b"
)
TARGET_RE = ci(
    rf"\b(?:patients?|pts?|colleagues?|doctors?|nurses?|surgeons?|registrars?|residents?|consultants?|GPs?"
    rf"|regs?|SHOs?|SpRs?|FY[12]s?|F[12]s?|juniors?|seniors?|attendings?|interns?|anaesthetists?|anesthetists?"
    rf"|anesthesiologists?|ortho(?:paedic|pedic)?s?|medics?|paramedics?|locums?|sisters?|matrons?|adjunt[oa]s?"
    rf"|R[1-5]|MIR|internos?|guardias?|urgenci[oó]logos?|anestesistas?|trauma|traumas?|celador(?:es|a)?"
    rf"|people|he|she|him|her|they|one|team|department|staff|pacientes?|compañer[oa]s?|colegas?|residentes?"
    rf"|enfermer[oa]s?|equipo|servicio|señora|señor|guardia|cirujan[oa]s?|m[eé]dic[oa]s?|adjunt[oa]s?|él"
    rf"|ella|\w+(?:ist|ista)s?|\w+[oó]log[oa]s?|\w+ologists?|\w+iatras?|\w+iatrists?|clinic|cl[ií]nica)\b"
    rf"|\b(?:room|bed|bay|cama|habitaci[oó]n)\s*\d+\b|\b(?:Dr|Dra|Doctor|Doctora)\.?\s+{CAP}"
)
LAUGH_RE = re.compile(r"😂|🤣|😆|(?i:\blol\b|\blmao\b|\bja(?:ja)+\b)")
LAUGHED_AT_RE = ci(
    r"\b(?:patients?|pts?|pacientes?|the\s+(?:guy|man|woman|lady)\s+who|(?:el|la)\s+(?:señor|señora|tío|tía)\s+que)\b"
)
MOCK_RE = ci(
    r"\bpatients\s+these\s+days\b|\bpacientes\s+de\s+hoy\s+en\s+d[ií]a\b|\bstill\s+laughing\b"
    r"|\byou\s+can\s+guess\s+where\b|\bguess\s+where\b|\bme\s+parto\b|\bno\s+os\s+vais\s+a\s+creer\b"
)
CONFIRM_RE = re.compile(
    rf"\b(?i:as|like)\s+(?i:my|our)\s+patients?\s+{CAP}(?:\s+{CAP})?"
    rf"|\b(?i:como)\s+(?i:sabe|sabr[aá]|puede\s+confirmar)\s+(?i:mi"
    rf"|nuestr[oa])\s+paciente\s+{CAP}(?:\s+{CAP})?"
    rf"|\b{CAP}(?:\s+{CAP})?\s+(?i:is|was)\s+(?:(?i:a|one)\s+(?:of\s+)?)?(?i:my|our)\s+patients?\b"
    rf"|\b(?i:(?:she|he)['’]?s|(?:she|he)\s+is|who\s+is)\s+(?i:also\s+)?(?i:my|our)\s+patient\b"
    rf"|\b(?i:que\s+es|es\s+tambi[eé]n)\s+(?i:paciente\s+m[ií][oa]|mi\s+paciente)"
    rf"|\b{CAP}(?:\s+{CAP})?\s+es\s+(?:paciente\s+m[ií][oa]|mi\s+paciente|paciente\s+de\s+(?:la"
    rf"|mi)\s+consulta)"
)
REVIEW_MARK_RE = ci(
    rf"{STAR_REVIEW}"
    r"|\b(?:in\s+response\s+to|responding\s+to|replying\s+to|in\s+reply\s+to|regarding|re:?)\s+(?:your|this|the|their)\s+"
    r"(?:\w+[- ]star\s+|negative\s+|google\s+|online\s+)?(?:review|rating|comment|feedback)"
    r"|\bto\s+(?:the\s+person|whoever|the\s+patient)\s+who\s+(?:left|wrote|posted|gave)\b[^.:!?\n]{0,30}"
    r"|\b(?:en\s+respuesta\s+a|respuesta\s+a|respecto\s+a|en\s+relaci[oó]n\s+con)\s+(?:su|tu|esta"
    r"|la)\s+(?:reseña|opini[oó]n"
    r"|valoraci[oó]n|comentario|queja)(?:\s+en\s+google)?"
)
VISIT_DETAIL_RE = ci(
    r"\b(?:you\s+(?:arrived|came|were|had|cancel\w*|missed|attended|saw)|your\s+(?:visit|appointment|results?"
    r"|tests?|bloods?|biopsy|diagnosis|treatment|x-?ray|scan|prescription|medication)|we\s+saw\s+you"
    r"|usted\s+(?:vino|acudi[oó]|lleg[oó]|esper[oó]|fue)|your\s+(?:referral|letter|appointment)|you\s+didn['’]?t"
    r"|su\s+(?:hij[oa]|marido|mujer|madre|padre)|los\s+informes|la\s+tarjeta\s+sanitaria|vino\s+el|le\s+(?:recetamos|cambiamos|atendimos"
    r"|vimos|hicimos|dijimos)|su\s+(?:visita|cita"
    r"|anal[ií]tica|resultado|tratamiento|diagn[oó]stico|medicaci[oó]n|radiograf[ií]a|prueba))"
)

_DOSE = (
    r"\d+(?:[.,]\d+)?\s?(?:mg|g|mcg|µg|ml|mL|UI|IU|units|unidades|comprimidos?|pastillas?|tablets?|pills?"
    r"|gotas"
    r"|puffs|h|micrograms?|microgramos?)\b"
)
DOSE_RE = ci(_DOSE)
FREQ_RE = ci(
    r"\b(?:every\s+\d+\s*h(?:ours?)?|cada\s+\d+\s*h(?:oras)?|(?:once|twice|three\s+times"
    r"|\d+\s+times)\s+a\s+day"
    r"|\d+\s+veces\s+al\s+d[ií]a|al\s+d[ií]a|a\s+day|daily|for\s+\d+\s+days|durante\s+\d+\s+d[ií]as)\b"
)
_MED = (
    r"insulin|insulina|meds|medication|medicaci[oó]n|medicine|pill|pills|the\s+pill|pastillas?|p[ií]ldora"
    r"|tablets|comprimidos|dose|dosis|codeine|code[ií]nas?|tramadol|morphine|morfina|oxycodone|diazepam"
    r"|lorazepam|zolpidem|sleeping\s+(?:tablets|pills)|pastillas\s+para\s+dormir|antibiotics?|antibi[oó]ticos?|ibuprofen|ibuprofeno|paracetamol"
    r"|amoxicillin|amoxicilina|sertraline|sertralina|metformin|metformina|warfarin|sintrom|aspirin|aspirina"
    r"|inhaler|inhalador|steroids|corticoides|prednis\w+|omeprazol[e]?|statins?|estatinas?"
    r"|antihistamines?|antihistam[ií]nicos?|nitrofurantoin\w*|\w+(?:tadine|tadina|izine|izina)"
    r"|\w+(?:pril|sartan|olol|azepam|statin|statina|cillin|cilina|floxacin|micina|mycin|prazol|prazole|xetine"
    r"|xetina|triptan|ipina|ipine)"
)
IMPERATIVE_RE = ci(
    rf"\b(?:take|stop|start|double(?:\s+up)?|up\s+(?:your|the)|bump\s+up|halve|increase|decrease|reduce|skip|switch|swap|come\s+off"
    rf"|stop\s+taking|don['’]?t\s+take|do\s+not\s+take"
    rf"|you\s+should\s+(?:really\s+|just\s+)?(?:stop|take|start|double|increase|reduce|come\s+off)"
    rf"|no\s+dejes|t[oó]ma(?:la|lo|las|los)|t[oó]mate(?:la|lo)"
    rf"|you\s+need\s+(?:to\s+take)?|t[oó]mate|t[oó]mese|toma|tome|deja(?:\s+de\s+tomar)?"
    rf"|deje(?:\s+de\s+tomar)?"
    rf"|duplica|dobla|aumenta|sube|baja|reduce|suspende|c[aá]mbia(?:lo|la)?|no\s+te\s+tomes|no\s+tomes"
    rf"|empieza|pon(?:te)?|usa|dale|dele|dadle|denle|ponle|p[oó]ngale|give|administra)\b[^.!?\n]{{0,50}}?(?:{_DOSE}|\b(?:{_MED})\b)"
)
ADDRESS_RE = re.compile(r"(?<![\w.])@\w{2,}|\b(?:Replying\s+to|En\s+respuesta\s+a)\s+@")
_SECOND_PERSON = ci(r"\b(?:your|you|tu|tus|te|usted|contigo)\b")
_GENERAL = ci(
    r"^\s*(?:if|when|adults|children|most|the\s+usual|si|cuando|los\s+adultos|en\s+adultos|la\s+dosis)\b"
)
_STOP = ci(r"\b(?:stop|come\s+off|deja|deje|suspende)\b")


def _disparage(d: Draft) -> list[Hit]:
    text = d.text
    hits: list[Hit] = []
    for m in INSULT_RE.finditer(text):
        s_start, s_end = d.sentence_of(m.start())
        window = text[max(s_start, m.start() - 80) : min(s_end, m.end() + 60)]
        nearby = text[max(0, s_start - 120) : s_start] + " " + text[s_end : s_end + 40]
        if TARGET_RE.search(window) or TARGET_RE.search(nearby):
            hits.append(Hit("prof.disparage", m.start(), m.end()))
    hits += [Hit("prof.disparage", m.start(), m.end()) for m in MOCK_RE.finditer(text)
             if not any(h.start <= m.start() < h.end for h in hits)]
    hits += [Hit("prof.disparage", m.start(), m.end()) for m in PATIENT_SLUR_RE.finditer(text)
             if not any(h.start <= m.start() < h.end for h in hits)]
    if LAUGHED_AT_RE.search(text):  # laughing at a patient's story
        hits += [Hit("prof.disparage", m.start(), m.end()) for m in LAUGH_RE.finditer(text)][:1]
    return hits


def _confirm_and_review(d: Draft) -> list[Hit]:
    hits = [Hit("prof.confirm", m.start(), m.end()) for m in CONFIRM_RE.finditer(d.text)]
    hits += [Hit("prof.review", m.start(), m.end()) for m in RECORD_NOTED_RE.finditer(d.text)]
    for m in REVIEW_MARK_RE.finditer(d.text):
        if VISIT_DETAIL_RE.search(d.text, m.end()):
            hits.append(Hit("prof.review", m.start(), m.end()))
            break
    return hits


def _advice(d: Draft) -> list[Hit]:
    text = d.text
    addressed_draft = ADDRESS_RE.search(text) is not None
    hits: list[Hit] = []
    for m in IMPERATIVE_RE.finditer(text):
        s_start, s_end = d.sentence_of(m.start())
        sentence = text[s_start:s_end]
        lead = text[s_start : m.start()]
        vocative = re.match(r"\s*([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+),", lead)
        addressed = addressed_draft or bool(vocative and vocative.group(1) in GIVEN_NAMES)
        if not addressed and _GENERAL.match(sentence):
            continue
        second = _SECOND_PERSON.search(sentence) is not None
        regimen = DOSE_RE.search(sentence) is not None and FREQ_RE.search(sentence) is not None
        stop_own = second and _STOP.search(m.group()) is not None
        if addressed or regimen or stop_own:
            hits.append(Hit("advice.individual", m.start(), m.end()))
    return hits


def detect(d: Draft) -> list[Hit]:
    """Professionalism and individual-advice hits."""
    return _disparage(d) + _confirm_and_review(d) + _advice(d)
