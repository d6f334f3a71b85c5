"""State of the step-by-step `faq add` (question -> answer -> extra phrasings -> saved).

The state lives behind `DialogueStore`, keyed by (community, actor). `StoreDialogues`, the default,
keeps drafts in the database: the next message of a dialogue may reach another worker process, or
the same one after a restart, and must find the draft. `InMemoryDialogues` keeps them in this
process (tests, throwaway tools). An idle draft expires so a forgotten dialogue never swallows
someone's later messages; times are wall-clock seconds from the injectable clock, comparable
between processes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Literal, Protocol

from bot.storage.base import Store

Step = Literal["question", "answer", "extras"]
DialogueKey = tuple[str, str]  # (community_id, actor)
_STEPS: tuple[Step, ...] = ("question", "answer", "extras")


@dataclass
class Draft:
    """What the moderator has typed so far."""

    step: Step = "question"
    question: str = ""
    answer: str = ""
    extras: list[str] = field(default_factory=list)
    touched: float = 0.0  # clock time of the last message

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, data: str) -> Draft | None:
        """The stored draft, or None when it cannot be read (written by another version): start over."""
        try:
            raw = json.loads(data)
            step = raw["step"]
            if step not in _STEPS:
                return None
            return cls(
                step=step,
                question=str(raw.get("question", "")),
                answer=str(raw.get("answer", "")),
                extras=[str(x) for x in raw.get("extras", [])],
                touched=float(raw.get("touched", 0.0)),
            )
        except (ValueError, KeyError, TypeError):
            return None


class DialogueStore(Protocol):
    """Where drafts live between messages."""

    async def start(self, key: DialogueKey) -> Draft:
        """A fresh draft at the first step (replacing any old one)."""

    async def get(self, key: DialogueKey) -> Draft | None:
        """The live draft, or None (an expired one is dropped)."""

    async def exists(self, key: DialogueKey) -> bool:
        """True even for an expired draft, so the next message can say it expired."""

    async def save(self, key: DialogueKey, draft: Draft) -> None:
        """Keep the draft's changes and restart its idle timer."""

    async def end(self, key: DialogueKey) -> bool:
        """Forget the draft; True if there was a live one."""


class _Expiry:
    def __init__(self, timeout_seconds: float, clock: Callable[[], float]) -> None:
        self._timeout = timeout_seconds
        self._clock = clock

    def expired(self, draft: Draft) -> bool:
        return self._clock() - draft.touched >= self._timeout


class StoreDialogues(_Expiry):
    """Drafts in the store (JSON), shared by every worker on the same database."""

    def __init__(self, store: Store, timeout_seconds: float, clock: Callable[[], float]) -> None:
        super().__init__(timeout_seconds, clock)
        self._store = store

    async def start(self, key: DialogueKey) -> Draft:
        draft = Draft(touched=self._clock())
        await self._store.save_dialogue(*key, draft.to_json())
        return draft

    async def get(self, key: DialogueKey) -> Draft | None:
        state = await self._store.load_dialogue(*key)
        if state is None:
            return None
        draft = Draft.from_json(state.data)
        if draft is None or self.expired(draft):
            await self._store.end_dialogue(*key)
            return None
        return draft

    async def exists(self, key: DialogueKey) -> bool:
        return await self._store.load_dialogue(*key) is not None

    async def save(self, key: DialogueKey, draft: Draft) -> None:
        draft.touched = self._clock()
        await self._store.save_dialogue(*key, draft.to_json())

    async def end(self, key: DialogueKey) -> bool:
        state = await self._store.end_dialogue(*key)
        draft = None if state is None else Draft.from_json(state.data)
        return draft is not None and not self.expired(draft)


class InMemoryDialogues(_Expiry):
    """Open guided adds in this process, with idle expiry measured on an injectable clock (tests move time)."""

    def __init__(self, timeout_seconds: float, clock: Callable[[], float]) -> None:
        super().__init__(timeout_seconds, clock)
        self._drafts: dict[DialogueKey, Draft] = {}

    async def start(self, key: DialogueKey) -> Draft:
        self._sweep()
        draft = Draft(touched=self._clock())
        self._drafts[key] = draft
        return draft

    async def get(self, key: DialogueKey) -> Draft | None:
        """The live draft, or None (an expired one is dropped)."""
        draft = self._drafts.get(key)
        if draft is not None and self.expired(draft):
            del self._drafts[key]
            return None
        return draft

    async def exists(self, key: DialogueKey) -> bool:
        """True even for an expired draft, so the next message can say it expired."""
        return key in self._drafts

    async def save(self, key: DialogueKey, draft: Draft) -> None:
        draft.touched = self._clock()
        self._drafts[key] = draft

    async def end(self, key: DialogueKey) -> bool:
        """Forget the draft; True if there was a live one."""
        draft = self._drafts.pop(key, None)
        return draft is not None and not self.expired(draft)

    def _sweep(self) -> None:
        """Drop long-dead drafts so memory stays bounded."""
        now = self._clock()
        for key in [k for k, d in self._drafts.items() if now - d.touched >= 2 * self._timeout]:
            del self._drafts[key]
