"""Conflict-of-interest rule: promoting a drug, device, brand or company needs a visible disclosure.

With an explicit disclosure (#ad, #publicidad, "I receive fees") the flag drops to low: still worth a
look (is the disclosure at the start, are claims balanced?) but not a reason to hold the post.
"""

from __future__ import annotations

import re

from bot.draft_check import situations as sit
from bot.draft_check.types import Hit, Rule
from bot.draft_check.vocabulary import CAP, Draft, ci

RULES: dict[str, Rule] = {
    "coi.undisclosed": Rule(
        "conflict-of-interest",
        "medium",
        "GMC, Using social media as a medical professional, 2024 (declare financial or commercial "
        "interests); BMA, Social media guidance, 2017",
        "This promotes a product, brand or company without saying what you get from it; readers trust a "
        "doctor's recommendation as independent.",
        "Promocionas un producto, marca o empresa sin decir qué obtienes a cambio; los lectores confían en "
        "que la recomendación de un médico es independiente.",
        "Disclose the relationship at the start (\"#ad\", \"Disclosure: I am paid by ...\") or remove the "
        "promotion; prefer generic drug names.",
        "Declara la relación al principio (\"#publicidad\", \"Declaro que recibo honorarios de ...\") o "
        "quita "
        "la promoción; usa nombres genéricos de fármacos.",
    ),
    "coi.benefit": Rule(
        "conflict-of-interest",
        "medium",
        "GMC, Using social media as a medical professional, 2024 (declare financial or commercial interests); "
        "GMC, Identifying and managing conflicts of interest, 2024; CGCOM, Código de Deontología Médica, 2022",
        "A trip, hospitality, samples or a fee from a company is a financial interest; thanking or praising "
        "them without saying so reads as an independent opinion.",
        "Un viaje, invitaciones, muestras o un pago de una empresa son un interés económico; agradecerlo o "
        "alabarla sin declararlo parece una opinión independiente.",
        "Disclose it in the first line: 'Disclosure: {detail} paid for my travel / gave me a fee', and keep "
        "product claims out of the post.",
        "Decláralo en la primera línea: 'Declaración: {detail} me pagó el viaje / me pagó honorarios', y no "
        "hagas afirmaciones sobre sus productos.",
    ),
    "coi.endorse": Rule(
        "conflict-of-interest",
        "medium",
        "GMC, Using social media as a medical professional, 2024; ASA/CAP Code 2.1 (marketing must be "
        "obviously identifiable); BMA, Social media guidance, 2017",
        "Recommending a named product, with a discount code or a shopping link, is an endorsement; readers "
        "need to know what you get from it.",
        "Recomendar un producto con nombre, con código de descuento o enlace de compra, es un respaldo "
        "comercial; los lectores deben saber qué obtienes.",
        "Disclose: 'I receive a commission from {detail}' (or '#ad') at the start, or remove the code, the "
        "link and the brand.",
        "Declara: 'Recibo una comisión de {detail}' (o '#publicidad') al principio, o quita el código, el "
        "enlace y la marca.",
    ),
    "coi.disclosed": Rule(
        "conflict-of-interest",
        "low",
        "GMC, Using social media as a medical professional, 2024; BMA, Social media guidance, 2017",
        "Sponsored content with a disclosure: keep the disclosure visible and the health claims balanced.",
        "Contenido patrocinado con declaración: mantenla visible y las afirmaciones de salud equilibradas.",
        "Put the disclosure in the first line and avoid brand claims you would not make unpaid.",
        "Pon la declaración en la primera línea y evita afirmaciones que no harías sin cobrar.",
    ),
}

_PHARMA = (
    r"Pfizer|Novartis|Roche|Bayer|Sanofi|GSK|GlaxoSmithKline|AstraZeneca|Merck|MSD|Lilly|Novo\s+Nordisk"
    r"|AbbVie"
    r"|Boehringer|Janssen|Medtronic|Abbott|Takeda|Almirall|Grifols|Esteve|Ferrer|Moderna|Gilead|Amgen|Teva"
    rf"|Laboratorios\s+{CAP}|Farmac[eé]utica\s+{CAP}|{CAP}\s+(?:Pharma|Labs|Inc|Ltd|Health)\b|[A-Z]\w*(?:Pharma|Labs|Med|Tech)\b"
)
PROMO_RE = ci(
    r"\b(?:use|with|con|usa|usad)\s+(?:my|mi)\s+(?:code|c[oó]digo)\b|\b(?:discount|promo|coupon)\s+code\b"
    r"|\bc[oó]digo\s+(?:de\s+descuento|promocional)\b|\b(?:code|c[oó]digo)\s+(?-i:[A-Z][A-Z0-9]{3,})\b"
    r"|\benlace\s+de\s+compra\b|\bshop\s+now\b|\bswipe\s+up\s+to\s+shop\b|\b(?:I\s+)?only\s+(?:ever\s+)?recommend\b"
    r"|\b(?:yo\s+)?solo\s+recomiendo\b"
    r"|\baffiliate\b|\bafiliad[oa]\b|\bswipe\s+up\b"
    r"|\b(?:partnered|partnering|partner|teamed\s+up)\s+(?:with|of)\b|\bfree\s+samples?\b|\bmuestras?\s+gratis\b"
    r"|\btrabajo\s+con\s+(?-i:[A-Z]\w+)|\bped[ií]d(?:se)?lo\s+a\s+vuestro\b|\bp[ií]de(?:se)?lo\s+a\s+tu\b|\b(?:the\s+)?only\s+one\s+I\s+recommend\b"
    r"|\b(?:with|using|usa|con)\s+(?:el\s+c[oó]digo\s+|code\s+)?(?-i:[A-Z]{3,}\d{1,3})\b|\bin\s+partnership\s+with\b|\bpaid\s+partnership\b"
    r"|\bcolabor(?:o|amos|aci[oó]n)\s+con\b|\ben\s+colaboraci[oó]n\s+con\b"
    r"|\bconsult(?:ing|ant)\s+(?:for|to)\b|\bI\s+consult\s+for\b|\badvisory\s+board\b|\bspeaker\s+(?:for"
    r"|bureau)\b"
    r"|\basesor(?:a)?\s+(?:de|para)\b|\bponente\s+para\b"
    r"|\bsponsored\b|\bpatrocinad[oa]\b|#(?:ad|sponsored|publicidad|patrocinado|colab|partner)\b"
    # "available at Boots" sells; "available at our clinic" (free naloxone kits, drafts_hand_d) is a notice
    r"|\bget\s+yours\b|\bbuy\s+(?:it|yours|now)\b|\bc[oó]mpralo\b|\blo\s+ten[eé]is\s+en\b"
    r"|\bavailable\s+at\s+(?-i:[A-Z])"
    # "ask your pharmacist about <Brand>" sells; "ask your doctor about your own numbers" sends to care
    r"|\bask\s+your\s+\w+\s+about\s+(?:\w+\s+){0,2}?(?-i:[A-Z])\w"
    r"|\bprescribe\s+it[!.]|\bos\s+lo\s+recomiendo\b|\bgame[- ]changer\b"
    r"|\b(?:el|la)\s+[uú]nic[oa]\s+que\s+recomiendo\b|\blo\s+uso\s+cada\s+d[ií]a\b"
    r"|\bmy\s+(?:favourite|favorite)\s+(?:brand|supplement|product|serum|cream)\b"
    r"|\b(?:loving|love|i\s+swear\s+by)\s+this\s+(?:new\s+)?\w+\s+(?:from|by)\b"
    r"|\b(?:loving|love|obsessed\s+with|i\s+swear\s+by|me\s+encanta|estoy\s+enamorad[oa]\s+de)\s+(?:my|the|these"
    r"|mi|mis|el|la|los|las|este|esta|estos|estas)\s+(?:new\s+|nuev[oa]s?\s+)?\w+\s+(?:from|by|de)\s+(?-i:[A-Z])"
    r"|\b(?:sent|gave|gifted)\s+(?:me|us)\s+(?:one|it|them|a\s+\w+|some)?\s*(?:for\s+)?free\b|#gifted\b"
    r"|\bpr\s+(?:package|box)\b|\bme\s+(?:lo|la|los|las)\s+(?:regalaron|regal[oó]|enviaron\s+gratis"
    r"|mandaron\s+gratis)\b|\bme\s+encanta\s+(?:este"
    r"|esta)\b"
    r"|\b(?:thanks|thank\s+you|gracias)\s+(?:to\s+|a\s+)?(?-i:[A-Z]\w+)\s+(?:for|por)\s+(?:the\s+|el\s+|la\s+)?"
    r"(?:\w+\s+){0,2}?(?:package|paquete|gift|regalo|samples|muestras|hamper|cesta)\b"
    r"|\b(?:covered|paid\s+for|paid|funded|sponsored)\s+by\s+(?!(?:Dr|Dra|Doctor|Doctora|Prof)\b)(?-i:[A-Z]\w+)|\b(?:pagad[oa]s|cubiert[oa]s|financiad[oa]s)"
    r"\s+por\s+(?-i:[A-Z]\w+)|\bpor\s+patrocinar\b|\bfor\s+sponsoring\s+my\b|\bgo-to\s+(?:recommendation|product|brand)\b|\brecomendaci[oó]n\s+estrella\b"
    r"|\b(?:thanks|thank\s+you)\s+(?:to\s+)?\w+(?:\s+\w+)?\s+for\s+(?:\w+\s+){0,3}?(?:flying|sending|inviting|trip"
    r"|dinner|lunch|samples|gifting|gifts?|hospitality|flights?|hotel)\b|\bfree\s+samples\b"
    r"|\brecommending\s+(?:it|them|this)\s+to\s+(?:everyone|all|my\s+patients)\b"
    r"|\b(?:I|we)\s+recommend\s+(?:it|them)\s+to\s+(?:everyone|all|my\s+patients)\b"
    r"|\bla\s+que\s+(?:uso|receto)\s+(?:yo|siempre)\b|\blo\s+que\s+receto\s+siempre\b"
    r"|\bcorre[dr]?\s+a\s+(?:la\s+farmacia|comprar)|\ba\s+por\s+(?:ella|él|ellos)\b"
    r"|\bgo\s+(?:and\s+)?(?:buy|get)\b"
    r"|\b(?:en\s+su|in\s+their|en\s+la)\s+nueva\s+campaña\b|\bin\s+their\s+new\s+campaign\b"
    r"|\b(?:trip|viaje)\s+(?:\w+\s+){0,3}?(?:with|con)\s+(?-i:[A-Z]\w+)|\bmust[- ]have\b"
    r"|\bponente\s+(?:habitual\s+)?(?:de|para)\b|\bpaid\s+speaker\b|\bspeaker\s+for\b"
    r"|\bgracias\s+por\s+la\s+invitaci[oó]n\s+al\s+congreso\b|\b(?:os|te)\s+recomiendo\s+(?:el|la)\s+nuev[oa]\b"
    r"|\bembajador[a]?\s+de\b|\bambassador\s+for\b|\bmuestras\s+gratis\b"
    r"|\bgracias\s+a\s+(?:laboratorios\s+)?\w+\s+por\s+(?:el\s+viaje|invitarme|la\s+cena"
    r"|las\s+muestras|el\s+regalo)\b"
    r"|[®™]"
)
PHARMA_RE = ci(rf"\b(?:{_PHARMA})")
PRAISE_RE = ci(
    r"\b(?:game[- ]changer|the\s+best|amazing|lo\s+mejor|recomiendo|recommend|prescribe|must[- ]have"
    r"|brilliant|change\s+everything|cambiar\s+todo|lo\s+va\s+a\s+cambiar|el\s+mejor|la\s+mejor|con\s+diferencia|m[aá]s\s+eficaz|most\s+effective|del\s+mercado|on\s+the\s+market|maravilla)\b"
)
DISCLOSURE_RE = ci(
    r"#(?:ad|sponsored|publicidad|patrocinado|publi)\b|\bpaid\s+partnership\b|\bdisclosure\s*:"
    r"|\bdeclaraci[oó]n\s*:"
    r"|\bI\s+(?:receive|received|get|am\s+paid|was\s+paid)\s+(?:\w+\s+){0,2}(?:fees|payment|honorari\w*|paid)"
    r"|\b(?:conflicts?\s+of\s+interest|COI)\s*:|\bconflictos?\s+de\s+inter[eé]s\b"
    r"|\brecibo\s+(?:honorarios|una\s+compensaci[oó]n|pago)\b|\bdeclaro\s+que\b|\bcolaboraci[oó]n\s+pagada\b"
    r"|\b(?:this\s+post\s+is\s+)?sponsored\s+by\b|\bpatrocinado\s+por\b"
    # a statement of interests, however it is headed: "Transparency note:", "Declaración de intereses:"
    r"|\b(?:transparency|transparencia)\s*(?:note|nota)?\s*:|\bdeclaraci[oó]n\s+de\s+intereses\b"
    r"|\b(?:declaration|statement)\s+of\s+interests?\b|\brecib[ií]\s+(?:\w+\s+){0,2}(?:honorarios|pagos?)\b"
    r"|^\s*(?:publicidad|anuncio|ad|advert(?:isement)?|paid\s+post)\s*:|\b(?:me|nos)\s+pag(?:a|an|[oó])\s+(?:por|para)\b"
    r"|\b(?:pays?|paid)\s+me\s+(?:for|to)\b|\bregister\s+of\s+interests\b|\bdeclared\s+(?:on|in)\b|\bpaid\s+role\b"
    r"|\bdeclarad[oa]\s+en\b"
    # the interest stated in plain words: "I was a paid speaker for X", "I've received consulting fees from X",
    # "soy asesor de X y cobro por ello" (leave-one-file-out: two of drafts_hand_c's clean drafts flagged)
    r"|\b(?:I\s+(?:was|am)|I['’]m|as)\s+(?:a\s+)?paid\s+(?:speaker|consultant|adviser|advisor)\b"
    r"|\bI(?:['’]ve|\s+have)\s+received\s+(?:\w+\s+){0,2}(?:fees|payments?|honorari\w*)\b"
    r"|\b(?:soy|he\s+sido|fui)\s+(?:asesor|consultor|ponente)[a]?\s+(?:\w+\s+){0,3}?y\s+(?:cobro|me\s+pagan)\b"
    # the interest stated first or in a heading ("Disclosure up front: I've been paid by X", "Sponsored post: ...
    # funded by an unrestricted grant from X", "Declaración de conflicto de intereses:", "pagado por X (declarado)")
    r"|\bdisclosure\s+(?:first|up\s*front)\b|\bsponsored\s+post\b|\bunrestricted\s+(?:educational\s+)?grant\b"
    r"|\bdeclaraci[oó]n\s+de\s+conflictos?\s+de\s+inter[eé]s|\(\s*(?:declared|disclosed|declarad[oa])\s*\)"
    r"|\bme\s+(?:han|ha)\s+pagado\s+(?:este|esta|por|para)\b"
)


LINK_RE = ci(
    r"\b(?:link|enlace|link)\s+(?:in|en)\s+(?:my\s+|mi\s+|la\s+)?bio\b|\benlace\s+en\s+(?:la\s+|mi\s+)?bio\b|\blink\s+en\s+(?:la\s+)?bio\b"
)
# "Link in bio" sells only when a product is being talked about (events use it too).
PRODUCT_RE = ci(
    r"\b(?:supplements?|suplementos?|serum|sérum|suero|cream|crema|products?|productos?|brand|marca|code|c[oó]digo"
    r"|collagen|col[aá]geno|vitamins?|vitaminas?|magnesium|magnesio|probiotics?|probi[oó]ticos?|shop|tienda"
    r"|off|descuento|discount|device|dispositivo|stethoscope|fonendo\w*|app|gadget|kit|tea|t[eé]|spray|gel)\b"
)


# "link in bio, no products, no ads": a product word that is denied does not make the link a shop.
_NO_BEFORE = ci(r"\b(?:no|sin|without|not\s+a)\s+$")

_NOT_BRAND = frozenset({
    "YouTube", "TikTok", "WhatsApp", "LinkedIn", "PowerPoint", "FaceTime", "MedTwitter", "GoFundMe", "JavaScript",
    "McDonald", "McDonalds", "BlueSky", "MedEd", "FOAMed", "PubMed", "OpenAI", "ChatGPT", "WeChat", "PayPal",
    "iPhone", "iPad", "MacBook", "SoundCloud", "DocSocial", "NHSEngland", "GoodRx", "WebMD", "UpToDate",
})
_BENEFIT_ACT = ci(
    r"\b(?:flying\s+me|flew\s+me|paid\s+for|pagarme|paying\s+for|covering|cubrir|invit(?:ing|ed)\s+me"
    r"|invitarme|invitad[oa]\s+por|guest\s+of|sent\s+(?:me|us)|me\s+ha\s+(?:mandado|enviado)|free\s+samples?"
    r"|muestras|samples?\s+of|caja\s+de|at\s+the\s+\S+(?:\s+\S+)?\s+(?:dinner|symposium|launch)|en\s+la\s+cena\s+de"
    r"|launch\s+of|presentaci[oó]n\s+de\s+su|for\s+(?:the|my)\s+(?:trip|flights?|hotel|registration|dinner)"
    r"|por\s+(?:el\s+viaje|la\s+cena|las\s+muestras|invitarme|la\s+invitaci[oó]n)|de\s+regalo|regalo\s+de"
    r"|(?:kindly\s+)?sent\s+(?:a|some|us|me|over)|crates?|boxes\s+of|simposio\s+de|symposium\s+(?:by|of)"
    r"|for\s+the\s+invitation|gifted|#gifted|pr\s+package|me\s+(?:ha\s+)?llegad[oa]\s+de\s+regalo|for\s+free"
    r"|gratis|covering\s+the|todo\s+pagado|pagado\s+por|new\s+face\s+of|la\s+imagen\s+de|embajador[a]?\s+de"
    r"|ambassador\s+for|me\s+regalaron|they\s+let\s+me\s+try|paquetazo|goodie\s+bag|hamper|dinner|lunch|drinks"
    r"|cena|comida|copas|supplied|provided\s+(?:us|me)|nos\s+dejaron|nos\s+(?:regalaron|mandaron|enviaron)"
    r"|boxes|cajas|helped\s+(?:develop|design|create)|ayud[eé]\s+a\s+(?:desarrollar|diseñar|crear)|advisory\s+board"
    r"|consejo\s+asesor|my\s+own\s+(?:range|brand|line)|mi\s+propia\s+(?:l[ií]nea|marca)|sponsoring|sponsored\s+(?:our|my)|patrocinar|patrocinado\s+(?:nuestr|mi)|courtesy\s+of)"
)


def _company(d: Draft, start: int, end: int) -> tuple[int, int] | None:
    """The first company or brand name in text[start:end] (a CamelCase brand, a drug maker)."""
    for s, e in sit.spans(d, "act.company"):
        if start <= s < end and d.text[s:e] not in _NOT_BRAND and d.text[max(0, s - 1) : s] != "#":
            return s, e
    return None


def _situations(d: Draft, disclosed: bool) -> list[Hit]:
    """A benefit from a named company; a named product recommended, with a code or shopping link."""
    text = d.text
    hits: list[Hit] = []
    sentences = d.sentences
    for n, (start, end) in enumerate(sentences):
        company = _company(d, max(0, start - 1), end)
        if company is None:  # "@FerroPlus liquid. They kindly sent a few crates": the brand one sentence away
            lo = sentences[max(0, n - 1)][0]
            hi = sentences[min(len(sentences) - 1, n + 1)][1]
            company = _company(d, lo, hi)
        benefit = _BENEFIT_ACT.search(text, start, end)
        if company and benefit:
            name = text[company[0] : company[1]]
            hits.append(Hit("coi.disclosed" if disclosed else "coi.benefit", start, end, detail=name))
            continue
        recommend = sit.has(d, "act.recommend", start, end)
        code = sit.has(d, "act.code", start, end)
        product = company or sit.has(d, "act.product", start, end)
        if (product and (recommend or code) and (company or code or re.search(r"(?i)\b(?:only|[uú]nico)\b",
                                                                                 text[start:end]))) or (
            code and recommend
        ):
            name = text[company[0] : company[1]] if company else ""
            hits.append(Hit("coi.disclosed" if disclosed else "coi.endorse", start, end, detail=name or None))
    return hits


# "Not sponsored, no affiliate links", "sin patrocinio": a promotion word denied right before it promotes nothing.
_DENIED = ci(r"\b(?:not|no|non|never|sin|nada\s+de|ni)[\s-]+(?:\w+\s+)?$")
# "everyone who sponsored me for the hospice": friends sponsoring a charity run, not a company paying the doctor.
_CHARITY = ci(r"sponsored\s+(?:me|us)\s+(?:for|to\s+run|in)\b")


def detect(d: Draft) -> list[Hit]:
    """Promotion signals; one hit per signal, downgraded to low when the draft discloses the interest."""
    text = d.text
    disclosed = DISCLOSURE_RE.search(text) is not None
    rule = "coi.disclosed" if disclosed else "coi.undisclosed"
    hits = _situations(d, disclosed)  # first: they name the company in the fix
    hits += [Hit(rule, m.start(), m.end()) for m in PROMO_RE.finditer(text)
             if not any(o.start < m.end() and m.start() < o.end for o in hits)
             and not _DENIED.search(text, max(0, m.start() - 16), m.start())
             and not _CHARITY.match(text, m.start())]
    if any(_NO_BEFORE.search(text, max(0, m.start() - 12), m.start()) is None for m in PRODUCT_RE.finditer(text)):
        hits += [Hit(rule, m.start(), m.end()) for m in LINK_RE.finditer(text)]
    for m in PHARMA_RE.finditer(text):
        s_start, s_end = d.sentence_of(m.start())
        if PRAISE_RE.search(text, s_start, s_end) and not any(h.start <= m.start() < h.end for h in hits):
            hits.append(Hit(rule, m.start(), m.end()))
    return hits
