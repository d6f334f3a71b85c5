"""Inbox tunables (DOCSOCIAL_INBOX_*), apart from bot/config.py so the inbox is one package."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.config import ENV_FILE


class InboxSettings(BaseSettings):
    """How long an update may wait, how long a claim lasts, how much may queue up."""

    model_config = SettingsConfigDict(env_prefix="DOCSOCIAL_INBOX_", env_file=ENV_FILE, extra="ignore")

    late_after_seconds: float = Field(600, gt=0)  # older updates get "sorry for the delay" (or are dropped)
    lease_seconds: float = Field(30, gt=0)  # a dead worker's claims are taken over after this
    concurrency: int = Field(8, ge=1, le=256)  # updates answered at once per worker (different chats)
    max_backlog: int = Field(10_000, ge=1)  # unanswered updates beyond this are shed, oldest first
    keep_done_hours: float = Field(24, gt=0)  # answered keys kept this long: redeliveries are recognised
    poll_seconds: float = Field(0.5, gt=0)  # idle workers look for updates stored by others this often
    housekeeping_seconds: float = Field(5, gt=0)  # lease renewal, dead-worker check, purge and shedding
    max_attempts: int = Field(3, ge=1)  # an update that fails this often is given up (counted "failed")
