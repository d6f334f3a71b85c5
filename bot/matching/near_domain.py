"""Near-domain how-tos the knowledge does not cover (posting times, equipment, badges ...).

They sit next to the knowledge files as `near-domain.txt`: a `[key] English label | Spanish label`
header opens a topic, the lines below are example questions in either language, `#` starts a
comment. Each topic is trained as its own "not covered" class, so the reply can name what is not
covered ("I don't cover posting times") and still offer the entry about the network it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.knowledge import KnowledgeError, Problem
from bot.models import Localized

NEAR_DOMAIN_FILE = "near-domain.txt"
_HEADER = re.compile(r"^\[([a-z0-9][a-z0-9-]*)\]\s*(.+?)\s*\|\s*(.+?)\s*$")


@dataclass(frozen=True)
class NearTopic:
    key: str
    label: Localized  # "posting times" / "los horarios de publicación"
    examples: list[str] = field(default_factory=list)


def parse_near_domain(text: str, file_label: str = NEAR_DOMAIN_FILE) -> list[NearTopic]:
    """Read the topics; refuse (KnowledgeError naming file and line) rather than skip a bad line."""
    topics: list[NearTopic] = []
    problems: list[Problem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            header = _HEADER.match(line)
            if header is None:
                problems.append(Problem(file_label, f"line {number}", "(topic)", "expected '[key] English | Spanish'"))
                continue
            key, en, es = header.groups()
            if any(t.key == key for t in topics):
                problems.append(Problem(file_label, f"line {number}", "(topic)", f"topic {key!r} appears twice"))
            topics.append(NearTopic(key, Localized(en=en, es=es)))
            continue
        if not topics:
            problems.append(Problem(file_label, f"line {number}", "(example)", "an example before any [topic] header"))
            continue
        topics[-1].examples.append(line)
    problems.extend(
        Problem(file_label, t.key, "(examples)", "a topic needs at least one example") for t in topics if not t.examples
    )
    if problems:
        raise KnowledgeError(problems)
    return topics


def load_near_domain(directory: Path) -> list[NearTopic]:
    path = directory / NEAR_DOMAIN_FILE
    if not path.is_file():
        return []
    return parse_near_domain(path.read_text(encoding="utf-8"), path.name)
