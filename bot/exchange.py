"""Export and import a community's entries as a knowledge file (the YAML format of design.md).

Why the same format as knowledge/: an export can be reviewed, edited, validated with
`kb validate`, promoted to curated knowledge, or imported into another community.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import yaml

from bot.knowledge import KnowledgeError, Problem, load_file
from bot.models import Entry
from bot.storage.base import Store

__all__ = ["export_community", "import_file"]


async def export_community(store: Store, community_id: str) -> str:
    """YAML text listing the community's live (not removed) entries, oldest first."""
    entries = await store.list_entries(community_id)
    data = [e.entry.model_dump(mode="json", exclude_defaults=True) for e in entries]
    header = f"# DocSocial community entries: {len(data)} entr{'y' if len(data) == 1 else 'ies'}\n"
    if not data:
        return header + "[]\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _validate(path: Path) -> list[Entry]:
    entries, problems = load_file(path)
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            problems.append(Problem(path.name, entry.id, "id", "duplicate id in this file"))
        seen.add(entry.id)
    if not problems and not entries:
        problems.append(Problem(path.name, "-", "(file)", "holds no entries"))
    if problems:
        raise KnowledgeError(problems)
    return entries


async def import_file(store: Store, path: str | Path, community_id: str, actor: str) -> int:
    """Validate the whole file first (KnowledgeError lists every problem, nothing is written),
    then write every entry in one transaction; returns the number of entries written."""
    entries = await asyncio.to_thread(_validate, Path(path))
    return await store.import_entries(community_id, entries, actor)
