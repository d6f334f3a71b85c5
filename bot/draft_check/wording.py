"""Everything the doctor reads about a check, in English and Spanish: labels, verdict titles with correct
plurals, the "what was checked" note, and fixes that name exactly what to remove.

Kept apart from detection so the wording can change without touching a rule.
"""

from __future__ import annotations

from bot.draft_check.types import Category, CheckResult, Language

CATEGORY_LABEL: dict[Category, tuple[str, str]] = {
    "patient-privacy": ("patient privacy", "privacidad del paciente"),
    "consent": ("consent", "consentimiento"),
    "advertising": ("advertising", "publicidad"),
    "conflict-of-interest": ("conflict of interest", "conflicto de intereses"),
    "professionalism": ("professionalism", "profesionalidad"),
    "medical-advice": ("medical advice", "consejo médico"),
}
SEVERITY_LABEL: dict[str, tuple[str, str]] = {
    "high": ("HIGH", "ALTO"),
    "medium": ("MEDIUM", "MEDIO"),
    "low": ("LOW", "BAJO"),
}
FIX_LABEL = ("Fix", "Cómo arreglarlo")

# (singular, plural) per language: "1 point", "2 points"; "1 punto", "2 puntos".
_NOUNS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "point": (("point", "points"), ("punto", "puntos")),
    "problem": (("problem", "problems"), ("problema", "problemas")),
}
_TITLES: dict[str, tuple[str, str]] = {
    "ok": ("Nothing to fix found.", "No he encontrado nada que corregir."),
    "review": ("Review before posting: {n} {noun}.", "Revisa antes de publicar: {n} {noun}."),
    "do-not-post": ("Do not post as written: {n} {noun}.", "No lo publiques así: {n} {noun}."),
}
_TITLE_NOUN = {"review": "point", "do-not-post": "problem"}
CHECKED_NOTE = (
    "Checked for: patient privacy, consent for patient images, advertising, conflicts of interest, "
    "professionalism and individual medical advice. This is an automated check, not clearance: you remain "
    "responsible for what you post, and your employer's or regulator's rules still apply.",
    "Revisado: privacidad del paciente, consentimiento para imágenes de pacientes, publicidad, conflictos de "
    "intereses, profesionalidad y consejo médico individual. Es una revisión automática, no una autorización: "
    "sigues siendo responsable de lo que publicas y siguen valiendo las normas de tu centro y de tu colegio.",
)
TRUNCATED_NOTE = (" (only the beginning was checked)", " (solo se revisó el principio)")
EMPTY_DRAFT = (
    "There is no draft to check: paste the text of your post after /check.",
    "No hay borrador que revisar: pega el texto de tu publicación después de /check.",
)

# What to remove, by privacy rule: joined into "Remove the name, the age and the place."
REMOVE: dict[str, tuple[str, str]] = {
    "privacy.name": ("the name", "el nombre"),
    "privacy.named": ("the name", "el nombre"),
    "privacy.age": ("the age", "la edad"),
    "privacy.date": ("the date", "la fecha"),
    "privacy.place": ("the place (hospital, ward, bed, town)", "el lugar (hospital, planta, cama, pueblo)"),
    "privacy.record": ("the record number", "el número de historia"),
    "privacy.contact": ("the phone number or e-mail", "el teléfono o el correo"),
    "privacy.unusual": ("the distinctive detail", "el detalle distintivo"),
    "privacy.figure": ("who they are locally", "quién es en su entorno"),
    "privacy.relation": ("who they are to you or what they do", "quién es para ti o a qué se dedica"),
    "privacy.child": ("the child's condition and the day", "la enfermedad del niño y el día"),
    "privacy.story": ("the day and setting ('today in clinic')", "el día y el sitio ('hoy en consulta')"),
    "privacy.encounter": ("the details of this encounter", "los detalles de esta consulta"),
}
_REMOVE_TAIL = (
    ", or post nothing about this patient without their written consent.",
    ", o no publiques nada de este paciente sin su consentimiento por escrito.",
)


def idx(lang: Language) -> int:
    return 1 if lang == "es" else 0


def join_words(items: list[str], lang: Language) -> str:
    """'a', 'a and b', 'a, b and c' ('y' in Spanish)."""
    if len(items) <= 1:
        return "".join(items)
    conj = " y " if lang == "es" else " and "
    return ", ".join(items[:-1]) + conj + items[-1]


def removal_fix(rules: list[str], lang: Language) -> str | None:
    """'Remove the name, the age and the place, or ...' when a flag merges several identifiers."""
    kinds = list(dict.fromkeys(REMOVE[r][idx(lang)] for r in rules if r in REMOVE))
    if len(kinds) < 2:
        return None
    verb = "Quita " if lang == "es" else "Remove "
    return verb + join_words(kinds, lang) + _REMOVE_TAIL[idx(lang)]


def plural(n: int, noun: str, lang: Language) -> str:
    singular, many = _NOUNS[noun][idx(lang)]
    return singular if n == 1 else many


def title(verdict: str, n: int, lang: Language, truncated: bool) -> str:
    text = _TITLES[verdict][idx(lang)]
    if verdict in _TITLE_NOUN:
        text = text.format(n=n, noun=plural(n, _TITLE_NOUN[verdict], lang))
    return text + (TRUNCATED_NOTE[idx(lang)] if truncated else "")


def summarise(result: CheckResult, locale: Language | None = None) -> tuple[str, list[str]]:
    """A title with the verdict and one bullet per problem, in the draft's language (or `locale`).

    Bullet: "HIGH patient privacy: 'excerpt' - why - Fix: ...". Flags with the same severity, category and
    explanation share one bullet listing every excerpt. An "ok" gets one bullet saying what was checked and
    that it is not clearance.
    """
    lang: Language = locale if locale in ("en", "es") else result.language
    i = idx(lang)
    grouped: dict[tuple[str, str, str, str], list[str]] = {}
    for f in result.flags:
        why, fix = f.texts_in(lang)
        grouped.setdefault((f.severity, f.category, why, fix), []).append(f"'{f.excerpt}'")
    bullets = [
        f"{SEVERITY_LABEL[severity][i]} {CATEGORY_LABEL[category][i]}: {', '.join(dict.fromkeys(excerpts))}"  # type: ignore[index]
        f" - {why} - {FIX_LABEL[i]}: {fix}"
        for (severity, category, why, fix), excerpts in grouped.items()
    ]
    if result.verdict == "ok":
        bullets = [*bullets, CHECKED_NOTE[i]]
    return title(result.verdict, len(grouped), lang, result.truncated), bullets
