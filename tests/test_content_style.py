"""What a doctor reads: no internal jargon (seed files, "the research file"), Spanish in "usted",
answers that open with the bottom line and stay short, dated platform facts, superseded texts flagged.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.knowledge import CURATED_DIR, KnowledgeError, load_directory, load_file
from bot.models import Entry
from bot.sources import curated_registry
from tests.conftest import KnowledgeWriter, minimal_entry

REPO = Path(__file__).resolve().parent.parent
# Files whose answer text is exempt from the style checks while it is being rewritten (none now);
# jargon in their titles and summaries is checked regardless.
PENDING_STYLE: set[str] = set()
JARGON = re.compile(r"\bseeds?\b|research (?:file|notes)|\b\d{3}_[0-9a-f]{16}\b", re.IGNORECASE)
TU_FORMS = re.compile(
    r"\b(?:tú|tu|tus|te|ti|contigo|puedes|tienes|quieres|debes|sabes|eres|estás|haces|publicas|compartes|"
    r"necesitas|recibes|respondes|escribes|usas|quieras|puedas|tengas|mantén|pregúntate|plantéate|anímate|"
    r"consúltalo|hazlo)\b"
)
MAX_WORDS = {"en": 125, "es": 150}  # "under about 120 words"; Spanish runs about a sixth longer


def curated_by_file() -> Iterator[tuple[str, Entry]]:
    for path in sorted(CURATED_DIR.glob("*.yaml")):
        if path.name == "sources.yaml":
            continue
        entries, problems = load_file(path)
        assert not problems, problems
        for entry in entries:
            yield path.name, entry


CURATED = list(curated_by_file())
STYLED = [(name, entry) for name, entry in CURATED if name not in PENDING_STYLE]


def visible_texts(entry: Entry, *, answers: bool) -> Iterator[tuple[str, str]]:
    """(field, text) for everything of an entry a user can read."""
    for locale in ("en", "es"):
        if answers:
            yield f"answer.{locale}", entry.answer.get(locale)  # type: ignore[arg-type]
        if entry.title:
            yield f"title.{locale}", entry.title.get(locale)  # type: ignore[arg-type]
        if entry.summary:
            yield f"summary.{locale}", entry.summary.get(locale)  # type: ignore[arg-type]
        for i, figure in enumerate(entry.figures):
            yield f"figures[{i}].what.{locale}", figure.what.get(locale)  # type: ignore[arg-type]
            yield f"figures[{i}].population.{locale}", figure.population.get(locale)  # type: ignore[arg-type]
        for i, ranked in enumerate(entry.ranking):
            yield f"ranking[{i}].reason.{locale}", ranked.reason.get(locale)  # type: ignore[arg-type]


def test_jargon_pattern_catches_what_it_must() -> None:
    for text in ("Seed 004 says", "the research file records", "seed 000_dfa8a9a822cbc9c8.txt", "según el seed 001"):
        assert JARGON.search(text), text
    for text in ("Sermo, founded 2005", "a Mexican medical-marketing article (2021)", "succeed"):
        assert not JARGON.search(text), text


@pytest.mark.parametrize(("name", "entry"), CURATED, ids=[e.id for _, e in CURATED])
def test_no_seed_or_research_file_in_titles_and_summaries(name: str, entry: Entry) -> None:
    for field, text in visible_texts(entry, answers=name not in PENDING_STYLE):
        assert not JARGON.search(text), f"{name}: {entry.id}: {field}: {text[:80]}"


def _bot_strings() -> Iterator[tuple[str, int, str]]:
    """Every string literal in bot/ and adapters/ except docstrings: texts, labels, replies."""
    for path in sorted([*(REPO / "bot").rglob("*.py"), *(REPO / "adapters").rglob("*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                yield str(path.relative_to(REPO)), node.lineno, node.value


def test_no_seed_or_research_file_in_bot_texts() -> None:
    found = [f"{path}:{line}: {text[:60]!r}" for path, line, text in _bot_strings() if JARGON.search(text)]
    assert not found, found


@pytest.mark.parametrize(("name", "entry"), STYLED, ids=[e.id for _, e in STYLED])
def test_spanish_answers_use_usted(name: str, entry: Entry) -> None:
    for field, text in visible_texts(entry, answers=True):
        if field.endswith(".es"):
            found = TU_FORMS.findall(text.lower())
            assert not found, f"{name}: {entry.id}: {field}: tú forms {found}"


def test_tu_pattern_catches_common_forms() -> None:
    assert TU_FORMS.findall("si puedes, revisa tu perfil y tus fotos; mantén la calma".lower()) == [
        "puedes",
        "tu",
        "tus",
        "mantén",
    ]
    assert not TU_FORMS.findall("si puede, revise su perfil; usted comparte lo que publica")


@pytest.mark.parametrize(("name", "entry"), STYLED, ids=[e.id for _, e in STYLED])
def test_answers_open_with_the_bottom_line_and_stay_short(name: str, entry: Entry) -> None:
    for locale in ("en", "es"):
        text = entry.answer.get(locale)  # type: ignore[arg-type]
        first = text.split("\n", 1)[0]
        assert not first.startswith("- "), f"{entry.id}.{locale}: starts with a bullet, not the bottom line"
        assert len(text.split()) <= MAX_WORDS[locale], f"{entry.id}.{locale}: {len(text.split())} words"
        for line in text.split("\n")[1:]:
            assert line.strip(), f"{entry.id}.{locale}: blank line inside the answer"


@pytest.mark.parametrize(("name", "entry"), STYLED, ids=[e.id for _, e in STYLED])
def test_platform_facts_carry_a_review_date(name: str, entry: Entry) -> None:
    registry = curated_registry()
    platform = [s for s in entry.sources if (src := registry.get(s)) is not None and src.kind == "platform"]
    if platform:
        assert entry.review_by is not None, f"{entry.id} cites platform facts {platform} without review_by"


@pytest.mark.parametrize(("name", "entry"), STYLED, ids=[e.id for _, e in STYLED])
def test_superseded_texts_are_flagged_in_the_answer(name: str, entry: Entry) -> None:
    registry = curated_registry()
    old = [s for s in entry.sources if (src := registry.get(s)) is not None and src.superseded_by]
    if old:
        assert "replaced" in entry.answer.get("en"), f"{entry.id} cites {old} without saying they were replaced"
        assert "sustitu" in entry.answer.get("es"), f"{entry.id} cites {old} sin decir que fueron sustituidos"


def test_review_by_must_be_a_date(write_knowledge: KnowledgeWriter) -> None:
    bad = minimal_entry("x", {"en": ["q"]}, {"en": "a"}, review_by="end of 2027")
    directory = write_knowledge({"a.yaml": [bad]})
    with pytest.raises(KnowledgeError) as info:
        load_directory(directory)
    [problem] = str(info.value).splitlines()
    assert problem.startswith("a.yaml: entry x: review_by:")
    good = minimal_entry("x", {"en": ["q"]}, {"en": "a"}, review_by="2027-11-30")
    [entry] = load_directory(write_knowledge({"a.yaml": [good]}, directory="ok"))
    assert entry.review_by is not None and entry.review_by.year == 2027
