"""The knowledge loader: the curated set validates, malformed files are refused with precise messages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.knowledge import CURATED_DIR, KnowledgeError, load_directory
from bot.models import LOCALES, Entry
from tests.conftest import KnowledgeWriter, minimal_entry, run_cli

GOOD = minimal_entry(
    "sermo",
    {"en": ["What is Sermo?"], "es": ["¿Qué es Sermo?"]},
    {"en": "A network.", "es": "Una red."},
    sources=["sermo-about"],
)
REGISTRY = [
    {
        "id": "sermo-about",
        "publisher": "Sermo",
        "kind": "platform",
        "title": "About Sermo",
        "year": 2024,
        "country": "US",
        "language": "en",
    }
]
OTHER = minimal_entry("doximity", {"en": ["What is Doximity?"]}, {"en": "A directory."})


def problems_of(directory: Path, *, curated: bool = False) -> list[str]:
    with pytest.raises(KnowledgeError) as info:
        load_directory(directory, curated=curated)
    lines = str(info.value).splitlines()
    assert lines, "a KnowledgeError must list at least one problem"
    return lines


# --- the curated set --------------------------------------------------------------------------------


def test_curated_validates_in_curated_mode(curated: list[Entry]) -> None:
    assert len(curated) >= 50
    again = load_directory(CURATED_DIR, curated=True)
    assert [e.id for e in again] == [e.id for e in curated]


def test_curated_ids_unique_and_related_exist(curated: list[Entry]) -> None:
    ids = [e.id for e in curated]
    assert len(ids) == len(set(ids))
    known = set(ids)
    for entry in curated:
        assert set(entry.related) <= known, entry.id
        assert entry.id not in entry.related, f"{entry.id} relates to itself"


def test_curated_has_both_locales_and_sources(curated: list[Entry]) -> None:
    for entry in curated:
        for locale in LOCALES:
            assert entry.questions.get(locale), (entry.id, locale)
            assert entry.answer.has(locale), (entry.id, locale)
        assert entry.sources and all(s.strip() for s in entry.sources), entry.id


SPAM_AS_ADVICE = [
    r"leads for sale",
    r"\bbuy (?:our )?(?:leads|followers|likes)\b(?! or)",
    r"click here",
    r"\bdm me\b",
    r"\bget (?:free|cheap) (?:instagram )?(?:likes|followers)\b",
]


def test_curated_answers_do_not_advertise_spam(curated: list[Entry]) -> None:
    for entry in curated:
        for locale in LOCALES:
            answer = entry.answer.get(locale).lower()
            for pattern in SPAM_AS_ADVICE:
                assert not re.search(pattern, answer), (entry.id, locale, pattern)
            # Spam may only be mentioned to warn against it.
            for found in re.finditer(r"free instagram likes", answer):
                before = answer[max(0, found.start() - 60) : found.start()]
                assert re.search(r"ignore|spam|don't|do not|never|avoid|no\b", before), (entry.id, before)


def test_curated_figures_are_fully_sourced(curated: list[Entry]) -> None:
    figures = [(e.id, f) for e in curated for f in e.figures]
    assert figures, "statistics entries carry structured figures"
    for entry_id, figure in figures:
        assert figure.population.en and figure.population.es, entry_id
        # a year, or an explicit admission that the source gives none (seed 001's unnamed survey)
        assert re.search(r"\b(19|20)\d\d\b", figure.year) or figure.year == "not stated", (entry_id, figure.year)
        assert figure.source.strip(), entry_id
        assert figure.value.strip(), entry_id


# --- malformed files ----------------------------------------------------------------------------------


def test_minimal_entry_loads_without_curated_rules(write_knowledge: KnowledgeWriter) -> None:
    directory = write_knowledge({"a.yaml": [OTHER]})  # one locale, no sources: fine outside curated mode
    [entry] = load_directory(directory)
    assert entry.id == "doximity" and entry.answer.get("es") == "A directory."
    problems = problems_of(directory, curated=True)
    assert any("entry doximity: questions.es" in p for p in problems)
    assert any("entry doximity: answer.es" in p for p in problems)
    assert any("entry doximity: sources" in p for p in problems)


def test_bad_yaml_names_file_and_line(write_knowledge: KnowledgeWriter) -> None:
    text = '- id: sermo\n  topic: x\n  questions: {en: ["a"]\n  answer: {en: b}\n'
    directory = write_knowledge({"broken.yaml": text})
    [problem] = problems_of(directory)
    assert problem.startswith("broken.yaml:")
    assert "not valid YAML" in problem
    assert re.search(r"line \d+", problem)


def test_not_a_list(write_knowledge: KnowledgeWriter) -> None:
    directory = write_knowledge({"map.yaml": "id: sermo\ntopic: x\n"})
    [problem] = problems_of(directory)
    assert problem.startswith("map.yaml:") and "must contain a list of entries" in problem


def test_missing_id_reported_by_position(write_knowledge: KnowledgeWriter) -> None:
    nameless = {k: v for k, v in OTHER.items() if k != "id"}
    directory = write_knowledge({"a.yaml": [GOOD, nameless]})
    problems = problems_of(directory)
    assert "a.yaml: entry #2: id: Field required" in problems


def test_bad_id_pattern(write_knowledge: KnowledgeWriter) -> None:
    directory = write_knowledge({"a.yaml": [{**GOOD, "id": "Bad ID!"}]})
    [problem] = problems_of(directory)
    assert problem.startswith("a.yaml: entry Bad ID!: id:")
    assert "lowercase" in problem


def test_empty_answer(write_knowledge: KnowledgeWriter) -> None:
    directory = write_knowledge({"a.yaml": [{**GOOD, "answer": {"en": "   ", "es": "Una red."}}]})
    [problem] = problems_of(directory)
    assert problem.startswith("a.yaml: entry sermo: answer.en:") and "empty" in problem


def test_missing_questions(write_knowledge: KnowledgeWriter) -> None:
    directory = write_knowledge({"a.yaml": [{k: v for k, v in GOOD.items() if k != "questions"}]})
    [problem] = problems_of(directory)
    assert problem == "a.yaml: entry sermo: questions: Field required"


def test_unknown_field(write_knowledge: KnowledgeWriter) -> None:
    directory = write_knowledge({"a.yaml": [{**GOOD, "colour": "blue"}]})
    [problem] = problems_of(directory)
    assert problem.startswith("a.yaml: entry sermo: colour:") and "not permitted" in problem


def test_every_problem_is_listed_not_only_the_first(write_knowledge: KnowledgeWriter) -> None:
    directory = write_knowledge({"a.yaml": [{**GOOD, "colour": "blue"}, {**OTHER, "id": "NO"}]})
    problems = problems_of(directory)
    assert any("entry sermo: colour" in p for p in problems)
    assert any("entry NO: id" in p for p in problems)


def test_duplicate_id_across_files(write_knowledge: KnowledgeWriter) -> None:
    directory = write_knowledge({"a.yaml": [GOOD], "b.yaml": [GOOD]})
    [problem] = problems_of(directory)
    assert problem.startswith("b.yaml: entry sermo: id:") and "duplicate" in problem and "a.yaml" in problem


def test_unknown_related_id_in_curated_mode(write_knowledge: KnowledgeWriter) -> None:
    directory = write_knowledge({"a.yaml": [{**GOOD, "related": ["nowhere"]}], "sources.yaml": REGISTRY})
    assert [e.id for e in load_directory(directory)] == ["sermo"]  # not checked outside curated mode
    [problem] = problems_of(directory, curated=True)
    assert problem.startswith("a.yaml: entry sermo: related[0]:") and "nowhere" in problem


def test_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("not knowledge")
    [problem] = problems_of(tmp_path / "empty")
    assert "holds no .yaml, .yml or .json" in problem


def test_directory_without_entries_is_refused(write_knowledge: KnowledgeWriter) -> None:
    """Regression: zero entries loaded silently and crashed the vectoriser later (fixed in 0032629)."""
    directory = write_knowledge({"a.yaml": "# nothing yet\n", "b.yaml": "[]\n"})
    [problem] = problems_of(directory)
    assert "no entries" in problem or "holds no" in problem


def test_missing_directory(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path / "nope")
    assert "not found" in problem


def test_json_file_is_read_as_yaml(write_knowledge: KnowledgeWriter) -> None:
    directory = write_knowledge({"a.json": json.dumps([OTHER], indent=2)})
    [entry] = load_directory(directory)
    assert entry.id == "doximity" and entry.questions.en == ["What is Doximity?"]


def test_malformed_json_names_file_and_line(write_knowledge: KnowledgeWriter) -> None:
    directory = write_knowledge({"a.json": '[\n  {"id": "sermo",\n   "topic": "t"\n   "questions": {}}\n]\n'})
    [problem] = problems_of(directory)
    assert problem.startswith("a.json:") and re.search(r"line \d+", problem)


# --- the CLI ---------------------------------------------------------------------------------------------


def test_kb_validate_cli_reports_problems(write_knowledge: KnowledgeWriter, tmp_path: Path) -> None:
    nameless = {k: v for k, v in OTHER.items() if k != "id"}
    directory = write_knowledge({"a.yaml": [GOOD, nameless, {**OTHER, "colour": 1}], "b.yaml": "- id: [\n"})
    result = run_cli(["kb", "validate", str(directory)], tmp_path / "db.sqlite")
    assert result.returncode != 0
    assert "a.yaml: entry #2: id: Field required" in result.stderr
    assert "a.yaml: entry doximity: colour" in result.stderr
    assert "b.yaml: entry -: (file): not valid YAML at line" in result.stderr


def test_kb_validate_cli_ok_on_curated(tmp_path: Path, curated: list[Entry]) -> None:
    result = run_cli(["kb", "validate"], tmp_path / "db.sqlite")
    assert result.returncode == 0, result.stderr
    assert f"OK: {len(curated)} entries" in result.stdout
