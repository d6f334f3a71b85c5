"""Matching beyond phrasings: named bodies, networks and countries steer; near-domain how-tos fall back
with the related entry; clarify never offers one option, duplicate titles, or a network vs its own
statistics on a plain question."""

from __future__ import annotations

import numpy as np
import pytest

from bot.config import MatchSettings
from bot.knowledge import KnowledgeError
from bot.matching import Matcher
from bot.matching.entities import EntityIndex, asks_rules, asks_statistics, mentions
from bot.matching.matcher import extra_texts
from bot.matching.near_domain import parse_near_domain
from bot.matching.normalize import fold
from bot.models import Entry


def entry(entry_id: str, topic: str, questions: list[str], tags: list[str] | None = None,
          title: str | None = None) -> Entry:
    data: dict[str, object] = {"id": entry_id, "topic": topic, "questions": {"en": questions},
                               "answer": {"en": f"About {entry_id}."}, "tags": tags or []}
    if title is not None:
        data["title"] = {"en": title}
    return Entry.model_validate(data)


# Ids and tags as the knowledge files write them; no entity is named in code for a particular entry.
KB = [
    entry("rules-overview", "rules", ["what are the rules for doctors online"], ["rules", "overview"]),
    entry("rule-patient-photos", "rules", ["can I post patient photos"], ["photos", "consent"]),
    entry("body-gmc", "rules", ["what the regulator expects of doctors online"], ["gmc", "uk"]),
    entry("body-ahpra", "rules", ["what the regulator expects of practitioners"], ["ahpra"]),
    entry("body-cgcom", "rules", ["codigo deontologico y redes"], ["omc", "spain"]),
    entry("network-linkedin", "networks", ["linkedin for doctors"], ["linkedin"]),
    entry("network-tiktok", "networks", ["tiktok for doctors"], ["tiktok"]),
    entry("stats-linkedin", "statistics", ["how many doctors use linkedin"], ["statistics", "linkedin"]),
    entry("stats-australian-doctors", "statistics", ["australian doctors online"], ["statistics", "australia"]),
    entry("sermo", "medical-networks", ["what is sermo"], ["sermo", "usa"]),
]
IDS = [e.id for e in KB]
SETTINGS = MatchSettings()


def steered(text: str, start: dict[str, float]) -> dict[str, float]:
    index = EntityIndex(KB)
    confidence = np.asarray([start.get(i, 0.0) for i in IDS])
    result = index.steer(confidence, index.steering(text), SETTINGS)
    return dict(zip(IDS, result.tolist(), strict=True))


def best(scores: dict[str, float]) -> str:
    return max(scores, key=lambda k: scores[k])


# --- recognising entities ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what does the GMC say", {"gmc"}),
        ("general medical council guidance", {"gmc"}),
        ("que dice la OMC", {"cgcom"}),
        ("normas del colegio de medicos", {"cgcom"}),
        ("que dice el colegio de medicos de francia", {"cnom", "france"}),  # a generic name takes the country's body
        ("colegio de medicos de mexico y redes", {"cofepris", "mexico"}),
        ("la OMC y el colegio de medicos de francia", {"cgcom", "france"}),  # Spain's body named outright stays
        ("Ordre des médecins et réseaux", {"cnom"}),
        ("medical board of australia rules", {"ahpra"}),
        ("rules in the US", {"us"}),
        ("can patients contact us", set()),  # the pronoun is not the country
        ("AMA guidance", {"ama"}),
        ("ama tu trabajo", set()),  # Spanish "loves" is not the association
        ("is X good for doctors", {"twitter"}),
        ("facebok for doctors", {"facebook"}),  # a typo in a long name
        ("reglas basicas para un medico", set()),  # but "medico" is not a typo of "mexico"
        ("a thread about my patient", set()),
        ("how many australian doctors use tiktok", {"australia", "tiktok"}),
        ("medicos mexicanos en google maps", {"mexico", "review-sites"}),
    ],
)
def test_mentions(text: str, expected: set[str]) -> None:
    assert mentions(text) == expected


def test_medical_networks_are_named_by_their_entry_ids() -> None:
    index = EntityIndex(KB)
    assert "sermo" in index.mentions("is sermo legit")
    assert index.network_entry({"sermo"}) == IDS.index("sermo")
    assert index.network_entry({"linkedin"}) == IDS.index("network-linkedin")


@pytest.mark.parametrize("text", ["what share of doctors use linkedin", "cuantos medicos usan tiktok",
                                  "percentage of surgeons on x", "linkedin numbers for physicians"])
def test_statistics_cue(text: str) -> None:
    assert asks_statistics(fold(text))


@pytest.mark.parametrize("text", ["linkedin for doctors", "should I be on tiktok", "what does sermo offer"])
def test_no_statistics_cue(text: str) -> None:
    assert not asks_statistics(fold(text))


def test_rules_cue() -> None:
    assert asks_rules("what does the gmc say about social media")
    assert asks_rules("normas para medicos en redes")
    assert not asks_rules("linkedin for doctors")


# --- steering ------------------------------------------------------------------------------------------


def test_a_named_body_prefers_its_own_entry() -> None:
    scores = steered("what does the GMC say about social media", {"rules-overview": 0.6, "body-gmc": 0.5,
                                                                  "body-ahpra": 0.5})
    assert best(scores) == "body-gmc"
    assert scores["body-ahpra"] < 0.5


def test_a_country_with_a_rules_question_prefers_that_countrys_body() -> None:
    scores = steered("social media rules for doctors in australia",
                     {"rules-overview": 0.6, "body-ahpra": 0.45, "stats-australian-doctors": 0.55})
    assert best(scores) == "body-ahpra"
    spanish = steered("reglas para medicos en redes en espana", {"rules-overview": 0.6, "body-cgcom": 0.45})
    assert best(spanish) == "body-cgcom"


def test_a_country_with_a_rules_question_puts_that_countrys_body_before_the_overview() -> None:
    scores = steered("reglas para medicos en redes en espana", {"rules-overview": 0.99, "body-cgcom": 0.2})
    assert best(scores) == "body-cgcom"
    stats_first = steered("social media rules for doctors in australia",
                          {"stats-australian-doctors": 0.95, "body-ahpra": 0.1})
    assert best(stats_first) == "body-ahpra"


def test_a_specific_rule_still_beats_the_countrys_body() -> None:
    scores = steered("can I post patient photos in spain", {"rule-patient-photos": 0.9, "body-cgcom": 0.3})
    assert best(scores) == "rule-patient-photos"


def test_a_country_with_a_figures_question_prefers_that_countrys_statistics() -> None:
    scores = steered("how many doctors in australia use social media",
                     {"body-ahpra": 0.55, "stats-australian-doctors": 0.5, "stats-linkedin": 0.5})
    assert best(scores) == "stats-australian-doctors"


def test_a_network_goes_to_its_own_entry_unless_figures_are_asked() -> None:
    plain = steered("linkedin for doctors", {"network-linkedin": 0.55, "stats-linkedin": 0.6})
    assert best(plain) == "network-linkedin"
    figures = steered("what percentage of doctors use linkedin", {"network-linkedin": 0.6, "stats-linkedin": 0.55})
    assert best(figures) == "stats-linkedin"
    other = steered("tiktok for doctors", {"network-linkedin": 0.6, "network-tiktok": 0.5})
    assert best(other) == "network-tiktok"


def test_naming_an_entity_never_makes_an_implausible_entry_answerable() -> None:
    scores = steered("what is the capital of australia", {"stats-australian-doctors": 0.0, "body-ahpra": 0.02})
    assert scores["stats-australian-doctors"] == 0.0
    assert scores["body-ahpra"] < SETTINGS.clarify_threshold


def test_a_question_naming_nothing_is_not_steered() -> None:
    index = EntityIndex(KB)
    assert not index.steering("how do I stay professional online").active


# --- beyond phrasings ---------------------------------------------------------------------------------


def test_extra_texts_are_title_summary_tags_and_first_answer_sentences() -> None:
    rich = Entry.model_validate({
        "id": "x", "topic": "t", "questions": {"en": ["q"]}, "title": {"en": "Title", "es": "Título"},
        "summary": {"en": "A summary."}, "tags": ["friend-requests"],
        "answer": {"en": "First sentence here. Second one is here. Third one as well. Fourth is dropped."},
    })
    about, sentences = extra_texts(rich, 3)
    assert about == ["Title", "Título", "A summary.", "friend requests"]
    assert sentences == ["First sentence here.", "Second one is here.", "Third one as well."]


def test_answer_text_reaches_questions_no_phrasing_covers() -> None:
    """An entry is found by what its answer says, weighted below phrasings."""
    kb = [
        Entry.model_validate({"id": "parking", "topic": "t", "questions": {"en": ["where can I park"]},
                              "answer": {"en": "Staff park on level minus two of the visitor garage."}}),
        Entry.model_validate({"id": "canteen", "topic": "t", "questions": {"en": ["when does the canteen open"]},
                              "answer": {"en": "The cafeteria serves hot meals from seven until three."}}),
    ]
    question = "hot meals in the cafeteria"
    without = {c.entry.id: c.score for c in Matcher(kb, MatchSettings(extra_weight=0, answer_weight=0)).rank(question)}
    with_answers = Matcher(kb, MatchSettings()).rank(question)
    assert with_answers[0].entry.id == "canteen"
    assert with_answers[0].score > without["canteen"]


# --- near-domain how-tos ---------------------------------------------------------------------------------


def test_parse_near_domain_refuses_bad_lines() -> None:
    topics = parse_near_domain("# c\n[posting-times] posting times | horarios\nbest time to post\n")
    assert topics[0].key == "posting-times" and topics[0].label.get("es") == "horarios"
    assert topics[0].examples == ["best time to post"]
    with pytest.raises(KnowledgeError, match="line 1"):
        parse_near_domain("an example before a header\n")
    with pytest.raises(KnowledgeError, match="line 1"):
        parse_near_domain("[Bad Key] x | y\nexample\n")
    with pytest.raises(KnowledgeError, match="at least one example"):
        parse_near_domain("[empty] nothing | nada\n")


@pytest.mark.parametrize(
    ("text", "topic", "related", "locale"),
    [
        ("best time to post on linkedin", "posting-times", "network-linkedin", "en"),
        ("which microphone should I get for my youtube videos", "equipment", "network-youtube", "en"),
        ("a que hora me conviene subir fotos a insta", "posting-times", "network-instagram", "es"),
        ("how do I get verified with the blue check", "verification", None, "en"),
    ],
)
def test_near_domain_how_to_falls_back_with_the_related_entry(
    matcher: Matcher, text: str, topic: str, related: str | None, locale: str
) -> None:
    result = matcher.match(text)
    assert (result.kind, result.reason) == ("fallback", "near_domain"), result.candidates
    assert result.topic is not None and result.topic.key == topic
    assert (result.related.id if result.related else None) == related
    assert result.locale == locale


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can I post a patient's x-ray on instagram", "rule-patient-photos"),
        ("linkedin for doctors", "network-linkedin"),
        ("what should a doctor post on instagram and what to avoid", "network-instagram"),
    ],
)
def test_in_scope_questions_about_posting_are_still_answered(matcher: Matcher, text: str, expected: str) -> None:
    result = matcher.match(text)
    assert result.kind == "answer" and result.top is not None and result.top.entry.id == expected


# --- the curated knowledge: network vs statistics ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("linkedin for doctors", "network-linkedin"),
        ("what share of doctors use linkedin", "stats-linkedin"),
        ("instagram for physicians", "network-instagram"),
        ("porcentaje de medicos en instagram", "stats-instagram"),
        ("twiter usage numbers for docs", "stats-twitter"),
        ("how many australian doctors use social media", "stats-australian-doctors"),
    ],
)
def test_network_or_its_statistics(matcher: Matcher, text: str, expected: str) -> None:
    result = matcher.match(text)
    assert result.kind == "answer" and result.top is not None and result.top.entry.id == expected


# --- clarify rules --------------------------------------------------------------------------------------

SAME_TITLE = [
    entry("a", "t", ["how do I verify my profile", "profile badge"], title="Verification"),
    entry("b", "t", ["how do I verify my profile", "account e-mail"], title="Verification"),
    entry("c", "t", ["where can I park", "parking"], title="Parking"),
]


def test_two_options_with_the_same_title_are_one_answer() -> None:
    result = Matcher(SAME_TITLE).match("how do I verify my profile")
    assert result.kind == "answer" and result.top is not None and result.top.entry.id in {"a", "b"}


def test_one_option_is_a_yes_no_question() -> None:
    score = Matcher(SAME_TITLE).match("where can I park").score
    unsure = Matcher(SAME_TITLE, MatchSettings(answer_threshold=min(1.0, score + 0.001),
                                               clarify_threshold=max(0.0, score - 0.05)))
    result = unsure.match("where can I park")
    assert (result.kind, result.reason) == ("clarify", "confirm")
    assert [c.entry.id for c in result.candidates] == ["c"]


def test_clarify_never_lists_duplicates_or_a_single_option(matcher: Matcher, curated: list[Entry]) -> None:
    questions = [q for e in curated[::7] for _, q in e.questions.all()[:2]]
    for text in [*questions, "social media", "doctors online", "redes", "patients", "rules"]:
        result = matcher.match(text)
        if result.kind == "clarify":
            titles = [c.entry.display_title(result.locale) for c in result.candidates]
            assert len(titles) == len(set(titles)), text
            assert result.reason == "confirm" or len(titles) >= 2, text
            ids = [c.entry.id for c in result.candidates]
            networks = {i.removeprefix("network-") for i in ids if i.startswith("network-")}
            stats = {i.removeprefix("stats-") for i in ids if i.startswith("stats-")}
            assert not networks & stats, text
