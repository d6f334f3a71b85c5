"""Load and validate knowledge files; refuse bad data with errors naming file, entry and field.

The bot must never start with a silently skipped entry, so loading collects every problem and
raises one `KnowledgeError` listing them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.models import LOCALES, Entry
from bot.sources import REGISTRY_FILE, REGISTRY_NAMES, check_citations, read_registry

KNOWLEDGE_SUFFIXES = (".yaml", ".yml", ".json")
CURATED_DIR = Path(__file__).resolve().parent.parent / "knowledge"


@dataclass(frozen=True)
class Problem:
    """One precise complaint about a knowledge file."""

    file: str
    entry: str  # entry id, or "#N" (1-based position) when the id itself is missing
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: entry {self.entry}: {self.field}: {self.message}"


class KnowledgeError(Exception):
    """Raised when knowledge files are malformed; str() lists every problem, one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _field_path(loc: Iterable[int | str]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + item)
    return "".join(parts) or "(entry)"


def parse_entries(raw: Any, file_label: str) -> tuple[list[Entry], list[Problem]]:
    """Validate already-parsed YAML data (a list of mappings) into entries."""
    if raw is None:
        return [], []
    if not isinstance(raw, list):
        return [], [Problem(file_label, "-", "(file)", "must contain a list of entries")]
    entries: list[Entry] = []
    problems: list[Problem] = []
    for position, item in enumerate(raw, start=1):
        label = f"#{position}"
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            label = item["id"]
        if not isinstance(item, dict):
            problems.append(Problem(file_label, label, "(entry)", "must be a mapping with id, topic, ..."))
            continue
        try:
            entries.append(Entry.model_validate(item))
        except ValidationError as exc:
            for err in exc.errors():
                problems.append(Problem(file_label, label, _field_path(err["loc"]), err["msg"]))
    return entries, problems


def load_file(path: Path) -> tuple[list[Entry], list[Problem]]:
    """Read one knowledge file (JSON is read as YAML)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(path.name, "-", "(file)", f"cannot read: {exc}")]
    except yaml.YAMLError as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = f" at line {mark.line + 1}, column {mark.column + 1}"
        return [], [Problem(path.name, "-", "(file)", f"not valid YAML{where}: {getattr(exc, 'problem', exc)}")]
    return parse_entries(raw, path.name)


def knowledge_files(directory: Path) -> list[Path]:
    """The entry files of a directory: every YAML/JSON file except the source registry."""
    return sorted(
        p
        for p in directory.iterdir()
        if p.is_file() and p.suffix.lower() in KNOWLEDGE_SUFFIXES and p.name.lower() not in REGISTRY_NAMES
    )


def curated_problems(entries: list[Entry], file_of: dict[str, str]) -> list[Problem]:
    """The stricter rules for the shipped knowledge: both locales, a source, related ids that exist."""
    problems: list[Problem] = []
    ids = {e.id for e in entries}
    for entry in entries:
        file_label = file_of[entry.id]
        for locale in LOCALES:
            if not entry.questions.get(locale):
                problems.append(
                    Problem(
                        file_label, entry.id, f"questions.{locale}", "curated entries need phrasings in both languages"
                    )
                )
            if not entry.answer.has(locale):
                problems.append(
                    Problem(
                        file_label, entry.id, f"answer.{locale}", "curated entries need an answer in both languages"
                    )
                )
        if not entry.sources:
            problems.append(Problem(file_label, entry.id, "sources", "curated entries need at least one source"))
        for index, rel in enumerate(entry.related):
            if rel not in ids:
                problems.append(Problem(file_label, entry.id, f"related[{index}]", f"unknown entry id {rel!r}"))
    return problems


def citation_problems(directory: Path, entries: list[Entry], file_of: dict[str, str]) -> list[Problem]:
    """Curated entries cite the registry by id: refuse a broken registry, unknown ids and unused sources."""
    registry, issues = read_registry(directory / REGISTRY_FILE)
    problems = [Problem(REGISTRY_FILE, i.entry, i.field, i.message) for i in issues]
    if any(i.entry == "-" for i in issues):
        return problems  # no usable registry: every citation would be reported as unknown
    broken = {i.entry for i in issues}  # already reported: do not report their citations as unknown too
    unknown, unused = check_citations(entries, registry)
    problems += [
        Problem(file_of[entry.id], entry.id, field, f"unknown source id {ref!r}: not in {REGISTRY_FILE}")
        for entry, field, ref in unknown
        if ref not in broken
    ]
    problems += [
        Problem(REGISTRY_FILE, source_id, "(entry)", "no entry cites this source: cite it or remove it")
        for source_id in unused
    ]
    return problems


def load_directory(directory: Path, *, curated: bool = False) -> list[Entry]:
    """Load every knowledge file under `directory`; raise KnowledgeError listing all problems."""
    if not directory.is_dir():
        raise KnowledgeError([Problem(str(directory), "-", "(directory)", "not found or not a directory")])
    files = knowledge_files(directory)
    if not files:
        raise KnowledgeError(
            [Problem(str(directory), "-", "(directory)", "holds no .yaml, .yml or .json knowledge files")]
        )
    entries: list[Entry] = []
    problems: list[Problem] = []
    file_of: dict[str, str] = {}
    for path in files:
        loaded, found = load_file(path)
        problems.extend(found)
        for entry in loaded:
            if entry.id in file_of:
                problems.append(Problem(path.name, entry.id, "id", f"duplicate id (also in {file_of[entry.id]})"))
                continue
            file_of[entry.id] = path.name
            entries.append(entry)
    if not entries and not problems:
        problems.append(Problem(str(directory), "-", "(directory)", "its knowledge files hold no entries"))
    if curated:
        problems.extend(curated_problems(entries, file_of))
        problems.extend(citation_problems(directory, entries, file_of))
    if problems:
        raise KnowledgeError(problems)
    return entries


def load_curated() -> list[Entry]:
    return load_directory(CURATED_DIR, curated=True)
