"""Professionalism rules: how doctors talk about patients, colleagues and reviewers online.

Insults need a person nearby (a patient, a colleague); contempt needs a group of patients; gossip needs a
recognisable person; an incident needs a named ward or hospital.
"""

from __future__ import annotations

import re

from bot.draft_check import situations as sit
from bot.draft_check.citations import GMC_SOCIAL_MEDIA
from bot.draft_check.citations import OMC_STYLE_MANUAL as _OMC
from bot.draft_check.types import Hit, Rule
from bot.draft_check.vocabulary import CAP, RECORD_NOTED_RE, STAR_REVIEW, Draft, ci

_GMC = f"{GMC_SOCIAL_MEDIA}, para 14"

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
    "prof.contempt": Rule(
        "professionalism",
        "medium",
        f"{_GMC}; GMC, Good medical practice, 2024 (treat patients fairly, without discrimination); {_OMC}",
        "Contempt for a group of patients (drinkers, smokers, 'frequent attenders') tells readers some patients "
        "deserve less care; it undermines trust in the profession.",
        "El desprecio hacia un grupo de pacientes (bebedores, fumadores, 'hiperfrecuentadores') dice que "
        "algunos merecen menos atención; daña la confianza en la profesión.",
        "Remove the remark about the group; if workload is the point, describe the pressure without blaming "
        "patients.",
        "Quita el comentario sobre el grupo; si hablas de la carga de trabajo, descríbela sin culpar a "
        "pacientes.",
    ),
    "prof.gossip": Rule(
        "professionalism",
        "medium",
        f"{_GMC}; GMC, Confidentiality, 2017; {_OMC}",
        "Hinting at who came to see you ('not naming names', 'guess who') is gossip about a patient: readers "
        "will work out who it is.",
        "Insinuar quién vino a verte ('no digo nombres', '¿a que no sabéis quién?') es cotillear sobre un "
        "paciente: los lectores adivinarán quién es.",
        "Delete the post; never hint at who your patients are.",
        "Borra la publicación; no insinúes nunca quiénes son tus pacientes.",
    ),
    "prof.incident": Rule(
        "professionalism",
        "medium",
        f"{_GMC}; GMC, Raising and acting on concerns about patient safety, 2012; {_OMC}",
        "A public complaint about an incident on a named ward or hospital exposes the patient involved and "
        "colleagues; safety concerns go through the formal channels.",
        "Una queja pública sobre un incidente en una planta u hospital concretos expone al paciente y a los "
        "compañeros; los problemas de seguridad van por los cauces formales.",
        "Remove the ward and the hospital and report the incident through your incident or speak-up system.",
        "Quita la planta y el hospital y notifica el incidente por el sistema de notificación del centro.",
    ),
    "prof.personal": Rule(
        "professionalism",
        "medium",
        f"{_GMC}; GMC, Maintaining a professional boundary between you and your patient, 2024",
        "A personal or flirtatious message to a patient crosses the professional boundary, and in public it "
        "also confirms they are your patient.",
        "Un mensaje personal o de flirteo a un paciente cruza el límite profesional y, en público, confirma "
        "que es tu paciente.",
        "Do not send it; keep contact with patients to professional channels.",
        "No lo envíes; limita el contacto con pacientes a los canales profesionales.",
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
    r"|vagu[ií]sim[oa]s|lamentables?|inútil|ineptos?|ineptas?|inept|useless|bobos?|mensos?|pendej\w+|pringad[oa]s?|capull[oa]s?|gilipollas"
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
    r"\b(?:patients?|pts?|pacientes?|the\s+(?:guy|man|woman|lady)\s+who|(?:el|la|del|al)\s+(?:señor|señora|tío|tía)\s+que)\b"
)
# Someone's reaction or plea in an encounter ("the face he made when I told him", "he begged us not to tell"):
# laughed at only when care is in view (a clinical word or a setting), not a family anecdote.
LAUGHED_AT_ENCOUNTER_RE = ci(
    r"\b(?:the\s+face\s+(?:he|she|they)\s+made|when\s+I\s+told\s+(?:him|her|them)|(?:he|she)\s+begged|funniest\s+(?:consult"
    r"|case|patient)|la\s+cara\s+que\s+puso|cuando\s+le\s+dije|me\s+suplic[oó])\b"
)
MOCK_RE = ci(
    r"\bpatients\s+these\s+days\b|\bpacientes\s+de\s+hoy\s+en\s+d[ií]a\b|\bstill\s+laughing\b"
    r"|\byou\s+can\s+guess\s+where\b|\bguess\s+where\b|\bme\s+parto\b|\bno\s+os\s+vais\s+a\s+creer\b"
)
CONFIRM_RE = re.compile(
    r"\b(?i:(?:can|could)\s+confirm|confirmo|confirmamos|puedo\s+confirmar)\b[^.!?\n]{0,80}?"
    r"\b(?i:under\s+(?:my|our)\s+care|(?:my|our|a)\s+patient|paciente\s+(?:nuestr[oa]|m[ií][oa]|de\s+la\s+consulta)"
    r"|es\s+(?:mi\s+|nuestr[oa]\s+)?paciente|est[aá]\s+ingresad[oa]|was\s+admitted|is\s+being\s+treated)\b|"
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
    if LAUGHED_AT_RE.search(text) or (LAUGHED_AT_ENCOUNTER_RE.search(text) and (d.clinical or d.setting)):
        hits += [Hit("prof.disparage", m.start(), m.end()) for m in LAUGH_RE.finditer(text)][:1]
    return hits


PATIENT_IN_VIEW_RE = ci(
    r"\b(?:patients?|pts?|pacientes?|pcte|lady|señora|señor|sir|guy|man|woman|mum|dad|kid|family|familia|relatives"
    r"|frequent\s+flyers?|attenders|excusas|excuses|surgeons?|cirujan[oa]s?|colleagues?|compañer[oa]s?|Dr|Dra"
    r"|registrar|consultant|adjunt[oa]|residente)\b"
)
_SETTING_NAMED = ci(
    r"\b(?:ward|bay|unit|planta|unidad|box|habitaci[oó]n|uci|icu)\b[^.!?\n]{0,40}\b(?:at|of|in|de|del|en)\s+"
    r"(?:(?-i:[A-Z]\w+)|el\s+(?-i:[A-Z])\w+|la\s+(?-i:[A-Z])\w+|the\s+(?-i:[A-Z])\w+)"
)


def _situations(d: Draft) -> list[Hit]:
    """Contempt for a group of patients, gossip, a public incident complaint, a personal message."""
    text = d.text
    hits: list[Hit] = []
    for start, end in sorted(sit.spans(d, "who.group") + sit.spans(d, "who.kind")):
        s_start, s_end = d.sentence_of(start)
        window_start, window_end = max(0, s_start - 120), min(len(text), s_end + 120)
        if sit.has(d, "act.contempt", window_start, window_end) or sit.has(d, "act.ridicule", window_start, window_end):
            hits.append(Hit("prof.contempt", start, end))
            break
    scorn = sit.first(d, "act.scorn")
    if scorn and not hits:
        hits.append(Hit("prof.contempt", scorn[0], scorn[1]))
    gossip = sit.first(d, "act.gossip")
    if gossip and (sit.has(d, "who.local_figure") or sit.has(d, "what.visit") or sit.has(d, "what.clinical")):
        hits.append(Hit("prof.gossip", gossip[0], gossip[1]))
    figure = sit.first(d, "who.local_figure")
    if not gossip and figure and sit.has(d, "what.visit"):  # a recognisable person's visit, told in public
        hits.append(Hit("prof.gossip", figure[0], figure[1]))
    role = sit.first(d, "who.role")  # someone known by their job and place, their visit told as a joke or secret
    if role and not any(h.rule == "prof.gossip" for h in hits) and (d.clinical or sit.has(d, "what.visit")) and (
            LAUGH_RE.search(text) or sit.has(d, "act.ridicule")):
        hits.append(Hit("prof.gossip", role[0], role[1]))
    incident = sit.first(d, "act.incident")
    if incident and _SETTING_NAMED.search(text):
        hits.append(Hit("prof.incident", incident[0], incident[1]))
    personal = sit.first(d, "act.personal")
    if personal and (sit.has(d, "act.addressed") or sit.has(d, "who.vocative") or "😍" in text[personal[0]:personal[1]]
                     or re.search(r"(?i)patient|paciente", text[personal[0] : personal[1]])):
        hits.append(Hit("prof.personal", personal[0], personal[1]))
    hits += _attraction(d)
    hits += [Hit("prof.disparage", s, e) for s, e in sit.spans(d, "act.colleague_mock")]
    for start, end in sit.spans(d, "act.ridicule"):  # "comedy gold 😂 Lose the weight, Sharon": one patient mocked
        if not hits and not _EMOJI_RIDICULE.match(text[start:end]):
            s_start, s_end = d.sentence_of(start)
            if PATIENT_IN_VIEW_RE.search(text, max(0, s_start - 120), min(len(text), s_end + 60)) and (
                    d.setting or d.clinical):
                hits.append(Hit("prof.disparage", start, end))
                break
    for start, end in sit.spans(d, "act.mock_patient"):  # an eye-roll or put-down with a patient in view
        window = d.around(start, 200, 100)
        if PATIENT_IN_VIEW_RE.search(window):
            hits.append(Hit("prof.disparage", start, end))
            break
    return hits


_EMOJI_RIDICULE = re.compile(r"^[🙄🤦🐒🤢🤡]$")
_EMOJI_ONLY = re.compile(r"^[😍😘😏🥵😻]$")
_TO_READER = ci(r"\b(?:you|your|you['’]re|te|tu|tus|eres|est[aá]s|verte|contigo)\b")
# Talking about boundaries, not crossing them: "never accept a friend request from a patient".
_ABOUT_BOUNDARIES = ci(
    r"\b(?:(?:don['’]?t|do\s+not|shouldn['’]?t|should\s+not)\s+(?:accept|add|send|friend|follow|date|message|flirt)"
    r"|never|avoid|guidance|policy|boundar\w+|no\s+(?:aceptes|agregues|des)|nunca|evita\w*|l[ií]mites?)\b"
)


def _attraction(d: Draft) -> list[Hit]:
    """Attraction or courting next to a care encounter: flirting with, or rating, someone met through work. A bare
    heart-eyes emoji counts only when it speaks to the reader about their care ("... 😍 glad your scar healed")."""
    if not (sit.has(d, "what.met_in_care") or sit.has(d, "what.your_care") or d.setting):
        return []
    for start, end in sit.spans(d, "act.attraction"):
        if _EMOJI_ONLY.match(d.text[start:end]) and not (_TO_READER.search(d.text) and sit.has(d, "what.your_care")):
            continue
        s_start, s_end = d.sentence_of(start)
        if _ABOUT_BOUNDARIES.search(d.text, s_start, s_end):
            continue
        return [Hit("prof.personal", start, end)]
    return []


def _confirm_and_review(d: Draft) -> list[Hit]:
    hits = [Hit("prof.confirm", m.start(), m.end()) for m in CONFIRM_RE.finditer(d.text)]
    hits += [Hit("prof.review", m.start(), m.end()) for m in RECORD_NOTED_RE.finditer(d.text)]
    for m in REVIEW_MARK_RE.finditer(d.text):
        if VISIT_DETAIL_RE.search(d.text, m.end()):
            hits.append(Hit("prof.review", m.start(), m.end()))
            break
    return hits


def detect(d: Draft) -> list[Hit]:
    """Professionalism hits."""
    hits = _disparage(d) + _confirm_and_review(d)
    return hits + [h for h in _situations(d) if not any(o.start < h.end and h.start < o.end for o in hits)]
