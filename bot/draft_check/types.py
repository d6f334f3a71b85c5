"""Result shapes of the draft checker: what chat adapters and `--json` serialise.

Kept free of rule logic so adapters can import them without loading the regex tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

Category = Literal[
    "patient-privacy",
    "consent",
    "advertising",
    "conflict-of-interest",
    "professionalism",
    "medical-advice",
]
CATEGORIES: tuple[Category, ...] = get_args(Category)
Severity = Literal["high", "medium", "low"]
SEVERITY_RANK: dict[str, int] = {"high": 3, "medium": 2, "low": 1}
Verdict = Literal["ok", "review", "do-not-post"]
Language = Literal["en", "es"]

MAX_DRAFT_CHARS = 5_000  # longer than any single post on the networks doctors use; caps worst-case time
EXCERPT_MAX_CHARS = 80


class Flag(BaseModel):
    """One problem in the draft: what (category, excerpt), where (span), why (source) and how to fix."""

    model_config = ConfigDict(frozen=True)

    category: Category
    severity: Severity
    span: tuple[int, int] = Field(description="[start, end) character offsets into the original draft")
    excerpt: str
    why: str
    source: str
    fix: str
    # why/fix in every language, so `summarise` can switch language without re-checking; not serialised.
    _texts: dict[Language, tuple[str, str]] = PrivateAttr(default_factory=dict)

    def texts_in(self, lang: Language) -> tuple[str, str]:
        """(why, fix) in `lang`, falling back to the serialised language."""
        return self._texts.get(lang, (self.why, self.fix))


class EmptyDraft(ValueError):
    """Raised for an empty or whitespace-only draft: there is nothing to check, which is not "ok"."""


class CheckResult(BaseModel):
    """The verdict on a draft plus every flag; `redacted` is a safer version to start from."""

    verdict: Verdict
    flags: list[Flag]
    redacted: str
    truncated: bool = False
    language: Language = "en"


def verdict_for(flags: list[Flag]) -> Verdict:
    """do-not-post if any high flag, review if any other flag, else ok."""
    if any(f.severity == "high" for f in flags):
        return "do-not-post"
    return "review" if flags else "ok"


def make_excerpt(text: str, start: int, end: int) -> str:
    """text[start:end], shortened with an ellipsis so chat bullets stay one line."""
    piece = text[start:end]
    if len(piece) > EXCERPT_MAX_CHARS:
        return piece[: EXCERPT_MAX_CHARS - 1].rstrip() + "…"
    return piece


@dataclass(frozen=True)
class Rule:
    """Why a hit matters and how to fix it, in both languages, with the guidance it comes from."""

    category: Category
    severity: Severity
    source: str
    why_en: str
    why_es: str
    fix_en: str
    fix_es: str

    def why(self, lang: Language) -> str:
        return self.why_es if lang == "es" else self.why_en

    def fix(self, lang: Language) -> str:
        return self.fix_es if lang == "es" else self.fix_en


@dataclass(frozen=True)
class Hit:
    """A span a detector found. `severity` overrides the rule's default; `placeholder` asks for redaction."""

    rule: str
    start: int
    end: int
    severity: Severity | None = None
    placeholder: str | None = None
    detail: str | None = None  # fills "{detail}" in the rule's fix (e.g. the company to disclose)
