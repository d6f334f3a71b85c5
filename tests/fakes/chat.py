"""A chat harness: talk to the core as a member, a moderator or the console operator, no platform at all.

Like errbot's test backend it proves the core is platform-neutral: every test here builds the same
`Message` an adapter would and reads the `Reply` every adapter renders.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.assistant import Assistant
from bot.models import Locale, Message, Reply


class MemberContext:
    """An ordinary member of a group: never a moderator."""

    async def sender_is_moderator(self) -> bool:
        return False


class ModeratorContext:
    """A group moderator on a chat platform."""

    async def sender_is_moderator(self) -> bool:
        return True


@dataclass
class Chat:
    """One user in one place: a group (community_id set), a private chat (None) or the console."""

    assistant: Assistant
    platform: str = "telegram"
    community_id: str | None = "telegram:-100123"
    user_id: str = "1001"
    moderator: bool = False
    locale: Locale | None = None

    def message(self, text: str, *, addressed: bool = True, ref: str | None = None) -> Message:
        return Message(text=text, platform=self.platform, community_id=self.community_id, user_id=self.user_id,
                       is_private=self.community_id is None, addressed=addressed, locale=self.locale, ref=ref)

    def context(self) -> MemberContext | ModeratorContext:
        return ModeratorContext() if self.moderator else MemberContext()

    async def say(self, text: str, *, addressed: bool = True, ref: str | None = None) -> Reply:
        return await self.assistant.handle(self.message(text, addressed=addressed, ref=ref), self.context())

    async def press(self, payload: str) -> Reply:
        return await self.assistant.handle_action(payload, self.message(""), self.context())
