"""Policy decided in one place; per-user sessions behind an interface, bounded in memory."""

from __future__ import annotations

from bot.assistant import Assistant
from bot.assistant.policy import answers_privately, community_of, is_moderator
from bot.assistant.session import InMemorySessions
from bot.commands import BY_NAME, FAQ
from bot.models import Message


class AlwaysModerator:
    """An adapter that would say yes to everything: private chats must still have no moderators."""

    async def sender_is_moderator(self) -> bool:
        return True


async def test_private_chats_have_no_moderators_whatever_the_adapter_says() -> None:
    private = Message(text="/faq add", platform="telegram", user_id="1", is_private=True)
    group = Message(text="/faq add", platform="telegram", user_id="1", is_private=False, community_id="telegram:-1")
    console = Message(text="/faq add", platform="console")
    assert not await is_moderator(private, AlwaysModerator())
    assert await is_moderator(group, AlwaysModerator())
    assert await is_moderator(console, AlwaysModerator())
    assert community_of(private) == "telegram:private" and community_of(group) == "telegram:-1"
    assert community_of(console) == "local"


def test_check_is_the_private_command() -> None:
    assert answers_privately("check")
    assert not answers_privately("ask") and not answers_privately("no-such-command")


async def test_sessions_remember_per_user_and_forget_the_oldest() -> None:
    sessions = InMemorySessions(limit=2)
    await sessions.set_language("u1", "es")
    await sessions.remember_answer("u1", "g", "sermo")
    assert await sessions.language("u1") == "es" and await sessions.last_answer("u1", "g") == "sermo"
    assert await sessions.last_answer("u1", "other") is None and await sessions.language("u2") is None
    await sessions.set_language("u2", "en")
    await sessions.set_language("u3", "en")
    assert await sessions.language("u1") is None  # bounded: the least recently set went first


def test_every_registry_command_and_faq_subcommand_has_one_handler(assistant: Assistant) -> None:
    assert set(assistant._commands) == set(BY_NAME)
    assert set(assistant.faq._handlers) == {c.name for c in FAQ.subcommands}
