"""The community FAQ: moderators' `/faq` commands, the guided add, unanswered questions."""

from bot.faq.service import LOCAL_COMMUNITY, FaqLimits, FaqRequest, FaqService

__all__ = ["LOCAL_COMMUNITY", "FaqLimits", "FaqRequest", "FaqService"]
