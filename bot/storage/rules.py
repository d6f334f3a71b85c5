"""Business rules every storage backend shares, so a second backend cannot drift from the first.

Backends keep SQL to themselves; what an id looks like, how long a stored question may be, how
unanswered questions are grouped and how settings survive a version change are decided here.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from bot.models import Entry
from bot.storage.base import CommunitySettings

GapKind = Literal["fallback", "clarify"]
GAP_KINDS: tuple[GapKind, ...] = ("fallback", "clarify")
GAP_TEXT_LIMIT = 1000  # characters kept per unanswered question: enough to read, bounded on abuse
TOP_ENTRIES = 10  # entries listed by stats()
_COMMUNITY_ENTRY_ID = re.compile(r"^c([1-9][0-9]{0,17})$")


def check_community(community_id: str) -> None:
    """Every write names a community; an empty one would mix groups together."""
    if not community_id or not community_id.strip():
        raise ValueError("community_id must not be empty")


# -- the "cN" id scheme ---------------------------------------------------------------------------


def entry_id_for(number: int) -> str:
    """The short id users type for the community's `number`-th entry."""
    return f"c{number}"


def entry_number(entry_id: str) -> int | None:
    """N for a community id "cN", None for any other id (curated-style ids are renamed on import)."""
    match = _COMMUNITY_ENTRY_ID.match(entry_id)
    return int(match.group(1)) if match else None


@dataclass(frozen=True)
class StoredState:
    """What an upsert needs to know about one stored entry: its JSON and whether it is removed."""

    data: str
    deleted: bool


@dataclass(frozen=True)
class UpsertPlan:
    """The writes an import makes, decided before any of them runs (so a dry run shows the same)."""

    added: list[Entry]
    updated: list[tuple[Entry, str]]  # (new entry, JSON before)
    unchanged: list[str]
    removed: list[str]
    last_number: int


def plan_upsert(
    entries: list[Entry],
    fresh: frozenset[int],
    stored: dict[str, StoredState],
    last_number: int,
    *,
    replace: bool,
) -> UpsertPlan:
    """Upsert by id: an entry whose id is stored is updated (or left alone when identical, live),
    a new id is added as it is, and positions in `fresh` (no id in the file) get the next "cN".
    With `replace`, live stored entries missing from the batch are removed (soft)."""
    taken = set(stored)
    counter = last_number
    for position, entry in enumerate(entries):
        number = entry_number(entry.id)
        if position not in fresh and number is not None:
            counter = max(counter, number)
    added: list[Entry] = []
    updated: list[tuple[Entry, str]] = []
    unchanged: list[str] = []
    kept: set[str] = set()
    for position, entry in enumerate(entries):
        if position in fresh:
            counter += 1
            while entry_id_for(counter) in taken:  # an id added by hand above the counter
                counter += 1
            entry = entry.model_copy(update={"id": entry_id_for(counter)})
        taken.add(entry.id)
        kept.add(entry.id)
        before = stored.get(entry.id)
        if before is None:
            added.append(entry)
        elif before.deleted or before.data != entry.model_dump_json():
            updated.append((entry, before.data))
        else:
            unchanged.append(entry.id)
    removed = (
        [entry_id for entry_id, state in stored.items() if not state.deleted and entry_id not in kept]
        if replace
        else []
    )
    return UpsertPlan(added, updated, unchanged, removed, counter)


# -- unanswered questions -------------------------------------------------------------------------


def normalise_gap(text: str) -> str:
    """The key unanswered questions are grouped by: Unicode form, case, spacing and end punctuation."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = " ".join(folded.split())
    return folded.strip(" ¿?¡!.,;:…\"'«»")


def gap_text(text: str, kind: str) -> tuple[str, str] | None:
    """(text as shown, grouping key) for an unanswered question, or None when nothing is readable."""
    if kind not in GAP_KINDS:
        raise ValueError(f"kind must be 'fallback' or 'clarify', not {kind!r}")
    shown = " ".join(text.split())[:GAP_TEXT_LIMIT]
    key = normalise_gap(shown)
    return (shown, key) if key else None


# -- settings -------------------------------------------------------------------------------------


def settings_to_json(settings: CommunitySettings) -> str:
    return json.dumps(dataclasses.asdict(settings))


def settings_from_json(data: str | None) -> CommunitySettings:
    """Tolerant: unknown keys (from a newer version) are ignored, missing ones take the default;
    None (never saved) is the defaults."""
    if data is None:
        return CommunitySettings()
    raw: dict[str, Any] = json.loads(data)
    names = {f.name for f in dataclasses.fields(CommunitySettings)}
    return CommunitySettings(**{k: v for k, v in raw.items() if k in names})


def changed_settings(before: CommunitySettings, after: CommunitySettings) -> list[tuple[str, str, str]]:
    """(name, before JSON, after JSON) of every setting that differs: one audit row each."""
    old, new = dataclasses.asdict(before), dataclasses.asdict(after)
    return [
        (name, json.dumps(old.get(name)), json.dumps(value)) for name, value in new.items() if value != old.get(name)
    ]
