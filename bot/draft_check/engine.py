"""Run every rule module over a draft and turn hits into localised, sorted, merged flags.

This is the only place that knows the rule modules; callers use `check_draft` and `summarise`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.draft_check import (
    rules_advertising,
    rules_advice,
    rules_conduct,
    rules_consent,
    rules_interests,
    rules_people,
    rules_privacy,
    rules_replies,
)
from bot.draft_check.language import detect_language
from bot.draft_check.redact import redact
from bot.draft_check.types import (
    MAX_DRAFT_CHARS,
    SEVERITY_RANK,
    CheckResult,
    Flag,
    Hit,
    Language,
    Rule,
    Severity,
    make_excerpt,
    verdict_for,
)
from bot.draft_check.vocabulary import Draft

_MODULES = (rules_privacy, rules_people, rules_replies, rules_consent, rules_advertising, rules_interests,
            rules_conduct, rules_advice)
DETECTORS: tuple[Callable[[Draft], list[Hit]], ...] = tuple(m.detect for m in _MODULES)
RULES: dict[str, Rule] = {rid: rule for m in _MODULES for rid, rule in m.RULES.items()}

# Identifiers separated only by punctuation or a short joining word read as one description of one patient.
_JOIN = re.compile(
    r"^[\s,;:()\-–—/]*(?:(?:and|y|in|on|at|en|de|del|from|with|con|el|la)\b[\s,;:()\-–—/]*)?$", re.IGNORECASE
)
_PRIVACY_PRIORITY = ("privacy.name", "privacy.record", "privacy.contact", "privacy.screenshot", "privacy.relation",
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

    def absorb(self, hit: Hit, rule: Rule) -> None:
        self.end = max(self.end, hit.end)
        if hit.rule not in self.rules:
            self.rules.append(hit.rule)
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


def _texts(group: _Group) -> dict[Language, tuple[str, str]]:
    """why/fix per language; a merged privacy flag names the other identifiers it combines."""
    rules = sorted(group.rules, key=lambda r: _PRIVACY_PRIORITY.index(r) if r in _PRIVACY_PRIORITY else 0)
    main = RULES[rules[0]]
    texts: dict[Language, tuple[str, str]] = {}
    for lang in _LANGS:
        why = main.why(lang)
        others = [_KIND[r][_LANGS.index(lang)] for r in rules[1:] if r in _KIND]
        if others:
            why = f"{why} {_COMBINED[lang]}{', '.join(others)}."
        texts[lang] = (why, main.fix(lang))
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


def check_draft(text: str, locale: Language | None = None) -> CheckResult:
    """Check a draft post; `locale` picks the language of why/fix (None: the draft's own language)."""
    if not isinstance(text, str):
        text = ""
    truncated = len(text) > MAX_DRAFT_CHARS
    body = text[:MAX_DRAFT_CHARS]
    language = detect_language(body)
    lang: Language = locale if locale in ("en", "es") else language
    if not body.strip():
        return CheckResult(verdict="ok", flags=[], redacted=body, truncated=truncated, language=language)
    draft = Draft(body, language)
    hits = [h for detect in DETECTORS for h in detect(draft)]
    flags = sorted((_flag(body, g, lang) for g in _group(body, hits)), key=lambda f: (f.span[0], f.span[1]))
    return CheckResult(
        verdict=verdict_for(flags),
        flags=flags,
        redacted=redact(body, hits),
        truncated=truncated,
        language=language,
    )


_TITLES: dict[str, tuple[str, str]] = {
    "empty": ("Nothing to check: the draft is empty.", "Nada que revisar: el borrador está vacío."),
    "ok": ("Looks fine to post.", "Se puede publicar."),
    "review": ("Review before posting: {n} point(s).", "Revisa antes de publicar: {n} punto(s)."),
    "do-not-post": ("Do not post as written: {n} problem(s).", "No lo publiques así: {n} problema(s)."),
}


def summarise(result: CheckResult, locale: Language | None = None) -> tuple[str, list[str]]:
    """A short title and one bullet per problem ("HIGH patient-privacy: 'excerpt' - why - fix") for chat.

    Flags with the same severity, category and explanation share one bullet listing every excerpt, so a
    post with three promo codes reads as one point, not three identical ones.
    """
    lang: Language = locale if locale in ("en", "es") else result.language
    idx = 1 if lang == "es" else 0
    grouped: dict[tuple[str, str, str, str], list[str]] = {}
    for f in result.flags:
        why, fix = f._texts.get(lang, (f.why, f.fix)) if f._texts else (f.why, f.fix)
        grouped.setdefault((f.severity, f.category, why, fix), []).append(f"'{f.excerpt}'")
    bullets = [
        f"{severity.upper()} {category}: {', '.join(dict.fromkeys(excerpts))} - {why} - {fix}"
        for (severity, category, why, fix), excerpts in grouped.items()
    ]
    key = "empty" if not result.flags and not result.redacted.strip() else result.verdict
    title = _TITLES[key][idx].format(n=len(bullets))
    if result.truncated:
        title += (" (only the beginning was checked)", " (solo se revisó el principio)")[idx]
    return title, bullets
