"""Patient-privacy rules: identifiers (HIPAA's 18 and the small details that add up) in a clinical story.

Strong identifiers (names, record numbers, phone, e-mail, bed/room numbers) are flagged whenever the draft
is about health; soft ones (age, date, town, "today in clinic") only in a story about one person, and a
stated de-identification ("details changed", "anonimizado") clears the soft ones.
"""

from __future__ import annotations

import re

from bot.draft_check.names import GIVEN_NAMES
from bot.draft_check.types import Hit, Rule
from bot.draft_check.vocabulary import (
    CAP,
    CLINICAL_RE,
    CLINICAL_WORDS,
    ENCOUNTER_ANY_RE,
    PERSON_RE,
    RECORD_NOTED_RE,
    STAR_REVIEW,
    Draft,
    ci,
    word_alt,
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

_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Sr|Sra|Srta|Don|Doña|Dña|D\.ª|Baby|Little)"
_NOT_NAME = frozenset(
    {
        "The", "This", "That", "These", "Those", "Today", "Tomorrow", "Yesterday", "Hoy", "Ayer", "Mañana",
        "Please", "Thanks", "Thank", "Gracias", "El", "La", "Los", "Las", "Un", "Una", "En", "De", "Del", "Y",
        "And", "Or", "But", "Our", "My", "Your", "Su", "Sus", "Mi", "Mis", "Al", "A", "An", "I", "He", "She",
        "We", "They", "It", "Patient", "Patients", "Paciente", "Pacientes", "Doctor", "Dr", "Dra", "Nurse",
        "Hospital", "Ward", "Room", "Bed", "Cama", "Clinic",
    }
)

TITLE_NAME_RE = re.compile(rf"\b{_TITLE}\.?\s+(?:{CAP})(?:\s+(?!y\b|de\b)(?:{CAP}))?")
PATIENT_NAME_RE = ci(
    r"\b(?:(?:my|our|the|a|this|mi|nuestr[oa]|la|el|una?|esta|este)\s+)?(?:patient|pt|paciente|pcte|pte)s?"
    r"(?:\s+(?:named|called|llamad[oa]))?,?\s+"
)
POSSESSIVE_RE = re.compile(rf"\b({CAP})['’]s\s+(?:\w+\s+)?(?i:{CLINICAL_WORDS})(?!\w)")
# "my neighbour Sue", "mi vecino Ramón": someone the readers may know, named next to health information.
RELATION_NAME_RE = re.compile(
    rf"\b(?i:neighbou?r|friend|cousin|aunt|uncle|landlord|boss|vecin[oa]|amig[oa]|prim[oa]|t[ií][oa]|jef[ea])"
    rf"\s+({CAP})"
)
GIVEN_RE = re.compile(r"\b[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\b")
SURNAME_RE = re.compile(rf"\s+(?:{CAP})(?:\s+(?:{CAP}))?")

AGE_RE = ci(
    r"\b(?:an?\s+|my\s+|our\s+|this\s+)?\d{1,3}[- ]?(?:year|yr)s?[- ]old\b"
    r"|\b\d{1,3}\s?(?:yo|y/o|y\.o\.?|yrs?)(?!\w)"
    r"|\b(?:padre|madre|hijo|hija|dad|mum|father|mother|maestr[oa]|profesor[a]?"
    r"|teacher)\s+de\s+\d{1,3}\s+años\b"
    r"|\baged\s+\d{1,3}\b"
    r"|\b(?:paciente|señor|señora|hombre|mujer|chico|chica|chaval|chavala|niño|niña|varón|abuelo|abuela"
    r"|anciano|anciana|joven|bebé)\s+de\s+\d{1,3}\s+(?:años|meses)\b"
    r"|\buna?\s+\d{1,3}\s+años\b|(?<=,\s)de\s+\d{1,3}\s+años\b"
    r"|\b(?:he|she|guy|man|woman|lady|patient|kid|girl|boy)(?:\s+(?:was|is)|['’]s)\s+(?:only\s+|just\s+)?\d{1,3}\b"
    r"|\bten[ií]a\s+(?:solo\s+)?\d{1,3}\s+años\b"
)
# Ages written the way people type them: "45a", "45 a.", "29 años," after initials, "(72)", "45M".
AGE_LEAD = (
    r"paciente|señor|señora|sra?\.?|hombre|mujer|chico|chica|chaval|chavala|niño|niña|nen[ea]|cr[ií][oa]"
    r"|peque|muchach[oa]|chamac[oa]|chav[oa]|pib[ea]|varón|abuelo|abuela|anciano|anciana|joven|bebé|mujer"
    r"|embarazada|gestante|viud[oa]|jubilad[oa]|pensionista|pcte|pte|masculino|femenino|femenina|var[oó]n|male|female"
)
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
AGE_EXTRA_RE = ci(
    rf"\b(?:{AGE_LEAD})\s+(?:(?!(?:menos|m[aá]s|mayor(?:es)?|menor(?:es)?|tiene|tienen|tenga|tengan|edad|entre"
    rf"|hasta|desde)\b)[^\s,.]+\s+){{0,2}}?de\s+(?:1[01]\d|\d{{1,2}})\s*(?:a(?:ños|ñitos|nos)?\b\.?|meses\b|a\.|(?=[\s,;)]))"
    r"|\b(?:1[01]\d|\d{1,2})\s+(?:añitos|añazos|abriles|tacos|primaveras)\b"
    rf"|\b(?:{_TENS}(?:[- ]{_UNITS})?|{_UNITS}|ten|eleven|twelve|\w+teen)[- ]years?[- ]old\b"
    r"|\b\d{1,3}\s+years?\s+young\b"
    r"|\b(?:1[01]\d|\d{1,2})a\b(?!\s*(?:planta|edici|vez|semana|dosis|convocatoria|ola|fila|parte|ed\b))"
    r"|\b(?:1[01]\d|\d{1,2})\s?(?:yo\s?|y/o\s?|y\.o\.?\s?)?(?-i:[MF])\b(?!\s*(?:views|people|users"
    r"|followers|downloads|in\b|of\b|de\b))"
)
# "J.R., 58," / "M.G. 29 años": initials with an age or in a clinical sentence are a name.
INITIALS_RE = re.compile(r"(?<![\w.])(?:[A-Z]\.\s?){2,3}(?![\w])")
_NOT_INITIALS = frozenset({"UK", "US", "EU", "USA", "UE", "EEUU", "DC", "PS", "AM", "PM", "NB", "CV", "SA", "RIP",
                           "EG", "IE", "UU", "AC", "DF", "MD", "BA", "BS", "MA", "OK"})
AGE_AFTER_RE = re.compile(
    r"\s*,?\s*\(?((?:1[01]\d|\d{1,2})(?:\s*(?:años|añitos|a\b\.?|yo\b|y/o|y\.o\.?|yrs?\b|years?\s+old"
    r"|(?-i:[MF])\b))?)(?!\d)"
)
# "mi vecina Conchi (72)", "her son (17)": an age in brackets after a name or a person.
PAREN_AGE_RE = re.compile(
    rf"(?:{CAP}|\b(?i:son|daughter|kid|boy|girl|man|woman|lady|pt|patient|paciente|hij[oa]|niñ[oa]|nen[ea]"
    rf"|chic[oa]|señor[a]?|vecin[oa]|neighbou?r|friend|amig[oa]|mum|dad|madre|padre))\s*"
    r"\(((?:1[01]\d|\d{1,2})(?:\s*(?:a|años|y/?o|yrs?|[MFmf]))?)\)"
)
# "29 años embarazada", "45 años, fumador": a bare age followed by a description of the person.
BARE_AGE_RE = ci(
    r"\b((?:1[01]\d|\d{1,2})\s+(?:años|anos|years?\s+old|yrs?))\s*,?\s+(?=(?:con|y\s+\w+[oa]\b|que\s+\w+"
    r"|with|w/|embarazad[oa]|pregnant|fumador[a]?|smoker|diab[eé]tic[oa]?|hipertens[oa]|gestante|primigesta"
    r"|viud[oa]|widow(?:er)?|jubilad[oa]|retired|sin\s+antecedentes|no\s+pmh|no\s+hx|previously\s+well"
    r"|sano|sana|healthy|presenting|presented|who\b|que\b))"
)
_NOT_AGE_BEFORE = ci(
    r"(?:hace|cumpl\w+|durante|más\s+de|menos\s+de|tras|después\s+de|llevo|llevamos|en|over|after|for"
    r"|últimos|primeros|los|mis|our|my|past|last|next|about|almost|casi|unos|some|\d)\s*$"
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr"
    "|jun|jul|aug|sep|sept|oct|nov|dec|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre"
    "|setiembre|octubre|noviembre|diciembre"
)
DATE_RE = ci(
    rf"\b(?:on\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b"
    rf"|\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"|\b(?:el\s+)?\d{{1,2}}\s+de\s+(?:{_MONTHS})\b"
    r"|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"
)
STORY_RE = ci(
    r"\b(?:today|this\s+morning|this\s+afternoon|tonight|last\s+night|yesterday)\s+(?:in|at|on)\s+"
    r"(?:the\s+|my\s+)?(?:clinic|surgery|a&e|ed|er|theatre|resus|icu|the\s+ward|ward|my\s+ward|clinic)"
    r"|\b(?:on\s+my\s+ward|in\s+clinic|on\s+call|on\s+the\s+night\s+shift)\s+(?:today|tonight|this\s+\w+)"
    r"|\b(?:hoy|ayer|esta\s+mañana|esta\s+tarde|esta\s+noche|anoche)\s+en\s+(?:la\s+|el\s+|mi\s+)?"
    r"(?:consulta|urgencias|guardia|planta|quirófano|uci|centro\s+de\s+salud)"
    r"|\ben\s+(?:la\s+)?(?:guardia|consulta|urgencias)\s+de\s+(?:hoy|ayer|esta\s+mañana)"
)
# "Mrs Jones, 84," / "Doña Remedios, 93 años": an age straight after a capitalised name.
COMMA_AGE_RE = re.compile(r"[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+,\s((?:1[01]\d|\d{1,2})(?:\s+años)?)(?=\s*(?:,|\.|\)|$))")
WHEN_RE = ci(
    r"\b(?:today|this\s+morning|this\s+afternoon|this\s+evening|tonight|last\s+night|yesterday"
    r"|(?:my|our)\s+(?:first\s+)?(?:night|shift|day)|today['’]s\s+(?:shift|clinic|list)"
    r"|hoy|ayer|anoche|esta\s+(?:mañana|tarde|noche)|esta\s+guardia"
    r"|(?:on|last|this\s+past)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|el\s+(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)(?:\s+pasado)?"
    r"|on\s+(?:my|your|the)\s+(?:clinic\s+|op\s+|theatre\s+)?list|en\s+(?:mi|tu)\s+(?:lista|agenda))\b"
)
# Admission or discharge written as a short date: "admitted 3/11", "ingresó el 14/10", "alta el 9-11".
SHORT_DATE_RE = ci(
    r"\b(?:admitted|adm|discharged|d/c|dc['’]?d|seen|since|operated|op|ingres\w*|alta|desde|operad[oa]"
    r"|visto|vista|el\s+d[ií]a|el)\s+(?:on\s+|el\s+)?(?!24/7)(\d{1,2}[/.-]\d{1,2})(?![/.\-]?\d)"
)
# Who the patient is to the writer or to others: a neighbour, a relative's child, a friend's mum.
RELATION_RE = ci(
    r"\bmy\s+(?:(?:next[- ]door\s+)?neighbou?r|cousin|aunt|uncle|niece|nephew|\w+[- ]in[- ]law|in-laws"
    r"|(?:best\s+|old\s+)?friend|mate|flatmate|roommate|landlord|landlady|boss|ex|gym\s+buddy"
    r"|(?:kid|son|daughter|child|children|kids)['’]s\s+(?:\w+\s+)?(?:teacher|coach|friend|nanny|best\s+friend|mum|dad"
    r"|headteacher|school\s+\w+)|(?:neighbou?r|friend|colleague|cousin|mate|boss|wife|husband|partner)['’]s"
    r"\s+\w+)\b"
    r"|\ba\s+(?:friend|colleague|neighbou?r)\s+of\s+(?:mine|my\s+\w+)\b"
    r"|\bsomeone\s+(?:from|at)\s+my\s+(?:gym|church|school|village|street|building|work|office|club)\b"
    r"|\bmi\s+(?:vecin[oa]|prim[oa]|t[ií][oa]|sobrin[oa]|cuñad[oa]|suegr[oa]|(?:mejor\s+)?amig[oa]"
    r"|compañer[oa]\s+de\s+piso|caser[oa]|jef[ea]|ex)\b"
    r"|\b(?:el|la|los|las|un|una|al|del)\s+(?:\w+\s+){1,3}?de\s+(?:mi|un|una)\s+(?:vecin[oa]|prim[oa]|amig[oa]|cuñad[oa]"
    r"|suegr[oa]|compañer[oa]|hij[oa]|sobrin[oa]|marido|mujer|novi[oa]|herman[oa]|madre|padre|barrio|calle"
    r"|pueblo|edificio|urbanizaci[oó]n|gimnasio|gym|cole|colegio|iglesia|trabajo)\b"
    r"|\b(?:my|mi)\s+(?:(?:local|old|usual|former)\s+)?(?:hairdresser|barber|postman|postwoman|cleaner|nanny"
    r"|childminder|plumber|builder|mechanic|personal\s+trainer|yoga\s+teacher|piano\s+teacher|priest|vicar"
    r"|accountant|lawyer|solicitor|driving\s+instructor|peluquer[oa]|barber[oa]|carter[oa]|asistenta|niñera"
    r"|fontaner[oa]|mec[aá]nic[oa]|entrenador[a]?|profe\s+de\s+\w+|cura|p[aá]rroco|abogad[oa]|gestor[a]?)\b"
    r"|\b(?:one\s+of\s+)?the\s+(?:year\s+\d{1,2}\s+)?(?:kids|girls|boys|mums|dads|parents|teachers)\s+(?:at|from)\s+"
    r"my\s+(?:\w+['’]s\s+)?(?:school|nursery|gym|church|club)\b"
    r"|\b(?:alguien|uno|una)\s+de\s+mi\s+(?:gimnasio|gym|iglesia|pueblo|calle|edificio|trabajo|barrio)\b"
    r"|\bmi\s+(?:compi|compañer[oa]|amig[oa]|vecin[oa]|jef[ea])\b[^.!?\n]{0,60}?\bsus?\s+(?:suegr[oa]|madre|padre"
    r"|hij[oa]s?|marido|mujer|herman[oa]|novi[oa]|abuel[oa]|pareja)\b"
    r"|\b(?:de|en)\s+mi\s+(?:bloque|portal|edificio|calle|barrio|pueblo|urbanizaci[oó]n|escalera|comunidad|finca"
    r"|gimnasio|gym|cole|colegio|iglesia|parroquia)\b"
    r"|\b(?:in|from|on|at|of)\s+my\s+(?:street|building|block|road|estate|village|gym|church|office|workplace"
    r"|book\s+club|running\s+club|football\s+team|kids['’]\s+school|son['’]s\s+school|daughter['’]s\s+school)\b"
)
# "the lady from the bakery", "la sra del kiosco": someone known locally by where they work.
VENUE_PERSON_RE = ci(
    r"\bthe\s+(?:lady|woman|man|guy|bloke|girl|lad|owner|chap|fella)\s+(?:from|at|who\s+runs|who\s+works\s+at"
    r"|who\s+owns)\s+the\s+(?:\w+\s+)?(?:bakery|pub|shop|newsagent['’]?s?|caf[eé]|chippy|garage|pharmacy"
    r"|chemist['’]?s?|butcher['’]?s?|post\s+office|supermarket|bar|gym|church|salon|hairdresser['’]?s?|deli"
    r"|market|petrol\s+station|florist['’]?s?)\b"
    r"|\b(?:el|la)\s+(?:(?:sra?|señor[a]?|chic[oa]|muchach[oa]|dueñ[oa]|encargad[oa]|señorita)\.?\s+)?"
    r"(?:de\s+la|del|de)\s+(?:kiosko|kiosco|quiosco|estanco|farmacia|bar|panader[ií]a|fruter[ií]a"
    r"|carnicer[ií]a|pescader[ií]a|ferreter[ií]a|peluquer[ií]a|tienda|tiendita|gasolinera|s[uú]per|mercado"
    r"|gimnasio|iglesia|bodega|abarrotes|cantina|taquer[ií]a|librer[ií]a|papeler[ií]a|churrer[ií]a"
    r"|mercer[ií]a|lavander[ií]a|esquina|gym|cole|colegio|instituto|oficina|parroquia|barrio|pueblo)\b"
)
# What someone does for a living, with health details in the same sentence, narrows them to one person.
OCCUPATION = (
    r"(?:bus|taxi|lorry|truck|school\s+bus|delivery|uber|train)\s+driver"
    r"|pilot(?!\s+(?:study|studies|project|scheme|programme|program|trial|phase|site|data|light))|police\s*(?:man|woman"
    r"|officer)|cop|firefighter|fireman|farmer|builder|plumber|electrician|chef|waiter|waitress|barman"
    r"|bartender|barber|hairdresser|shopkeeper|postman|postwoman|priest|vicar|lawyer|solicitor|judge"
    r"|soldier|teacher|headteacher|lecturer|footballer|boxer|ex-boxer|jockey|fisherman|nanny"
    r"|childminder|lifeguard|dj|musician|camioner[oa]|taxista|conductor[a]?\s+de\s+(?:autob[uú]s|bus"
    r"|cami[oó]n|metro|tren)|ch[oó]fer|(?<!estudio\s)(?<!programa\s)(?<!proyecto\s)(?<!ensayo\s)piloto|polic[ií]a|guardia\s+civil|bomber[oa]|agricultor[a]?"
    r"|ganader[oa]|albañil|fontaner[oa]|plomer[oa]|electricista|cociner[oa]|camarer[oa]|meser[oa]"
    r"|peluquer[oa]|barber[oa]|tender[oa]|panader[oa]|fruter[oa]|kiosquer[oa]|carter[oa]"
    r"|sacerdote|monja|abogad[oa]|juez|jueza|notari[oa]|soldado|maestr[oa]|profe"
    r"|profesor[a]?|futbolista|boxeador[a]?|ex\s?boxeador[a]?|ciclista|pescador[a]?|miner[oa]|basurer[oa]"
    r"|niñera|socorrista|veterinari[oa]|portero|portera|conserje|pastor|rabbi|imam|monk|nun|coach|referee"
    r"|councillor|cashier|receptionist|mechanic|accountant|banker|engineer|architect|journalist|cajer[oa]"
    r"|recepcionista|mec[aá]nic[oa]|contable|banquer[oa]|ingenier[oa]|arquitect[oa]|periodista|entrenador[a]?"
    r"|[aá]rbitro|rabino|im[aá]n|pastor[a]?|monja|fraile|obrer[oa]|repartidor[a]?|vigilante|guarda"
    r"|(?:rugby|football|basketball|tennis|cricket)\s+player|jugador[a]?\s+de\s+\w+"
)
OCCUPATION_RE = ci(
    rf"\b(?:the|a|an|our|this|that|local|retired|ex-?|el|la|un|una|al|del|nuestr[oa]|jubilad[oa]|former"
    rf"|my|your|his|her|mi|tu|su|works?\s+as\s+an?|trabaja\s+(?:de|como)|es|is)\s+(?:\w+\s+){{0,2}}?"
    rf"({OCCUPATION})\b"
    rf"|(?<=,\s)({OCCUPATION})(?=\s+(?:en|de|in|from|at)\s+(?-i:[A-ZÁÉÍÓÚÑ]))"
)
SCREENSHOT_RE = ci(
    r"\b(?:screen\s?shots?|screen\s?grabs?|screen\s?caps?|captura(?:s)?(?:\s+de\s+pantalla)?|pantallazos?"
    r"|(?-i:SS))\b"
)
_MESSAGE = ci(
    r"\b(?:sent\s+me|texted|messaged|dm['’]?d|dms?|whats\s?app|wa|texts?|messages?|chat|email(?:ed)?"
    r"|me\s+(?:mand[oó]|envi[oó]|escribi[oó]|dej[oó])|mensajes?|audio|chat|correo|wasap|guasap|whatsapp)\b"
)
_PATIENT_WORD = ci(
    r"\b(?:pts?|patients?|pacientes?|pctes?|clients?|clientas?|my\s+(?:lady|guy|man|woman)|(?:la|el)\s+(?:señora|señor|sra|sr)"
    r"|her\s+(?:mum|mother|husband)|su\s+(?:madre|hij[oa]|marido))\b"
)
# "I just diagnosed a ...", "hoy he operado a ...": the writer's own encounter with one patient.
ENCOUNTER_RE = ci(
    r"\b(?:I|we|I['’]ve|we['’]ve|I\s+have|we\s+have|I\s+just|we\s+just|just)\s+(?:just\s+)?(?:saw|seen"
    r"|treated"
    r"|operated\s+on|diagnosed|admitted|discharged|delivered|told|broke\s+the\s+news|resuscitated|intubated"
    r"|stitched|sent\s+\w+\s+home|examined|had\s+a\s+(?:patient|lady|man|woman|guy|kid|child))\b"
    r"|\b(?:telling|told|breaking\s+(?:it|the\s+news)\s+to)\s+(?:a|an|the|this)\s+(?:\w+\s+)?(?:mum|mother"
    r"|dad"
    r"|father|man|woman|lady|patient|girl|boy|couple|family|wife|husband)\b"
    r"|\b(?:came|walked|was\s+brought)\s+in(?:to)?\s+(?:our|my|the)\s+(?:clinic|surgery|practice|ED|A&E)\b"
    r"|\b(?:my\s+|a\s+|one\s+)?(?:pt|patient|paciente|pcte)\s+(?:just\s+)?(?:sent|texted|messaged|dm['’]?d|emailed"
    r"|called|rang|phoned|me\s+(?:mand[oó]|envi[oó]|escribi[oó]|llam[oó]|ha\s+(?:mandado|escrito|llamado)))\b"
    r"|\b(?:decirle|comunicarle|explicarle)\s+a\s+(?:una?|la|el)\s+\w+|\bha\s+venido\s+(?:hoy\s+)?a\s+la\s+"
    r"(?:cl[ií]nica|consulta)\b"
    r"|\b(?:he|hemos|acabo\s+de|acabamos\s+de)\s+(?:atendido|operado|diagnosticado|ingresado|visto|tratado"
    r"|comunicar|dar\s+la\s+noticia|dado\s+de\s+alta|suturado|intubado|reanimado|atender|operar"
    r"|diagnosticar)\b"
    r"|\b(?:atend[ií]|oper[eé]|diagnostiqu[eé]|ingres[eé]|vi\s+a|tuve\s+una?\s+paciente"
    r"|vino\s+a\s+(?:mi\s+)?consulta)\b"
)
PLACE_NUM_RE = ci(
    r"\b(?:ward|room|bed|bay|cubicle|cub[ií]culo|side\s+room|cama|habitaci[oó]n|hab\.|box|boxes|planta|sala)"
    r"\s*(?:n[oº°]\.?\s*|#\s*)?\d{1,4}[a-z]?\b"
    r"|\b(?:el|la)\s+(?:(?:señor[a]?|paciente|abuel[oa]|chic[oa]|pesad[oa])\s+)?de\s+la\s+\d{1,3}\b"
    # a street address (HIPAA identifier: geographic subdivisions smaller than a state)
    rf"|\b\d{{1,4}}\s+(?-i:{CAP}(?:\s+{CAP})?\s+(?:Street|St|Road|Rd|Avenue|Ave|Lane|Close|Drive|Crescent|Way))\b"
    rf"|\b(?:calle|c/|avda\.?|avenida|paseo|carretera|camino)\s+(?:de\s+(?:la\s+|los\s+|las\s+)?|del\s+)?"
    rf"(?-i:{CAP}(?:\s+[A-ZÁÉÍÓÚÑ]\w+)?)(?:,?\s*(?:n[ºo°]\s*)?\d{{1,4}}\b)?"
    rf"|\b(?-i:{CAP}\s+(?:Street|Road|Lane|Avenue|Crescent))\b"
)
# Date of birth is always identifying in a draft about care.
DOB_RE = ci(
    r"\b(?:DOB|d\.o\.b\.?|date\s+of\s+birth|born\s+on|f\.?\s?nac\.?|fecha\s+de\s+nacimiento|naci[oó]\s+el)"
    r"\s*:?\s*(?:el\s+)?\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
)
BED_RE = ci(
    r"\b(?:bed|cama|cubicle|cub[ií]culo|bay|box)\s*(?:n[oº°]\.?\s*|#\s*)?\d{1,4}[a-z]?\b"
    r"|\b(?:el|la)\s+(?:(?:señor[a]?|paciente|abuel[oa]|chic[oa]|pesad[oa])\s+)?de\s+la\s+\d{1,3}\b"
)
HOSPITAL_RE = re.compile(
    rf"\b(?:Hospital|Hosp\.|Clínica|Infirmary|Centro\s+de\s+Salud|Residencia)\s+(?:(?:de|del|la|el|La"
    rf"|El)\s+)?"
    rf"{CAP}(?:\s+{CAP})?"
    rf"|\b{CAP}\s+(?:Hospital|Infirmary|Royal\s+Infirmary|Medical\s+Centre|Care\s+Home)\b"
    rf"|\b(?:St\.?|Saint)\s+{CAP}['’]s\b"
    rf"|\b{CAP}\s+(?:Academy|School|College|High\s+School|Primary(?:\s+School)?)\b"
    rf"|\b(?:Instituto|Colegio|IES|CEIP|Escuela)\s+(?:(?:de|del|la|el)\s+)?{CAP}"
    r"|\b(?:Year|Grade)\s+\d{1,2}\b|\b\d\.?[ºo]\s+de\s+(?:la\s+)?(?:ESO|primaria|bachillerato)\b"
)
TOWN_RE = re.compile(
    rf"\b(?:from|in|of|de)\s+((?:{CAP})(?:\s+{CAP})?)"
)
RECORD_RE = ci(
    r"\b(?:MRN|NHS\s*(?:no\.?|number|#)?|NHC|HC|hospital\s+number|record\s*(?:no\.?|number|#)?|chart\s*#?"
    r"|historia(?:\s+cl[ií]nica)?|n[ºo°]\s+de\s+historia|DNI|NIE|SSN|NUSS|CIP|tarjeta\s+sanitaria|NSS"
    r"|expediente|afiliaci[oó]n|SIP|RUT|CURP|medicare|medicaid|insurance\s+(?:no\.?|number|id))"
    r"\s*(?:n[ºo°]\.?|number|#|:)?\s*\d[\d\s.-]{3,14}\d\b"
)
PHONE_RE = re.compile(
    r"(?<![\w/.=-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,6}){1,4}(?![\w/-]|\.\d)"
)
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
URL_RE = ci(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|es|co\.uk|io)(?:/\S*)?")
_PUBLIC = word_alt(
    "famous|celebrity|well-known|well known|footballer|football player|actor|actress|singer|presenter"
    "|tv presenter|politician|the mayor|mayor of|our mayor|councillor|local mp|influencer|the vicar"
    "|the local priest|headteacher|the judge|famos|famosa|famoso|conocido presentador|conocida presentadora"
    "|conocido actor|conocida actriz|futbolista|cantante|presentador de televisión|político|política"
    "|el alcalde|la alcaldesa|alcalde del pueblo|concejal|concejala|el cura del pueblo|el párroco|influencer"
    "|goalkeeper|striker|the coach of|portero del|jugador del|delantero del|entrenador del|jugadora del"
    "|the vicar|local vicar|well-known local|bishop|archbishop|senator|minister|headmaster|journalist"
    "|news presenter|párroco|obispo|alcalde|alcaldesa|diputado|diputada|senador|senadora|ministro|ministra"
    "|periodista|torero|concejal del|tattoo|tattoos|tatuaje|tatuajes|birthmark|retired surgeon"
    "|retired cardiac surgeon|retired teacher|presidente del club|president of the club|chairman of|ceo of"
    "|director del banco|the club president|la presidenta del|el presidente del|the owner of|el dueño del"
    "|la dueña del"
    "|from the cricket club|from the golf club|from the pub|from the bakery|from the corner shop|from the "
    "church"
    "|from the post office|from the chemist|from the village shop|el de la farmacia|la de la farmacia|el "
    "del bar"
    "|la del bar|el de la panadería|la de la panadería|el del quiosco|el de la esquina|la de la esquina"
    "|del colegio del pueblo|en el colegio del pueblo|maestro del pueblo|maestra del pueblo|from our village"
    "|reality tv star|reality star|tv star|pop star|estrella de|concursante de|youtuber|tiktoker|streamer"
    "|famoso|local radio|radio dj|you'd recognise|you would recognise|lo reconoceríais|la reconoceríais|muy "
    "conocido"
    "|muy conocida|grupo muy conocido|de nuestro pueblo|de mi pueblo|del pueblo|dad of three|father of"
    "|mother of|mum of|padre de tres|dad of two|dad of four|mum of two|mum of three|mum of four|padre de dos"
    "|madre de dos|madre de tres|madre de cuatro|padre de cuatro|tres hijos|cuatro hijos|cinco hijos"
    "|rugby player|football player|jugador de|jugadora de|player for|plays for|juega en"
)
UNUSUAL_RE = ci(
    rf"(?<!\w)(?:{_PUBLIC})(?!\w)"
    r"|\b(?:the\s+only|la\s+única|el\s+único)\b(?!\s+(?:clinic|cl[ií]nica|centro|consulta|practice|doctor"
    r"|m[eé]dic[oa]|hospital|surgeon|cirujan[oa]|specialist|especialista|unidad|unit|service|servicio))"
    r"[^.!?\n]{0,60}?\b(?:in|of|de|del|en)\s+"
    r"(?:town|the\s+village|the\s+island|the\s+county|the\s+area|el\s+pueblo|pueblo|la\s+isla|la\s+comarca"
    r"|[A-ZÁÉÍÓÚÑ]\w+)"
)
REVIEW_RE = ci(
    rf"{STAR_REVIEW}"
    r"|\b(?:in\s+response\s+to|responding\s+to|replying\s+to|in\s+reply\s+to|regarding|re:?"
    r"|about)\s+(?:your|this|the"
    r"|their)"
    r"\s+(?:\w+[- ]star\s+|negative\s+|google\s+|online\s+)?(?:review|rating|comment|feedback)"
    r"|\bto\s+(?:the\s+person|whoever|the\s+patient)\s+who\s+(?:left|wrote|posted|gave)\b"
    r"|\b(?:en\s+respuesta\s+a|respecto\s+a|sobre|en\s+relaci[oó]n\s+con)\s+(?:su|tu|esta|la)\s+"
    r"(?:reseña|opini[oó]n|valoraci[oó]n|comentario|queja)"
    r"|\ba\s+(?:la\s+persona|quien)\s+(?:que\s+)?(?:nos\s+)?(?:ha\s+)?(?:dej[oó]|puso|escribi[oó])"
    r"|\brespuesta\s+a\s+(?:la|su|tu)\s+(?:reseña|opini[oó]n|valoraci[oó]n|comentario)"
)
REVIEW_DETAIL_RE = ci(
    r"\b(?:your|you\s+were|you\s+had|you\s+came|you\s+arrived|we\s+saw\s+you|you\s+cancel\w*|you\s+missed"
    r"|su|sus|usted|le\s+\w+mos|vino|tu|tus)\b[^.!?\n]{0,120}"
)


_MEDIA_SHARED = ci(
    r"\b(?:photo|pic|picture|image|x-?ray|scan|video|ecg|mri|foto|imagen|radiograf[ií]a|resonancia|v[ií]deo"
    r"|ecograf[ií]a)s?\b"
)


# A name right after a staff title ("nurse Emma", "la Dra. Marta") is a colleague, not a patient.
_STAFF_BEFORE = ci(
    r"(?:\b(?:Dr|Dra|Prof|Profa|nurse|sister|matron|midwife|colleague|registrar|consultant|resident|porter"
    r"|enfermer[oa]|compañer[oa]|residente|matrona|doctor[a]?|celador[a]?|auxiliar|adjunt[oa]"
    r"|\w+[oó]log[oa]|\w+ologist|\w+iatr[ao]|\w+iatrician|\w+iatrist|physio\w*|fisio\w*|GP|surgeon"
    r"|cirujan[oa]|dentista?|speaker|ponente|host|guest|invitad[oa]|author|autor[a]?|presidente|presidenta"
    r"|chair|profesor[a]?|professor|ginec[oó]log[oa]|pediatra|psic[oó]log[oa]|nutricionista|farmac[eé]utic[oa]"
    r"|pharmacist|midwives|team|equipo|colleagues|compañer[oa]s|HCA|HCAs|CNA|TCAE|TES|care\s+assistant"
    r"|healthcare\s+assistant|secretary|receptionist|manager|admin|OT|SLT|dietitian|paramedic|medic|student"
    r"|F1|FY1|FY2|SHO|reg|SpR|intern|mentor|boss|supervisor|tutor[a]?|jef[ea]|secretari[oa]|administrativ[oa]"
    r"|recepcionista|t[eé]cnic[oa]|mentora|supervisor[a]?)\.?|[@#])\s*(?:[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\s+)?$"
)
# "'Best GP in Leeds' - Mark, 45": a named (and aged) patient attached to a testimonial.
ATTRIBUTION_RE = re.compile(
    r"[-–—]\s*([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+(?:\s+[A-ZÁÉÍÓÚÑ]\.?)?),\s*"
    r"((?:1[01]\d|\d{1,2})(?:\s+(?:años|years?(?:\s+old)?))?|(?i:paciente|patient))"
)


def _overlaps(hits: list[Hit], start: int, end: int) -> bool:
    return any(h.start < end and start < h.end for h in hits)


def _in_url(urls: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in urls)


def _name_ok(word: str) -> bool:
    return word not in _NOT_NAME and not word.isupper()


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
        if letters in _NOT_INITIALS or _overlaps(hits, m.start(), m.end()):
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
        if _STAFF_BEFORE.search(text, max(0, m.start() - 30), m.start()) or _SAINT.search(
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
        if CLINICAL_RE.search(text, s_start, s_end) or _about_person(d):
            hits.append(Hit("privacy.name", m.start(), end, placeholder="[NAME]"))
    return hits


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


def _about_person(d: Draft) -> bool:
    """Health information (or a care setting) about one person, however that person is described."""
    if not (d.clinical or d.setting):
        return False
    return d.person or any(
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
    cue = any(r.search(text) for r in (_PATIENT_WORD, ENCOUNTER_RE, ENCOUNTER_ANY_RE, WHEN_RE, AGE_RE, AGE_EXTRA_RE))
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
        if _MESSAGE.search(window) and (_PATIENT_WORD.search(window) or PERSON_RE.search(window)):
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
            if _PATIENT_WORD.search(text, s_start, s_end) and not _overlaps(hits, m.start(), m.end()):
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
        if not _NOT_AGE_BEFORE.search(text, max(0, m.start() - 20), m.start()) and not _overlaps(
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
    for m in STORY_RE.finditer(text):
        if not _overlaps(hits, m.start(), m.end()):
            hits.append(Hit("privacy.story", m.start(), m.end(), severity="medium"))
    if not any(h.rule == "privacy.story" for h in hits):
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
        if town.split()[0] in _NOT_NAME or _overlaps(hits, m.start(1), m.end(1)):
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
    if others or _MEDIA_SHARED.search(d.text):  # a dated story plus another identifier ("today in clinic")
        hits = [Hit(h.rule, h.start, h.end, None, h.placeholder) if h.rule == "privacy.story" else h
                for h in hits]
    return hits
