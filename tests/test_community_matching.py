"""A community's own entries: open vocabulary, instant effect, scoped to that community."""

from __future__ import annotations

import pytest

from bot.matching import Matcher
from bot.matching.open_index import DocumentFrequencies, GramVocabulary, OpenPhraseIndex
from bot.models import Entry, Localized, LocalizedList
from tests.conftest import copy_of


def community_entry(entry_id: str, *questions: str) -> Entry:
    return Entry(id=entry_id, topic="community", questions=LocalizedList(en=list(questions)),
                 answer=Localized(en=f"answer of {entry_id}"))


@pytest.fixture(scope="module")
def matcher(pristine_matcher: Matcher) -> Matcher:
    built = copy_of(pristine_matcher)
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


def test_a_linked_phrasing_routes_to_a_curated_entry_in_that_community_only(matcher: Matcher) -> None:
    question = "that anonymous app where doctors chat with each other"
    before = matcher.match(question, "group-link").top
    assert before is not None and before.entry.id != "sermo"  # the miss a moderator wants to fix
    sermo = matcher.entry("sermo")
    assert sermo is not None
    matcher.set_community("group-link", [community_entry("c1", "Where is the staff parking?")],
                          links={"sermo": [question], "c1": ["where do I leave my car"]})
    result = matcher.match(question, "group-link")
    assert result.kind == "answer" and result.top is not None and result.top.entry is sermo  # the curated answer
    assert [c.entry.id for c in result.candidates].count("sermo") == 1  # linked and curated rank once
    own = matcher.match("where do I leave my car", "group-link")
    assert own.kind == "answer" and own.top is not None and own.top.entry.id == "c1"
    elsewhere = matcher.match(question, "group-a").top
    assert elsewhere is not None and elsewhere.entry.id == before.entry.id  # other communities unchanged
    assert matcher.community_entries("group-link") == [community_entry("c1", "Where is the staff parking?")]
    matcher.set_community("group-link", [], hidden={"sermo"}, links={"sermo": [question]})
    assert all(c.entry.id != "sermo" for c in matcher.match(question, "group-link").candidates)
