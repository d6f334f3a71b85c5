"""Professionalism beyond insults, from parts that combine: being impaired while on duty, asking a patient out,
making care depend on how people vote, a verdict on a named colleague or service, and a bet or ranking on who
cries or moans.

Each rule needs two parts at once or more (a drink count *and* a duty; an invitation *and* a care encounter; a
vote *and* a "they deserve it"; a named colleague *and* a judgement; a bet *and* a junior *and* their tears), so
health education about alcohol, a colleague thanked by name or a clinic's own opening hours do not trip it.
"""

from __future__ import annotations

import re

from bot.draft_check.citations import GMC_SOCIAL_MEDIA as _GMC
from bot.draft_check.citations import OMC_STYLE_MANUAL as _OMC
from bot.draft_check.types import Hit, Rule
from bot.draft_check.vocabulary import CAP, Draft, ci

RULES: dict[str, Rule] = {
    "prof.impaired": Rule(
        "professionalism",
        "medium",
        f"{_GMC}, para 14; GMC, Good medical practice, 2024 (fitness to practise); {_OMC}",
        "Joking in public about drinking while on call or before a shift tells patients their safety is a "
        "punchline, whether or not it is true.",
        "Bromear en público con beber estando de guardia o antes de un turno dice a los pacientes que su "
        "seguridad es un chiste, sea verdad o no.",
        "Delete the post; if you are not fit for a shift, tell the rota lead, not your followers.",
        "Borra la publicación; si no estás en condiciones para un turno, díselo a quien organiza las guardias, "
        "no a tus seguidores.",
    ),
    "prof.invite": Rule(
        "professionalism",
        "medium",
        "GMC, Maintaining a professional boundary between you and your patient, 2024; " + _OMC,
        "Asking someone you met through their care for a drink or a date crosses the professional boundary; "
        "using their records or appointment to contact them also breaches confidentiality.",
        "Invitar a salir a alguien a quien conociste por su atención cruza el límite profesional; usar su "
        "historia o su cita para contactarle también vulnera la confidencialidad.",
        "Do not send it. If a personal relationship might develop, end the professional one properly first "
        "and never use clinical records to make contact.",
        "No lo envíes. Si pudiera surgir una relación personal, cierra antes la relación asistencial como es "
        "debido y nunca uses la historia clínica para contactar.",
    ),
    "prof.politics": Rule(
        "professionalism",
        "medium",
        "GMC, Good medical practice, 2024 (do not let personal views affect care); " + _OMC,
        "Saying people 'deserve' worse care for how they vote tells part of your patients they are less "
        "welcome; a political view is fine, tying care to it is not.",
        "Decir que alguien 'merece' peor atención por lo que vota dice a parte de tus pacientes que son menos "
        "bienvenidos; opinar de política es legítimo, ligarlo a la atención no.",
        "Argue the policy, not who deserves care: remove the link between voters and their treatment.",
        "Critica la política, no a quién merece atención: quita la relación entre votantes y su atención.",
    ),
    "prof.mock_error": Rule(
        "professionalism",
        "medium",
        f"{_GMC}, para 14; GMC, Good medical practice, 2024 (treat colleagues fairly and with respect); {_OMC}",
        "Mocking a colleague's mistake in public, or sharing a photo or recording of it, humiliates them and "
        "teaches nobody; mistakes are for private feedback and learning reviews.",
        "Burlarse en público del error de un compañero, o compartir una foto o grabación, lo humilla y no enseña "
        "nada; los errores se tratan en privado y en sesiones de aprendizaje.",
        "Delete it; give the feedback privately, and take a safety issue to the team's learning review.",
        "Bórralo; da la opinión en privado y lleva el problema de seguridad a la sesión de aprendizaje del equipo.",
    ),
    "prof.wager": Rule(
        "professionalism",
        "medium",
        f"{_GMC}, para 14; GMC, Good medical practice, 2024 (treat colleagues fairly and with respect); {_OMC}",
        "A public bet or ranking on who cries, faints or moans, among juniors or among the people you care for, "
        "turns colleagues' distress or patients into a game; readers will recognise themselves.",
        "Una apuesta o un ranking público sobre quién llora, se desmaya o se queja, entre residentes o entre las "
        "personas que atiendes, convierte su malestar en un juego; quien lo lea se reconocerá.",
        "Delete it; if a junior is struggling, support them in private, and keep complaints about patients to "
        "supervision.",
        "Bórralo; si a un residente le cuesta, apóyale en privado, y deja las quejas sobre pacientes para la "
        "supervisión.",
    ),
    "prof.verdict": Rule(
        "professionalism",
        "medium",
        f"{_GMC}, para 14; GMC, Raising and acting on concerns about patient safety, 2012; {_OMC}",
        "A public verdict on a named colleague, team or service ('botched another one', 'the laziest ward') "
        "undermines trust and skips the channels that can fix a real problem.",
        "Un juicio público sobre un colega, equipo o servicio con nombre ('otra chapuza', 'la planta más vaga') "
        "daña la confianza y se salta los cauces que pueden resolver un problema real.",
        "Remove the names and the judgement; raise concerns about care through clinical governance or your "
        "speak-up route.",
        "Quita los nombres y el juicio; plantea los problemas asistenciales por los cauces del centro.",
    ),
}

# --- impaired on duty ------------------------------------------------------------------------------------
_COUNT = (r"(?:\d+|two|three|four|five|six|seven|several|a\s+few|a\s+couple\s+of|dos|tres|cuatro|cinco|seis|siete"
          r"|varias|varios|unas|unos)")
_DRINK = (r"(?:drinks?|beers?|pints?|wines?|glasses|gins?|g\s*&\s*ts?|gin\s+(?:and|&)\s+tonics?|shots?|cocktails?"
          r"|proseccos?|whiske?ys?|vodkas?|tequilas?|cervezas?|birras?|cañas?|copas?|vinos?|chupitos?|aguardientes?"
          r"|cubatas?|whiskies|mezcales?|rones?|piscos?|fernets?)")
_IMPAIRED = ci(
    rf"\b{_COUNT}\s+(?:\w+\s+){{0,2}}?{_DRINK}\b|\b(?:drunk|tipsy|hungover|wasted|smashed|borrach[oa]|con\s+resaca"
    rf"|pedo|piripi|tomad[oa]|entonad[oa]|hangover|resaca|(?:tequila|vodka|j[aä]ger\w*|whiske?y|rum|gin|sambuca)"
    rf"\s+shots?|chupitos)\b|(?:[🍺🍷🍸🥃🍻🍹🥂]\s*){{2,}}"
)
_ON_DUTY = ci(
    r"\b(?:on[- ]call|on\s+nights?|on\s+shift|paged|bleep(?:ed)?|my\s+(?:shift|list)|shift\s+(?:tomorrow|at|in)"
    r"|(?:operating|theatre|clinic|list)\s+(?:tomorrow|at\s+\d)|de\s+guardia|guardia\s+localizada|el\s+busca"
    r"|me\s+toca\s+(?:turno|guardia|quir[oó]fano)|turno\s+(?:a\s+las|mañana|de\s+mañana)|quir[oó]fano\s+mañana"
    r"|(?:the|my)\s+\d{1,2}\s*(?:am|pm|h)?\s+(?:list|clinic|shift)|guardia\s+de\s+\d+\s*h|on[- ]call\s+in"
    r"|operar\s+mañana|opero\s+mañana|pasar\s+planta|mañana\s+(?:opero|operamos|tengo\s+(?:guardia|quir[oó]fano"
    r"|turno|consulta|consultorio)|entro\s+a)|tengo\s+(?:consulta|consultorio|guardia|quir[oó]fano)\s+a\s+las)\b"
)
_NEGATED = ci(r"\b(?:never|don['’]?t|do\s+not|no|nunca|not)\s+(?:\w+\s+){0,3}$")
# One drink named (no count), a toast or its aftermath: "vodka and a night shift", "brindando en plena guardia",
# "wine o'clock 🍷", "passed out in my scrubs". Counts only next to a duty (same or next sentence).
_ONE_DRINK = ci(
    r"\b(?:wine|vodka|tequila|gin|rum|prosecco|champagne|cava|margaritas?|mojitos?|negronis?|sangria|booze|beer|lager"
    r"|cider|brindando|brindamos|un\s+vino|vino\s+(?:tinto|blanco)|cerveza|birra|fernet|chelas?|cubata|calimocho"
    r"|pints?|cañas?|mezcal\w*|vermu\w*|vermouth|malbec|merlot|rioja|tinto|whiske?y|bottle\s+of\s+(?:red|white|wine|\w+)|botella\s+de\s+vino"
    r"|shots?\s+before|leaving\s+do|after[- ]party"
    r"|(?:me|I)\s+(?:\w+\s+){0,2}?passed\s+out|bailando\s+encima|dancing\s+on\s+the\s+table|sin\s+dormir\s+la\s+mona)\b"
)
# The duty is over ("night shift done, a glass of wine"), or the drink is advised against ("avoid wine before nights").
_AFTER_DUTY = ci(
    r"\b(?:(?:shift|nights?|on[- ]call|guardia|turno|list|clinic)\s+(?:done|finished|over|terminad[oa]|acabad[oa])"
    r"|(?:after|post|tras|despu[eé]s\s+de)\s+(?:the\s+|my\s+|a\s+|la\s+|mi\s+)?(?:long\s+)?(?:shift|nights?|night\s+shift"
    r"|on[- ]call|guardia|turno|work)|survived|off\s+(?:duty|work|tomorrow)|saliente|avoid|skip|without|evita\w*"
    r"|sin\s+alcohol)\b"
)
_DUTY_NEAR = ci(
    r"\b(?:night\s+shift|shift|on[- ]call|nights|ward\s+round|theatre|(?:back\s+)?on\s+the\s+ward|(?:morning|afternoon"
    r"|evening|this\s+afternoon['’]?s?)\s+(?:\w+\s+)?(?:clinic|list|surgery)|clinic\s+(?:this\s+afternoon|tomorrow|later)|guardia"
    r"|(?:consulta|clinic|quir[oó]fano)\s+a\s+las\s+\d+h?|control\s+de\s+enfermer[ií]a|nurses['’]?\s+station|the\s+ward"
    r"|turno|quir[oó]fano|consulta\s+de\s+(?:la\s+)?tarde|pase\s+de\s+planta|scrubs|la\s+bata|bata\s+puesta"
    r"|medical\s+questions|preguntas\s+m[eé]dicas|operating|operar|resus|c-?section|ces[aá]rea|list)\b"
)
# Sober or teaching: "all sober I promise (lime and sodas)", "con refrescos", "alcohol and night shifts: the risks".
_SOBER_OR_TEACHING = ci(
    r"\b(?:sober|sin\s+alcohol|alcohol[- ]free|refrescos?|soft\s+drinks?|lime\s+and\s+sodas?|mocktails?|0[.,]0"
    r"|zero|not\s+drinking|no\s+bebo|never\s+drink|units?|unidades|risks?"
    r"|riesgos?|liver|h[ií]gado|guidance|gu[ií]a|advice|consejos?|withdrawal|abstinencia|dependence|dependencia"
    r"|alcohol\s+use|consumo)\b"
)

# --- asking a patient out ---------------------------------------------------------------------------------
_INVITE = ci(
    r"\b(?:drinks?|dinner|a\s+date|coffee|meet(?:ing)?\s+up|go\s+out|hang\s+out|cenar|tomar\s+algo|un\s+caf[eé]"
    r"|quedar|salir|una\s+cita|ir\s+a\s+(?:cenar|tomar))\b[^.!\n]{0,40}\?"
    r"|\b(?:fancy|want\s+to|would\s+you\s+like\s+to|te\s+gustar[ií]a|te\s+apetece|quieres)\s+(?:\w+\s+){0,3}?"
    r"(?:drinks?|dinner|a\s+date|coffee|meet(?:ing)?|going\s+out|cenar|tomar|quedar|salir)\b"
)
_MET_IN_CARE = ci(
    r"\b(?:saw|seen|met|treated|examined)\s+you\s+(?:at|in|during)\s+(?:the\s+|my\s+|our\s+)?(?:clinic|surgery"
    r"|practice|hospital|appointment|a&e|ed|consultation|ward)"
    r"|\byour\s+(?:file|notes|records|chart|appointment|consultation|scan|results)\b"
    r"|\b(?:my|the)\s+last\s+(?:appointment|patient)\b|\bat\s+your\s+(?:appointment|check-?up|visit)\b"
    # the care itself, named to the one addressed: "your stitches", "fixing your knee", "tu empaste", "my 3pm follow-up"
    r"|\b(?:your|tu|su)\s+(?:stitches|scar|knee|hip|op(?:eration)?|surgery|procedure|puntos|cicatriz|empaste|operaci[oó]n"
    r"|rodilla|cadera|herida)\b|\bmy\s+\d{1,2}\s*(?:am|pm)\s+(?:follow-?up|patient|appointment)\b"
    r"|\b(?:saw|met|treated)\s+in\s+(?:clinic|surgery|a&e|the\s+ward)\b|\bya\s+no\s+te\s+llevo\b"
    r"|\b(?:te|le)\s+(?:atend[ií]|vi|conoc[ií])\s+(?:en|durante)\s+(?:la\s+)?(?:consulta|cita|urgencias|guardia)"
    r"|\b(?:desde\s+que|cuando)\s+(?:te|le)\s+atend[ií]\b|\bsaw\s+(?:you|your\s+appointment)\b"
    r"|\b(?:en|de)\s+(?:la\s+|tu\s+)?(?:consulta|cita)\b|\btu\s+(?:historia|expediente|ficha|n[uú]mero\s+de\s+la"
    r"\s+ficha)\b"
)

# ... or admiring how they look: "you looked amazing 😉", "qué bonita sonrisa tienes", "¿me pasas tu número?"
_ADMIRE = ci(
    r"\b(?:you\s+looked|you\s+look|you['’]re\s+(?:so\s+)?(?:gorgeous|beautiful|stunning|cute|hot)|qu[eé]\s+(?:bonit[oa]|guap[oa]"
    r"|lind[oa])|(?:est[aá]s|estabas|eres)\s+(?:muy\s+)?(?:guap[oa]|preciosa?|lind[oa])|no\s+(?:dejo|paro)\s+de\s+pensar"
    r"|can['’]?t\s+stop\s+thinking|(?:me\s+pasas|give\s+me)\s+(?:tu|your)\s+(?:n[uú]mero|number)"
    # a compliment as the greeting ("Hey beautiful", "Oye preciosa"), or looks compared ("even better looking")
    r"|(?:hey|hi|hello|morning|oye|hola|buenas)\s+(?:there\s+)?(?:beautiful|gorgeous|handsome|stunning|sexy|preciosa?"
    r"|guap[ií]?\w*|bonit[oa]|hermos[oa])|(?:even\s+)?better[- ]looking"
    r"|(?:est[aá]s|estabas|eres)\s+(?:muy\s+)?guap[ií]sim[oa]"
    r"|invitarte\s+a\s+(?:cenar|tomar|un\s+caf[eé]|salir)|(?:ask|asking)\s+you\s+out|(?:tinder|hinge|bumble)\s+match)\b"
)

# --- care made to depend on votes -------------------------------------------------------------------------
_VOTE = ci(r"\b(?:vot(?:e|ed|es|ing|ers?)|votan|votaron|votasteis|votáis|vot[oó]|votantes|votar)\b")
_DESERVE = ci(
    r"\b(?:deserve|deserves|serves\s+(?:you|them)\s+right|don['’]?t\s+come\s+(?:crying|complaining|to)"
    r"|enjoy\s+the|don['’]?t\s+expect\s+(?:me|us|any)|adjust\s+my|bedside\s+manner|treat\s+(?:you|them)\s+(?:differently"
    r"|accordingly)|smile\s+a\s+little\s+wider|(?:atender|tratar)(?:te|le|les)?\s+(?:distinto|peor)|no\s+esper(?:en|es)\s+que|merecen|merec[eé]is|te\s+lo\s+mereces|se\s+lo\s+(?:han\s+)?buscado|que\s+no\s+vengan"
    r"|no\s+vengan|no\s+venga[ns]?\s+(?:a\s+)?(?:llorar|quejarse)|que\s+se\s+aguanten|disfruten)\b"
)

# --- a verdict on a named colleague, team or service ---------------------------------------------------------
_NAMED_COLLEAGUE = re.compile(
    rf"\b(?:Dr|Dra|Doctor|Doctora|Prof)\.?\s+{CAP}"
    rf"|\b(?i:the\s+(?:night|day|weekend|day-?case|on-?call)\s+team)\b"
    rf"|\b(?i:ward|planta|unit|unidad)\s+\d+\b|\b(?i:servicio\s+de\s+\w+|equipo\s+de\s+\w+)\b"
    rf"|\b(?i:at|of|from|del|de\s+la|en\s+el|en\s+la)\s+(?:St\.?\s+)?{CAP}['’]?s?\b(?=[^.!?\n]{{0,60}}"
    rf"\b(?i:again|otra\s+vez|as\s+usual|como\s+siempre|todo\s+el\s+d[ií]a)\b)"
    rf"|\b(?:Hospital|Cl[ií]nica|Cl[ií]nic|Centro)\s+(?:\w+\s+){{0,3}}?{CAP}"
    # a colleague named with "my/our": "mi compañera Nuria", "our practice manager at Hollins Lane"
    rf"|\b(?i:my|our|mi|nuestr[oa])\s+(?i:compañer[oa]|colleague|partner|jef[ea]|boss|director[a]?|practice\s+manager"
    rf"|clinical\s+director|gerente)\s+(?:(?i:at|de|del|en)\s+)?{CAP}"
    # "the Hollins Clinic", "Fenwick Ward", "that registrar at Kelmscott Royal", "their medical director"
    rf"|\b{CAP}\s+(?:Clinic|Hospital|Practice|Surgery|Ward|Unit|Royal|General|Infirmary|Medical\s+Cent(?:re|er))\b"
    rf"|\b(?i:registrar|consultant|surgeon|sister|matron|reg|sho|fy1|f1|adjunt[oa]|residente|anaesthetist|cirujan[oa])"
    rf"\s+(?i:at|from|of|on|de|del|en)\s+(?:the\s+|el\s+|la\s+)?{CAP}"
    rf"|\b(?i:their|his|her|the)\s+(?i:medical\s+director|clinical\s+lead|practice\s+manager|head\s+of\s+department)\b"
    # a team, department or role at a named place: "the psych liaison team at Brackmoor", "the charge nurse on Ward 12"
    rf"|\b(?i:team|department|unit|service|rota|liaison|nurse|sister|anestesi[oó]log[oa]|anaesthetist|equipo"
    rf"|servicio)\s+(?i:at|in|of|on|del?|en\s+(?:el|la))\s+(?:(?i:the)\s+)?(?:Ward\s+\d+|{CAP})"
    rf"|\b(?i:teaching|big|local|general)\s+hospital\s+(?i:in|at)\s+{CAP}"
)
_JUDGEMENT = ci(
    r"\b(?:botch\w*|butcher\w*|laziest|lazy|shocking|hopeless|shambolic|disgrace\w*|embarrassment|strikes\s+again"
    r"|thanks\s+for\s+nothing|allowed\s+near|how\s+(?:is|was|did|does)\s+(?:he|she|that\s+\w+|they)"
    r"\s+(?:still|ever|even|pass|get|qualif)\w*|never\s+know\s+how|mal\s+operad\w*|chapuza\w*|carnicer[oa]"
    r"|verg[uü]enza|durmiendo|tapando|sus\s+marrones|vag[oa]s|in[uú]tiles"
    r"|no\s+s[eé]\s+c[oó]mo\s+(?:aprob|sac|pas)\w*"
    r"|ignor(?:es|ed|ing)|takes?\s+credit|shouted\s+at|bull(?:y|ies|ying)|avoid\b|not\s+a\s+plan|please\s+stop"
    r"|learn\s+(?:to|how\s+to)|aprend[ae]\s+a|tarda\w*\s+\d+|as[ií]\s+nos\s+va|sigh|this\s+is\s+who\s+they"
    r"|you\s+know\s+who\s+you\s+are|le\s+pido(?:\s+por\s+favor)?\s+que|no\s+tienen\s+ni\s+idea|es\s+un\s+desastre"
    r"|pill\s+mill|(?:lose|lost)\s+(?:his|her|their)\s+licen[cs]e|struck\s+off|named\s+and\s+shamed|make\s+it\s+make\s+sense"
    r"|screams?\s+at|screamed\s+at|nearly\s+(?:killed|tubed)|no\s+se\s+entera|deber[ií]a\s+perder\s+(?:la|su)\s+licencia"
    r"|le\s+quiten\s+el\s+t[ií]tulo|grit[oó]\s+a"
    # round 5 (read from drafts_hand_k's misses): sarcasm and naming-and-shaming without an insult
    r"|(?:absolutely|literally|not\s+the\s+faintest)\s+no\s+idea|no\s+idea\s+what\s+(?:they|he|she)\b|not\s+impressed|low\s+expectations|name\s+and\s+shame|well\s+done,?\s+doc|in\s+this\s+economy"
    r"|como\s+ganado|someone\s+should\s+tell|alguien\s+deber[ií]a\s+dec[ií]rselo|ha\s+quemado|burn(?:ed|t)\s+a)\b"
    r"|\bthinks?\s+['‘\"][^'’\"]{1,25}['’\"]\s+means\b|\bcree\s+que\s+['‘\"][^'’\"]{1,25}['’\"]\s+(?:es|significa)\b"
)


# Being under the influence, or its aftermath, in any words: "still drunk", "tipsy", "resaca", "guayabo",
# "más copas encima que...", "prosecco in my bloodstream", "wobbly from last night's leaving do".
_STATE = ci(
    r"\b(?:still\s+drunk|drunk|tipsy|hungover|hangover|wasted|smashed|merry|wobbly\s+from|resaca|guayabo|chuchaqui"
    r"|borrach[oa]|pedo|piripi|achispad[oa]|entonad[oa]|copas\s+encima|(?:alcohol|prosecco|wine|gin|vodka|tequila)\s+in\s+my"
    r"\s+(?:blood\w*|system|veins)|still\s+tasting|last\s+night['’]s\s+(?:tequila|wine|gin|vodka|prosecco|cocktails?"
    r"|beers?|pints?|shots?)|cabeza\s+como\s+un\s+bombo)\b"
)
# Clinical work the writer is doing or about to do.
_WORK = ci(
    r"\b(?:ward\s+round|rounds?|list|clinic|theatre|resus|on[- ]call|shift|nights|bleep|pager|surgery|operat\w+"
    r"|c-?section|ces[aá]rea|pre-?op|colonoscop\w+|endoscop\w+|consulta|agenda|turno|guardia|quir[oó]fano|planta"
    r"|pase\s+de\s+visita|diagnos\w+|dosis|dose|questions|preguntas|reg|registrar|scrubs|bata|triage|triaje"
    r"|\w+ologist|cardi[oó]log[oa]|urgencias|a&e|ed|smears?|citolog[ií]as?|booked|cupo)\b"
)
_FIRST_PERSON = ci(r"\b(?:I|I['’]m|me|my|we|our|tengo|estoy|voy|llevo|llegu[eé]|mi|mis|hoy|allá\s+voy|here)\b")


# --- a colleague's mistake, mocked or exposed -----------------------------------------------------------------
# Doctors in training and their seniors: whom a mocked mistake or a bet is usually about.
_GRADES = r"R[1-5]|FY[12]|F[12]|SHO|reg|registrar|consultant|resident|residente|intern|interno|MIR|junior"
_COLLEAGUE_ROLE = ci(
    rf"\b(?:{_GRADES}|compañer[oa]|colleague|nurse|enfermer[oa]|anaesthetist|anesthetist|anestesi[oó]log[oa]"
    r"|anestesista|surgeon|cirujan[oa]|adjunt[oa]|locum|scrub\s+nurse|fellow)\b"
)
_MISTAKE = ci(
    r"\b(?:wrong|equivocad[oa]|confundi\w*|confused|mistook|mistake|error|blank|forgot|olvid\w+|missed|se\s+ha\s+dormido"
    r"|dormid[oa]|overslept|attempts?|intentos?|try\s+to|trying\s+to|intentando|sent\s+(?:\w+\s+){1,3}to\s+a&e"
    r"|turned\s+out\s+to\s+be|left\s+the|dropped|retraso)\b"
)
_EXPOSED = ci(
    r"😂|🤣|🍿|📸|🎬|\blol\b|\bja(?:ja)+\b|\b(?:filmed|recorded|grabad[oa]|grab[eé]|he\s+grabado|la\s+he\s+grabado"
    r"|lo\s+tengo\s+en\s+audio|foto|photo|video|v[ií]deo|group\s+chat|grupo|this\s+sub|done\s+the\s+rounds|legend"
    r"|like\s+watching|lo\s+subo|va\s+direct[oa])\b"
)


def _mocked_error(d: Draft) -> list[Hit]:
    """A colleague's mistake told with a laugh, or with a photo, recording or group chat it goes to."""
    if _EXPOSED.search(d.text) is None:
        return []
    for m in _COLLEAGUE_ROLE.finditer(d.text):
        s_start, s_end = d.sentence_of(m.start())
        if _MISTAKE.search(d.text, s_start, min(len(d.text), s_end + 120)):
            return [Hit("prof.mock_error", m.start(), m.end())]
    return []


# --- a bet or a ranking on colleagues' distress or on patients ---------------------------------------------------
_WAGER = ci(
    r"\b(?:tenner|fiver|(?<!\bI\s)bets?(?!\s+you\b)|betting|place\s+your\s+bets|odds(?:\s+on|\s*:)|sweepstakes?|(?:a|the)\s+pool\s+on"
    r"|apuesta\w*|apostamos|apuesto|\d+\s*(?:euros|pavos|quid|pesos)\s+a\s+que)(?!\w)|\b\d+\s*€\s+a\s+que\b"
)
# A bet on a junior or a colleague is the problem by itself; a bet on patients needs the complaint it plays on.
_COLLEAGUE_SUBJECT = ci(
    rf"\b(?:{_GRADES}|trainee|new\s+(?:\w+\s+)?(?:guy|girl|doctor|reg|registrar|f1|fy1|fy2|intern|interno|resident"
    r"|residente|consultant))\b"
)
# A ranking counts only when whom it ranks follows it: "rate the attendings by...", "ranking de abuelos quejicas";
# "patients often rate their worst pain as 10" ranks nobody.
_RANKING = ci(r"\b(?:rank(?:s|ed|ing)?|rate|rating|top\s+\d+|leaderboard|league\s+table|clasificaci[oó]n)\b")
# Whom it is about: a junior or colleague, or the people the writer cares for ("my Tuesday list", "mi cupo").
_WAGER_SUBJECT = ci(
    rf"\b(?:(?:{_GRADES}|trainee|nurse|enfermer[oa]|surgeon|cirujan[oa]|adjunt[oa]|locum|student|estudiante|colleague"
    r"|compañer[oa]|attending)s?|new\s+(?:guy|girl|doctor|reg|f1|fy1)|my\s+(?:\w+\s+)?(?:list|clinic|patients"
    r"|regulars)|mi\s+cupo|mis\s+pacientes|each\s+one|patients|pacientes|abuel\w+|relatives|families|familiares"
    r"|parents|padres|madres)\b"
)
# ... and the distress or the complaint it is a game on.
_DISTRESS = ci(
    r"\b(?:cr(?:y|ies|ied|ying)|llor\w+|faint\w*|desmay\w+|calls?\s+(?:his|her|their)\s+(?:mum|mom)"
    r"|llam\w*\s+a\s+su\s+madre|quits?|dimit\w+|survives?|no\s+llega|whing\w+|moan\w*|complain\w*|quej\w+"
    r"|annoying|pesad\w+|worst|peores|dumbest|ugliest|fattest|smelliest|sweat\w*)\b"
)


def _wager(d: Draft) -> list[Hit]:
    """A bet or a ranking, a junior, colleague or patients next to it, and the distress or complaint it plays on."""
    for m in _WAGER.finditer(d.text):
        near = d.around(m.start(), 150, 150)
        if _COLLEAGUE_SUBJECT.search(near) or (_WAGER_SUBJECT.search(near) and _DISTRESS.search(near)):
            return [Hit("prof.wager", m.start(), m.end())]
    for m in _RANKING.finditer(d.text):
        if _WAGER_SUBJECT.search(d.text, m.end(), m.end() + 60) and _DISTRESS.search(d.around(m.start(), 0, 150)):
            return [Hit("prof.wager", m.start(), m.end())]
    return []


def _impaired(d: Draft) -> list[Hit]:
    """Several drinks (or drunk/hungover) anywhere with a duty; or one drink, a toast or passing out next to one."""
    if _ON_DUTY.search(d.text) is not None:
        for m in _IMPAIRED.finditer(d.text):
            if not _NEGATED.search(d.text[max(0, m.start() - 40) : m.start()]):
                return [Hit("prof.impaired", m.start(), m.end())]
    if _SOBER_OR_TEACHING.search(d.text):
        return []
    for m in _STATE.finditer(d.text):  # the writer impaired next to their work
        near = d.around(m.start(), 160, 160)
        before = d.text[max(0, m.start() - 40) : m.start()]
        if _WORK.search(near) and _FIRST_PERSON.search(near) and not _NEGATED.search(before) \
                and not _AFTER_DUTY.search(near):
            return [Hit("prof.impaired", m.start(), m.end())]
    for m in _ONE_DRINK.finditer(d.text):
        near = d.around(m.start(), 100, 100)
        before = d.text[max(0, m.start() - 40) : m.start()]
        if _DUTY_NEAR.search(near) and not _NEGATED.search(before) and not _AFTER_DUTY.search(near):
            return [Hit("prof.impaired", m.start(), m.end())]
    return []


def _invite(d: Draft) -> list[Hit]:
    invite = _INVITE.search(d.text) or _ADMIRE.search(d.text)
    if invite is None or _MET_IN_CARE.search(d.text) is None:
        return []
    return [Hit("prof.invite", invite.start(), invite.end())]


def _politics(d: Draft) -> list[Hit]:
    for m in _VOTE.finditer(d.text):
        s_start, s_end = d.sentence_of(m.start())
        window_end = min(len(d.text), s_end + 120)
        if _DESERVE.search(d.text, s_start, window_end):
            return [Hit("prof.politics", m.start(), m.end())]
    return []


_HEADING = ci(r"name\s+and\s+shame")


def _verdict(d: Draft) -> list[Hit]:
    for m in _JUDGEMENT.finditer(d.text):
        s_start, s_end = d.sentence_of(m.start())
        start, end = max(0, s_start - 1), min(len(d.text), s_end + 1)
        previous = d.text[max(0, s_start - 160) : s_start]
        heading = _HEADING.match(d.text, m.start())  # "Name and shame time: Dr X ..." names them next
        following = d.text[end : end + 160] if heading else ""
        if _NAMED_COLLEAGUE.search(d.text, start, end) or _NAMED_COLLEAGUE.search(previous) \
                or _NAMED_COLLEAGUE.search(following):
            return [Hit("prof.verdict", m.start(), m.end())]
    return []


def detect(d: Draft) -> list[Hit]:
    """Impaired on duty, asking a patient out, care tied to votes, a verdict on a named colleague, a bet on
    colleagues' distress or a ranking of patients."""
    return _impaired(d) + _invite(d) + _politics(d) + _verdict(d) + _mocked_error(d) + _wager(d)
