"""Concept groups: the file's validation, the fourth feature block, and ranking past certainty."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from bot.config import MatchSettings
from bot.matching import Matcher
from bot.matching.concepts import CONCEPTS_FILE, ConceptError, load_concepts, parse_concepts
from bot.matching.features import Featurizer, concept_ngrams, stem
from bot.matching.normalize import normalize
from bot.models import Entry

CONCEPTS = {"risks": ["riesgos", "dangers", "lo malo", "downsides"], "figures": ["how many", "porcentaje"]}


def test_the_installed_groups_load_and_are_bilingual() -> None:
    groups = load_concepts()
    assert len(set(groups.values())) >= 30
    assert groups["riesgos"] == groups["dangers"] == groups["lo malo"]
    assert all(1 <= len(phrase.split()) <= 3 for phrase in groups)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (["a", "b"], "expected a mapping"),
        ({"risks": []}, "group 'risks': expected a non-empty list"),
        ({"risks": ["riesgo", 3]}, "group 'risks': phrase 3 is empty or not text"),
        ({"risks": ["what can go wrong"]}, "phrase 'what can go wrong' has more than 3 words"),
        ({"risks": ["riesgo"], "bad": ["riesgo"]}, "group 'bad': phrase 'riesgo' is already in group 'risks'"),
        ({"good": ["lo bueno"]}, "phrase 'lo bueno' loses a word to normalisation"),
        ({"two words": ["x"]}, "group 'two words': the name must be a plain identifier"),
    ],
)
def test_a_malformed_file_is_refused_naming_group_and_phrase(raw: Any, message: str) -> None:
    with pytest.raises(ConceptError, match=message):
        parse_concepts(raw, "concepts.yaml")


def test_an_unreadable_file_is_refused_with_its_name(tmp_path: Any) -> None:
    broken = tmp_path / "concepts.yaml"
    broken.write_text("risks: [riesgos\n", encoding="utf-8")
    with pytest.raises(ConceptError, match=r"concepts\.yaml: cannot be read"):
        load_concepts.__wrapped__(broken)
    assert CONCEPTS_FILE.name == "concepts.yaml"


def test_concept_phrases_of_up_to_three_words_are_found() -> None:
    assert "antes y despues" in concept_ngrams("fotos antes y despues en instagram")
    assert "lo malo" in concept_ngrams("lo malo de las redes")


def test_a_synonym_no_phrasing_used_shares_a_feature_only_with_concepts() -> None:
    texts = ["what are the dangers of social media", "how many doctors use twitter"]
    concepts = parse_concepts(CONCEPTS, "test")
    plain = Featurizer(texts, char_range=(2, 4), stems=True)
    grouped = Featurizer(texts, char_range=(2, 4), stems=True, concepts=concepts, concept_weight=0.5)

    def cosine(featurizer: Featurizer, a: str, b: str) -> float:
        rows = featurizer.transform([a, b])
        return float(rows[0].multiply(rows[1]).sum())

    # "downsides" and "dangers" share little but the concept
    assert cosine(grouped, "downsides", "dangers") > cosine(plain, "downsides", "dangers") + 0.1
    assert cosine(grouped, "downsides", "how many") <= cosine(plain, "downsides", "how many")  # another concept


def test_concept_features_equal_sklearn(curated: list[Entry]) -> None:
    """The hand-rolled fourth block gives what a scikit-learn TfidfVectorizer over concept ids gives."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion
    from sklearn.preprocessing import normalize as l2_normalize

    concepts = load_concepts()
    training = [q for e in curated for _, q in e.questions.all()]
    featurizer = Featurizer(training, char_range=(2, 4), word_weight=0.7, stems=True, concepts=concepts,
                            concept_weight=0.3)

    def stemmed(text: str) -> str:
        return " ".join(stem(w) for w in text.split())

    def concept_ids(text: str) -> list[str]:
        return [concepts[g] for g in concept_ngrams(text) if g in concepts] or ["_"]

    union = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b")),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2)),
            ("stems", TfidfVectorizer(sublinear_tf=True, token_pattern=r"(?u)\b\w+\b", preprocessor=stemmed)),
            ("concepts", TfidfVectorizer(sublinear_tf=True, analyzer=concept_ids)),
        ],
        transformer_weights={"words": 0.7, "chars": 1.0, "stems": 1.0, "concepts": 0.3},
    ).fit([normalize(t) or "_" for t in training])
    texts = [normalize(q) for e in curated[:30] for _, q in e.questions.all()[:3]]
    texts += ["lo malo de las redes", "downsides risks dangers", "sermo", ""]
    for text in texts:
        query = featurizer.query(text)
        fast = np.zeros(featurizer.width, dtype=np.float32)
        fast[query.columns] = query.values
        slow = l2_normalize(union.transform([text or "_"])).toarray().ravel()
        if not any(g in concepts for g in concept_ngrams(text)):
            continue  # sklearn's "_" placeholder is a column of its own; the fast path leaves the block empty
        assert np.allclose(fast, slow, atol=1e-6), text


@pytest.mark.parametrize(("second", "kind"), [(1.1, "answer"), (1.295, "clarify")])
def test_two_entries_past_certainty_are_still_told_apart(
    pristine_matcher: Matcher, monkeypatch: pytest.MonkeyPatch, second: float, kind: str
) -> None:
    """Steering can lift two entries above 1; the matcher ranks and measures their gap before capping."""
    matcher = pristine_matcher
    confidence = np.zeros(len(matcher.entries))
    confidence[[0, 1]] = [1.3, second]

    def scored(text: str, community_id: str | None) -> tuple[Any, ...]:
        return confidence.copy(), [], None, matcher.entities.steering(""), None

    monkeypatch.setattr(matcher, "_score", scored)
    result = matcher.match("which social network suits me best")
    assert result.kind == kind
    assert result.top is not None and result.top.entry.id == matcher.entries[0].id
    assert all(c.score <= 1.0 for c in result.candidates)


def test_concepts_can_be_switched_off() -> None:
    settings = MatchSettings(concept_weight=0)
    texts = ["what are the dangers of social media"]
    assert Featurizer(texts, concepts=None).width == Featurizer(texts, concepts={}).width
    assert settings.concept_weight == 0


def test_concepts_work_without_the_stems_part() -> None:
    """With stems off (DOCSOCIAL_MATCH_STEM_FEATURES=false) the concepts are the third part, not lost."""
    texts = ["what are the dangers of social media", "how many doctors use twitter"]
    concepts = parse_concepts(CONCEPTS, "test")
    featurizer = Featurizer(texts, char_range=(2, 4), stems=False, concepts=concepts, concept_weight=0.5)
    rows = featurizer.transform(["downsides", "dangers"])
    concept_block = slice(featurizer.width - 2, featurizer.width)  # the two groups' columns come last
    assert rows[0].toarray()[0, concept_block].any() and rows[1].toarray()[0, concept_block].any()
