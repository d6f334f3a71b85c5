"""The effects of one message, committed with its inbox "done" mark (README "Delivery guarantees").

Why a context variable: the core writes what a message did (an answer recorded, a gap logged, the
entry `/rate` rates next) deep in its call chain through ordinary Store methods. The inbox worker
answers each update under `collecting(store)`; those writes then wait and are applied by
`inbox_finish` in the transaction that marks the update done, so a redelivered or retried update
records them once. Outside the inbox (console, tests, Discord's direct path) nothing collects and
every write is immediate. Reads, rate-limit hits and moderator commands never wait.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

Apply = Callable[[Any], Awaitable[None]]  # one write, run on the backend's connection inside its transaction


@dataclass
class Effects:
    """Writes collected for one update, to be applied by the store that collected them."""

    store: object
    pending: list[Apply] = field(default_factory=list)


_CURRENT: ContextVar[Effects | None] = ContextVar("docsocial_deferred_effects", default=None)


@contextmanager
def collecting(store: object) -> Iterator[Effects]:
    """Collect `store`'s effect writes made in this context (and tasks started from it)."""
    effects = Effects(store)
    token = _CURRENT.set(effects)
    try:
        yield effects
    finally:
        _CURRENT.reset(token)


def defer(store: object, apply: Apply) -> bool:
    """Queue `apply` when `store` is collecting here; False when it must be written now."""
    effects = _CURRENT.get()
    if effects is None or effects.store is not store:
        return False
    effects.pending.append(apply)
    return True
