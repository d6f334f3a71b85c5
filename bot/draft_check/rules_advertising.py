"""Advertising rules: testimonials, guaranteed or miraculous results, superlatives, comparisons, inducements.

Misleading claims and clinical testimonials are unlawful in several jurisdictions (high); inducements and
comparisons break professional codes (medium).
"""

from __future__ import annotations

from bot.draft_check.citations import GMC_SOCIAL_MEDIA as _GMC
from bot.draft_check.types import Hit, Rule
from bot.draft_check.vocabulary import BEFORE_AFTER_RE, RESULTS_RE, Draft, FuzzyTerms, ci

_AHPRA = "Ahpra/Medical Board, Social media guidance, 2019; National Law s.133"
_CNOM = "CNOM, décret 2020-1662"
_CDM = "CGCOM, Código de Deontología Médica, 2022, art. 93"

RULES: dict[str, Rule] = {
    "ad.testimonial": Rule(
        "advertising",
        "high",
        f"{_AHPRA}; {_CNOM}; HIPAA, 45 CFR 164.508(a)(3)",
        "Testimonials about clinical results are banned in health advertising (Ahpra s.133, CNOM) and "
        "using a patient's story in marketing needs their written authorization (HIPAA).",
        "Los testimonios sobre resultados clínicos están prohibidos en la publicidad sanitaria (Ahpra s.133, "
        "CNOM) y usar el caso de un paciente en publicidad exige su autorización por escrito (HIPAA).",
        "Remove the testimonial; describe the service factually instead.",
        "Quita el testimonio; describe el servicio de forma objetiva.",
    ),
    "ad.claim": Rule(
        "advertising",
        "high",
        f"{_AHPRA} (false or misleading claims); {_CNOM} (fair and honest information)",
        "Guaranteed, miraculous, permanent, instant or 100% results are misleading: no treatment works for "
        "everyone.",
        "Los resultados garantizados, milagrosos, definitivos, inmediatos o al 100% son engañosos: ningún "
        "tratamiento funciona siempre.",
        "State realistic, evidence-based outcomes and risks, with a source.",
        "Indica resultados y riesgos realistas y basados en pruebas, con su fuente.",
    ),
    "ad.superlative": Rule(
        "advertising",
        "medium",
        f"{_CNOM} (no comparison with other doctors); {_AHPRA}",
        "'Best', 'number one', 'the only', 'the most effective' and comparisons with colleagues cannot be "
        "verified and disparage others.",
        "'El mejor', 'número uno', 'el único', 'el más eficaz' y las comparaciones con colegas no son "
        "verificables y desacreditan a otros.",
        "Describe your training and services factually, without ranking yourself against others.",
        "Describe tu formación y servicios de forma objetiva, sin compararte con otros.",
    ),
    "ad.inducement": Rule(
        "advertising",
        "medium",
        f"{_GMC} (no financial inducements); {_CDM}",
        "Discounts, free offers and time-limited deals pressure people into medical decisions.",
        "Los descuentos, regalos y ofertas por tiempo limitado presionan a tomar decisiones médicas.",
        "Remove the offer; publish your fees neutrally on your website if you must.",
        "Quita la oferta; si hace falta, publica tus honorarios de forma neutra en tu web.",
    ),
    "ad.before_after": Rule(
        "advertising",
        "medium",
        f"{_AHPRA} (misleading claims); HIPAA, 45 CFR 164.508(a)(3) (marketing needs written authorization)",
        "Before-and-after pictures used to promote a procedure imply results everyone can expect.",
        "Las fotos de antes y después para promocionar un procedimiento sugieren resultados que no todos "
        "tendrán.",
        "Avoid before-and-after promotion; if used for teaching, add written consent, context and risks.",
        "Evita el antes y después como promoción; si es docente, indica consentimiento escrito, contexto y "
        "riesgos.",
    ),
    "ad.price": Rule(
        "advertising",
        "medium",
        f"{_CDM} (no prices to attract patients); {_GMC}",
        "A price used as a hook to attract patients is advertising that codes of ethics forbid.",
        "Anunciar precios para atraer pacientes es publicidad que el Código de Deontología prohíbe.",
        "Drop the price from the post; give fees when patients ask, or on a neutral fee page.",
        "Quita el precio; informa de los honorarios a quien pregunte o en una página neutra de tarifas.",
    ),
}

TESTIMONIAL_RE = ci(
    r"\btestimonials?\b|\btestimonios?\b|\bwhat\s+(?:my|our)\s+patients\s+say\b|\blo\s+que\s+dicen\s+"
    r"(?:mis|nuestros)\s+pacientes\b|\b(?:happy|satisfied|delighted)\s+(?:patients?|clients?|customers?)\b|\bclientas?\s+encantadas?\b|\bpacientes?\s+satisfech[oa]s?\b"
    r"|\b(?:this|that|your|a|the)\s+(?:lovely|kind|amazing|wonderful|great)\s+review\b"
    r"|\bchanged\s+my\s+life\b|\b(?:thank\s+you|thanks|gracias)\s+\w+\s+(?:for|por)\s+(?:the|your|this|tus|sus|las)\s+"
    r"(?:lovely\s+|kind\s+|bonitas\s+|amables\s+)?(?:words|review|message|palabras|reseña)\b"
    r"|\bbest\s+decision\s+of\s+my\s+life\b|\bla\s+mejor\s+decisi[oó]n\s+de\s+mi\s+vida\b"
    r"|\bme\s+(?:cambi[oó]|ha\s+cambiado)\s+la\s+vida\b|(?:⭐\ufe0f?){3,}|★{3,}|\b5[- ]star\s+review\b"
    r"|\b[45](?:[.,]\d)?\s?(?:⭐|★|stars?\b|estrellas\b)|\bfive[- ]stars?\b|\bcinco\s+estrellas\b"
    r"|\b(?:nuestr[oa]s|mis|our|my)\s+(?:pacientes|patients|clients|clientes|clientas)\s+(?:nos\s+|me\s+)?"
    r"(?:dan|give|rate|valoran|recomiendan|recommend|love|adoran|say|dicen|rave)\b"
    r"|\b5\s+estrellas\b|\b5[- ]star\s+reviews\b|\bopiniones\s+de\s+5\s+estrellas\b|(?:^"
    r"|\s)[-–—]\s*[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+(?:\s+[A-ZÁÉÍÓÚÑ]\.?)?,\s*(?:\d{1,3}\b"
    r"|paciente|patient)"
    r"|\b(?:thanks|thank\s+you|gracias)[\s,]+(?:to\s+|a\s+(?:la\s+|el\s+)?)?(?:Dr|Dra|Doctor"
    r"|Doctora)\.?\s+\w+"
    r"[\s\S]{0,80}?(?:lost|gone|cured|pain|dej[eé]|he\s+dejado|perd[ií]|curad[oa]|sin\s+dolor|duermo|walk)"
)
CLAIM_RE = ci(
    r"\bguarantee[ds]?\b|\bgarantizad[oa]s?\b|\bgarant[ií]a\s+de\s+(?:resultados|éxito)\b|\b100\s?%"
    r"|\bmiracle\w*|\bmilagros?\b|\bmilagros[oa]s?\b|\bmagic\s+(?:cure|pill|treatment)|\bpermanent(?:ly)?\s+"
    r"(?:cure|removes?|results?)|\b(?:removes?|eliminates?)\s+\w+\s+\w*\s*permanently\b"
    r"|(?<!\bno\s)\bcur(?:a|an|amos)\s+(?:la|el|los|las|tu|su)\b|(?<!\ba\s)(?<!\bthe\s)(?<!\bno\s)\bcures?\s+"
    r"(?!for\b|rates?\b|is\b|was\b|and\b|or\b|in\b|to\b)[a-z]+|\bboosts?\s+(?:your\s+)?immun\w+"
    r"|\brefuerza[n]?\s+(?:las\s+|tus\s+)?defensas\b|\b(?:our|my|nuestro|mi)\s+detox\b"
    r"|\b\d{2,3}\s?%\s+de\s+los\s+casos\b|\bcura\s+definitiva\b|\bcuramos\b|\bwe\s+cure\b"
    r"|\bcures?\s+(?:your|all|any)\b|\bno\s+side\s+effects\b"
    r"|\bsin\s+efectos\s+secundarios\b|\b\d{2,3}\s?%\s+(?:success|satisfaction|cure|éxito|eficacia)"
    r"|\bno\s+(?:surgery|needles|pain)\s+needed\b|\brisk[- ]free\b|\bsin\s+riesgos?\b"
    r"|\bzero\s+complications\b"
    r"|\bcero\s+complicaciones\b|\bsuccess\s+rates?\s+(?:are|is)\s+double\b|\belimina\s+tus\b"
    r"|\ben\s+una\s+sola\s+sesi[oó]n\b"
    r"|\bsay\s+goodbye\s+to\b|\bdile\s+adi[oó]s\s+(?:a|al)\b|\bdec[ií]dle\s+adi[oó]s\b"
    r"|\b(?:pain|dolor|acne|acn[eé]|wrinkles|arrugas|fat|grasa|kilos|cellulite|celulitis|migraines?|migrañas?)"
    r"\s+(?:\w+\s+){0,3}?(?:forever|for\s+good|para\s+siempre|de\s+por\s+vida)\b"
    r"|\bresults?\s+in\s+(?:\d+|one|two|three)\s+(?:days?|weeks?|sessions?)\b|\bresultados\s+en\s+\d+\s+"
    r"(?:d[ií]as|semanas|sesiones)\b|\bor\s+(?:it['’]?s|its)\s+free\b|\bo\s+(?:es\s+)?gratis\b"
    r"|\bo\s+te\s+devolvemos\b|\bor\s+your\s+money\s+back\b"
    r"|\bresultados\s+(?:permanentes|definitivos|garantizados)\b|\b(?:painless|sin\s+dolor),?\s+(?:and\s+|y\s+)?"
    r"(?:permanent|definitiv|permanente)\w*|\b\d{2,3}\s?%\s+de\s+(?:nuestr[oa]s\s+|mis\s+)?(?:pacientes|clientes|clientas)\b"
    r"|\b\d{2,3}\s?%\s+of\s+(?:our\s+|my\s+)?(?:patients|clients)\b"
)
SUPERLATIVE_RE = ci(
    r"\b(?:the\s+)?best\s+(?:\w+\s+)?(?:doctor|surgeon|clinic|dentist|gp|specialist|practice|results"
    r"|\w+ologist|\w+iatrist|physio\w*|hospital)\b"
    r"|\bvoted\s+(?:the\s+)?best\b|\bnumber\s+one\b|(?<!\w)#1\b(?!\s+(?:is|pick|es)\b)"  # "#1 is X": a product ranked
    r"|\btop\s+(?:\w+\s+)?(?:doctor|surgeon|clinic|dentist|specialist|gp|\w+ologist|\w+iatrist)\b"
    r"|\b(?:top|highest|best)[- ]rated\b|\bmejor\s+valorad[oa]\b"
    r"|\b(?:el|la)\s+mejor\s+(?:\w+\s+){0,2}?(?:médic[oa]|cirujan[oa]|clínica|doctor[a]?|dentista"
    r"|\w+[oó]log[oa]|\w+ista"
    r"|especialista|consulta)\b|\bn[úu]mero\s+(?:uno|1)\b|\bn[ºo°]\s?1\b|\bl[ií]deres?\s+en\b"
    # the best of a named place: "la mejor del Perú", "el mejor de Madrid"
    r"|\b(?:el|la)\s+mejor\s+(?:del?|en)\s+(?:la\s+|el\s+)?(?-i:[A-ZÁÉÍÓÚÑ])\w+"
    r"|\bstop\s+wasting\s+(?:your\s+)?money\b|\ba\s+diferencia\s+de\s+(?:la\s+seguridad\s+social|la\s+sanidad"
    r"\s+p[uú]blica|el\s+sistema\s+p[uú]blico)\b"
    r"|\bunlike\s+(?:other|most)\s+(?:clinics|doctors|surgeons|practices|\w+ologists|\w+ists|dentists|gps)\b|\bbetter\s+than\s+(?:other|any"
    r"|the)\b"
    r"|\bwhy\s+go\s+anywhere\s+else\b|\bdon['’]?t\s+waste\s+your\s+money\b|\bno\s+malgast[eé]is\b"
    r"|\b(?:highest|best|lowest)\s+(?:[\w-]+\s+){0,4}?in\s+the\s+"
    r"(?:country|region|city|uk|world|state|province|county|area|town)\b|\b(?:los\s+)?mejores\s+resultados\b|\bunlike\s+the\s+nhs\b"
    r"|\bno\s+other\s+(?:surgeon|doctor|clinic)\b"
    r"|\b(?:mucho\s+)?mejor\s+que\s+(?:las?|los|otr[oa]s|cualquier)\b|\ba\s+diferencia\s+de\s+otr[oa]s\b"
    r"|\b(?:the\s+)?best\s+\w+\s+on\s+the\s+market\b|\bthe\s+best\s+in\s+(?:the\s+)?(?:region|country|city"
    r"|town)\b|\bmy\s+results\s+are\s+the\s+best\b"
)
INDUCEMENT_RE = ci(
    r"\b\d{1,2}\s?%\s*(?:off|discount)\b|\bdiscount(?:ed)?\b|\bdescuentos?\b|\b\d{1,2}\s?%\s+de\s+descuento\b"
    r"|\bblack\s+friday\b|\blimited\s+(?:time|slots|places|offer)\b|\b(?:this|today)\s+(?:week(?:end)?"
    r"|month)\s+only\b|\bbring\s+a\s+friend\b|\btrae\s+a\s+un[ao]?\s+amig[oa]\b"
    r"|\bfree\s+(?:\w+\s+)?(?:b12|shot|session|treatment|scan|check|check-?up|facial|vitamin|drip|injection|test)s?\b"
    r"|\bte\s+regalamos\s+(?:el|la|un|una)\b"
    r"|\b(?:primera\s+)?(?:consulta|visita|revisi[oó]n|sesi[oó]n)\s+(?:\w+\s+)?gratis\b"
    r"|\bonly\s+(?:this|until)\s+\w+|\bfree\s+(?:consultation|consult|assessment)\b|\bspecial\s+offer\b"
    r"|\b(?:oferta(?!\s+de\s+(?:empleo|trabajo))|promoci[oó]n|promo)\b|\bplazas\s+limitadas\b|\bconsulta\s+gratu?i?t[ao]\b"
    r"|\bsolo\s+(?:esta|este|hasta)\s+\w+|\bhasta\s+fin\s+de\s+mes\b|\b2\s?x\s?1\b|\bbook\s+now\b"
    r"|\b(?:discount|promo)\s+code\b|\b(?:code|c[oó]digo)\s+(?-i:[A-Z][A-Z0-9]{3,})\b|\bat\s+checkout\b"
    r"|\bll[eé]vate\s+[^.!?\n]{0,40}?\bgratis\b|\bll[eé]vate\s+[^.!?\n]{0,40}?\bde\s+regalo\b"
    r"|\bte\s+regalamos\b|\bcomplimentary\b|\bfree\s+gift\b"
    r"|\bsolo\s+(?:en|durante)\s+(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre"
    r"|noviembre|diciembre)\b|\bbefore\s+\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+and\s+get\b"
    r"|\blowest\s+prices?\b|\bcheapest\b|\bprecios?\s+m[aá]s\s+baj[oa]s\b|\bm[aá]s\s+barat[oa]s?\b"
    r"|\bbeat\s+any\s+(?:quote|price)\b|\bigualamos\s+cualquier\s+(?:presupuesto|precio)\b"
    r"|\bhalf\s+price\b|\bmitad\s+de\s+precio\b|\boffer\s+(?:ends|valid|expires)\b"
    r"|\bfor\s+the\s+price\s+of\b|\b(?:on|summer|winter|spring|big|flash)\s+sale\b|\bsale\s+(?:ends|now|price)\b"
    r"|\b(?:special|great|exclusive|unbeatable)\s+deal\b|\bfinanciaci[oó]n\b"
    r"|\bsin\s+intereses\b|\binterest[- ]free\b|\bllama\s+ya\b|\bcall\s+now\b"
    r"|\bpide\s+(?:tu\s+)?cita\s+ya\b|\breserva\s+(?:ya|tu\s+cita)\b|\bmoney\s+back\b"
)
_MONEY = r"(?:[$£€]\s?\d[\d,.]*|\d[\d,.]*\s?(?:€|euros?|eur|usd|dollars|pesos|libras|£))"
PRICE_RE = ci(
    rf"\b(?:only|just|from|for|solo|sólo|por|desde|a\s+partir\s+de|por\s+solo)\s+{_MONEY}"
    rf"|\b(?:implants?|implantes?|botox|filler|relleno|whitening|blanqueamiento|sessions?|sesi[oó]n(?:es)?)"
    rf"\s+(?:\w+\s+){{0,2}}{_MONEY}"
    rf"|(?:primera\s+visita|first\s+visit|consulta|consultation|revisi[oó]n)\s*:?\s*{_MONEY}"
    rf"|{_MONEY}(?=\s*(?:!|this\s+\w+|esta\s+\w+))"
)
_EVENT_RE = ci(
    r"\b(?:registration|register|inscripci[oó]n|congress|congreso|course|curso|webinar|jornadas?|ticket"
    r"|taller(?:es)?|workshops?|charlas?|talks?|seminar(?:io)?s?|masterclass|symposium|simposio|meetup|summit"
    r"|conference|conferencia|ponencia|formaci[oó]n|training|early\s+bird|inscr[ií]bete|entradas)"
)
# Misspelt testimonials and guarantees ("testimonal", "guarenteed", "garantisado").
TESTIMONIAL_TYPOS = FuzzyTerms("testimonial|testimonials|testimonio|testimonios")
CLAIM_TYPOS = FuzzyTerms(
    "guaranteed|guarantee|guarantees|garantizado|garantizada|garantizados|garantizadas|garantizamos|milagroso"
    "|milagrosa|milagrosos|miraculous"
)
# "the most effective in Madrid", "ningún otro traumatólogo", "nobody else offers": unverifiable rankings.
RANKING_RE = ci(
    r"\b(?:el|la|los|las)\s+(?:\w+\s+)?m[aá]s\s+(?:eficaz|efectiv[oa]|avanzad[oa]|moderno|moderna|segur[oa]"
    r"|experimentad[oa]|innovador[a]?|recomendad[oa]|prestigios[oa])s?\s+(?:de|en|del)\s+(?:la\s+|el\s+)?"
    r"(?:ciudad|pa[ií]s|españa|m[eé]xico|regi[oó]n|zona|provincia|(?-i:[A-ZÁÉÍÓÚÑ]\w+))"
    r"|\b(?:the\s+)?most\s+(?:effective|advanced|experienced|trusted|innovative|recommended|successful)\s+"
    r"(?:\w+\s+){0,2}?in\s+(?:the\s+)?(?:city|country|region|area|town|uk|us|(?-i:[A-Z]\w+))"
    r"|\bning[uú]n\s+otr[oa]\s+(?:m[eé]dic[oa]|doctor[a]?|cirujan[oa]|cl[ií]nica|centro|especialista|\w+[oó]log[oa]"
    r"|dentista)|\bninguna\s+otra\s+(?:cl[ií]nica|consulta)|\bnadie\s+m[aá]s\s+(?:ofrece|consigue|lo\s+hace)"
    r"|\bnobody\s+else\s+(?:offers|does|gets)|\bthe\s+only\s+(?:clinic|doctor|surgeon|practice|centre|center)"
    r"\s+(?:in|that|who|to)\b|\b(?:la|el)\s+[uú]nic[oa]\s+(?:cl[ií]nica|consulta|m[eé]dic[oa]|centro)\s+(?:en|de|que)\b"
    r"|\b(?:unbeatable|insuperables?|inmejorables?)\s+(?:results?|resultados?)\b"
)


_COSMETIC = ci(
    r"\b(?:swipe|desliza|results?|resultados?|rhinoplasty|rinoplastia|botox|filler|relleno|lifting|lipo\w*"
    r"|labios|lips?|nariz|nose|ojeras|arrugas|wrinkles|acn[eé]|manchas|skin|piel|dientes|teeth|smile|sonrisa"
    r"|hair|pelo|cabello|capilar|transplant|trasplante|peeling|laser|l[aá]ser|body|cuerpo|abdomen|pecho|breast"
    r"|implant\w*|blefaroplastia|blepharoplasty|tummy\s+tuck|abdominoplastia|aumento|facelift|veneers"
    r"|carillas"
    r"|blanqueamiento|whitening|post-?op|check\s+out|look\s+at|mirad|protocol|protocolo)\b"
)


# "does not cure", "no cura", "ni la cura": education that denies the claim is not the claim.
_NEGATED = ci(
    r"(?:\b(?:not|don['’]?t|doesn['’]?t|won['’]?t|can['’]?t|cannot|never|no|ni|nunca|tampoco|nothing|nada|sin|without)"
    r"(?:\s+\w+){0,2}\s*)$"
)
MYTH_RE = ci(r"\b(?:myths?|mitos?|falso|false|bulos?|hoax|fake|debunk\w*|desmont\w*)\b")


# "no sales pitch", "no hearing aid sales", "sin venta": an event or service that says it sells nothing.
_NOTHING_SOLD = ci(r"\bno\s+(?:\w+\s+){0,2}?(?:sales?|selling|pitch)\b|\bsin\s+(?:venta|vender)\b"
                   r"|\bnothing\s+(?:to\s+)?sell")
# A free check or jab offered to the public (blood pressure at the library, flu jabs for staff) is public health,
# not bait, unless the draft also sells ("new clients", "book now", a price, "this month only").
_OUTREACH = ci(
    r"free\s+(?:\w+\s+){0,2}?(?:blood\s+pressure|bp|flu|cholesterol|glucose|blood\s+sugar|diabetes|hearing|vision"
    r"|eye|covid|hpv|vaccin\w*|health)\s+(?:checks?|tests?|screening|shots?|jabs?|clinics?|vaccin\w*)"
)
_SELLING = ci(
    rf"\b(?:new\s+(?:clients?|patients)|clients?|book\s+(?:now|today|a|an|your)|and\s+get|offer|discount|limited"
    rf"|only|upgrade|package)\b"
    rf"|{_MONEY}|%"
)
# "la promo de Medicina de 2006" is a graduating class; "llama ya al 112" sends to emergency care.
_NOT_AN_OFFER = ci(
    r"promo(?:ci[oó]n)?\s+(?:de\s+)?(?:medicina|enfermer[ií]a|\d{4})\b|llama\s+ya\s+al?\s+(?:\d{3}|urgencias)"
    r"|call\s+now\s+(?:on\s+)?(?:999|911|112|111)"
)
# What turns a price into bait: "only", "normally £899", "save", "!" right after the amount; "antes" only as a
# former price ("antes 120 €"), not "antes de empezar" ("before").
_HOOK = ci(rf"\b(?:only|just|solo|sólo|normally|usually|antes(?!\s+de\b)|en\s+vez\s+de|instead\s+of|save|ahorra\w*)\b"
           rf"|{_MONEY}\s*[!*]|\b(?:for|por)\s+{_MONEY}|\b(?:packages?|paquetes?|bundles?|packs?)\s+(?:from|desde)\s+{_MONEY}")
# "No doctor honestly can", "nobody can promise that": the claim named only to be denied in the next breath.
_DENIED_AFTER = ci(r"^\W{0,4}[^.!?\n]{0,30}?\b(?:no\s+(?:doctor|one|m[eé]dic[oa])|nobody|nadie"
                   r"|ning[uú]n\s+m[eé]dic[oa])\b[^.!?\n]{0,20}\b(?:can|could|puede)")


# "Does the jab cure cancer? No.": the question is asked to be answered no.
_ANSWERED_NO = ci(r"\s*(?:no|nope|not|nada|falso|false|wrong|myth|mito)\b")


def _mentioned(d: Draft, start: int, end: int) -> bool:
    """A claim in quotation marks, asked and answered no ("Does X cure Y? No."), or denied right after, is talked
    about rather than made."""
    lead = d.text[max(0, start - 200) : start]
    if lead.count('"') % 2 == 1 or lead.rfind("“") > lead.rfind("”") or lead.rfind("«") > lead.rfind("»"):
        return True  # inside a quotation
    s_start, s_end = d.sentence_of(start)
    asked = d.text[s_start:s_end].rstrip().endswith("?") or "¿" in d.text[s_start:start]
    if asked and _ANSWERED_NO.match(d.text, s_end):
        return True
    return _DENIED_AFTER.search(d.text[end : end + 80]) is not None


# Thanking the reviewer for their stars, with nothing that invites anyone to book, answers the review; a testimonial
# advertises ("Another 5-star review! ... Book now"). Leave-one-file-out: two clean thank-you replies (drafts_hand_a,
# _c) were flagged.
_STARS = ci(r"⭐|★|\bstars?\b|\bestrellas?\b|\breviews?\b|\breseñas?\b|\bfeedback\b|\bvaloraci[oó]n\b")
_THANKS = ci(r"\b(?:thanks|thank\s+you|means\s+a\s+lot|gracias|agradec\w+)\b")
_INVITES = ci(r"\b(?:book|booking|appointments?|call\s+us|dm|link|reserva\w*|pide\s+cita|pedir\s+cita|cita|whatsapp"
              r"|llam[ae]n?os|contact\s+us|escr[ií]benos)\b|\b(?:new|nuev[oa]s?)\s+(?:patients?|pacientes?)\b")


def _thanked_stars(d: Draft, start: int, end: int) -> bool:
    s_start, s_end = d.sentence_of(start)
    return (_STARS.search(d.text, start, end) is not None and _THANKS.search(d.text, s_start, s_end) is not None
            and _INVITES.search(d.text) is None)


# The writer's own practice ranked above others, without the word "best": "ours are the lowest in the province",
# "my results beat anything from the big chains", "ningún otro derma de Lima puede", "los únicos con...".
_SELF = ci(r"\b(?:our|ours|my|we|we['’]re|us|nuestr[oa]s?|mis?|somos|tenemos|ofrecemos)\b")
_ABOVE_OTHERS = ci(
    r"\b(?:beats?\s+anything|than\s+any(?:one|\s+other)|than\s+(?:the\s+)?(?:other|big)\s+\w+|no\s+one\s+else"
    r"|the\s+only\s+ones\s+(?:offering|to\s+offer|who\s+offer|that\s+offer|doing|who\s+do|with\s+(?:the|a|an))|(?:lowest|highest|fastest|shortest)\s+(?:\w+\s+){0,3}?in\s+(?:the\s+)?(?:province|state|county"
    r"|area|city|country|region|town)|(?:twice|three\s+times)\s+as\s+(?:fast|quick|good|likely)|outperform\w*"
    r"|speak\s+for\s+themselves|anywhere\s+(?:else|other\s+than)|ning[uú]n\s+otr[oa]|ninguna\s+otra|nadie\s+m[aá]s"
    r"|l[oa]s\s+[uú]nic[oa]s\s+(?:con|que\s+(?:ofrec|hac|tien)\w*|en\s+\w+\s+que)|m[aá]s\s+que\s+(?:cualquier|ning[uú]n|la\s+otra|el\s+otro)|que\s+(?:la|el)\s+otr[oa]\s+\w+)\b"
)
# "the only ones I recommend", "las únicas que uso": a product picked (an interest, judged elsewhere), not a ranking.
_PRODUCT_PICK = ci(
    r"\s+(?:that\s+|que\s+)?(?:I\s+)?(?:recommend|use|fit|trust|prescribe|stock|recomiendo|uso|receto|pongo)\b"
)
_PAST_SELF = ci(r"\b(?:than|que)\s+(?:last|before|ever|antes|el\s+año\s+pasado|nunca)\b")


def _above_others(d: Draft) -> list[Hit]:
    """The writer's practice or results ranked above other doctors' in the same sentence."""
    for m in _ABOVE_OTHERS.finditer(d.text):
        s_start, s_end = d.sentence_of(m.start())
        if (_SELF.search(d.text, s_start, s_end) and not _PAST_SELF.search(d.text, s_start, s_end)
                and not _NEGATED.search(d.text, max(0, m.start() - 30), m.start())
                and not _mentioned(d, m.start(), m.end()) and not _PRODUCT_PICK.match(d.text, m.end())):
            return [Hit("ad.superlative", m.start(), m.end())]
    return []


def detect(d: Draft) -> list[Hit]:
    """Advertising hits; prices and "limited places" for a course or congress are left alone."""
    text = d.text
    event = _EVENT_RE.search(text) is not None
    hits: list[Hit] = [Hit("ad.testimonial", m.start(), m.end()) for m in TESTIMONIAL_RE.finditer(text)
                       if not _thanked_stars(d, m.start(), m.end())]
    if not MYTH_RE.search(text):  # myth-busting posts quote the claims they debunk
        hits += [Hit("ad.claim", m.start(), m.end()) for m in CLAIM_RE.finditer(text)
                 if not _NEGATED.search(text, max(0, m.start() - 30), m.start())
                 and not _mentioned(d, m.start(), m.end())]
    myth = MYTH_RE.search(text) is not None
    hits += [Hit("ad.testimonial", a, b) for a, b in TESTIMONIAL_TYPOS.finditer(text)
             if not any(h.start <= a < h.end for h in hits)]
    if not myth:
        hits += [Hit("ad.claim", a, b) for a, b in CLAIM_TYPOS.finditer(text)
                 if not any(h.start <= a < h.end for h in hits) and not _mentioned(d, a, b)
                 and not _NEGATED.search(text, max(0, a - 30), a)]  # "we can't guarantee", "no podemos garantizar"
    hits += [Hit("ad.superlative", m.start(), m.end()) for pattern in (SUPERLATIVE_RE, RANKING_RE)
             for m in pattern.finditer(text) if not _mentioned(d, m.start(), m.end())
             and not _NEGATED.search(text, max(0, m.start() - 30), m.start())]
    if not any(h.rule == "ad.superlative" for h in hits):
        hits += _above_others(d)
    if not event and not _NOTHING_SOLD.search(text):
        # "¿hacemos descuentos? No: ..." is answered, not offered
        hits += [Hit("ad.inducement", m.start(), m.end()) for m in INDUCEMENT_RE.finditer(text)
                 if not _NEGATED.search(text, max(0, m.start() - 30), m.start())
                 and not _mentioned(d, m.start(), m.end()) and not _NOT_AN_OFFER.match(text, m.start())
                 and not (_OUTREACH.match(text, m.start()) and not _SELLING.search(text))]
    for m in RESULTS_RE.finditer(text):
        hits.append(Hit("ad.before_after", m.start(), m.end()))
    for m in BEFORE_AFTER_RE.finditer(text):  # promotion cue outside the "pre-op/post-op" words themselves
        s_start, s_end = d.sentence_of(m.start())
        if _COSMETIC.search(text[s_start : m.start()]) or _COSMETIC.search(text[m.end() : s_end]):
            hits.append(Hit("ad.before_after", m.start(), m.end()))
    # Fees stated plainly (no offer, claim or testimonial, no "only"/"normally"/"!") inform: on the fresh
    # hand-written drafts price lists and "Consulta $900" in a new-doctor notice were clean; hooks were not.
    fee_list = not hits and not _HOOK.search(text)
    for m in PRICE_RE.finditer(text):
        s_start, s_end = d.sentence_of(m.start())
        if not fee_list and not _EVENT_RE.search(text, s_start, s_end):
            hits.append(Hit("ad.price", m.start(), m.end()))
    return hits
