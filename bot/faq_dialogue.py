"""State of the step-by-step `faq add` (question -> answer -> extra phrasings -> saved).

Kept in the store, keyed by (community, actor): the next message of a dialogue may reach another
worker process, or the same one after a restart, and must find the draft. An idle draft expires, so
a forgotten dialogue never swallows someone's later messages. Times are wall-clock seconds (the
injectable clock), comparable between processes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Literal

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


class Dialogues:
    """Open guided adds in the store, with idle expiry measured on an injectable clock (tests move time)."""

    def __init__(self, store: Store, timeout_seconds: float, clock: Callable[[], float]) -> None:
        self._store = store
        self._timeout = timeout_seconds
        self._clock = clock

    async def start(self, key: DialogueKey) -> Draft:
        draft = Draft(touched=self._clock())
        await self._store.save_dialogue(*key, draft.to_json())
        return draft

    async def load(self, key: DialogueKey) -> tuple[Draft | None, bool]:
        """(the live draft or None, whether one existed at all), so an expired one can say it expired."""
        state = await self._store.load_dialogue(*key)
        if state is None:
            return None, False
        draft = Draft.from_json(state.data)
        if draft is None or self.expired(draft):
            await self._store.end_dialogue(*key)  # said once; the next message is an ordinary one
            return None, True
        return draft, True

    async def save(self, key: DialogueKey, draft: Draft) -> None:
        """Store the draft as it is now; using it counts as activity."""
        draft.touched = self._clock()
        await self._store.save_dialogue(*key, draft.to_json())

    def expired(self, draft: Draft) -> bool:
        return self._clock() - draft.touched >= self._timeout

    async def end(self, key: DialogueKey) -> bool:
        """Forget the draft; True if there was a live one."""
        state = await self._store.end_dialogue(*key)
        if state is None:
            return False
        draft = Draft.from_json(state.data)
        return draft is not None and not self.expired(draft)
