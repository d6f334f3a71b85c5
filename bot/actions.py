"""Button payloads: short strings (Telegram allows 64 bytes) that the core decodes itself.

Adapters attach them to buttons and hand them back untouched when a button is pressed.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_PAYLOAD_BYTES = 64


@dataclass(frozen=True)
class ShowEntry:
    entry_id: str


@dataclass(frozen=True)
class Feedback:
    entry_id: str
    helpful: bool


@dataclass(frozen=True)
class DeleteMessage:
    """Patient-data guard: a moderator's one-tap delete of the flagged message (platform id)."""

    message_ref: str


Action = ShowEntry | Feedback | DeleteMessage


def encode(action: Action) -> str:
    if isinstance(action, ShowEntry):
        payload = f"e:{action.entry_id}"
    elif isinstance(action, Feedback):
        payload = f"f:{action.entry_id}:{1 if action.helpful else 0}"
    else:
        payload = f"d:{action.message_ref}"
    if len(payload.encode()) > MAX_PAYLOAD_BYTES:
        raise ValueError("button payload longer than 64 bytes")
    return payload


def decode(payload: str) -> Action | None:
    """The action in `payload`, or None for anything malformed (old or forged buttons)."""
    kind, _, rest = payload.partition(":")
    if kind == "e" and rest:
        return ShowEntry(rest)
    if kind == "d" and rest:
        return DeleteMessage(rest)
    if kind == "f":
        entry_id, _, flag = rest.rpartition(":")
        if entry_id and flag in {"0", "1"}:
            return Feedback(entry_id, flag == "1")
    return None


def is_feedback(payload: object) -> bool:
    """Whether a button payload is a helpful / not helpful vote (drawn side by side)."""
    return isinstance(payload, str) and isinstance(decode(payload), Feedback)
