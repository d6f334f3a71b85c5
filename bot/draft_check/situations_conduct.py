"""Situation parts about conduct, in English and Spanish: the reader's relative, people known by a lay role and a
place, kinds of patient named by a label, ridicule, attraction, an encounter in care and blame of the reader.

Kept apart from `situations.py` (which registers them in PARTS) so each module stays one job and a readable size.
"""

from __future__ import annotations

import re

from bot.draft_check.identifiers import NOT_NAME
from bot.draft_check.vocabulary import ci

# The reader's relative, spoken of to the reader: "a tu mamá cámbiale...", "lo de tu vieja", "your 7-year-old".
READER_RELATIVE_RE = ci(
    r"\b(?:your|tu|su)\s+(?:\d{1,2}[- ]?(?:year[- ]old|yo)|mum|mom|dad|son|daughter|husband|wife|baby|kid|child|toddler"
    r"|padre|madre|mam[aá]|pap[aá]|viej[oa]|hij[oa]|esposo|esposa|marido|mujer|beb[eé]|gord[oa]|nene|nena|abuel[oa]"
    r"|niñ[oa])\b"
)

# Lay roles and local places: "the butcher", "el chico del taller", "who runs the post office". Clinicians are left
# out (a doctor named with their clinic is a notice, not a patient).
_LAY_ROLE = (
    r"owner|dueñ[oa]|butcher|baker|barber|hairdresser|mechanic|plumber|electrician|landlord|landlady|publican"
    r"|shopkeeper|postman|postwoman|postmistress|teacher|headteacher|lollipop\s+lady|librarian|firefighter"
    r"|fire\s+chief|police\s*(?:man|woman|officer)|sergeant|bus\s+driver|taxi\s+driver|footballer|player"
    r"|referee|coach|goalkeeper|striker|streamer|youtuber|influencer|singer|presenter|reporter|journalist"
    r"|carnicer[oa]|panader[oa]"
    r"|peluquer[oa]|mec[aá]nic[oa]|fontaner[oa]|maestr[oa]|profe(?:sor[a]?)?|bomber[oa]|polic[ií]a|guardia\s+civil"
    r"|taxista|jugador[a]?|[aá]rbitro|entrenador[a]?|DT|cantante|periodista|locutor[a]?"
    r"|camarer[oa]|cura|p[aá]rroco|vicar|priest|pastor"
)
_LOCAL_PLACE = (
    r"caf[eé]|cafeter[ií]a|bakery|bar|pub|shop|store|garage|gym|school|post\s+office|fire\s+station|station|club"
    r"|team|paper|newspaper|desk|farm|church|chippy|takeaway|pharmacy|library|council|taller|panader[ií]a|tienda"
    r"|colegio|escuela|instituto|parroquia|iglesia|equipo|carnicer[ií]a|peluquer[ií]a|estaci[oó]n|gasolinera"
    r"|ayuntamiento|mercado|kiosco|peri[oó]dico|radio|pueblo|village|barrio|aldea|airport|aeropuerto"
)

# Someone recognisable by a lay role and where they do it, rather than by a public title. Kept apart from
# LOCAL_FIGURE_RE: with a visit it is a privacy problem, and a professionalism one only when told as a joke or a secret.
ROLE_RE = ci(
    r"(?!x)x"
    # a lay role tied to a place or an organisation: "the owner of the new vegan café", "el chico del taller",
    # "the guy from the Daily Recorder sports desk", "a firefighter at Kilbride station", "el DT del Atlético"
    rf"|\b(?:{_LAY_ROLE})\s+(?:of|from|at|de|del|en)\s+(?:the\s+|el\s+|la\s+|los\s+|our\s+|my\s+)?"
    rf"(?:\w+\s+){{0,3}}?(?:{_LOCAL_PLACE}|(?-i:[A-Z])\w+)"
    rf"|\b(?:guy|lad|bloke|woman|lady|girl|chic[oa]|señor[a]?|t[ií][oa]|hombre|mujer)\s+(?:of|from|at|de|del|en)\s+"
    rf"(?:the\s+|el\s+|la\s+|los\s+|our\s+|my\s+)?(?:\w+\s+){{0,3}}?(?:{_LOCAL_PLACE})\b"
    # ... or a role before a town or a name: "the Greyhaven butcher", "Coach Benton", "la profe Elvira"
    rf"|\b(?:the|el|la)\s+(?-i:[A-Z])\w+\s+(?:{_LAY_ROLE})\b"
    r"|\b(?:coach|profe|father|padre|pastor|councillor|concejal[a]?|alcalde(?:sa)?|mayor|chef|captain)\s+(?-i:[A-Z])\w+"
    # ... or a role made local or past: "a local primary school teacher", "the retired fire chief"
    rf"|\b(?:local|retired|former|jubilad[oa]|antigu[oa])\s+(?:\w+\s+){{0,2}}?(?:{_LAY_ROLE})\b"
    # ... or a titled name with their place: "doña Inés del kiosco"
    rf"|\b(?:don|doña|señor[a]?|sr|sra|mrs|mr|ms)\.?\s+(?-i:[A-Z])\w+\s+(?:de|del|from|at)\s+(?:la\s+|el\s+|the\s+)?"
    rf"(?:{_LOCAL_PLACE})\b"
    # ... or someone who runs a local place: "who runs the post office", "que lleva el bar"
    rf"|\b(?:who|que)\s+(?:runs|owns|manages|works\s+at|regenta|lleva|lleve|tiene)\s+(?:the|a|el|la)\s+"
    rf"(?:\w+\s+){{0,2}}?(?:{_LOCAL_PLACE})\b"
    # ... or the only one of a kind in a small place: "the only person there on warfarin", "la única de 94"
    rf"|\b(?:the\s+only|(?:el|la)\s+[uú]nic[oa])\s+(?:(?:person|one|woman|man|lady|family|child|kid|patient|persona"
    rf"|mujer|hombre|señora|señor|familia|niñ[oa]|paciente|vecin[oa]|dentist|{_LAY_ROLE})\s+)?"
    rf"(?:in|there|en|de|del|con|from|on)\b"
    # ... or one of a small named group: "the Riverside FC first team", "swim team captain at Hollis Creek High",
    # "Year 2 parents at Millbeck Primary", "the same ferry crew" (not a team or "equipo", mostly staff or a company's)
    r"|\b(?-i:[A-Z])\w+\s+(?-i:FC|CF|AFC|RFC|United|Rovers|Athletic|High|Primary|Academy)\b"
    r"|(?<!\bour\s)(?<!\bmy\s)(?<!\bmi\s)(?<!\bnuestro\s)(?<!\bnuestra\s)\b(?:squad|crew|class|band|choir|pupils?"
    r"|classmates?|captain|year\s+\d+|plantilla|tripulaci[oó]n|clase|banda|coro|alumn[oa]s?|capit[aá]n[a]?)"
    r"\s+(?:\w+\s+){0,2}?(?:of|at|from|de|del|en)\s+(?:the\s+|el\s+|la\s+|los\s+|las\s+)?(?-i:[A-Z])\w+"
    r"|\bsame\s+(?:\w+\s+)?(?:crew|squad|class|band|choir|tripulaci[oó]n|clase)\b"
    # ... or a family named with their place: "the Whitmore family from Glen Arden", "el nene de los Fernández"
    r"|\b(?-i:[A-Z])\w+\s+family\s+(?:from|of|in)\b"
    r"|\b(?:nene|nena|niñ[oa]|hij[oa]|abuel[oa]|chic[oa]|madre|padre|señora?|mujer|marido|familia)\s+de\s+los\s+(?-i:[A-Z])\w+"
)

# A kind of patient named by a label, not only the listed groups: "the 'chronic pain' lot", "first-time mums",
# "fat folks", "people who read online", "half the people in my waiting room", "desfile de flojos".
KIND_RE = ci(
    r"(?:\b[\w-]+|[\"“'‘][^\"”'’]{3,30}[\"”'’])\s+(?:lot|crowd|brigade|mob|mums|moms|dads|parents|folks|types|ones"
    r"|attenders|regulars|patients|cases)\b"
    r"|\b(?:people|folks|those|patients|parents|mums|moms|dads|women|men|ladies|guys|teenagers|teens|lads|kids)\s+who\b"
    r"|\b(?:walk-?ins|lads\s+from|guys\s+from|over-?\d0s|the\s+(?:loudest|usual)\s+\w+)\b"
    r"|\b(?:half|most|all|every\s+one)\s+(?:of\s+)?(?:the|my|our|these)\s+(?:people|patients|parents|mums|women|men)\b"
    r"|\bevery\s+(?:single\s+)?(?:\w+\s+){0,4}?(?:mum|mom|dad|parent|patient|woman|man|one)\b"
    r"|\bthe\s+(?:manipulative|entitled|worried\s+well|lazy|obese|unwashed|demented|confused)\b"
    r"|\b(?:desfile|fauna|manada|panda|tropa|reba[ñn]o|procesi[oó]n)\s+de\b|\b(?:la\s+)?fauna\b"
    r"|\b(?:otr[oa]|l[oa]s|las|esas?|esos?)\s+(?:madres?|padres?|señoras?|abuel[oa]s?|pacientes?|gente|tí[oa]s)\s+que\b"
    r"|\b(?:a|the|these|those|another|una?|otra)\s+Karens?\b|\b(?:el|la)\s+de\s+siempre\b|\b(?:la\s+)?gente\s+(?:ya\s+no|que|de\s+hoy)\b|\blos\s+(?:t[ií]picos|cl[aá]sicos)\b"
)
# Ridicule that needs no slur: sarcasm, "they all...", a verdict of entitlement, a dehumanising picture.
RIDICULE_RE = ci(
    r"\b(?:gee|shocker|who\s+(?:would\s+have|could\s+have|['’]d\s+have)\s+(?:thought|guessed)|who\s+knew\s*[?!]"
    r"|imagine\s+my\s+surprise|I\s+wonder\s+why\s*(?:[.!?🤔🙄]|$)|comedy\s+gold|natural\s+selection|darwin\s+award"
    r"|die\s+inside|reason\s+I\s+drink|cute\s+idea|change\s+my\s+mind|(?:is|are|like)\s+(?:basically\s+|just\s+)?(?:a\s+)?"
    r"(?:zoo|circus|daycare|creche)|the\s+worst\s+are|they\s+all\s+(?:end\s+up|think\s+they|turn\s+up)|refuse\s+to\s+work"
    r"|demanding\s+(?:\w+\s+)?(?:antibiotics|codeine|opioids|opiates|morphine|scans?|sick\s+notes?|to\s+be\s+seen)"
    r"|smell(?:ed|s|y)?\s+worse|lose\s+the\s+weight|(?:stupidity|idiot|stupid)\s+(?:fee|tax)|not\s+my\s+problem|sorry\s+not\s+sorry"
    r"|(?:facebook|google|youtube|tiktok|whatsapp)\s+(?:degree|university|doctor)|knows?\s+(?:more|better)\s+than\s+(?:me|us"
    r"|the\s+doctor)|qu[eé]\s+pa[ií]s|y\s+luego\s+(?:quiere|quieren|se\s+quejan?|vienen)|no\s+quieren\s+trabajar"
    r"|(?:exigiendo|pidiendo)\s+(?:la\s+|el\s+|una?\s+)?(?:baja|licencia|antibi[oó]tico|receta|pastillas|ansiol[ií]tico"
    r"|justificante|prueba|resonancia|ser\s+atendid)\w*|qui[eé]n\s+lo\s+(?:iba\s+a\s+decir|dir[ií]a)|vaya\s+sorpresa"
    r"|no\s+es\s+mi\s+problema|no\s+me\s+escribas\s+m[aá]s|y\s+encima\s+\w+|and\s+then\s+(?:complain|moan|whinge)|se\s+creen?\s+(?:que\s+saben|m[eé]dic)|saben\s+m[aá]s\s+que"
    r"|lo\s+peor\s+son|tod[oa]s\s+acaban|(?:humanity|society)\s+is\s+doomed|league\s+table|leaderboard|sweepstake"
    r"|bingo|(?:zero|no)\s+sympathy|by\s+vibes|today['’]s\s+winner|put\s+it\s+down|like\s+clockwork|roll\s+in"
    r"|back\s+in\s+my\s+day|hypochondriac\s+hour|smile\s+a\s+little\s+wider|(?:es|son|parece)\s+(?:un|una)\s+(?:zoo|circo|guarder[ií]a))\b|🙄|🤦|🐒|🤢|🤡|🙃|🫠"
)

# Attraction or courting: "the cute one from bed 4", "are you single?", "left my number", "me has alegrado el día".
ATTRACTION_RE = ci(
    r"\b(?:cute|cutest|hot|hottest|fit|fittest|sexy|gorgeous|stunning|handsome|fanciable|dishy|guap[oa]|guap[ií]sim[oa]"
    r"|buen[oa]n[oa]?|lind[oa])\s+(?:one|dad|mum|mom|guy|girl|man|woman|lady|bloke|nurse|nurses|doctor|doctors"
    r"|paramedic|reg|registrar|papi|pap[aá]|mam[aá]|chic[oa]|enfermer[oa]s?|residente)\b"
    r"|\b(?:chic[oa]|chaval[a]?|guy|girl|man|woman|lady|dad|mum)\s+(?:muy\s+|so\s+|really\s+)?(?:guap[ií]?\w*|mon[ií]?[oa]|lind[oa]"
    r"|cute|hot|gorgeous|fit)\b"
    r"|\b(?:are\s+you\s+(?:single|seeing\s+anyone)|friend\s+request|slid\s+into\s+(?:\w+\s+){0,3}?dms?|now\s+we['’]re\s+dating"
    r"|(?:le\s+he\s+dado|di)\s+like\s+a\s+todas|liked\s+all\s+(?:her|his)\s+(?:photos|pics)|me\s+dio\s+su\s+n[uú]mero"
    r"|(?:le\s+he\s+dejado|le\s+dej[eé])\s+mi\s+(?:instagram|insta|n[uú]mero|tel[eé]fono|whatsapp)|(?:left|gave|slipped|sent)\s+(?:him|her|them|you)\s+"
    r"my\s+(?:number|digits|insta|snap)|left\s+my\s+(?:number|digits)\s+on\s+(?:his|her|their)|rating\s+the\s+(?:hottest|cutest|fittest)|crush\s+on"
    r"|liked\s+your\s+(?:\w+\s+)?(?:pic|photo|selfie)|me\s+has\s+alegrado\s+el\s+d[ií]a|est[aá]s\s+solter[oa]"
    r"|tienes\s+novi[oa]|solicitud\s+de\s+amistad|swiped\s+right|matched\s+with|(?:on|en)\s+(?:tinder|hinge|bumble)"
    r"|te\s+(?:dej[eé]|pas[eé])\s+mi\s+(?:n[uú]mero|tel[eé]fono|insta)"
    r"|no\s+(?:dejo|paro)\s+de\s+pensar\s+en\s+ti|te\s+agregu[eé])\b|😍|😘|😏|🥵|😻"
)
# Where a care encounter shows: "I did your smear", "from bed 4", "discharge", "waiting room", "la consulta de las 10"
# (a bare "clinic" or "ward" is not one: the attraction rule reads Draft.setting for that, so this part, also a
# classifier feature, stays a sign of an encounter with one person).
MET_IN_CARE_RE = ci(
    r"\bI\s+(?:did|took|gave|stitched|examined|treated|saw)\s+(?:your|his|her|you)\b|\b(?:bed|room|bay|cama|box)\s*\d+"
    r"|\bdischarge\w*|\bwaiting\s+room|\bsala\s+de\s+espera|\bconsulta\s+de\s+las\s+\d+|\brevisi[oó]n\b|\binforme\b"
    r"|\bformer\s+patient|\bexpaciente"
    r"|\b(?:scar|stitches|smear|cicatriz|puntos)\b|\b\d+\s+(?:West|East|North|South)\b"
)
# Blaming the reader in a reply: "look at your own behaviour", "no culpe a la clínica", "enjoy finding a new dentist".
BLAME_READER_RE = ci(
    r"\b(?:look\s+at\s+your\s+own|your\s+own\s+(?:behaviou?r|fault|choice|decision|doing)|before\s+(?:reviewing|blaming"
    r"|complaining|you\s+review)|not\s+(?:bad\s+service|our\s+fault)|that['’]s\s+(?:medicine|on\s+you|not\s+on\s+us)"
    r"|enjoy\s+(?:finding|the\s+wait)|good\s+luck\s+finding"
    r"|we\s+have\s+(?:cctv|it\s+on\s+camera|witnesses|the\s+recording)|turned\s+up\s+drunk|shouted\s+at|got\s+(?:angry"
    r"|aggressive|abusive)|demanding\s+(?:\w+\s+)?(?:antibiotics|codeine|a\s+refund|to\s+be\s+seen)|chose\s+the\s+cheaper|against\s+(?:our|my|medical)\s+(?:advice|recommendation)"
    r"|no\s+culpes?|la\s+culpa\s+(?:es|fue|ser[aá])\s+(?:suya|tuya)|su\s+desorganizaci[oó]n|tu\s+desorganizaci[oó]n"
    r"|no\s+s[eé]\s+(?:qu[eé]|de\s+qu[eé])\s+(?:reclamas|reclama|se\s+queja|te\s+quejas)|(?:la\s+)?reseña\s+no\s+es\s+justa"
    r"|(?:this|the|your)\s+review\s+is\s+(?:unfair|not\s+fair|a\s+lie)|ya\s+sabemos\s+todos|no\s+hace\s+falta\s+que\s+lo\s+niegue"
    r"|if\s+you['’]?d\s+(?:only\s+)?(?:vaccinated|listened|come|taken|followed|booked)|si\s+(?:lo\s+|la\s+)?hubier(?:as|a)"
    r"\s+(?:vacunado|venido|hecho\s+caso|tomado)"
    r"|se\s+fue\s+gritando|exigi[oó]|nos\s+grit[oó]|contra\s+(?:nuestra|mi)\s+(?:recomendaci[oó]n|indicaci[oó]n))\b"
)


# Groups of patients named outright: "frequent attenders", "antivacunas", "los del gimnasio".
PATIENT_GROUP_RE = ci(
    r"\b(?:drunk\s+students|drunks|students|anti-?vaxx?ers|frequent\s+(?:attenders|flyers)|smokers|the\s+over-\d+s"
    r"|gym\s+bros|people\s+on\s+benefits|benefit\s+scroungers|private\s+patients|obese\s+people|fat\s+people"
    r"|junkies|addicts|old\s+people|the\s+elderly|tourists|these\s+people|borrachos|antivacunas|hiperfrecuentadores"
    r"|fumadores|abueletes|viejos|los\s+del\s+gimnasio|los\s+que\s+viven\s+de\s+ayudas|los\s+de\s+la\s+privada"
    r"|gordos|yonquis|drogadictos|turistas|esta\s+gente|parents|padres|madres?\s+antivacunas|the\s+over-?eighties"
    r"|care\s+homes?|los\s+de\s+los\s+pisos\s+tur[ií]sticos|guiris|pisos\s+tur[ií]sticos)\b"
    # a kind of patient named by a label: "the regulars", "anti-vax mums", "los jubilados", "la tercera edad"
    r"|\b(?:the\s+)?regulars\b|\banti-?vax\w*\s+(?:mums|moms|parents|dads)\b|\b(?:pensioners|retirees|grannies"
    r"|old\s+(?:boys|dears|folk)|jubilad[oa]s|pensionistas|tercera\s+edad|abuelitos|abuelas|viejitos|viejitas"
    r"|types\s+of\s+(?:people|patients)|tipos\s+de\s+(?:pacientes|gente))\b"
)

# A named person shown with their treatment's result or saying how it went: "Jake's reaction when he saw his new
# smile", "Tom's transformation", "what Jess said after her tummy tuck", "says Jade about her breast augmentation",
# "la transformación de Sofi", "el antes y después de Lucía", "lo que dice Carmen de su rinoplastia". The name and
# the treatment together tell everyone who knows them what was done to them.
NAMED_RESULT_RE = re.compile(
    r"(?<![\w.])(?<!Dr\s)(?<!Dra\s)(?<!Dr\.\s)(?<!Dra\.\s)([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)['’]s\s+"
    r"(?i:(?:new|amazing|incredible|stunning|fresh|real)\s+)?(?i:smile|nose|reaction|transformation|results?|journey"
    r"|glow[- ]?up|body|skin|face|teeth|lips|progress|before\s+and\s+after|recovery)\b"
    r"|\b(?i:transformaci[oó]n|sonrisa|reacci[oó]n|cambio|resultados?|nariz|antes\s+y\s+(?:el\s+)?despu[eé]s|evoluci[oó]n"
    r"|recuperaci[oó]n)\s+de\s+([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)\b"
    r"|\b(?i:what|how\s+far|see\s+what|hear\s+what)\s+([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)\s+(?i:says|said|has\s+come|thinks|thought)\b"
    r"|\b(?i:says|dice)\s+([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)\s+(?i:about|de)\s+(?i:her|his|their|su)\b"
    r"|\b(?i:lo\s+que\s+(?:dice|dijo|opina))\s+([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)\s+(?i:de|sobre|tras)\b"
)
_TITLES = frozenset({"Dr", "Dra", "Mr", "Mrs", "Ms", "My", "Mi", "Our", "Your"})


def named_results(text: str) -> list[tuple[int, int]]:
    """Where a person is named next to their treatment's result ("Tom's transformation"): the name's span."""
    found = []
    for m in NAMED_RESULT_RE.finditer(text):
        group = next(g for g in range(1, (m.lastindex or 0) + 1) if m.group(g))
        if m.group(group) not in NOT_NAME and m.group(group) not in _TITLES:
            found.append((m.start(group), m.end(group)))
    return found
