"""State of the step-by-step `faq add` (question -> answer -> extra phrasings -> saved).

The state lives behind `DialogueStore`, keyed by (community, actor). `InMemoryDialogues` keeps it in
this process (a half-written entry is not worth a database row); a shared store can replace it when
several workers serve one group. An idle draft expires so a forgotten dialogue never swallows
someone's later messages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

Step = Literal["question", "answer", "extras"]
DialogueKey = tuple[str, str]  # (community_id, actor)


@dataclass
class Draft:
    """What the moderator has typed so far."""

    step: Step = "question"
    question: str = ""
    answer: str = ""
    extras: list[str] = field(default_factory=list)
    touched: float = 0.0  # clock time of the last message


class DialogueStore(Protocol):
    """Where drafts live between messages."""

    def start(self, key: DialogueKey) -> Draft:
        """A fresh draft at the first step (replacing any old one)."""

    def get(self, key: DialogueKey) -> Draft | None:
        """The live draft, or None (an expired one is dropped)."""

    def exists(self, key: DialogueKey) -> bool:
        """True even for an expired draft, so the next message can say it expired."""

    def save(self, key: DialogueKey, draft: Draft) -> None:
        """Keep the draft's changes and restart its idle timer."""

    def end(self, key: DialogueKey) -> bool:
        """Forget the draft; True if there was a live one."""


class InMemoryDialogues:
    """Open guided adds in this process, with idle expiry measured on an injectable clock (tests move time)."""

    def __init__(self, timeout_seconds: float, clock: Callable[[], float]) -> None:
        self._timeout = timeout_seconds
        self._clock = clock
        self._drafts: dict[DialogueKey, Draft] = {}

    def start(self, key: DialogueKey) -> Draft:
        self._sweep()
        draft = Draft(touched=self._clock())
        self._drafts[key] = draft
        return draft

    def get(self, key: DialogueKey) -> Draft | None:
        """The live draft, or None (an expired one is dropped)."""
        draft = self._drafts.get(key)
        if draft is not None and self.expired(draft):
            del self._drafts[key]
            return None
        return draft

    def exists(self, key: DialogueKey) -> bool:
        """True even for an expired draft, so the next message can say it expired."""
        return key in self._drafts

    def expired(self, draft: Draft) -> bool:
        return self._clock() - draft.touched >= self._timeout

    def save(self, key: DialogueKey, draft: Draft) -> None:
        draft.touched = self._clock()
        self._drafts[key] = draft

    def end(self, key: DialogueKey) -> bool:
        """Forget the draft; True if there was a live one."""
        draft = self._drafts.pop(key, None)
        return draft is not None and not self.expired(draft)

    def _sweep(self) -> None:
        """Drop long-dead drafts so memory stays bounded."""
        now = self._clock()
        for key in [k for k, d in self._drafts.items() if now - d.touched >= 2 * self._timeout]:
            del self._drafts[key]
