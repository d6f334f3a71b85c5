"""Medical-advice rules: individual diagnosis, dosing or product advice given to one person online.

Dosing instructions need an addressee or an individual regimen, so general education ("adults can take up
to 4 g a day") is not flagged; a reply that sends the reader to their own doctor is not advice.
"""

from __future__ import annotations

import re

from bot.draft_check import situations as sit
from bot.draft_check.citations import OMC_STYLE_MANUAL as _OMC
from bot.draft_check.names import GIVEN_NAMES
from bot.draft_check.types import Hit, Rule
from bot.draft_check.vocabulary import Draft, ci

RULES: dict[str, Rule] = {
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
    "advice.diagnosis": Rule(
        "medical-advice",
        "medium",
        f"ACP/FSMB, Online Medical Professionalism, 2013; GMC, Good medical practice, 2024; {_OMC}",
        "A diagnosis or a remedy for one person from a post or a photo, without examining them, can be wrong "
        "and harmful, and creates a doctor-patient relationship in public.",
        "Un diagnóstico o un remedio para una persona a partir de un mensaje o una foto, sin explorarla, "
        "puede ser erróneo y dañino, y crea una relación médico-paciente en público.",
        "Do not diagnose or prescribe in the reply; say: 'I can't assess you online, please see your own "
        "doctor (or call 111/112 if it is urgent)'.",
        "No diagnostiques ni recetes en la respuesta; di: 'No puedo valorarte por aquí; consulta con tu "
        "médico (o llama al 112 si es urgente)'.",
    ),
}

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
# "in adults", "en niños": a dose for a population, not for the reader.
_POPULATION = ci(r"\b(?:in|for)\s+(?:adults|children|kids)\b|\ben\s+(?:adultos|niños|niñas|mayores)\b")
_STOP = ci(r"\b(?:stop|come\s+off|deja|deje|suspende)\b")


def _advice(d: Draft) -> list[Hit]:
    text = d.text
    addressed_draft = ADDRESS_RE.search(text) is not None
    hits: list[Hit] = []
    for m in IMPERATIVE_RE.finditer(text):
        if _REPORTED.search(text, max(0, m.start() - 14), m.start()):
            continue  # "she wants to stop her warfarin": reported, not an instruction
        s_start, s_end = d.sentence_of(m.start())
        if sit.DECLINE_RE.search(text, s_start, m.start()):
            continue  # "I can't tell you whether to stop a medication online": declining, not instructing
        sentence = text[s_start:s_end]
        lead = text[s_start : m.start()]
        vocative = re.match(r"\s*([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+),", lead)
        addressed = addressed_draft or bool(vocative and vocative.group(1) in GIVEN_NAMES)
        if not addressed and (_GENERAL.match(sentence) or _POPULATION.search(sentence)):
            continue
        second = _SECOND_PERSON.search(sentence) is not None
        regimen = DOSE_RE.search(sentence) is not None and FREQ_RE.search(sentence) is not None
        stop_own = second and _STOP.search(m.group()) is not None
        if addressed or regimen or stop_own:
            hits.append(Hit("advice.individual", m.start(), m.end()))
    return hits


def _situation(d: Draft) -> list[Hit]:
    """One reader + a diagnosis, or a drug/dose/product to take, or being told to skip care."""
    text = d.text
    hits: list[Hit] = []
    addressed = sit.has(d, "act.addressed") or sit.has(d, "who.vocative")
    for start, end in d.sentences:
        # the reader's own relative ("a tu mamá cámbiale la metformina"), unless said in general ("if your child...")
        relative = sit.has(d, "who.reader_relative", start, end) and not _GENERAL.match(text[start:end])
        if not (addressed or relative or sit.has(d, "act.addressed", start, end)):
            continue
        sentence = text[start:end]
        diagnose = sit.has(d, "act.diagnose", start, end) and (
            CLINICAL_OR_DX.search(sentence) is not None or sit.has(d, "act.drug", start, end)
            or sit.has(d, "what.clinical", start, end) or _ABBREVIATION.search(sentence) is not None
        )
        remedy = sit.has(d, "act.directive", start, end) and (
            sit.has(d, "act.drug", start, end) or sit.has(d, "act.dose", start, end)
            or sit.has(d, "act.product", start, end) or sit.has(d, "act.company", start, end)
        )
        avoid = sit.has(d, "act.avoid_care", start, end)
        if sit.has(d, "act.code", start, end):  # a shopping code is promotion, judged as such elsewhere
            continue
        if not (diagnose or remedy or avoid):
            continue
        if sit.has(d, "mit.own_doctor") and not (remedy or avoid):
            continue
        if sit.DECLINE_RE.search(text) and sit.has(d, "mit.own_doctor") and not sit.has(d, "act.dose", start, end):
            continue  # "no puedo valorar nada por mensaje; pide cita con tu médico": a decline that redirects
        if sit.has(d, "mit.general_info", start, end) and not avoid:
            continue
        hits.append(Hit("advice.diagnosis", start, end))
    return hits


CLINICAL_OR_DX = ci(
    r"\b(?:shingles|migraine|migra[ñn]a|virus|viral|infection|infecci[oó]n|eczema|eccema|reflux|reflujo|uti"
    r"|fasciitis|fascitis|tonsillitis|amigdalitis|anxiety|ansiedad|pulled\s+muscle|contractura|psoriasis|gout"
    r"|gota|herpes|allergy|alergia|asthma|asma|sinusitis|gastritis|cystitis|cistitis|depression|depresi[oó]n"
    r"|burnout|flu|gripe|covid|sprain|esguince|tendinitis|tendonitis|lipoma|quiste|cyst|\w+itis|\w+oma)\b"
)


_ABBREVIATION = re.compile(r"\b[A-Z]{2,5}\b")  # "sounds like WPW", "es un SII": a diagnosis by its initials
_REPORTED = ci(r"\b(?:wants?\s+to|wanted\s+to|would\s+like\s+to|quiere|quer[ií]a|quieren)\s+$")


def detect(d: Draft) -> list[Hit]:
    """Individual-advice hits: a dosing instruction, or a diagnosis/remedy told to one reader."""
    hits = _advice(d)
    for h in _situation(d):
        if not any(o.start < h.end and h.start < o.end for o in hits):
            hits.append(h)
    return hits
