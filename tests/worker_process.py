"""A bot worker for multi-process tests: `python -m tests.worker_process` answers JSON-line messages.

Each stdin line is a `bot.models.Message` as JSON plus `"moderator": bool`; each stdout line is the
reply's kind, entry id and body. The database and limits come from the environment, as for a real
worker (DOCSOCIAL_DATABASE_URL, DOCSOCIAL_VOTE_SALT, DOCSOCIAL_USER_RATE, ...).
"""

from __future__ import annotations

import asyncio
import json
import sys

from bot.assistant import Assistant
from bot.config import Settings
from bot.models import Message


class Context:
    def __init__(self, moderator: bool) -> None:
        self.moderator = moderator

    async def sender_is_moderator(self) -> bool:
        return self.moderator


async def main() -> None:
    assistant = await Assistant.create(Settings())
    try:
        print(json.dumps({"ready": True}), flush=True)
        loop = asyncio.get_running_loop()
        while line := await loop.run_in_executor(None, sys.stdin.readline):
            raw = json.loads(line)
            moderator = bool(raw.pop("moderator", False))
            reply = await assistant.handle(Message.model_validate(raw), Context(moderator))
            print(json.dumps({"kind": reply.kind, "entry_id": reply.entry_id, "body": reply.body}), flush=True)
    finally:
        await assistant.close()


if __name__ == "__main__":
    asyncio.run(main())
