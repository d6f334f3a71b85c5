"""Identifier patterns for the patient-privacy rules: names, ages, dates, places, records, contacts, relations,
occupations and the public details that single one person out (HIPAA's 18 identifiers and their cousins).

Patterns only; which combination counts as a disclosure is decided in rules_privacy.py.
"""

from __future__ import annotations

import re

from bot.draft_check.vocabulary import (
    CAP,
    CLINICAL_WORDS,
    STAR_REVIEW,
    ci,
    word_alt,
)

TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Sr|Sra|Srta|Don|Doña|Dña|D\.ª|Baby|Little)"
NOT_NAME = frozenset(
    {
        "The", "This", "That", "These", "Those", "Today", "Tomorrow", "Yesterday", "Hoy", "Ayer", "Mañana",
        "Please", "Thanks", "Thank", "Gracias", "El", "La", "Los", "Las", "Un", "Una", "En", "De", "Del", "Y",
        "And", "Or", "But", "Our", "My", "Your", "Su", "Sus", "Mi", "Mis", "Al", "A", "An", "I", "He", "She",
        "We", "They", "It", "Patient", "Patients", "Paciente", "Pacientes", "Doctor", "Dr", "Dra", "Nurse",
        "Hospital", "Ward", "Room", "Bed", "Cama", "Clinic",
        # days and months are capitalised in English ("Saturday's workshop") but are nobody's name
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
        "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    }
)

TITLE_NAME_RE = re.compile(rf"\b{TITLE}\.?\s+(?:{CAP})(?:\s+(?!y\b|de\b)(?:{CAP}))?")
PATIENT_NAME_RE = ci(
    r"\b(?:(?:my|our|the|a|this|mi|nuestr[oa]|la|el|una?|esta|este)\s+)?(?:patient|pt|paciente|pcte|pte)s?"
    r"(?:\s+(?:named|called|llamad[oa]))?,?\s+"
)
# "Reye's syndrome", "Crohn's disease": an eponym names a condition, not a patient.
POSSESSIVE_RE = re.compile(
    rf"\b({CAP})['’]s\s+(?!(?i:syndrome|disease|palsy|sign|test|phenomenon|law|s[ií]ndrome|enfermedad)\b)(?:\w+\s+)?"
    rf"(?i:{CLINICAL_WORDS})(?!\w)"
)
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
    r"|\baged\s+\d{1,3}\b(?!\s*(?:-|–|to|a|or\s+over|and\s+over|\+|y\s+m[aá]s)\s*\d*)"
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
TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
AGE_EXTRA_RE = ci(
    rf"\b(?:{AGE_LEAD})\s+(?:(?!(?:menos|m[aá]s|mayor(?:es)?|menor(?:es)?|tiene|tienen|tenga|tengan|edad|entre"
    rf"|hasta|desde)\b)[^\s,.]+\s+){{0,2}}?de\s+(?:1[01]\d|\d{{1,2}})\s*(?:a(?:ños|ñitos|nos)?\b\.?|meses\b|a\.|(?=[\s,;)]))"
    r"|\b(?:1[01]\d|\d{1,2})\s+(?:añitos|añazos|abriles|tacos|primaveras)\b"
    rf"|\b(?:{TENS}(?:[- ]{UNITS})?|{UNITS}|ten|eleven|twelve|\w+teen)[- ]years?[- ]old\b"
    r"|\b\d{1,3}\s+years?\s+young\b"
    r"|\b(?:1[01]\d|\d{1,2})a\b(?!\s*(?:planta|edici|vez|semana|dosis|convocatoria|ola|fila|parte|ed\b))"
    r"|\b(?:1[01]\d|\d{1,2})\s?(?:yo\s?|y/o\s?|y\.o\.?\s?)?(?-i:[MF])\b(?!\s*(?:views|people|users"
    r"|followers|downloads|in\b|of\b|de\b))"
)
# "J.R., 58," / "M.G. 29 años": initials with an age or in a clinical sentence are a name.
INITIALS_RE = re.compile(r"(?<![\w.])(?:[A-Z]\.\s?){2,3}(?![\w])")
NOT_INITIALS = frozenset({"UK", "US", "EU", "USA", "UE", "EEUU", "DC", "PS", "AM", "PM", "NB", "CV", "SA", "RIP",
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
NOT_AGE_BEFORE = ci(
    r"(?:hace|cumpl\w+|durante|más\s+de|menos\s+de|tras|después\s+de|llevo|llevamos|en|over|after|for"
    r"|últimos|primeros|los|mis|our|my|past|last|next|about|almost|casi|unos|some|\d)\s*$"
)
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr"
    "|jun|jul|aug|sep|sept|oct|nov|dec|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre"
    "|setiembre|octubre|noviembre|diciembre"
)
DATE_RE = ci(
    rf"\b(?:on\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\b"
    rf"|\b(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"|\b(?:el\s+)?\d{{1,2}}\s+de\s+(?:{MONTHS})\b"
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
MESSAGE = ci(
    r"\b(?:sent\s+me|texted|messaged|dm['’]?d|dms?|whats\s?app|wa|texts?|messages?|chat|email(?:ed)?"
    r"|me\s+(?:mand[oó]|envi[oó]|escribi[oó]|dej[oó])|mensajes?|audio|chat|correo|wasap|guasap|whatsapp)\b"
)
PATIENT_WORD = ci(
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
PUBLIC = word_alt(
    "famous|celebrity|well-known|well known|footballer|football player|actor|actress|singer|presenter"
    "|tv presenter|politician|the mayor|mayor of|our mayor|councillor|local mp|influencer|the vicar"
    "|the local priest|headteacher|the judge|famos|famosa|famoso|conocido presentador|conocida presentadora"
    "|conocido actor|conocida actriz|futbolista|cantante|presentador de televisión|un político|una política"
    "|el político|la política local"
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
    rf"(?<!\w)(?:{PUBLIC})(?!\w)"
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


MEDIA_SHARED = ci(
    r"\b(?:photo|pic|picture|image|x-?ray|scan|video|ecg|mri|foto|imagen|radiograf[ií]a|resonancia|v[ií]deo"
    r"|ecograf[ií]a)s?\b"
)


# A name right after a staff title ("nurse Emma", "la Dra. Marta") is a colleague, not a patient.
STAFF_BEFORE = ci(
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
ATTRIBUTION_RE = re.compile(  # not a span of days: "Mon–Fri, 30 hrs"
    r"[-–—]\s*(?!(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Lun|Mar|Mi[eé]|Jue|Vie|S[aá]b|Dom)\b)([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+"
    r"(?:\s+[A-ZÁÉÍÓÚÑ]\.?)?),\s*"
    r"((?:1[01]\d|\d{1,2})(?:\s+(?:años|years?(?:\s+old)?))?|(?i:paciente|patient))"
)
