"""The weekly digest a community's moderators opt into: the week's answer rate and helpful ratio, the
top five real gaps (under their stable numbers) and the suggestions waiting for a decision.

Built here from the same store reads as `/faq stats`, `/faq gaps` and `/faq suggestions`, so it says
nothing those commands would not; who receives it and when is decided in `bot.assistant.digests`.
"""

from __future__ import annotations

import datetime as dt

from bot.faq.base import FaqRequest
from bot.faq.gap_commands import GapCommands
from bot.i18n import t
from bot.models import Reply

DIGEST_DAYS = 7
TOP_GAPS = 5
TOP_SUGGESTIONS = 3


def period_of(moment: dt.datetime) -> str:
    """The ISO week a moment falls in ("2026-W48"): one digest per community per period."""
    year, week, _ = moment.astimezone(dt.UTC).isocalendar()
    return f"{year}-W{week:02d}"


class DigestCommands(GapCommands):
    """`digest(community)`: the weekly summary as a Reply in the community's language."""

    async def digest(self, community_id: str) -> Reply:
        settings = await self._store.get_settings(community_id)
        loc = settings.locale
        req = FaqRequest(community_id=community_id, actor="digest", is_moderator=True, locale=loc)
        stats = await self._store.stats(community_id, DIGEST_DAYS)
        asked = stats.answered + stats.unanswered
        lines = [
            t("faq.digest_answered", loc, pct=round(100 * stats.answered / asked), answered=stats.answered,
              asked=asked) if asked else t("faq.digest_quiet", loc),
        ]
        votes = stats.helpful + stats.not_helpful
        lines.append(
            t("faq.digest_helpful", loc, pct=round(100 * stats.helpful / votes), votes=votes)
            if votes else t("faq.stats_no_votes", loc)
        )
        week_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=DIGEST_DAYS)
        groups = await self._gap_groups(req, "question")
        recent = [g for g in groups if g.last_seen.astimezone(dt.UTC) >= week_ago] or groups
        bullets = [
            t("faq.digest_gap", loc, n=g.number, text=g.text, count=g.count) for g in recent[:TOP_GAPS]
        ]
        if not bullets:
            lines.append(t("faq.digest_no_gaps", loc))
        pending = await self._store.learned(community_id)
        if pending:
            lines.append(t("faq.digest_suggestions", loc, n=len(pending)))
            bullets += [
                t("faq.digest_suggestion", loc, n=s.number, text=s.text, id=s.entry_id, count=s.count)
                for s in pending[:TOP_SUGGESTIONS]
            ]
        lines.append(t("faq.digest_footer", loc))
        return Reply(kind="info", locale=loc, title=t("faq.digest_title", loc), body="\n".join(lines),
                     bullets=bullets)
