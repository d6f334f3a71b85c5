"""Group near-duplicate unanswered questions so moderators see what people really miss.

The store counts exact texts; people type the same question many ways ("how do i verify?",
"How do I verify"), so similar texts are merged here with rapidfuzz before showing a top list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.faq.parsing import compare_key
from bot.storage.base import Gap


@dataclass(frozen=True)
class GapGroup:
    """Near-duplicate unanswered questions; `text` is the most asked one, `texts` all of them."""

    text: str
    texts: tuple[str, ...]
    count: int
    first_seen: dt.datetime
    last_seen: dt.datetime
    numbers: tuple[int, ...] = ()  # the stable numbers of its questions (store), smallest first

    @property
    def number(self) -> int:
        """What moderators type: its oldest question's number, which joining questions never change."""
        return self.numbers[0] if self.numbers else 0


def group_gaps(gaps: Iterable[Gap], threshold: float) -> list[GapGroup]:
    """Merge gaps whose normalised texts score >= `threshold` (0-100, token_sort_ratio).

    Greedy: the most asked texts seed groups, so a group's title is what people type most. Ordered by
    total count, then most recent.
    """
    ordered = sorted(gaps, key=lambda g: (-g.count, -g.last_seen.timestamp(), g.text))
    seeds: list[tuple[str, list[Gap]]] = []  # (compare key of the seed, members)
    for gap in ordered:
        key = compare_key(gap.text)
        for seed_key, members in seeds:
            if key == seed_key or fuzz.token_sort_ratio(key, seed_key, score_cutoff=threshold):
                members.append(gap)
                break
        else:
            seeds.append((key, [gap]))
    groups = [
        GapGroup(
            text=members[0].text,
            texts=_distinct(m.text for m in members),
            count=sum(m.count for m in members),
            first_seen=min(m.first_seen for m in members),
            last_seen=max(m.last_seen for m in members),
            numbers=tuple(sorted({m.number for m in members if m.number > 0})),
        )
        for _, members in seeds
    ]
    groups.sort(key=lambda g: (-g.count, -g.last_seen.timestamp()))
    return groups


def _distinct(texts: Iterable[str]) -> tuple[str, ...]:
    """First spelling of each text that differs by more than case or punctuation, in order."""
    seen: dict[str, str] = {}
    for text in texts:
        seen.setdefault(compare_key(text), text)
    return tuple(seen.values())
