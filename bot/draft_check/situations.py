"""Situation parts, in English and Spanish: who is talked about or to, what is disclosed, the speech act, and
what mitigates it.

Rules combine parts instead of listing whole phrases: "a reply to a review" + "the reader's care" is a
disclosure whatever the exact words; "addressed to one person" + "a diagnosis or a drug" is individual advice.
Each part is a compiled pattern; `parts(draft)` lists which parts occur (the learned second opinion uses the
same names as features), and `spans(draft, name)` where.
"""

from __future__ import annotations

import re

from bot.draft_check import tone
from bot.draft_check.situations_conduct import (
    ATTRACTION_RE,
    BLAME_READER_RE,
    KIND_RE,
    MET_IN_CARE_RE,
    NAMED_RESULT_RE,
    PATIENT_GROUP_RE,
    READER_RELATIVE_RE,
    RIDICULE_RE,
    ROLE_RE,
    named_results,
)
from bot.draft_check.vocabulary import CLINICAL_RE, STAR_REVIEW, Draft, ci

# --- who --------------------------------------------------------------------------------------------------
HANDLE = r"(?<![\w.])@[A-Za-z0-9_.]{2,}"
_GREETING = (r"(?:hi|hello|hey|dear|thanks|thank\s+you|hola|querid[oa]|estimad[oa]|buenas|gracias|tranquil[oa]"
             r"|disculp[aá]|disculpe|perdon[aá]|perdone"
             r"|(?:mam[aá]|pap[aá]|mum|mom|dad)\s+(?:de|of))")
# "Hi Sarah,", "Hola Lucía,", "Sarah, for your son's fever...": one named reader.
_RELATIVE = r"(?:auntie|aunty|aunt|uncle|cousin|t[ií]a|t[ií]o|prim[oa]|abuel[oa]|grandma|grandpa|nan|mum|mom|dad)"
_OPENERS = frozenset({
    "Today", "Honestly", "Yesterday", "However", "Yes", "No", "Also", "So", "Well", "Sadly", "Thankfully", "Again",
    "Reminder", "Note", "Update", "Ok", "Okay", "Guys", "Folks", "Friends", "Colleagues", "Everyone", "Team",
    "Finally", "Tonight", "Tomorrow", "Now", "Then", "Still", "Seriously", "Look", "Listen", "Please", "Sorry",
    "Hoy", "Ayer", "Bueno", "Pues", "Sinceramente", "Además", "Amigos", "Compañeros", "Chicos", "Gente", "Mañana",
    "Ojo", "Recordad", "Recuerda", "Vale", "Perdón", "Lo", "Por", "Eso", "Esto", "Ahora", "Luego", "Sí", "Bien",
    "Anyway", "Meanwhile", "Personally", "Fun", "Quick", "Actually", "Interesting", "Breaking", "Important",
    "Importante", "Nota", "Aviso", "Atención", "Recordatorio", "Hola", "Hi", "Hello", "Hey", "Dear", "Thanks",
})
# "Hi Sarah,", "Hola Lucía", "Auntie Grace,", "Sarah, for your son's fever...": one named reader.
VOCATIVE_RE = re.compile(
    rf"\b(?i:{_GREETING})\s*,?\s+(?:(?i:{_RELATIVE})\s+)?[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\b"
    rf"|\b(?i:{_RELATIVE})\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\s*,"
    rf"|(?:^|(?<=\n)|(?<=[.!?]\s))(?:Sra?|Srta|Mr|Mrs|Ms|Don|Doña)\.?\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\s*,"
    rf"|\b(?i:replying\s+to|reply\s+to|respondiendo\s+a|en\s+respuesta\s+a|respuesta\s+a|respondo\s+a)\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\b"
    # terms of address ("Comadre,", "Hermano,", "hi lovely", "Che Lucas"), "Sí Paty,", "the anon in my inbox"
    rf"|\b(?i:comadre|compadre|herman[oa]|bro|mate|amig[oa]|vecin[oa]|hun|lovely|cari|cariño|mij[oa]|parcero|parce"
    rf"|manit[oa])\s*[,!:]|\b(?i:che|hi\s+lovely)\s+(?:[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)?"
    rf"|(?:^|(?<=[.!?]\s))(?i:s[ií]|yes|no|ok|vale|mira)\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\s*,"
    rf"|\b(?i:(?:reply|replying|answer)\s+to\s+the\s+anon|the\s+anon\s+in\s+my)\b"
)
# A sentence that opens with a capitalised word and a comma, then speaks to "you": "Linda, stop the pills".
_OPENING_NAME_RE = re.compile(r"(?:^|(?<=[\n.!?])\s*)([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)\s*,\s")
_SECOND_PERSON_RE = ci(r"\b(?:you|your|you['’]re|tu|tus|te|usted|contigo|t[oó]mate|dale|deja|sube|baja|vos|sos|ten[eé]s"
                      r"|faltaste|viniste|llegaste|pediste|dijiste|reclamas|culpes|quejas)\b")


def _vocatives(text: str) -> list[tuple[int, int]]:
    found = [(m.start(), m.end()) for m in VOCATIVE_RE.finditer(text)]
    for m in _OPENING_NAME_RE.finditer(text):
        if m.group(1) in _OPENERS:
            continue
        rest = text[m.end() : m.end() + 160]
        stop = min((i for i in (rest.find(". "), rest.find("\n")) if i >= 0), default=len(rest))
        if _SECOND_PERSON_RE.search(rest[:stop]):
            found.append((m.start(1), m.end(1)))
    return found


ADDRESSED_RE = re.compile(
    rf"{HANDLE}|\b(?i:replying\s+to|in\s+reply\s+to|en\s+respuesta\s+a|respondiendo\s+a)\s+@"
    r"|\b(?i:dm\s+reply|reply\s+by\s+dm|respuesta\s+por\s+(?:privado|md|dm)|por\s+privado)\b"
    r"|\b(?i:you\s+asked\s+(?:about|me)|me\s+preguntas|me\s+preguntabas|me\s+pregunt[oó]|you\s+messaged)\b"
)
# The author of a review, answered: "thanks for your review", "dear reviewer", "a quien nos puso una estrella".
REVIEW_REPLY_RE = ci(
    rf"{STAR_REVIEW}"
    r"|\b(?:thanks|thank\s+you)\s+(?:\w+\s+){0,2}?for\s+(?:your|the|this|taking\s+the\s+time\s+to\s+leave\s+a)\s+"
    r"(?:\w+\s+)?(?:review|feedback|rating|comments?)"
    r"|\breply\s+to\s+(?:the\s+|your\s+|this\s+)?(?:\w+\s+)?review\b|\brespuesta\s+a\s+la\s+reseña\b"
    r"|\b(?:replying|responding|reply)\s+to\s+(?:the\s+|your\s+)?comment\b|\bcontestando\s+a\b"
    r"|\brespondiendo\s+(?:a\s+tu|a\s+su|al)\s+comentario\b"
    r"|\bdear\s+(?:reviewer|customer|patient|user)\b|\bestimad[oa]\s+(?:usuari[oa]|paciente|client[ea])\b"
    r"|\b(?:replying|in\s+reply|responding|in\s+response)\s+to\s+(?:the|your|this)\s+(?:\w+[- ]star\s+|negative\s+)?"
    r"(?:review|rating|comment|feedback)"
    r"|\bto\s+(?:the\s+person|whoever|the\s+patient|the\s+reviewer|the\s+gentleman|the\s+lady|the\s+man|the\s+woman"
    r"|the\s+mum|the\s+dad)\s+who\s+(?:left|wrote|posted|gave)"
    r"|\b(?:response|reply)\s+to\s+(?:\w+\s+)?(?:google|online|doctoralia|trustpilot)?\s*review\b"
    r"|\brespuesta\s+a\s+la\s+reseña\s+de\b|\b(?:al|a\s+la)\s+(?:señor|señora|persona|paciente)\s+que\s+(?:nos\s+)?(?:dej[oó]|puso|escribi[oó])"
    r"|\bgracias\s+por\s+(?:su|tu|la|dejarnos\s+su|dejarnos\s+tu)\s+(?:\w+\s+)?(?:reseña|opini[oó]n|valoraci[oó]n"
    r"|comentario)"
    r"|\b(?:respondiendo|en\s+respuesta|respuesta)\s+a\s+(?:la|su|tu|esta)\s+(?:\w+\s+)?(?:reseña|opini[oó]n"
    r"|valoraci[oó]n|comentario|queja)"
    r"|\ba\s+quien\s+(?:nos|me)\s+(?:puso|dej[oó]|dio|escribi[oó])"
    r"|\bsentimos\s+(?:mucho\s+)?(?:que|la|su)\b|\bwe['’]?re\s+sorry\s+(?:you|to\s+hear)"
    r"|\bsorry\s+(?:to\s+hear|you\s+(?:felt|had|waited))"
)
CHILD_RE = ci(
    r"\b(?:kid|child|toddler|baby|little\s+(?:one|boy|girl|lad|man)|\d{1,2}[- ]year[- ]old|teen(?:ager)?|infant"
    r"|newborn|niñ[oa]|peque|cr[ií][oa]|beb[eé]|chiquit[ií]n|adolescente|chaval(?:a|ito)?)\b"
)
# Someone readers may recognise: a local figure, a public role, an identifiable group member.
LOCAL_FIGURE_RE = ci(
    r"\b(?:the|our|a\s+certain|a\s+well[- ]known|a\s+beauty|a\s+local|el|la|nuestr[oa]|ciert[oa]"
    r"|un[oa]?\s+(?:muy\s+)?conocid[oa])\s+"
    r"(?:local\s+)?(?:vicar|priest|head\s+teacher|headteacher|headmistress|landlord|landlady|councillor|mayor|MP"
    r"|weather\s+presenter|presenter|footballer|goalkeeper|(?<=el\s)cura|p[aá]rroco|director[a]?\s+del\s+colegio"
    r"|due[ñn][oa]\s+del\s+bar|concejal[a]?|alcalde(?:sa)?|portero|presentador[a]?|futbolista|cantante|singer"
    r"|actor|actress|actriz|influencer|celebrity|famos[oa]|ceo|chief\s+executive|arquero|delantero|striker|drummer"
    r"|captain|capit[aá]n|coach|entrenador[a]?|chairman|president[ea]?)\b"
    r"|\b(?:ceo|director|directora|owner|dueñ[oa]|captain|capit[aá]n|arquero|portero|goalkeeper)\s+(?:of|de|del)\s+"
    r"(?:a\s+|an\s+|the\s+|el\s+|la\s+)?(?:well[- ]known\s+|conocid[oa]\s+)?(?-i:[A-Z])\w+"
    r"|\b(?:pap[aá]|mam[aá]|padre|madre|hij[oa]|mujer|marido|father|mother|son|daughter|wife|husband)\s+(?:del?|of)\s+"
    r"(?:the\s+|el\s+|la\s+|our\s+)?(?:alcalde(?:sa)?|mayor|concejal[a]?|councillor|cura|vicar|MP|presidente)\b"
    r"|\b(?:the\s+(?:lad|guy|woman|man|lady)\s+who\s+(?:plays|runs|owns|works))|\b(?:la|el)\s+de\s+la\s+"
    r"(?:panader[ií]a|farmacia|tienda|frutería)\b"

)

# Confirming that someone is your patient: the care relationship is itself health information.
CONFIRM_PATIENT_RE = ci(
    r"\b(?:(?:can|could)\s+confirm|confirmo|confirmamos|puedo\s+confirmar)\b[^.!?\n]{0,80}?"
    r"\b(?:under\s+(?:my|our)\s+care|(?:my|our|a)\s+patient|paciente\s+(?:nuestr[oa]|m[ií][oa]|de\s+la\s+consulta)"
    r"|es\s+(?:mi\s+|nuestr[oa]\s+)?paciente|est[aá]\s+ingresad[oa]|was\s+admitted|is\s+being\s+treated)\b"
)

# --- what is disclosed ------------------------------------------------------------------------------------
CARE_NOUN = (
    r"appointments?|visit|consultation|results?|tests?|bloods?|scan|x-?ray|biopsy|smear|ecg|referral|letter"
    r"|prescription|medication|meds|treatment|op|operation|surgery|procedure|injection|jab|vaccine|stitches"
    r"|diagnosis|care|records?|notes|file|check-?up|cita|citas|visita|consulta|resultados?|anal[ií]tica|prueba"
    r"|radiograf[ií]a|resonancia|biopsia|citolog[ií]a|ecograf[ií]a|electro|derivaci[oó]n|volante|receta"
    r"|medicaci[oó]n|tratamiento|operaci[oó]n|intervenci[oó]n|vacuna|puntos|diagn[oó]stico|historial|informe"
    r"|\w+(?:plasty|ectomy|otomy|oscopy|plastia|ectom[ií]a|otom[ií]a|oscop[ií]a)|bypass|filler|botox|b[oó]tox|relleno"
    r"|historia(?:\s+cl[ií]nica)?|expediente|ficha|chart"
    r"|implants?|implantes?|c-section|ces[aá]rea"
)
# The reader's own care, said back to them: "your scan results", "you missed", "su analítica", "faltó a".
YOUR_CARE_RE = ci(
    rf"\b(?:your|su|sus|tu|tus)\s+(?:\w+\s+){{0,2}}?(?:{CARE_NOUN})\b"
    r"|\b(?:saw|seeing|seen|see)\s+you\s+(?:in|at)\s+(?:the\s+|your\s+)?(?:clinic|surgery|practice|a&e|ward|appointment"
    r"|check-?up)\b|\bte\s+vi\s+en\s+(?:la\s+)?(?:consulta|cl[ií]nica|revisi[oó]n)\b"
    r"|\byou\s+(?:missed|cancel+ed|did\s+not\s+attend|didn['’]t\s+(?:attend|turn\s+up|show)|arrived|came\s+in"
    r"|were\s+(?:seen|late|rude)|attended|had\s+(?:a|an|your)|saw\s+(?:dr|the)|waited)"
    r"|\bwe\s+(?:saw|treated|examined|referred|prescribed)\s+you\b"
    r"|\byour\s+(?:son|daughter|child|baby|mum|mother|dad|father|wife|husband|partner)\s+(?:was|were|had|came)\b"
    r"|\bsu\s+(?:hij[oa]|beb[eé]|madre|padre|marido|mujer|pareja)\s+(?:fue|tuvo|vino|estuvo)\b"
    r"|\b(?:falt[oó]|no\s+acudi[oó]|no\s+vino|no\s+se\s+present[oó]|lleg[oó]\s+(?:\d+\s+minutos\s+)?tarde"
    r"|le\s+(?:atendimos|vimos|recetamos|derivamos|operamos|hicimos)|usted\s+(?:vino|acudi[oó]|lleg[oó]))\b"
    r"|\b(?:faltaste|viniste|llegaste|acudiste|te\s+(?:vimos|vi|atend[ií]|atendimos|operamos|oper[eé]|recet[eé]|recetamos"
    r"|quit[eé]|quitamos|dej[eé]\s+la\s+receta|hicimos|pusimos)|(?:vos\s+sos|t[uú]\s+eres)\s+(?:la|el)\s+que\s+vino"
    r"|I\s+remember\s+you\s+from|(?:thanks|thx|thank\s+you)\s+for\s+coming\s+in|you\s+came\s+in|that\s+was\s+you\s+in"
    r"|(?:look(?:ed|ing)?\s+after|help(?:ed|ing)?|car(?:ed|ing)\s+for)\s+you\s+(?:both\s+)?(?:through|during)"
    r"|your\s+(?:pregnancy|ivf|embarazo|cast|scar|filling|implant|stitches|recovery)"
    r"|tu\s+(?:embarazo|placa|implante|yeso|cicatriz|control)|tus\s+(?:an[aá]lisis|controles|puntos|revisiones))\b"
    r"|\b(?:went\s+well|back\s+on\s+your\s+feet|you['’]?re\s+(?:recovering|healing|on\s+the\s+mend)|looking\s+so\s+well"
    r"|ya\s+est[eé]s\s+recuperad[oa]|sali[oó]\s+bien|saliera\s+bien|qu[eé]\s+bien\s+se\s+te?\s+ve)\b"
)
# Recovery said to the reader: "so glad the op went well", "ya estés recuperada".
RECOVERY_RE = ci(
    r"\b(?:went\s+(?:well|smoothly|great|fine|ok)|back\s+on\s+your\s+feet|you['’]?re\s+(?:recovering|healing|on\s+the\s+mend|doing\s+better)"
    r"|up\s+and\s+about|good\s+to\s+see\s+you\s+(?:up|back|walking|out|on\s+your\s+feet)"
    r"|(?:gusto|alegr[ií]a)\s+ver(?:lo|la|te)\s+(?:caminar|andar|de\s+pie|recuperad[oa]|tan\s+bien)"
    r"|saliera\s+(?:genial|estupendamente)|sali[oó]\s+(?:genial|estupendamente)|see\s+you\s+(?:for|at)\s+your\s+(?:follow|check|review)"
    r"|nos\s+vemos\s+en\s+la\s+revisi[oó]n"
    r"|ya\s+est[eé]s\s+(?:recuperad[oa]|mejor)|sali[oó]\s+bien|saliera\s+bien|qu[eé]\s+bien\s+se\s+te?\s+ve"
    r"|get\s+well\s+soon|que\s+te\s+mejores|recovery|recuperaci[oó]n"
    # a treatment said to be working for the reader: "glad the stitches came out ok", "te esté funcionando"
    r"|came\s+out\s+(?:ok|okay|fine|well|great)|(?:worked|working|paid\s+off)\s+for\s+you"
    r"|(?:cast|stitches|plaster|dressing|yeso|puntos)\s+(?:come|came|coming|off)\s*(?:off)?|(?:is|are)\s+working\s+for\s+you|(?:te|le)\s+(?:est[eé]|haya|ha)\s+"
    r"(?:funcionando|ido\s+(?:tan\s+)?bien|sentado\s+bien)|helping\s+you\s+through\s+your)\b"
)
NO_SHOW_RE = ci(
    r"\b(?:missed|did\s+not\s+attend|didn['’]t\s+attend|DNA['’]?d|no[- ]show|falt[oó]\s+a|no\s+acudi[oó]\s+a"
    r"|no\s+se\s+present[oó])\b"
)
# A visit seen in a care setting ("in A&E again", "came to see me about", "vino a verme por").
VISIT_RE = ci(
    r"\b(?:in|at|to)\s+(?:a&e|the\s+ed|casualty|clinic|the\s+surgery|resus)\b|\ben\s+urgencias\b"
    r"|\b(?:a|en)\s+la\s+guardia\b|\ba\s+urgencias\b|\bunder\s+(?:my|our)\s+care\b|\ble\s+cos[ií]\b|\bI\s+(?:stitched|treated|saw)\b"
    r"|\bcame\s+(?:in\s+)?to\s+see\s+me\b|\bvino\s+a\s+verme\b|\bvolvi[oó]\s+a\s+urgencias\b|\bwas\s+in\s+(?:a&e|ed)"
    r"|\bcame\s+in\s+(?:with|for|about)\b|\bwe\s+saw\s+in\s+clinic\b|\bque\s+vimos\b|\bin\s+clinic\b|\ben\s+consulta\b"
    # came/was in, came to a named kind of clinic, is back on the ward, lies in bed 4 / la 214, had stitches out
    r"|\b(?:came|was|were)\s+in\s+(?:again|today|yesterday|last\s+night|this\s+morning|overnight)\b|\bcame\s+(?:in\s+)?to\s+(?:our|the|my)\s+"
    r"(?:\w+\s+)?(?:clinic|surgery|practice|ward|unit|department|a&e|ed)\b|\bback\s+(?:on|in)\s+(?:the|our)\s+"
    r"(?:ward|unit|department|a&e|ed)\b|\b(?:in|on)\s+(?:our|the)\s+(?:unit|ward)\b|\b(?:in|en)\s+(?:bed|room|cama"
    r"|habitaci[oó]n|box)\s*\d+|\b(?:el|la)\s+de\s+la\s+(?:\d{2,4}|uci|cama\s+\d+)\b|\bthe\s+(?:guy|man|woman|lady)\s+in\s+\d+"
    r"|\b(?:dad[oa]\s+de\s+alta|discharged|ya\s+est[aá]\s+en\s+casa|went\s+home\s+(?:today|yesterday|from))\b"
    r"|\b(?:vino|viene|vendr[aá]|ven[ií]a)\s+(?:\w+\s+){0,6}?(?:a\s+(?:la\s+)?(?:cl[ií]nica|consulta|urgencias|guardia|eco\w*"
    r"|revisi[oó]n|control|planta)|por\s+lo\s+de[l]?|a\s+por|por\s+su\b)"
    r"|\b(?:stitched\s+(?:up|him|her)|pulled\s+(?:\w+\s+){1,2}out\s+of|le\s+quit[eé]\s+(?:los\s+)?puntos"
    r"|le\s+(?:cos[ií]|operamos|atend[ií]))\b"
)

# --- the speech act ---------------------------------------------------------------------------------------
# A diagnosis told to the reader: "that's definitely shingles", "sounds like", "por la foto es", "eso es".
DIAGNOSE_RE = ci(
    r"\b(?:that['’]?s|it['’]?s|this\s+is|that\s+is|it\s+is)\s+(?:definitely|clearly|almost\s+certainly|probably"
    r"|classic|just|obviously|textbook)\b"
    r"|\bsounds\s+(?:like|to\s+me\s+like)\b|\bfrom\s+(?:your|the)\s+(?:photo|pic|picture|description)\b"
    r"|\bpor\s+(?:la\s+foto|lo\s+que\s+cuentas|lo\s+que\s+describes)\b|\beso\s+es\s+(?:claramente|seguro)?"
    r"|\bes\s+(?:claramente|seguro|de\s+manual|sin\s+duda)\b|\bseguro\s+que\s+es\b|\btienes\s+(?:un|una)\b"
    r"|\byou\s+(?:have|['’]ve\s+got)\s+(?:a|an)\b|\b(?:it|that)['’]?s\s+(?:a|an)\s+\w+\s+(?:infection|virus)\b"
    r"|\b(?:is|es)\s+(?:almost\s+certainly|definitely|clearly|probably|casi\s+seguro|seguro|claramente)\b"
    r"|\blooks\s+like\s+(?:a|an)?\b|\bfrom\s+what\s+you\s+(?:describe|say)\b|\blo\s+tuyo\s+es\b|\bparece\s+(?:un|una)\b"
    r"|\b(?:it|that)['’]?s\s+(?:probably\s+)?(?:a\s+|an\s+)?\w+(?:itis|osis|algia)\b|\bes\s+(?:un|una)\s+\w+(?:itis|osis)\b"
    r"|\byou\s+don['’]?t\s+need\s+(?:a|an|the|your|to\s+(?:see|take))\b|\bno\s+necesitas\b|\bis\s+benign\b|\bes\s+benign[oa]\b"
)
# Telling the reader to act on their own health: take, stop, double, give him, buy, skip the appointment.
DIRECTIVE_RE = ci(
    r"\b(?:take|stop|start|double|halve|increase|reduce|skip|switch|grab|get|buy|try|use|give\s+(?:him|her|them)"
    r"|just\s+give|don['’]?t\s+bother\s+with|ditch|forget|you\s+can\s+stop|you\s+should\s+(?:take|stop|try|use)"
    r"|t[oó]mate|t[oó]mese|toma|tome|deja|deje|dobla|duplica|sube|baja|compra|c[oó]mprate|prueba(?:\s+con)?"
    r"|usa|dale|dele|ponle|olv[ií]date\s+de(?:l)?|puedes\s+dejar|deber[ií]as\s+(?:tomar|dejar|probar)|alternate"
    r"|bin\s+it|get\s+it\s+(?:cut|removed|checked)|p[ií]dele|p[ií]de|[uú]salo|[uú]sala|alterna|apl[ií]cate"
    r"|ponte|p[oó]ngase|iny[eé]ctate|sigue\s+con|just\s+(?:run|take|use|do)|run\s+\d+\s?mg|you\s+want"
    r"|you\s+need|necesitas|you\s+can\s+(?:give|take|use|stop|double)|puedes\s+(?:darle|tomar|usar|dejar|doblar)|te\s+hace\s+falta|I['’]d\s+(?:stop|take|start|use)|I\s+would\s+(?:stop|take|start)"
    r"|yo\s+(?:dejar[ií]a|tomar[ií]a))\b"
)
# Sending the reader away from care: "no need to see anyone", "no hace falta ir al médico".
AVOID_CARE_RE = ci(
    r"\bno\s+need\s+to\s+(?:see|bother|go|call)\b|\bskip\s+the\s+(?:appointment|gp|doctor)\b"
    r"|\bwouldn['’]?t\s+waste\s+(?:a|an|your)\b|\bno\s+hace\s+falta\s+(?:que\s+vayas|ir)\b|\bolv[ií]date\s+de\s+la\s+cita\b"
    r"|\bno\s+gastes\s+(?:una|la)\s+cita\b|\bno\s+vayas\s+al\s+m[eé]dico\b|\bdon['’]?t\s+bother\s+(?:the|your|with)\b"
    r"|\bno\s+need\s+for\s+(?:a|an|the)\s+(?:scan|test|doctor|gp|appointment|x-?ray|referral)\b"
    r"|\bnothing\s+to\s+worry\s+about\b|\bnada\s+de\s+qu[eé]\s+preocupar(?:se|te)\b"
    r"|\bno\s+hace\s+falta\s+(?:ecograf[ií]a|prueba|radiograf[ií]a|anal[ií]tica|cita|m[eé]dico)\b"
    r"|\bdon['’]?t\s+waste\s+(?:money|time|your\s+\w+)\s+on\s+(?:a|the)\s+(?:clinic|doctor|gp|appointment)\b"
    r"|\bdon['’]?t\s+wait\s+for\s+(?:the|your)\b|\bno\s+lo\s+lleves\s+a\b|\bnada\s+de\s+m[eé]dico\b|\bskip\s+the\s+gp\b"
    # any "don't go / no need to take him" to a place or person of care, any "skip the follow-up / the scan"
    r"|\b(?:no|don['’]?t|never|ni)\s+(?:\w+\s+){0,2}?(?:vayas|vaya|ir|go|llevarl[oa]|lleves|lleve|venir|venga|come"
    r"|see|call)\s+(?:a\s+|al\s+|to\s+|con\s+el\s+|con\s+la\s+|the\s+|your\s+)?(?:urgencias|m[eé]dic[oa]|pediatra"
    r"|doctor|gp|a&e|er|hospital|consulta|clinic|emergency|centro\s+de\s+salud|ambulatorio|anyone|nadie)\b"
    r"|\bskip\s+(?:the\s+|your\s+)?(?:follow-?up\s+|\w+\s+)?(?:appointment|colposcopy|scan|test|referral|check|review"
    r"|screening|biopsy|follow-?up)\b|\bno\s+tiene\s+(?:que|por\s+qu[eé])\s+(?:ir|venir|acudir)\b"
)
SYMPTOM_RE = ci(
    r"\b(?:rash|sarpullido|cough|tos|headaches?|dolor|pain|lump|bulto|fever|fiebre|itch\w*|picor|swelling"
    r"|hinchaz[oó]n|palpitations|palpitaciones|tingling|hormigueo|blood\s+in|sangre\s+en|sore\s+throat"
    r"|garganta|dizz\w+|mareos?|tired\w*|cansancio|nausea|n[aá]useas|vomit\w*|v[oó]mitos|diarrh?oea|diarrea"
    r"|chest\s+tightness|opresi[oó]n|insomnia|insomnio|spots?|granos?|acne|acn[eé])\b"
)
DRUG_RE = ci(
    r"\b(?:ibuprofen|ibuprofeno|paracetamol|acetaminophen|amoxicillin|amoxicilina|codeine|code[ií]na|tramadol"
    r"|diazepam|lorazepam|sertraline|sertralina|prednisolone|prednisona|omeprazole?|cetirizine|cetirizina"
    r"|naproxen|naproxeno|metformin|metformina|doxycycline|doxiciclina|propranolol|antibiotics?|antibi[oó]ticos?"
    r"|steroids?|corticoides|antihistamines?|antihistam[ií]nicos?|aspirin|aspirina|melatonin|melatonina"
    r"|clomid|clomifeno?|clomiphene|salbutamol|ventolin|gaviscon|nitrofurantoin|fosfomicina|statins?|estatinas?|amlodipin[ae]?|levothyroxine|levotiroxina|eutirox|diclofenac|diclofenaco"
    r"|furosemid[ae]|warfarin|sintrom|apixaban|rivaroxaban|insulin|insulina|ozempic|semaglutid[ae]|viagra"
    r"|sildenafilo?|tadalafilo?|finasterid[ae]|minoxidil|isotretino[ií]na|isotretinoin|roaccutane|valium"
    r"|xanax|alprazolam|zolpidem|orfidal|nolotil|metamizol|enantyum|dexketoprofeno|b12|vitamin\s+d|vitamina\s+d"
    r"|hierro|iron\s+tablets|creatin[ae]|testosterone?|testosterona|anabolic\w*|anabolizantes|steroid\s+cycle"
    r"|\w+(?:cillin|cilina|mycin|micina|prazole?|olol|pril|sartan|statin|xetine|xetina|azepam|floxacin|dipine"
    r"|dipino|fenac|fenaco|tidine|tidina|triptan|tript[aá]n|gliptin|gliptina|gliflozin|glifozina|mab|lukast"
    r"|lukast|caine|ca[ií]na|profen|profeno|semide|thiazide|tiazida))\b"
)
DOSE_RE = ci(
    r"\b\d+(?:[.,]\d+)?\s?(?:mg|g|mcg|ml|iu|ui)\b|\b\d+\s+(?:tablets?|pills?|comprimidos?|pastillas?|gotas|puffs)\b"
    r"|\b(?:double|doble|dobla|la\s+mitad|half)\s+(?:the\s+|la\s+|your\s+|tu\s+)?(?:dose|dosis)\b"
)

# --- endorsement and interests ----------------------------------------------------------------------------
PHARMA = (
    r"Pfizer|Novartis|Roche|Bayer|Sanofi|GSK|GlaxoSmithKline|AstraZeneca|Merck|MSD|Lilly|Novo\s+Nordisk|AbbVie"
    r"|Boehringer(?:\s+Ingelheim)?|Janssen|Johnson\s+&\s+Johnson|J&J|Medtronic|Abbott|Takeda|Almirall|Grifols"
    r"|Esteve|Ferrer|Moderna|Gilead|Amgen|Teva|Nutricia|Nestl[eé]|Danone|Boots|Bupa|Philips|Siemens|Stryker"
    r"|Laboratorios\s+[A-ZÁÉÍÓÚÑ]\w+"
)
COMPANY_RE = re.compile(
    rf"\b(?:{PHARMA})\b|(?:(?<=\bby\s)|(?<=\bfor\s)|(?<=\bof\s)|(?<=\bde\s)|(?<=\bpor\s)|(?<=\bfrom\s)"
    rf"|(?<=\bto\s)|(?<=\ba\s)|(?<=\bwith\s)|(?<=\bcon\s))(?!(?:The|My|Our|El|La|Los|Las|Mi|NICE|NHS|GMC|Dr|Dra)\b)[A-Z][a-z]{{3,}}\b"
    rf"|(?<=\bthe\snew\s)[A-Z][a-z]{{3,}}\b"
    rf"|\b(?!(?:The|This|That|These|Those|My|Our|Your|Their|New|Nuevo|Nueva|Los|Las|Este|Esta|Estos|Estas|Mis|Sus)\b)"
    rf"[A-Z][a-z]{{2,}}(?=\s+(?:\w+\s+)?(?:dressings?|monitors?|devices?|creams?|serums?|supplements?|gumm(?:y|ies)"
    rf"|protein\s+bars|bars|socks|range|line|l[ií]nea|inhalers?|app|spray|gel|sunscreen|shampoo|capsules?|ap[oó]sitos?|barritas|crema"
    rf"|s[eé]rum|suplementos?)\b)|(?<![@#\w])[A-Z][a-z]+(?:[A-Z][a-z]+)+\b|\b[A-Z]\w+(?:®|™)|(?<![\w.])@[A-Z][A-Za-z0-9_]{{2,}}"
)
# A trip, hospitality, samples, a paid talk or a fee received from someone.
BENEFIT_RE = ci(
    r"\b(?:flying|flew|flight|flights|hotel|trip|dinner|lunch|hospitality|registration|inscripci[oó]n|viaje"
    r"|vuelo|cena|comida|invitarme|invitad[oa]|invited|guest\s+of|as\s+a\s+guest|samples?|muestras?|box\s+of"
    r"|caja\s+de|gift(?:ed)?|regal\w+|fee|honorarios|paid|pagad[oa]|pagarme|covering|cubrir|commission"
    r"|comisi[oó]n|sponsor\w*|patrocin\w*|launch|lanzamiento|presentaci[oó]n\s+de\s+su)\b"
)
GRATITUDE_RE = ci(
    r"\b(?:thanks|thank\s+you|grateful|gracias|agradecid[oa]|as\s+a\s+guest\s+of|guest\s+of|invitad[oa]\s+por"
    r"|courtesy\s+of|cortes[ií]a\s+de|sent\s+(?:me|us)|me\s+ha\s+(?:mandado|enviado)|at\s+the\s+\w+\s+dinner"
    r"|en\s+la\s+cena\s+de)\b"
)
CODE_RE = re.compile(
    r"\b(?i:code|c[oó]digo|coupon|cup[oó]n)\s+(?:[A-Z][A-Z0-9]{3,})\b|\b(?i:my|mi)\s+(?i:code|c[oó]digo)\b"
    r"|\b(?i:link\s+in\s+(?:my\s+)?bio|enlace\s+en\s+(?:la\s+|mi\s+)?bio|affiliate|afiliad[oa]|swipe\s+up)\b"
)
RECOMMEND_RE = ci(
    r"\b(?:recommend|recomiendo|recomendaci[oó]n|go-to|swear\s+by|the\s+only\s+\w+\s+I\s+(?:trust|use|recommend)"
    r"|el\s+[uú]nico\s+\w+\s+en\s+el\s+que\s+conf[ií]o|the\s+one\s+to\s+use|el\s+que\s+hay\s+que\s+usar"
    r"|what\s+I\s+take|lo\s+que\s+tomo|I\s+trust|conf[ií]o|really\s+is\s+the|es\s+el\s+que|love\s+(?:this|it)"
    r"|me\s+encanta|game[- ]changer|lifesaver|life[- ]saver|salvavidas|must[- ]have|imprescindible"
    r"|should\s+(?:own|have|get|buy)\s+(?:one|these|this|it)|deber[ií]a[n]?\s+tener(?:lo|la|los|las)?"
    r"|my\s+go-to|mi\s+favorit[oa])\b"
)
PRODUCT_WORD_RE = ci(
    r"\b(?:dressings?|ap[oó]sitos?|monitors?|inhalers?|socks|calcetines|protein\s+bars|barritas|sunscreen|shampoo"
    r"|supplements?|suplementos?|gumm(?:y|ies)|gominolas|shakes?|batidos?|serum|s[eé]rum|cream|crema|vitamins?"
    r"|vitaminas?|collagen|col[aá]geno|probiotics?|probi[oó]ticos?|magnesium|magnesio|drug|f[aá]rmaco|device"
    r"|dispositivo|tea|t[eé]|capsules?|c[aá]psulas)\b"
)

# --- professionalism --------------------------------------------------------------------------------------
CONTEMPT_RE = ci(
    r"\b(?:clogging\s+up|let\s+them\s+wait|deserve\s+(?:to\s+wait|what\s+they\s+get|it)"
    r"|don['’]?t\s+deserve|made\s+their\s+(?:choices|bed)|never\s+learn"
    r"|waste\s+of|wasting\s+(?:our|my)|brought\s+it\s+on\s+themselves|their\s+own\s+fault|can\s+rot|I['’]?m\s+done"
    r"|colapsando|que\s+esperen|merecen\s+(?:el\s+mismo|lo\s+que)|no\s+merecen|ellos\s+eligieron|no\s+aprende|se\s+lo\s+han\s+buscado"
    r"|culpa\s+suya|me\s+niego|allá\s+ellos|que\s+se\s+vayan|go\s+back\s+to|a\s+su\s+pa[ií]s|their\s+own\s+country"
    r"|tired\s+of\s+it|harta?\s+de|hartos\s+de|la\s+culpa\s+ser[aá]\s+nuestra|can['’]?t\s+be\s+bothered"
    r"|don['’]?t\s+expect\s+us\s+to\s+be\s+(?:nice|kind)|no\s+esperes\s+que\s+seamos|always\s+the\s+ones\s+who"
    r"|siempre\s+los\s+que|put\s+the\s+\w+\s+down|,\s+(?:genius|einstein|sweetheart|listill[oa])[.!]"
    r"|complain\s+loudest|m[aá]s\s+se\s+quejan"
    # lumping them together or saying they are unbearable
    r"|(?:are|r)\s+all\s+the\s+same|tod[oa]s\s+igual(?:es)?|no\s+(?:los|las)\s+aguanto|can['’]?t\s+stand\s+(?:them|these)"
    r"|exhausting|agotadores|least\s+favou?rite|free\s+hotel|hotel\s+gratis)\b|🙄|🤦"
)
GOSSIP_RE = ci(
    r"\bnot\s+naming\s+names\b|\bguess\s+who\b|\bno\s+digo\s+nombres\b|\ba\s+que\s+no\s+sab[eé]is\s+qui[eé]n\b"
    r"|\bguess\s+(?:which|what)\b|\badivin[aá]is\s+(?:qu[eé]|qui[eé]n)\b|\bI['’]ll\s+give\s+you\s+a\s+clue\b"
    r"|\badivin(?:ad|en|a|ar)\s+(?:a\s+)?qui[eé]n\b|\byou['’]?ll\s+know\s+(?:which|who)\b|\b(?:hint|pista)\s*:"
    r"|\byou\s+know\s+who\s+you\s+are\b|\bsale\s+en\s+(?:la\s+tele|supervivientes|\w+)\b|\bsomeone\s+you['’]?d\s+know\b"
    r"|\bsmall\s+town\s+life\b|\bcosas\s+de\s+pueblo\b|\bno\s+voy\s+a\s+decir\s+qui[eé]n\b|\byou\s+know\s+who\b"
    r"|\b(?:won['’]?t|can['’]?t|not\s+going\s+to)\s+say\s+who\b|\bno\s+(?:dir[eé]|puedo\s+decir)\s+qui[eé]n\b"
    r"|\badivin(?:ad|en|a|ar)\s+(?:qu[eé]|cu[aá]l)\b|\ba\s+certain\s+(?:\w+\s+){0,2}?(?:from|of|at)\s+(?:our|the)\s+local\b"
    # asking readers to keep a secret, or passing one on: "don't tell anyone", "no digáis nada", "overheard", 🤫
    r"|\bdon['’]?t\s+tell\s+(?:anyone|a\s+soul|\w+\s+I\s+said)\b|\bjust\s+between\s+us\b|\bbetween\s+you\s+and\s+me\b"
    r"|\bkeep\s+(?:it|this)\s+(?:quiet|between)\b|\bmum['’]?s\s+the\s+word\b|\bno\s+(?:dig[aá]is|digas|cont[eé]is)\s+nada\b"
    r"|\bni\s+una\s+palabra\b|\b(?:quede|aqu[ií])\s+entre\s+nosotr[oa]s\b|\bque\s+no\s+salga\s+de\s+aqu[ií]\b|\bsh+h\b"
    r"|\b(?:some\s+of\s+)?you\s+(?:might|may|will|probably|['’]d|would)\s+know\s+(?:him|her|them|the\s+place)\b"
    r"|\beveryone\s+in\s+(?-i:[A-Z])\w+\s+knows\b|\bspill\s+(?:incoming|in\s+the\s+comments)\b|\b(?:chisme|salseo)\b|\bfrom\s+around\s+here\b"
    r"|\b(?:lo|la)\s+conocer[eé]is\b|\bes\s+de\s+por\s+aqu[ií]\b"
    r"|\bque\s+lo\s+sep[aá]is\b|\b(?:sab[eé]is|sabes|know|guess)\s+(?:qu[eé]|which|what)\s+"
    r"(?:famos|conocid|well[- ]known|famous|local)\w*|🤫|🤐"
)
INCIDENT_RE = ci(
    r"\b(?:chaos|shambles|disaster|left\s+a\s+patient|couldn['’]?t\s+care\s+less|caos|desastre|dej[oó]\s+a\s+un"
    r"\s+paciente|le\s+da\s+igual|les\s+da\s+igual|negligence|negligencia|cover[- ]up|whistle)\b"
)
# Scorn needing no named group: "don't expect us to be nice", "always the ones who ...", ", mate."
SCORN_RE = ci(
    r"\b(?:don['’]?t\s+expect\s+us\s+to\s+be\s+(?:nice|kind)|no\s+esperes\s+que\s+seamos\s+(?:simp[aá]tic|amables)"
    r"|(?:it['’]?s\s+)?always\s+the\s+ones\s+who\b[^.!?\n]{0,60}\b(?:complain|moan|whinge)"
    r"|siempre\s+los\s+que\b[^.!?\n]{0,60}\bse\s+quejan|put\s+the\s+(?:fags|booze|pies|burgers)\s+down"
    r"|deja\s+el\s+tabaco\s+primero)\b|,\s+(?:genius|einstein|listill[oa])[.!]"
)
PERSONAL_RE = ci(
    r"\b(?:(?:so\s+)?(?:fit|hot|sexy)\s*😍|buen[ií]sim[oa]\s*😍|if\s+(?:she|he)\s+(?:wasn['’]?t|weren['’]?t)\s+a\s+patient"
    r"|si\s+no\s+fuera\s+(?:mi\s+)?paciente|soy\s+tu\s+(?:doctora?|m[eé]dic[oa])|it['’]?s\s+your\s+(?:gp|doctor)|te\s+agregu[eé]|just\s+followed\s+you"
    r"|message\s+me\s+anytime|escr[ií]beme\s+cuando\s+quieras|favou?rite\s+patient|paciente\s+favorit[oa]|fancy\s+a\s+(?:\w+\s+)?(?:drink|coffee|date|run|walk|dinner)"
    r"|if\s+you\s+ever\s+fancy|te\s+apetece\s+(?:un|una|quedar|tomar)|escr[ií]beme\s+por\s+privado|dm\s+me|personal\s+number"
    r"|my\s+number|outside\s+work|(?:un|a)\s+(?:caf[eé]|drink|copa)\s+cuando|m[oó]vil\s+personal"
    r"|fuera\s+del\s+trabajo|quedar\s+(?:fuera|contigo|un\s+d[ií]a)|date\s+night)"
)
# Mocking one patient: a patient word with an eye-roll or skull, or a put-down aimed at them.
MOCK_PATIENT_RE = ci(
    r"\b(?:can['’]?t\s+even\s+(?:spell|read|count)|ni\s+siquiera\s+sabe|necesita\s+un\s+cerebro|qu[eé]\s+paciencia"
    r"|excusas\s+de\s+hoy|excuses\s+of\s+the\s+day|bingo|google\s+research|doctor\s+google|dr\.?\s+google"
    r"|lo\s+vio\s+en\s+facebook|saw\s+it\s+on\s+facebook|sir,\s+you|señora,\s+usted|genius|genio|einstein"
    r"|👏👏|real\s+team\s+player|what\s+a\s+hero|menudo\s+crack|ma['’]am,|must\s+be\s+nice|no\s+estudi[eé])\b|💀|🙄|🤦|🤡|🙃"
)
SARCASM_AT_READER_RE = ci(
    r"\b(?:maybe\s+try|try\s+turning\s+up|before\s+you\s+complain|pruebe\s+a|antes\s+de\s+quejarse|next\s+time\s+try"
    r"|la\s+pr[oó]xima\s+vez\s+pruebe)\b"
)
COLLEAGUE_MOCK_RE = ci(
    r"\b(?:is|es)\s+(?:basically\s+|b[aá]sicamente\s+)?(?:a|un)\s+zoo\b|\b(?:are|is|son|es)\s+(?:a|una)\s+(?:joke|broma)\b"
    r"|\bsuch\s+a\s+mess\b|\btal\s+desastre\b|\bcould\s+have\s+gone\s+to\s+a\s+pharmacy\b"
    r"|\bpod[ií]a\s+haber\s+ido\s+a\s+la\s+farmacia\b|\bshouldn['’]?t\s+be\s+(?:let|allowed)\s+near\s+(?:patients|a\s+patient)\b|\bno\s+deber[ií]a[n]?\s+(?:tocar|ver"
    r"|atender)\s+(?:a\s+)?pacientes\b|\bif\s+(?:the|our|that)\s+[\w\s]{0,30}?\bhad\s+(?:bothered|taken\s+the\s+time)\b"
    r"|\bsi\s+(?:el|la)\s+[\w\s]{0,30}?\bse\s+hubiera\s+molestado\b|"
    r"\bcouldn['’]?t\s+find\s+(?:a|an|the)\s+\w+\s+(?:if|with|even)\b|\bwho\s+hires\s+these\b"
    r"|\bno\s+encuentra(?:r[ií]a)?\s+(?:una?|el|la)\s+\w+\s+ni\s+con\b|\breal\s+team\s+player\b"
    r"|\b(?:took|tard[oó])\s+\d+\s+(?:hours|horas)\s+(?:to\s+answer|en\s+contestar)\b"
    r"|\bqui[eé]n\s+contrata\b|\bhow\s+(?:did|do)\s+(?:they|these)\s+(?:qualify|pass)\b"
)

# --- mitigations ------------------------------------------------------------------------------------------
OWN_DOCTOR_RE = ci(
    r"\b(?:with|by)\s+your\s+(?:own\s+)?(?:prescriber|doctor|gp|pharmacist)\b|\bcon\s+(?:tu|su)\s+(?:propi[oa]\s+)?"
    r"(?:m[eé]dic[oa]|farmac[eé]utic[oa])\b"
    r"|\bsee\s+(?:your\s+(?:own\s+)?(?:doctor|gp|pharmacist|dentist)|a\s+doctor)\b|\bcall\s+(?:111|112|999|911)\b"
    r"|\b(?:talk|speak)\s+(?:to|with)\s+your\s+(?:own\s+)?(?:doctor|gp|pharmacist)\b|\bcan['’]?t\s+(?:advise|assess)\b"
    r"|\bconsulta\s+(?:con\s+)?(?:tu|su)\s+m[eé]dic[oa]\b|\bhabla\s+con\s+tu\s+(?:m[eé]dic[oa]|farmac[eé]utic[oa])\b"
    r"|\bno\s+(?:puedo|podemos)\s+(?:aconsejar|valorar)\b|\bllama\s+(?:a|al)\s+(?:tu\s+centro|112|061)\b"
)
GENERIC_REPLY_RE = ci(
    r"\b(?:can['’]?t|cannot|are\s+unable\s+to|won['’]?t|(?:are\s+)?not\s+able\s+to|aren['’]t\s+able\s+to)\s+"
    r"(?:discuss|comment\s+on)\b"
    r"|\bcontact\s+(?:the\s+)?(?:practice|clinic|surgery|practice\s+manager)\b|\bno\s+podemos\s+(?:hablar|comentar)"
    r"|\bcontacte?\s+(?:directamente\s+)?con\s+(?:la\s+)?(?:consulta|cl[ií]nica|centro)\b"
)
# Declining to assess or advise one reader online ("no te puedo orientar por mensaje", "I'm not going to guess
# what that is from a message"): a reply that says so discloses nothing about the reader's care.
DECLINE_RE = ci(
    r"\b(?:can['’]?t|cannot|won['’]?t|unable\s+to|not\s+(?:going|able)\s+to)\s+(?:\w+\s+){0,2}?(?:advise|assess"
    r"|diagnose|guess|tell\s+you|say\s+(?:what|whether|if)|give\s+(?:you\s+)?(?:a\s+|any\s+)?(?:\w+\s+){0,2}?"
    r"(?:diagnosis|advice))\b"
    r"|\bno\s+(?:te\s+|le\s+|os\s+|les\s+)?(?:puedo|podemos|debo|voy\s+a)\s+(?:\w+\s+){0,2}?(?:orientar|aconsejar"
    r"|valorar|diagnosticar|decir|dar|recomendar|recetar|opinar)\w*|\bno\s+me\s+corresponde\b"
)
GENERAL_INFO_RE = ci(
    r"\b(?:general\s+info\w*|informaci[oó]n\s+general|as\s+prescribed|como\s+indica\s+el\s+prospecto"
    r"|on\s+the\s+label|myth|bulo|fact|realidad)\b"
)

PARTS: dict[str, re.Pattern[str]] = {
    "who.handle": re.compile(HANDLE),
    "who.vocative": VOCATIVE_RE,  # plus sentence-opening names, see _vocatives
    "who.review_author": REVIEW_REPLY_RE,
    "who.child": CHILD_RE,
    "who.local_figure": LOCAL_FIGURE_RE,
    "who.role": ROLE_RE,
    "who.group": PATIENT_GROUP_RE,
    "who.kind": KIND_RE,
    "who.confirmed_patient": CONFIRM_PATIENT_RE,
    "who.named_result": NAMED_RESULT_RE,  # the name's span only, see _named_results
    "what.clinical": CLINICAL_RE,
    "what.your_care": YOUR_CARE_RE,
    "what.no_show": NO_SHOW_RE,
    "what.recovery": RECOVERY_RE,
    "what.visit": VISIT_RE,
    "act.addressed": ADDRESSED_RE,
    "who.reader_relative": READER_RELATIVE_RE,
    "act.diagnose": DIAGNOSE_RE,
    "act.directive": DIRECTIVE_RE,
    "act.avoid_care": AVOID_CARE_RE,
    "act.symptom": SYMPTOM_RE,
    "act.drug": DRUG_RE,
    "act.dose": DOSE_RE,
    "act.company": COMPANY_RE,
    "act.benefit": BENEFIT_RE,
    "act.gratitude": GRATITUDE_RE,
    "act.code": CODE_RE,
    "act.recommend": RECOMMEND_RE,
    "act.product": PRODUCT_WORD_RE,
    "act.contempt": CONTEMPT_RE,
    "act.gossip": GOSSIP_RE,
    "act.incident": INCIDENT_RE,
    "act.personal": PERSONAL_RE,
    "act.scorn": SCORN_RE,
    "act.sarcasm": SARCASM_AT_READER_RE,
    "act.colleague_mock": COLLEAGUE_MOCK_RE,
    "act.mock_patient": MOCK_PATIENT_RE,
    "act.ridicule": RIDICULE_RE,
    "act.attraction": ATTRACTION_RE,
    "what.met_in_care": MET_IN_CARE_RE,
    "act.blame_reader": BLAME_READER_RE,
    "mit.own_doctor": OWN_DOCTOR_RE,
    "mit.generic_reply": GENERIC_REPLY_RE,
    "mit.general_info": GENERAL_INFO_RE,
    **tone.PATTERNS,  # tone parts are classifier features only: no rule reads them
}
# Parts found by code, not one pattern (the first two also have a pattern above).
_FOUND_BY = {"who.vocative": _vocatives, "who.named_result": named_results, **tone.FOUND_BY}


def spans(d: Draft, name: str) -> list[tuple[int, int]]:
    """Where part `name` occurs in the draft (computed once per draft)."""
    return _spans(d, name)


def _spans(d: Draft, name: str) -> list[tuple[int, int]]:
    cache = d.cache.setdefault("parts", {})
    if name not in cache:
        if name in _FOUND_BY:
            cache[name] = _FOUND_BY[name](d.text)
        else:
            cache[name] = [(m.start(), m.end()) for m in PARTS[name].finditer(d.text) if m.end() > m.start()]
    found: list[tuple[int, int]] = cache[name]
    return found


def has(d: Draft, name: str, start: int = 0, end: int | None = None) -> bool:
    """Whether part `name` occurs in text[start:end] (the whole draft by default)."""
    stop = len(d.text) if end is None else end
    return any(s < stop and e > start for s, e in _spans(d, name))


def first(d: Draft, name: str) -> tuple[int, int] | None:
    found = _spans(d, name)
    return found[0] if found else None


def parts(d: Draft) -> frozenset[str]:
    """The names of every part present: the detectors' situation read-out, also a classifier feature."""
    return frozenset(name for name in (*PARTS, *_FOUND_BY) if _spans(d, name))

