"""Rule-based draft-post checker: flags patient identifiers, missing consent, unlawful advertising,
undisclosed interests, unprofessional remarks and individual medical advice, each with why, source and fix.
"""

from bot.draft_check.engine import check_draft, summarise
from bot.draft_check.types import MAX_DRAFT_CHARS, CheckResult, Flag

__all__ = ["MAX_DRAFT_CHARS", "CheckResult", "Flag", "check_draft", "summarise"]
