"""Which weekly digests are due, claimed in the store so several workers send each one exactly once.

Adapters call `due_digests(platform)` on a timer and deliver what comes back: into the group, privately
to its admins, or to a channel (`Digest.to`). A claim is made before the digest is built, so a worker that
crashes after claiming loses that week's digest rather than sending it twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from bot.faq import FaqService
from bot.faq.digest import period_of
from bot.models import Reply
from bot.storage.base import Store

log = logging.getLogger(__name__)

CHECK_SECONDS = 3600.0  # how often adapters ask; a digest goes out within this of the week's start


@dataclass(frozen=True)
class Digest:
    community_id: str
    to: str  # "group", "admins" (privately, Telegram) or "channel:ID" (Discord)
    reply: Reply


async def due_digests(store: Store, faq: FaqService, platform: str, now: dt.datetime) -> list[Digest]:
    """This platform's digests not yet sent this week, each claimed by this caller."""
    due: list[Digest] = []
    for community in await store.digest_communities():
        if not community.startswith(f"{platform}:") or community.endswith(":private"):
            continue
        settings = await store.get_settings(community)
        if settings.digest != "weekly" or not await store.claim_digest(community, period_of(now)):
            continue
        due.append(Digest(community, settings.digest_to, await faq.digest(community)))
    if due:
        log.info("%d weekly digest(s) due on %s", len(due), platform)
    return due
