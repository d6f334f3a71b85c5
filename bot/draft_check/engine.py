"""Run every rule module over a draft, ask the learned second opinion, and turn both into localised, sorted,
merged flags.

This is the only place that knows the rule modules; callers use `check_draft` and `summarise`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.draft_check import (
    rules_advertising,
    rules_advice,
    rules_boundaries,
    rules_conduct,
    rules_consent,
    rules_interests,
    rules_learned,
    rules_people,
    rules_privacy,
    rules_replies,
    rules_visible,
)
from bot.draft_check import situations as sit
from bot.draft_check import wording as w
from bot.draft_check.identifiers import AGE_RE
from bot.draft_check.language import detect_language
from bot.draft_check.learned import ADD_MARGIN, CATEGORY_MARGIN, Lazy, SecondOpinion
from bot.draft_check.redact import redact
from bot.draft_check.types import (
    MAX_DRAFT_CHARS,
    SEVERITY_RANK,
    CheckResult,
    EmptyDraft,
    Flag,
    Hit,
    Language,
    Rule,
    Severity,
    make_excerpt,
    verdict_for,
)
from bot.draft_check.vocabulary import BEFORE_AFTER_RE, Draft

_MODULES = (rules_privacy, rules_visible, rules_people, rules_replies, rules_consent, rules_advertising,
            rules_interests, rules_conduct, rules_boundaries, rules_advice)
DETECTORS: tuple[Callable[[Draft], list[Hit]], ...] = tuple(m.detect for m in _MODULES)
RULES: dict[str, Rule] = {rid: rule for m in (*_MODULES, rules_learned) for rid, rule in m.RULES.items()}

# Identifiers separated only by punctuation or a short joining word read as one description of one patient.
_JOIN = re.compile(
    r"^[\s,;:()\-–—/]*(?:(?:and|y|in|on|at|en|de|del|from|with|con|el|la)\b[\s,;:()\-–—/]*)?$", re.IGNORECASE
)
_PRIVACY_PRIORITY = ("privacy.name", "privacy.record", "privacy.contact", "privacy.screenshot", "privacy.visible",
                     "privacy.relation",
                     "privacy.unusual", "privacy.figure", "privacy.child", "privacy.named", "privacy.reply",
                     "privacy.place",
                     "privacy.age", "privacy.date", "privacy.story", "privacy.encounter", "privacy.review")
_KIND = {
    "privacy.name": ("name", "nombre"),
    "privacy.age": ("age", "edad"),
    "privacy.date": ("date", "fecha"),
    "privacy.place": ("place", "lugar"),
    "privacy.record": ("record number", "número de historia"),
    "privacy.contact": ("contact details", "datos de contacto"),
    "privacy.unusual": ("distinctive detail", "detalle distintivo"),
    "privacy.story": ("timing", "momento"),
    "privacy.encounter": ("an individual case", "un caso concreto"),
    "privacy.review": ("clinical details", "datos clínicos"),
    "privacy.relation": ("who the patient is", "quién es el paciente"),
    "privacy.screenshot": ("a screenshot of their messages", "una captura de sus mensajes"),
    "privacy.visible": ("a patient list or document in the picture",
                        "una lista o un documento de pacientes a la vista"),
    "privacy.child": ("a child and their condition", "un niño y su enfermedad"),
    "privacy.figure": ("who the patient is locally", "quién es el paciente en su entorno"),
    "privacy.named": ("name", "nombre"),
    "privacy.reply": ("the reader's own care", "la atención de quien lee"),
}


class _Group:
    """Hits of one category merged into one flag (e.g. name + age + ward of the same patient)."""

    def __init__(self, hit: Hit, rule: Rule) -> None:
        self.start, self.end = hit.start, hit.end
        self.rules = [hit.rule]
        self.severity: Severity = hit.severity or rule.severity
        self.detail = hit.detail

    def absorb(self, hit: Hit, rule: Rule) -> None:
        self.end = max(self.end, hit.end)
        if hit.rule not in self.rules:
            self.rules.append(hit.rule)
        self.detail = self.detail or hit.detail
        severity = hit.severity or rule.severity
        if SEVERITY_RANK[severity] > SEVERITY_RANK[self.severity]:
            self.severity = severity


def _group(text: str, hits: list[Hit]) -> list[_Group]:
    """Merge overlapping hits of a category, and adjacent privacy identifiers, into groups."""
    groups: list[_Group] = []
    by_category: dict[str, list[Hit]] = {}
    for h in sorted(hits, key=lambda h: (h.start, -h.end)):
        by_category.setdefault(RULES[h.rule].category, []).append(h)
    for category, cat_hits in by_category.items():
        current: _Group | None = None
        for h in cat_hits:
            rule = RULES[h.rule]
            touching = current is not None and (
                h.start < current.end
                or (category == "patient-privacy" and _JOIN.match(text[current.end : h.start]) is not None)
            )
            if current is not None and touching:
                current.absorb(h, rule)
            else:
                current = _Group(h, rule)
                groups.append(current)
    return groups


_LANGS: tuple[Language, ...] = ("en", "es")
_COMBINED: dict[Language, str] = {"en": "Combined here with: ", "es": "Aquí se combina con: "}
_SOMEONE: dict[Language, str] = {"en": "the company", "es": "la empresa"}


def _texts(group: _Group) -> dict[Language, tuple[str, str]]:
    """why/fix per language; a merged privacy flag names the identifiers it combines and what to remove."""
    rules = sorted(group.rules, key=lambda r: _PRIVACY_PRIORITY.index(r) if r in _PRIVACY_PRIORITY else 0)
    main = RULES[rules[0]]
    texts: dict[Language, tuple[str, str]] = {}
    for lang in _LANGS:
        why = main.why(lang)
        others = [_KIND[r][_LANGS.index(lang)] for r in rules[1:] if r in _KIND]
        if others:
            why = f"{why} {_COMBINED[lang]}{', '.join(dict.fromkeys(others))}."
        fix = w.removal_fix(rules, lang) or main.fix(lang)
        if rules[0].startswith("learned.") and group.detail:
            why = f"{why} {rules_learned.LEANING[lang].format(words=group.detail)}"
            texts[lang] = (why, fix)
            continue
        texts[lang] = (why, fix.replace("{detail}", group.detail or _SOMEONE[lang]))
    return texts


def _flag(text: str, group: _Group, lang: Language) -> Flag:
    texts = _texts(group)
    why, fix = texts[lang]
    flag = Flag(
        category=RULES[group.rules[0]].category,
        severity=group.severity,
        span=(group.start, group.end),
        excerpt=make_excerpt(text, group.start, group.end),
        why=why,
        source="; ".join(dict.fromkeys(RULES[r].source for r in group.rules)),
        fix=fix,
    )
    flag._texts = texts
    return flag


def detect(draft: Draft) -> list[Hit]:
    """Every rule module's hits on one draft."""
    return [h for run in DETECTORS for h in run(draft)]


def signals_of(draft: Draft, hits: list[Hit]) -> list[str]:
    """What the detectors saw, as classifier features: rule ids (with severity) and situation parts."""
    found = [f"rule:{h.rule}:{h.severity or RULES[h.rule].severity}" for h in hits]
    found += [f"part:{p}" for p in sit.parts(draft)]
    return [*found, f"lang:{draft.language}"]


def _signals_for_training(text: str) -> list[str]:
    draft = Draft(text[:MAX_DRAFT_CHARS], detect_language(text[:MAX_DRAFT_CHARS]))
    return signals_of(draft, detect(draft))


DEFAULT_OPINION = Lazy(_signals_for_training)
Opinion = SecondOpinion | bool


def new_second_opinion() -> SecondOpinion:
    """An untrained second opinion that uses this engine's detectors as features (for cross-validation)."""
    return SecondOpinion(_signals_for_training)


# Research told in aggregate, with no single person in it: nobody's data is disclosed. The learned privacy margin of
# "Results of our pilot study on asthma in 12 primary schools" sat at about 0.1, on the threshold. "Pilot" counts only
# as a pilot study: "a 71yo retired pilot from Kestrel Bay" is one person (round 4, leave-one-file-out: two such
# drafts of the retired blind sets were closed to the classifier by the job title).
_AGGREGATE = re.compile(
    r"(?i)\b(?:study|studies|pilot(?=\s+(?:study|studies|project|scheme|programme|program|trial|phase|data))|survey"
    r"|audit|trial|cohort|registry|estudio|encuesta|auditor[ií]a|ensayo|cohorte)\b"
)


# Shared media (a photo, video, footage, a before/after, "swipe") of a body or of care is what consent is about,
# even when the draft names no person or condition the vocabulary knows ("before & after of a pilonidal sinus I
# closed, healing is beautiful", "cath lab footage from a 38yo", "Jenny's smile now"): the classifier may add consent
# there. A before/after of a kitchen, a sourdough starter or a camera shows no body and no care, and stays closed.
_MEDIA_OF_CARE = re.compile(
    f"{rules_consent.MEDIA_RE.pattern}|{BEFORE_AFTER_RE.pattern}|(?i:\\bswipe\\b|\\bdesliza\\b)", re.IGNORECASE
)
_FICTIONAL = re.compile(r"(?i)\b(?:fictional|fictitious|made[- ]up\s+case|ficticio|ficticia|caso\s+inventado)\b")
_CARE_SHOWN = re.compile(
    r"(?i)\b(?:treat(?:ment|ed)|tratamiento|tratad[oa]|surg\w+|cirug[ií]a|cirujan[oa]|intra-?op\w*|post-?op\w*"
    r"|repair\w*|repar\w+|clos(?:ed|ure)|cerr[eé]|heal\w*|cicatriz\w*|lipo\w*|smile|sonrisa|teeth|dientes|nose|nariz"
    r"|skin|piel|body|cuerpo|belly|tummy|barriga|abdomen|lesion|lesi[oó]n|wound|herida|scar|tear|desgarro|lab|theatre"
    r"|quir[oó]fano|\d{1,2}\s?(?:yo|y/o|años|a)|patient|paciente|cath|angio\w*|biops\w+|stitch\w*|puntos"
    r"|procedure|procedimiento|operation|operaci[oó]n|injection|inyecci[oó]n|filler|relleno|botox|b[oó]tox)\b"
)


_VENTING = re.compile(
    r"(?i)\b(?:tired|exhausted|knackered|shattered|no\s+breaks?|rota|nights|night\s+shift|shifts?|on[- ]call|sleep"
    r"|cansad[oa]|agotad[oa]|reventad[oa]|guardias?|turnos?|sin\s+(?:parar|sentarme|dormir|comer)|dormir"
    r"|faltan?\s+(?:m[eé]dicos|personal|manos)|understaffed|staffing|workload|carga\s+de\s+trabajo)\b"
)
_PROF_TARGET = re.compile(
    r"(?i)\b(?:patients?|pts?|pacientes?|pcte|colleagues?|compañer[oa]s?|colegas?|registrars?|regs?|consultants?"
    r"|nurses?|enfermer[oa]s?|doctors?|m[eé]dic[oa]s?|surgeons?|cirujan[oa]s?|residentes?|adjunt[oa]s?|juniors?|locums?"
    r"|interns?|internos?|jef[ea]s?|sisters?|matrons?|gps?|reviewers?|people|gente|folks|guy|lady|man|woman|señora?"
    r"|mum|dad|mam[aá]s?|kid|parents?|madres?|padres?|famil\w+|abuel\w+|she|him|his|her|él|ella|they|them|ellos|ellas|you|your|tu|te|les|os|vos"
    r"|sois|vosotr[oa]s|ustedes|y['’]all|you\s+lot"  # readers addressed as a group: "sois la alegría de mi guardia"
    r"|dr|dra|someone|alguien|nadie|todos|everyone|(?:los|las)\s+de|vot\w+"
    # or drink: drinking and duty is a professionalism problem with nobody else in view
    r"|drunk|borrach\w*|resaca|hungover|beers?|wine|vodka|gin|cervez\w*|cervecit\w*|birras?|copas?|fiesta|party|shots?"
    r"|hen\s+do|stag\s+do|seeing\s+double|resacos[oa])\b"
    r"|[🍺🍷🍹🥃🍸🍻🥂🍾]"
)
_LONE_EMOJI = re.compile(r"[^\w\s]{1,3}")  # an eye-roll or facepalm alone is a mood, not a target
_PROF_PARTS = frozenset({
    "who.group", "who.kind", "who.local_figure", "who.role", "who.handle", "who.vocative", "who.review_author",
    "act.contempt", "act.ridicule", "act.gossip", "act.incident", "act.personal", "act.attraction", "act.scorn",
    "act.colleague_mock", "act.mock_patient", "act.sarcasm", "act.blame_reader", "act.addressed",
})


def learned_may_add(draft: Draft, category: str) -> bool:
    """Whether the classifier alone may add `category`: not when the draft holds what clears it (a disclosure for
    conflict of interest; declining to advise for medical advice; a generic review reply for professionalism) or
    lacks what it needs (a person, a clinical word or a care setting for privacy and consent). The rules apply
    the same mitigations; without this the classifier flagged a sourdough "before and after" and disclosures.
    Leave-one-file-out, 643 drafts: clean passed 91% -> 93%, recall 0.85 either way."""
    if category in ("patient-privacy", "consent"):
        if not draft.person and _AGGREGATE.search(draft.text) and not AGE_RE.search(draft.text):  # "our pilot study"
            return False
        if category == "consent" and (draft.consent_written or _FICTIONAL.search(draft.text)):
            return False  # "gave written consent", "a completely fictional case": nobody's consent is missing
        if category == "consent" and _MEDIA_OF_CARE.search(draft.text) and _CARE_SHOWN.search(draft.text):
            return True
        return draft.clinical or draft.person or draft.setting or any(
            part.startswith(("who.", "what.")) for part in sit.parts(draft))
    if category == "conflict-of-interest":
        return rules_interests.DISCLOSURE_RE.search(draft.text) is None
    if category == "medical-advice":
        return not sit.has(draft, "mit.own_doctor") or sit.has(draft, "act.dose")
    if category == "professionalism":
        if sit.has(draft, "mit.generic_reply"):
            return False
        # Venting about the job itself (nights, the rota, no breaks, the coffee) with nobody in view and no drink is
        # clean: the classifier leaned on "guardia" and "nights" in such drafts. Leave-one-file-out (four files):
        # clean passed 92.2% -> 92.7%, with no professionalism draft lost.
        acts = any(not _LONE_EMOJI.fullmatch(draft.text[start:end]) for part in _PROF_PARTS
                   for start, end in sit.spans(draft, part))
        return not (_VENTING.search(draft.text) and _PROF_TARGET.search(draft.text) is None and not acts)
    return True


def _learned_hits(draft: Draft, hits: list[Hit], model: SecondOpinion) -> list[Hit]:
    """A confident classifier adds the categories no rule flagged (medium), pointing at the likeliest sentence."""
    flagged = {RULES[h.rule].category for h in hits if (h.severity or RULES[h.rule].severity) != "low"}
    margins = model.scores(draft.text, signals_of(draft, hits))
    added: list[Hit] = []
    for category, margin in margins.items():
        if category in flagged or margin < CATEGORY_MARGIN.get(category, ADD_MARGIN):
            continue
        if not learned_may_add(draft, category):
            continue
        start, end = model.strongest(draft.text, draft.sentences, category)
        words = model.leaning_words(draft.text, (start, end), category)
        added.append(Hit(f"learned.{category}", start, end, detail=", ".join(f"“{w}”" for w in words) or None))
    return added


def opinion_if_ready() -> Opinion:
    """For chat handlers: the default second opinion if trained, else False (rules alone) while it trains."""
    return DEFAULT_OPINION.ready() or False


def _model(learned: Opinion) -> SecondOpinion | None:
    if isinstance(learned, SecondOpinion):
        return learned
    return DEFAULT_OPINION.get() if learned else None


def check_draft(text: str, locale: Language | None = None, *, learned: Opinion = True) -> CheckResult:
    """Check a draft post; `locale` picks the language of why/fix (None: the draft's own language).

    `learned`: True uses the default second opinion (trained on first use), False the rules alone, or a
    given `SecondOpinion`. An empty draft raises `EmptyDraft`: nothing checked is not "ok".
    """
    if not isinstance(text, str) or not text.strip():
        raise EmptyDraft("empty draft")
    truncated = len(text) > MAX_DRAFT_CHARS
    body = text[:MAX_DRAFT_CHARS]
    language = detect_language(body)
    lang: Language = locale if locale in ("en", "es") else language
    draft = Draft(body, language)
    hits = detect(draft)
    model = _model(learned)
    if model is not None:
        hits += _learned_hits(draft, hits, model)
    flags = sorted((_flag(body, g, lang) for g in _group(body, hits)), key=lambda f: (f.span[0], f.span[1]))
    return CheckResult(
        verdict=verdict_for(flags),
        flags=flags,
        redacted=redact(body, hits),
        truncated=truncated,
        language=language,
    )


def summarise(result: CheckResult, locale: Language | None = None) -> tuple[str, list[str]]:
    """Title and bullets for chat (see wording.summarise)."""
    return w.summarise(result, locale)



