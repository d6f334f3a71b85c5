"""Export and import a community's entries as a knowledge file (the YAML format of design.md).

Why the same format as knowledge/: an export can be reviewed, edited, validated with
`kb validate`, promoted to curated knowledge, or imported into another community. Why ids are kept:
a file that went out and comes back must update the same entries, never copy them, so a round trip
export -> import -> export is byte-identical and a re-import changes nothing.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge import KnowledgeError, Problem, parse_entries
from bot.models import Entry
from bot.storage.base import ImportSummary, Store, StoreError

__all__ = [
    "ImportFile",
    "UnknownCommunity",
    "export_accepted",
    "export_community",
    "import_file",
    "read_import",
    "summary_line",
]


class UnknownCommunity(StoreError):
    """No entry was ever stored for this community id (a typo, most likely)."""


@dataclass(frozen=True)
class ImportFile:
    """A validated file: its entries and the positions of those that had no id (they get a new one)."""

    entries: list[Entry]
    fresh: frozenset[int]


async def export_community(store: Store, community_id: str) -> str:
    """YAML text listing the community's live (not removed) entries, oldest first.

    Raises UnknownCommunity when the id never held an entry, so a typo is not exported as `[]`."""
    every = await store.list_entries(community_id, include_deleted=True)
    if not every:
        known = await store.communities_with_entries()
        hint = f" (communities with entries: {', '.join(known[:10])})" if known else " (no community has entries yet)"
        raise UnknownCommunity(f"no community {community_id!r} in the database{hint}")
    data = [e.entry.model_dump(mode="json", exclude_defaults=True) for e in every if not e.deleted]
    header = f"# DocSocial community entries: {len(data)} entr{'y' if len(data) == 1 else 'ies'}\n"
    if not data:
        return header + "[]\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


async def export_accepted(store: Store) -> str:
    """YAML listing, per entry, the phrasings moderators accepted from users' choices in any community,
    for maintainers to review as candidate phrasings of the curated knowledge (counts only, no chat ids)."""
    by_entry: dict[str, dict[str, Any]] = {}
    for learned in await store.accepted_phrasings():
        item = by_entry.setdefault(
            learned.entry_id, {"entry": learned.entry_id, "questions": {}, "chosen_by": 0, "communities": set()}
        )
        phrasings = item["questions"].setdefault(learned.locale, [])
        if learned.text not in phrasings:
            phrasings.append(learned.text)
        item["chosen_by"] += learned.count
        item["communities"].add(learned.community_id)
    data = [
        {**item, "communities": len(item["communities"]), "questions": dict(sorted(item["questions"].items()))}
        for _, item in sorted(by_entry.items())
    ]
    count = sum(len(p) for item in data for p in item["questions"].values())
    header = f"# DocSocial phrasings accepted from users' choices: {count} for {len(data)} entries\n"
    return header + (yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100) if data else "[]\n")


def _placeholder(position: int, ids: set[str]) -> str:
    """A temporary id for an entry written without one (replaced by the next "cN" on import)."""
    candidate = f"new-{position}"
    while candidate in ids:
        candidate += "-"
    return candidate


def read_import(path: Path) -> ImportFile:
    """Validate the whole file; KnowledgeError names file, entry and field of every problem."""
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError([Problem(path.name, "-", "(file)", f"cannot read: {exc}")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = Problem(path.name, "-", "(file)", f"not valid YAML{where}: {getattr(exc, 'problem', exc)}")
        raise KnowledgeError([problem]) from None
    fresh: set[int] = set()
    if isinstance(raw, list):
        ids = {item["id"] for item in raw if isinstance(item, dict) and isinstance(item.get("id"), str)}
        items: list[Any] = []
        for position, item in enumerate(raw):
            if isinstance(item, dict) and "id" not in item:
                fresh.add(position)
                item = {"id": _placeholder(position + 1, ids), **item}
            items.append(item)
        raw = items
    entries, problems = parse_entries(raw, path.name)
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            problems.append(Problem(path.name, entry.id, "id", "duplicate id in this file"))
        seen.add(entry.id)
    if not problems and not entries:
        problems.append(Problem(path.name, "-", "(file)", "holds no entries"))
    if problems:
        raise KnowledgeError(problems)
    return ImportFile(entries, frozenset(fresh))


async def import_file(
    store: Store,
    path: str | Path,
    community_id: str,
    actor: str,
    *,
    replace: bool = False,
    dry_run: bool = False,
) -> ImportSummary:
    """Validate the whole file first (nothing is written on any problem), then upsert it by id in one
    transaction; `replace` also removes live entries the file does not hold."""
    loaded = await asyncio.to_thread(read_import, Path(path))
    return await store.upsert_entries(
        community_id, loaded.entries, actor, fresh=loaded.fresh, replace=replace, dry_run=dry_run
    )


def summary_line(summary: ImportSummary) -> str:
    """"2 added, 1 updated, 5 unchanged" (and "1 removed" after --replace)."""
    parts = [
        f"{len(summary.added)} added",
        f"{len(summary.updated)} updated",
        f"{len(summary.unchanged)} unchanged",
    ]
    if summary.removed:
        parts.append(f"{len(summary.removed)} removed")
    return ", ".join(parts)
