"""Discord sharding across worker processes: one shard per process, checked settings."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from adapters.discord import DocSocialClient
from bot.config import Settings


async def test_client_runs_the_configured_shard() -> None:
    client = DocSocialClient(None, Settings(DISCORD_SHARD_ID=2, DISCORD_SHARD_COUNT=4), sync_guilds=False)
    try:
        assert (client.shard_id, client.shard_count) == (2, 4)
    finally:
        await client.close()
    plain = DocSocialClient(None, Settings(), sync_guilds=False)
    try:
        assert (plain.shard_id, plain.shard_count) == (None, None)
    finally:
        await plain.close()


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"DISCORD_SHARD_ID": 4, "DISCORD_SHARD_COUNT": 4}, "must be below DISCORD_SHARD_COUNT"),
        ({"DISCORD_SHARD_ID": 1}, "together"),
        ({"DISCORD_SHARD_COUNT": 2}, "together"),
    ],
)
def test_bad_shard_settings_say_what_is_wrong(values: dict[str, int], words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        Settings(**values)  # type: ignore[arg-type]
