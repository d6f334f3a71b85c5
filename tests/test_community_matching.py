"""A community's own entries: open vocabulary, instant effect, scoped to that community."""

from __future__ import annotations

import pytest

from bot.config import MatchSettings
from bot.knowledge import CURATED_DIR, load_curated
from bot.matching import Matcher
from bot.matching.open_index import DocumentFrequencies, GramVocabulary, OpenPhraseIndex
from bot.models import Entry, Localized, LocalizedList


def community_entry(entry_id: str, *questions: str) -> Entry:
    return Entry(id=entry_id, topic="community", questions=LocalizedList(en=list(questions)),
                 answer=Localized(en=f"answer of {entry_id}"))


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    built = Matcher.from_directory(CURATED_DIR, load_curated(), MatchSettings())
    built.set_community("group-a", [
        community_entry("c1", "Where is the staff parking?"),
        community_entry("c2", "When is the next journal club?"),
    ])
    return built


@pytest.mark.parametrize(("question", "expected"), [
    ("where can staff park", "c1"),  # "park" is a truncation of a known word, not a typo of "para"
    ("parking for staff?", "c1"),
    ("journal club this week?", "c2"),
    ("when's the next jornal club", "c2"),  # typo
])
def test_paraphrases_of_words_the_curated_set_never_saw_are_answered(
        matcher: Matcher, question: str, expected: str) -> None:
    result = matcher.match(question, "group-a")
    assert result.kind == "answer" and result.top is not None and result.top.entry.id == expected


@pytest.mark.parametrize("question", ["best pizza in town", "what's the weather tomorrow", "who won the match"])
def test_unrelated_questions_still_fall_back_in_a_community(matcher: Matcher, question: str) -> None:
    assert matcher.match(question, "group-a").kind == "fallback"


def test_community_entries_do_not_leak_into_other_communities_or_private_chats(matcher: Matcher) -> None:
    for community in ("group-b", None):
        result = matcher.match("where can staff park", community)
        assert all(c.entry.id not in {"c1", "c2"} for c in result.candidates)


def test_curated_answers_are_unchanged_inside_a_community(matcher: Matcher) -> None:
    result = matcher.match("what is sermo", "group-a")
    assert result.kind == "answer" and result.top is not None and result.top.entry.id == "sermo"


def test_a_new_entry_takes_effect_immediately(matcher: Matcher) -> None:
    assert matcher.match("is there a hospital creche for staff kids", "group-c").kind == "fallback"
    matcher.set_community("group-c", [community_entry("c1", "Does the hospital have a creche for staff children?")])
    result = matcher.match("is there a hospital creche for staff kids", "group-c")
    assert result.kind == "answer" and result.top is not None and result.top.entry.id == "c1"


def test_rare_words_weigh_more_than_common_ones() -> None:
    base = DocumentFrequencies(["what is the best network", "what is sermo", "what is doximity"])
    entries = [community_entry("c1", "what is the rota"), community_entry("c2", "who is on call")]
    index = OpenPhraseIndex(entries, GramVocabulary(base))
    scores = index.scores("rota what")
    assert scores[0] > scores[1] and scores[0] > 0.5
