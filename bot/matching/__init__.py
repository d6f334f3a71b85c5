"""Fuzzy intent matching: normalise, score every entry, decide answer / clarify / fallback."""

from bot.matching.matcher import Candidate, Matcher, MatchResult

__all__ = ["Candidate", "MatchResult", "Matcher"]
