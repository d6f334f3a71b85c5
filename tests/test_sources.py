"""The source registry: curated entries cite it by id, validation refuses unknown and unused ids,
footers stay short and `/sources` lists each publication once, grouped by publisher."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.knowledge import CURATED_DIR, KnowledgeError, load_directory
from bot.models import Entry
from bot.sources import (
    FOOTER_BUDGET,
    Source,
    SourceRegistry,
    cited_refs,
    curated_registry,
    footer,
    inline,
    listing,
    read_registry,
)
from bot.views import sources_reply
from tests.conftest import KnowledgeWriter, minimal_entry, run_cli


def source(source_id: str, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": source_id,
        "publisher": "GMC",
        "kind": "guidance",
        "title": f"Title of {source_id}",
        "year": 2024,
        "country": "UK",
        "language": "en",
    }
    data.update(extra)
    return data


def entry(entry_id: str, sources: list[str], **extra: Any) -> dict[str, Any]:
    return minimal_entry(
        entry_id,
        {"en": [f"what is {entry_id}"], "es": [f"qué es {entry_id}"]},
        {"en": "An answer.", "es": "Una respuesta."},
        sources=sources,
        **extra,
    )


def problems_of(directory: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as info:
        load_directory(directory, curated=True)
    return str(info.value).splitlines()


REGISTRY = SourceRegistry(
    Source.model_validate(s)
    for s in [
        source("gmc-2024", title="Using social media as a medical professional"),
        source("gmc-2013", title="Doctors' use of social media", year=2013, superseded_by="gmc-2024"),
        source("ama-2010", publisher="AMA", title="Professionalism in the use of social media", year=2010),
        source("blog", publisher="Health blog", kind="article", title="Article on doctors online", year="n.d."),
        source("linked", publisher="BMA", title="Guidance", url="https://example.org/bma-guidance"),
    ]
)


# --- validation --------------------------------------------------------------------------------------


def test_valid_registry_and_citations_pass(write_knowledge: KnowledgeWriter) -> None:
    directory = write_knowledge(
        {
            "a.yaml": [entry("one", ["gmc-2024"]), entry("two", ["ama-2010", "gmc-2024"])],
            "sources.yaml": [source("gmc-2024"), source("ama-2010", publisher="AMA")],
        }
    )
    assert [e.id for e in load_directory(directory, curated=True)] == ["one", "two"]


def test_unknown_id_names_file_entry_and_field(write_knowledge: KnowledgeWriter) -> None:
    directory = write_knowledge(
        {"a.yaml": [entry("one", ["gmc-2024", "gmc-2012"])], "sources.yaml": [source("gmc-2024")]}
    )
    [problem] = problems_of(directory)
    assert problem.startswith("a.yaml: entry one: sources[1]: unknown source id 'gmc-2012'")


def test_unknown_ids_in_figures_and_rankings(write_knowledge: KnowledgeWriter) -> None:
    figure = {
        "network": "facebook",
        "value": "63%",
        "what": {"en": "use Facebook", "es": "usa Facebook"},
        "population": {"en": "doctors", "es": "médicos"},
        "year": "2021",
        "source": "medscape-typo",
    }
    ranked = {"network": "linkedin", "reason": {"en": "r", "es": "r"}, "sources": ["gmc-2024", "bma-typo"]}
    directory = write_knowledge(
        {
            "stats.yaml": [entry("stats-x", ["gmc-2024"], figures=[figure])],
            "goals.yaml": [entry("goal-x", ["gmc-2024"], ranking=[ranked])],
            "sources.yaml": [source("gmc-2024")],
        }
    )
    problems = problems_of(directory)
    assert any(p.startswith("stats.yaml: entry stats-x: figures[0].source: unknown source id") for p in problems)
    assert any(p.startswith("goals.yaml: entry goal-x: ranking[0].sources[1]: unknown source id") for p in problems)
    assert len(problems) == 2


def test_free_text_source_refused_in_curated_mode(write_knowledge: KnowledgeWriter) -> None:
    directory = write_knowledge(
        {"a.yaml": [entry("one", ["GMC, Using social media, 2024"])], "sources.yaml": [source("gmc-2024")]}
    )
    problems = problems_of(directory)
    assert (
        "a.yaml: entry one: sources[0]: unknown source id 'GMC, Using social media, 2024': not in sources.yaml"
        in problems
    )
    assert "sources.yaml: entry gmc-2024: (entry): no entry cites this source: cite it or remove it" in problems


def test_unused_registry_entry_is_named(write_knowledge: KnowledgeWriter) -> None:
    directory = write_knowledge(
        {"a.yaml": [entry("one", ["gmc-2024"])], "sources.yaml": [source("gmc-2024"), source("forgotten")]}
    )
    [problem] = problems_of(directory)
    assert problem.startswith("sources.yaml: entry forgotten:") and "no entry cites this source" in problem


@pytest.mark.parametrize("missing", ["publisher", "title", "year", "kind"])
def test_registry_entry_missing_a_required_field(write_knowledge: KnowledgeWriter, missing: str) -> None:
    broken = {k: v for k, v in source("gmc-2024").items() if k != missing}
    directory = write_knowledge({"a.yaml": [entry("one", ["gmc-2024"])], "sources.yaml": [broken]})
    [problem] = problems_of(directory)  # the citation of a broken entry is not reported a second time
    assert problem == f"sources.yaml: entry gmc-2024: {missing}: Field required"


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("year", 24, "four-digit year"),
        ("year", "recent", "n.d."),
        ("id", "GMC 2024", "kebab"),
        ("url", "www.gmc-uk.org", "http"),
        ("publisher", "", "at least 1 character"),
        ("colour", "blue", "not permitted"),
    ],
)
def test_registry_entry_bad_values(write_knowledge: KnowledgeWriter, field: str, value: object, words: str) -> None:
    directory = write_knowledge(
        {"a.yaml": [entry("one", ["gmc-2024"])], "sources.yaml": [source("gmc-2024", **{field: value})]}
    )
    problems = problems_of(directory)
    assert any(f": {field}" in p and words in p for p in problems), problems


def test_registry_duplicate_and_unknown_superseded_by(write_knowledge: KnowledgeWriter) -> None:
    directory = write_knowledge(
        {
            "a.yaml": [entry("one", ["gmc-2024", "gmc-2013"])],
            "sources.yaml": [source("gmc-2024"), source("gmc-2024"), source("gmc-2013", superseded_by="gmc-2030")],
        }
    )
    problems = problems_of(directory)
    assert "sources.yaml: entry gmc-2024: id: duplicate id" in problems
    assert "sources.yaml: entry gmc-2013: superseded_by: unknown source id 'gmc-2030'" in problems


def test_curated_mode_needs_a_registry(write_knowledge: KnowledgeWriter) -> None:
    directory = write_knowledge({"a.yaml": [entry("one", ["gmc-2024"])]})
    [problem] = problems_of(directory)
    assert problem.startswith("sources.yaml: entry -: (file): not found")


def test_broken_registry_yaml_is_named(write_knowledge: KnowledgeWriter) -> None:
    directory = write_knowledge({"a.yaml": [entry("one", ["gmc-2024"])], "sources.yaml": "- id: [\n"})
    [problem] = problems_of(directory)
    assert problem.startswith("sources.yaml: entry -: (file): not valid YAML at line")


def test_outside_curated_mode_free_text_is_fine_and_the_registry_is_not_an_entry_file(
    write_knowledge: KnowledgeWriter,
) -> None:
    directory = write_knowledge(
        {"faq.yaml": [entry("parking", ["Moderators of the group"])], "sources.yaml": [source("unused")]}
    )
    assert [e.id for e in load_directory(directory)] == ["parking"]


def test_kb_validate_cli_names_unknown_source(write_knowledge: KnowledgeWriter, tmp_path: Path) -> None:
    directory = write_knowledge({"a.yaml": [entry("one", ["nowhere"])], "sources.yaml": [source("gmc-2024")]})
    result = run_cli(["kb", "validate", str(directory), "--strict"], tmp_path / "db.sqlite")
    assert result.returncode != 0
    assert "a.yaml: entry one: sources[0]: unknown source id 'nowhere'" in result.stderr
    assert "sources.yaml: entry gmc-2024: (entry): no entry cites this source" in result.stderr


# --- the shipped registry ----------------------------------------------------------------------------


def test_curated_registry_is_valid_and_fully_used(curated: list[Entry]) -> None:
    registry, issues = read_registry(CURATED_DIR / "sources.yaml")
    assert issues == []
    cited = {ref for e in curated for _, ref in cited_refs(e)}
    assert cited == set(registry.ids())
    assert len(curated_registry()) == len(registry) >= 40


def test_curated_registry_names_no_seed_file_and_no_invented_address() -> None:
    for item in (curated_registry().get(i) for i in curated_registry().ids()):
        assert item is not None
        text = " ".join([item.id, item.publisher, item.title, item.short or ""]).lower()
        assert "seed" not in text and "research file" not in text and ".txt" not in text, item.id
        assert item.url is None or item.url.startswith("https://"), item.id


def test_curated_superseded_texts_point_forward() -> None:
    registry = curated_registry()
    gmc_2013 = registry.get("gmc-social-media-2013")
    fsmb_2012 = registry.get("fsmb-social-media-2012")
    assert gmc_2013 is not None and gmc_2013.superseded_by == "gmc-social-media-2024"
    assert fsmb_2012 is not None and fsmb_2012.superseded_by == "fsmb-social-media-2019"


# --- rendering ---------------------------------------------------------------------------------------


def test_footer_names_publisher_short_title_and_year() -> None:
    assert footer(["gmc-2024", "ama-2010"], "en", REGISTRY) == [
        "GMC, Using social media as a medical professional (2024)",
        "AMA, Professionalism in the use of social media (2010)",
    ]


def test_footer_without_a_date_and_free_text() -> None:
    assert footer(["blog", "Moderators of the group"], "en", REGISTRY) == [
        "Health blog, Article on doctors online",
        "Moderators of the group",
    ]


def test_footer_deduplicates() -> None:
    assert footer(["gmc-2024", "gmc-2024", "ama-2010"], "en", REGISTRY) == footer(
        ["gmc-2024", "ama-2010"], "en", REGISTRY
    )


@pytest.mark.parametrize(("locale", "more"), [("en", "and 3 more"), ("es", "y 3 más")])
def test_footer_is_cut_with_and_n_more(locale: str, more: str) -> None:
    refs = ["gmc-2024", "gmc-2013", "ama-2010", "blog", "linked"]
    shown = footer(refs, locale, REGISTRY, budget=110)  # type: ignore[arg-type]
    assert shown[-1] == more and len(shown) == 3
    assert len("; ".join(shown)) <= 110


def test_footer_keeps_the_first_citation_even_when_long() -> None:
    shown = footer(["gmc-2024", "ama-2010"], "en", REGISTRY, budget=10)
    assert shown == ["GMC, Using social media as a medical professional (2024)", "and 1 more"]


def test_curated_footers_fit_two_lines(curated: list[Entry]) -> None:
    for item in curated:
        shown = footer(item.sources, "en")
        assert shown, item.id
        if len(shown) > 1:
            assert len("; ".join(shown)) <= FOOTER_BUDGET, item.id


def test_inline_citation_is_brief() -> None:
    assert inline("ama-2010", REGISTRY) == "AMA 2010"
    assert inline("blog", REGISTRY) == "Health blog, Article on doctors online"
    assert inline("free text", REGISTRY) == "free text"


def test_listing_groups_by_publisher_once_each_with_year_and_link() -> None:
    lines = listing(
        ["gmc-2024", "ama-2010", "gmc-2013", "gmc-2024", "blog", "linked", "A moderator note"], "en", REGISTRY
    )
    gmc = next(line for line in lines if line.startswith("GMC: "))
    assert gmc == (
        "GMC: Using social media as a medical professional (2024); "
        "Doctors' use of social media (2013, replaced in 2024)"
    )
    assert "BMA: Guidance (2024, https://example.org/bma-guidance)" in lines
    assert lines.index("Health blog: Article on doctors online") > lines.index(gmc)  # articles after guidance
    assert lines[-1] == "A moderator note"
    assert len(lines) == 5


def test_sources_reply_has_no_duplicate_publication(curated: list[Entry]) -> None:
    reply = sources_reply(curated, "en")
    pairs = [(line.split(": ", 1)[0], title) for line in reply.bullets for title in line.split(": ", 1)[1].split("; ")]
    assert len(pairs) == len(set(pairs)) == len(curated_registry())
    registry = curated_registry()
    publishers = {source.publisher for source in (registry.get(i) for i in registry.ids()) if source is not None}
    assert len(reply.bullets) == len(publishers)  # every cited publication, sources and figures alike
