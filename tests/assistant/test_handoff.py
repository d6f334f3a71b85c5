"""Continue in private: the core decides which replies carry the button and what `/start check` does."""

from __future__ import annotations

import pytest

from bot.handoff import (
    CHECK,
    DraftWaits,
    check_in_private,
    check_prompt,
    for_private_reply,
    handoff,
    start_payload,
)
from bot.models import Reply
from bot.storage.base import Store

PRIVATE = "telegram:private"


@pytest.mark.parametrize("locale", ["en", "es"])
def test_group_check_without_draft_offers_the_private_chat(locale: str) -> None:
    reply = check_in_private("es" if locale == "es" else "en")
    assert reply.kind == "info" and not reply.private
    button = reply.private_link
    assert button is not None and button.start == CHECK
    assert button.label == ("Continuar en privado" if locale == "es" else "Continue in private")


def test_start_payloads() -> None:
    assert start_payload("check") == CHECK
    assert start_payload(" CHECK ") == CHECK
    assert start_payload("") is None
    assert start_payload("evil<script>") is None


def test_start_check_asks_for_the_draft() -> None:
    prompt = check_prompt("es")
    assert prompt.title == "Envíame tu borrador" and "No la guardo" in prompt.body


def test_private_only_replies_in_groups_carry_the_button() -> None:
    private = Reply(kind="info", private=True)
    assert for_private_reply(private, "check", is_private=False, locale="en") == handoff(CHECK, "en")
    other = for_private_reply(private, "faq", is_private=False, locale="en")
    assert other is not None and other.start is None
    assert for_private_reply(private, "check", is_private=True, locale="en") is None
    assert for_private_reply(Reply(kind="answer"), "ask", is_private=False, locale="en") is None


def test_payloads_fit_telegram() -> None:
    with pytest.raises(ValueError, match="start payload"):
        handoff("x" * 65, "en")
    with pytest.raises(ValueError, match="start payload"):
        handoff("check me", "en")


async def test_a_wait_is_taken_once_expires_and_is_shared_through_the_store(store: Store) -> None:
    now = [1000.0]
    waits = DraftWaits(store, clock=lambda: now[0], seconds=60)
    other_worker = DraftWaits(store, clock=lambda: now[0], seconds=60)  # same database, another process
    await waits.expect(PRIVATE, "u1")
    assert await other_worker.take(PRIVATE, "u1") is True
    assert await waits.take(PRIVATE, "u1") is False
    await waits.expect(PRIVATE, "u2")
    now[0] += 61
    assert await waits.take(PRIVATE, "u2") is False
    await waits.expect(PRIVATE, "u3")
    assert await waits.cancel(PRIVATE, "u3") is True and await waits.take(PRIVATE, "u3") is False


