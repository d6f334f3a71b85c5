"""The source registry (`knowledge/sources.yaml`): publications that curated entries cite by id.

Entries name a source by id so one publication has one spelling, and a doctor sees who said it,
what it is called and when. This module loads and checks the registry and turns ids into the
short citations of an answer footer and the grouped list of `/sources`. Anything that is not a
registry id (community entries, `eval --knowledge` sets) is shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.models import Entry, Locale

REGISTRY_FILE = "sources.yaml"
REGISTRY_NAMES = frozenset({"sources.yaml", "sources.yml", "sources.json"})  # never read as entries
CURATED_REGISTRY = Path(__file__).resolve().parent.parent / "knowledge" / REGISTRY_FILE
SOURCE_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NO_DATE = "n.d."
FOOTER_BUDGET = 160  # characters of citations after the "Sources:" label: two short lines in any client
KINDS = ("guidance", "law", "study", "platform", "article")  # also the order of `/sources`
SourceKind = Literal["guidance", "law", "study", "platform", "article"]
MORE = {"en": "and {n} more", "es": "y {n} más"}
SUPERSEDED = {"en": "replaced in {year}", "es": "sustituido en {year}"}
SECONDARY = {"en": "secondary summary", "es": "resumen secundario"}


class Source(BaseModel):
    """One publication: who published it, what it is called, when, and where to read it."""

    model_config = ConfigDict(extra="forbid")

    id: str
    publisher: str = Field(min_length=1)
    kind: SourceKind  # guidance, law, study, platform, or article (a blog post cited for its own claims)
    title: str = Field(min_length=1)
    short: str | None = None  # the title as shown in answer footers; defaults to `title`
    year: int | Literal["n.d."]  # "n.d.": no source we hold dates it
    url: str | None = None  # only a real, known address
    country: str = Field(min_length=2)
    language: str = Field(pattern=r"^[a-z]{2}$")
    secondary: bool = False  # we hold only a secondary summary of it
    superseded_by: str | None = None  # id of the text that replaced it

    @field_validator("id")
    @classmethod
    def _kebab(cls, value: str) -> str:
        if not SOURCE_ID_PATTERN.match(value) or len(value) > 60:
            raise ValueError("must be lowercase kebab-case (letters, digits, single '-'), at most 60 characters")
        return value

    @field_validator("year")
    @classmethod
    def _plausible_year(cls, value: int | str) -> int | str:
        if isinstance(value, int) and not 1900 <= value <= 2100:
            raise ValueError("must be a four-digit year or 'n.d.'")
        return value

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://\S+$", value):
            raise ValueError("must be an http(s) address")
        return value

    def dated(self) -> bool:
        return self.year != NO_DATE

    def label(self) -> str:
        """The footer form: 'GMC, Using social media as a medical professional (2024)'."""
        text = f"{self.publisher}, {self.short or self.title}"
        return f"{text} ({self.year})" if self.dated() else text

    def brief(self) -> str:
        """The in-line form, after a figure that already says what was measured: 'Medscape France 2021'."""
        return f"{self.publisher} {self.year}" if self.dated() else f"{self.publisher}, {self.short or self.title}"


@dataclass(frozen=True)
class RegistryIssue:
    """One complaint about the registry file: which entry, which field, what is wrong."""

    entry: str
    field: str
    message: str


class SourceRegistry:
    """The registry by id, in file order."""

    def __init__(self, sources: Iterable[Source] = ()) -> None:
        self._by_id: dict[str, Source] = {s.id: s for s in sources}

    def __contains__(self, source_id: object) -> bool:
        return source_id in self._by_id

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, source_id: str) -> Source | None:
        return self._by_id.get(source_id)

    def ids(self) -> list[str]:
        return list(self._by_id)

    def cite(self, ref: str) -> str:
        """The footer form of a registry id; anything else (free text) as written."""
        source = self._by_id.get(ref)
        return source.label() if source is not None else ref

    def cite_briefly(self, ref: str) -> str:
        source = self._by_id.get(ref)
        return source.brief() if source is not None else ref


def _field_path(loc: Iterable[int | str]) -> str:
    return ".".join(str(part) for part in loc) or "(entry)"


def parse_registry(raw: Any) -> tuple[SourceRegistry, list[RegistryIssue]]:
    """Validate already-parsed YAML (a list of mappings) into a registry, listing every problem."""
    if raw is None:
        return SourceRegistry(), [RegistryIssue("-", "(file)", "is empty: it must list the sources entries cite")]
    if not isinstance(raw, list):
        return SourceRegistry(), [RegistryIssue("-", "(file)", "must contain a list of sources")]
    sources: list[Source] = []
    issues: list[RegistryIssue] = []
    seen: set[str] = set()
    for position, item in enumerate(raw, start=1):
        label = item["id"] if isinstance(item, dict) and isinstance(item.get("id"), str) else f"#{position}"
        if not isinstance(item, dict):
            issues.append(RegistryIssue(label, "(entry)", "must be a mapping with id, publisher, title, year, ..."))
            continue
        try:
            source = Source.model_validate(item)
        except ValidationError as exc:
            for err in exc.errors():
                issues.append(RegistryIssue(label, _field_path(err["loc"]), err["msg"]))
            continue
        if source.id in seen:
            issues.append(RegistryIssue(source.id, "id", "duplicate id"))
            continue
        seen.add(source.id)
        sources.append(source)
    registry = SourceRegistry(sources)
    for source in sources:
        target = source.superseded_by
        if target is not None and (target not in registry or target == source.id):
            issues.append(RegistryIssue(source.id, "superseded_by", f"unknown source id {target!r}"))
    return registry, issues


def read_registry(path: Path) -> tuple[SourceRegistry, list[RegistryIssue]]:
    """Read and validate one registry file."""
    if not path.is_file():
        return SourceRegistry(), [RegistryIssue("-", "(file)", "not found: curated knowledge needs a source registry")]
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return SourceRegistry(), [RegistryIssue("-", "(file)", f"cannot read: {exc}")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", exc)
        return SourceRegistry(), [RegistryIssue("-", "(file)", f"not valid YAML{where}: {problem}")]
    return parse_registry(raw)


def cited_refs(entry: Entry) -> list[tuple[str, str]]:
    """Every (field, source reference) an entry holds: sources, figures' source, rankings' sources."""
    refs = [(f"sources[{i}]", ref) for i, ref in enumerate(entry.sources)]
    refs += [(f"figures[{i}].source", figure.source) for i, figure in enumerate(entry.figures)]
    refs += [
        (f"ranking[{i}].sources[{j}]", ref)
        for i, ranked in enumerate(entry.ranking)
        for j, ref in enumerate(ranked.sources)
    ]
    return refs


def check_citations(
    entries: Sequence[Entry], registry: SourceRegistry
) -> tuple[list[tuple[Entry, str, str]], list[str]]:
    """(entry, field, reference) for each reference the registry lacks, and the ids no entry cites."""
    unknown: list[tuple[Entry, str, str]] = []
    used: set[str] = set()
    for entry in entries:
        for field, ref in cited_refs(entry):
            if ref in registry:
                used.add(ref)
            else:
                unknown.append((entry, field, ref))
    return unknown, [i for i in registry.ids() if i not in used]


@lru_cache(maxsize=1)
def curated_registry() -> SourceRegistry:
    """The shipped registry, read once; `kb validate` and the curated loader refuse a broken one."""
    registry, _ = read_registry(CURATED_REGISTRY)
    return registry


# --- rendering -------------------------------------------------------------------------------------


def footer(
    refs: Sequence[str], locale: Locale, registry: SourceRegistry | None = None, budget: int = FOOTER_BUDGET
) -> list[str]:
    """Citations for an answer footer, deduplicated, cut with "and N more" to stay within `budget`.

    The first citation is always kept, so a footer never shows only "and N more".
    """
    registry = registry if registry is not None else curated_registry()
    labels = list(dict.fromkeys(registry.cite(ref) for ref in refs))
    if not labels:
        return []
    shown: list[str] = [labels[0]]
    used = len(labels[0])
    for index, label in enumerate(labels[1:], start=1):
        rest = len(labels) - index - 1
        more = len("; " + MORE[locale].format(n=rest)) if rest else 0
        if used + len("; ") + len(label) + more > budget:
            break
        shown.append(label)
        used += len("; ") + len(label)
    hidden = len(labels) - len(shown)
    if hidden:
        shown.append(MORE[locale].format(n=hidden))
    return shown


def inline(ref: str, registry: SourceRegistry | None = None) -> str:
    """One citation inside a line of text (e.g. after a figure)."""
    return (registry if registry is not None else curated_registry()).cite_briefly(ref)


def _listing_item(source: Source, registry: SourceRegistry, locale: Locale) -> str:
    details: list[str] = []
    if source.dated():
        details.append(str(source.year))
    if source.secondary:
        details.append(SECONDARY[locale])
    if source.superseded_by is not None:
        newer = registry.get(source.superseded_by)
        if newer is not None and newer.dated():
            details.append(SUPERSEDED[locale].format(year=newer.year))
    if source.url:
        details.append(source.url)
    return f"{source.title} ({', '.join(details)})" if details else source.title


def _newest_first(source: Source) -> tuple[int, str]:
    return (-source.year if isinstance(source.year, int) else 0, source.title)


def listing(refs: Iterable[str], locale: Locale, registry: SourceRegistry | None = None) -> list[str]:
    """`/sources`: one line per publisher, each publication once, with year and link.

    Professional guidance first, then laws, studies, platforms and articles; most cited first within each.
    """
    registry = registry if registry is not None else curated_registry()
    counts: dict[str, int] = {}
    free_text: dict[str, int] = {}
    for ref in refs:
        target = counts if ref in registry else free_text
        target[ref] = target.get(ref, 0) + 1
    by_publisher: dict[str, list[Source]] = {}
    weight: dict[str, int] = {}
    rank: dict[str, int] = {}
    for ref in counts:
        source = registry.get(ref)
        assert source is not None
        by_publisher.setdefault(source.publisher, []).append(source)
        weight[source.publisher] = weight.get(source.publisher, 0) + counts[ref]
        rank[source.publisher] = min(rank.get(source.publisher, len(KINDS)), KINDS.index(source.kind))
    lines: list[str] = []
    for publisher in sorted(by_publisher, key=lambda p: (rank[p], -weight[p], p.lower())):
        items = sorted(by_publisher[publisher], key=_newest_first)
        lines.append(f"{publisher}: " + "; ".join(_listing_item(s, registry, locale) for s in items))
    lines += sorted(free_text, key=lambda r: (-free_text[r], r.lower()))
    return lines
