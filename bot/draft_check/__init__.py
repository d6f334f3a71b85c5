"""Draft-post checker: situation rules plus a learned second opinion flag patient identifiers, missing consent,
unlawful advertising, undisclosed interests, unprofessional remarks and individual medical advice, each with
the span, why, the guidance it comes from and a concrete fix.
"""

from bot.draft_check.engine import check_draft, opinion_if_ready, summarise
from bot.draft_check.types import MAX_DRAFT_CHARS, CheckResult, EmptyDraft, Flag

__all__ = ["MAX_DRAFT_CHARS", "CheckResult", "EmptyDraft", "Flag", "check_draft", "opinion_if_ready", "summarise"]
