"""Export a community's entries as a knowledge file and import one, all-or-nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from bot.exchange import UnknownCommunity, export_community, import_file
from bot.knowledge import KnowledgeError, load_file
from bot.models import Entry
from bot.storage.base import Store

TG, DC = "telegram:-100123", "discord:42"




def entry(entry_id: str, **fields: object) -> Entry:
    data: dict[str, object] = {
        "id": entry_id,
        "topic": "community",
        "questions": {"en": [f"question {entry_id}?"]},
        "answer": {"en": f"answer {entry_id}"},
    }
    data.update(fields)
    return Entry.model_validate(data)


def content(entries: list[Entry]) -> list[tuple[object, ...]]:
    """What users see of an entry, without its id."""
    return [
        (e.topic, e.questions.model_dump(), e.answer.model_dump(), e.sources, e.tags, e.review_by)
        for e in entries
    ]


async def seed(store: Store) -> list[Entry]:
    entries = [
        entry("c1"),
        entry(
            "c2",
            questions={
                "en": ["Can I use WhatsApp with patients?"],
                "es": ["¿Puedo usar WhatsApp con pacientes?"],
            },
            answer={"en": "Only with consent.", "es": "Solo con consentimiento: «sí» por escrito."},
            sources=["Moderators of the group"],
            tags=["whatsapp", "consent"],
            related=["c1", "sermo"],
            review_by=dt.date(2027, 1, 31),
            title={"en": "WhatsApp", "es": "WhatsApp"},
        ),
        entry("c3", questions={"es": ["¿Qué es Doctoralia?"]}, answer={"es": "Un directorio."}),
    ]
    for e in entries:
        await store.add_entry(TG, e, "mod")
    await store.add_entry(TG, entry("c4"), "mod")
    await store.set_deleted(TG, "c4", True, "mod")  # removed entries are not exported
    return entries


@pytest.mark.asyncio
async def test_export_is_a_valid_knowledge_file(store: Store, tmp_path: Path) -> None:
    entries = await seed(store)
    text = await export_community(store, TG)
    assert text.startswith("# DocSocial community entries: 3 entries\n")
    assert "¿Puedo usar WhatsApp" in text  # readable, not \u-escaped
    path = tmp_path / "export.yaml"
    path.write_text(text, encoding="utf-8")
    loaded, problems = load_file(path)
    assert problems == []
    assert loaded == entries
    raw = yaml.safe_load(text)
    assert "figures" not in raw[0] and "title" not in raw[0]  # defaults left out
    assert raw[1]["review_by"] == "2027-01-31"


@pytest.mark.asyncio
async def test_round_trip_keeps_ids_and_is_byte_identical(store: Store, tmp_path: Path) -> None:
    await seed(store)
    path = tmp_path / "export.yaml"
    text = await export_community(store, TG)
    path.write_text(text, encoding="utf-8")
    summary = await import_file(store, path, DC, "importer")
    assert (summary.added, summary.updated, summary.unchanged, summary.removed) == (("c1", "c2", "c3"), (), (), ())
    assert await export_community(store, DC) == text  # byte-identical, ids and links kept
    assert [r.action for r in await store.history(DC, "c2")] == ["import"]
    assert TG in await store.communities_with_entries() and DC in await store.communities_with_entries()
    again = await import_file(store, path, DC, "importer")  # re-import: nothing changes, nothing duplicated
    assert (again.added, again.updated, again.unchanged, again.changed) == ((), (), ("c1", "c2", "c3"), False)
    assert len(await store.list_entries(DC)) == 3
    assert [r.action for r in await store.history(DC, "c2")] == ["import"]
    assert await export_community(store, DC) == text


@pytest.mark.asyncio
async def test_upsert_updates_adds_and_numbers_entries_without_id(store: Store, tmp_path: Path) -> None:
    await seed(store)
    path = tmp_path / "edited.yaml"
    path.write_text(
        "- id: c1\n  topic: community\n  questions: {en: ['question c1?']}\n  answer: {en: a better answer}\n"
        "- id: rota\n  topic: community\n  questions: {en: ['where is the rota?']}\n  answer: {en: Intranet.}\n"
        "- topic: community\n  questions: {en: ['who signs leave?']}\n  answer: {en: The chief.}\n",
        encoding="utf-8",
    )
    dry = await import_file(store, path, TG, "cli", dry_run=True)
    assert (dry.added, dry.updated, dry.unchanged) == (("rota", "c5"), ("c1",), ())
    assert [e.entry.id for e in await store.list_entries(TG)] == ["c1", "c2", "c3"]  # the dry run wrote nothing
    summary = await import_file(store, path, TG, "cli")
    assert summary == dry
    stored = {e.entry.id: e.entry for e in await store.list_entries(TG)}
    assert stored["c1"].answer.en == "a better answer" and stored["rota"].questions.en == ["where is the rota?"]
    assert stored["c5"].questions.en == ["who signs leave?"]  # c4 (removed) is never handed out again
    history = await store.history(TG, "c1")
    assert history[-1].action == "import" and history[-1].before is not None and "answer c1" in history[-1].before


@pytest.mark.asyncio
async def test_replace_removes_what_the_file_lacks_and_restores_what_it_holds(
    store: Store, tmp_path: Path
) -> None:
    await seed(store)
    path = tmp_path / "only.yaml"
    path.write_text(
        "- id: c1\n  topic: community\n  questions: {en: ['question c1?']}\n  answer: {en: answer c1}\n"
        "- id: c4\n  topic: community\n  questions: {en: ['question c4?']}\n  answer: {en: answer c4}\n",
        encoding="utf-8",
    )
    summary = await import_file(store, path, TG, "cli", replace=True)
    assert (summary.unchanged, summary.updated, summary.removed) == (("c1",), ("c4",), ("c2", "c3"))
    assert [e.entry.id for e in await store.list_entries(TG)] == ["c1", "c4"]
    assert [r.action for r in await store.history(TG, "c2")][-1] == "remove"


@pytest.mark.asyncio
async def test_unknown_community_is_an_error(store: Store) -> None:
    with pytest.raises(UnknownCommunity, match="no community 'nobody'"):
        await export_community(store, "nobody")


@pytest.mark.asyncio
async def test_invalid_file_writes_nothing(store: Store, tmp_path: Path) -> None:
    await store.add_entry(DC, entry("c1"), "mod")
    path = tmp_path / "bad.yaml"
    path.write_text(
        "- id: c5\n  topic: t\n  questions: {en: ['Fine?']}\n  answer: {en: Fine.}\n"
        "- id: c6\n  topic: t\n  questions: {en: ['No answer?']}\n"
        "- id: BAD ID\n  topic: t\n  questions: {en: ['x?']}\n  answer: {en: y}\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as info:
        await import_file(store, path, DC, "importer")
    message = str(info.value)
    assert "bad.yaml: entry c6: answer" in message
    assert "entry BAD ID: id" in message
    assert [e.entry.id for e in await store.list_entries(DC, include_deleted=True)] == ["c1"]
    assert await store.history(DC, "c5") == []
    assert await store.next_entry_id(DC) == "c2"


@pytest.mark.asyncio
async def test_broken_yaml_duplicates_and_empty_files_are_refused(store: Store, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("- id: c1\n  topic: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="not valid YAML at line"):
        await import_file(store, broken, TG, "cli")
    dup = tmp_path / "dup.yaml"
    one = "- id: c1\n  topic: t\n  questions: {en: ['a?']}\n  answer: {en: b}\n"
    dup.write_text(one + one, encoding="utf-8")
    with pytest.raises(KnowledgeError, match="duplicate id"):
        await import_file(store, dup, TG, "cli")
    empty = tmp_path / "empty.yaml"
    await store.add_entry(DC, entry("c1"), "mod")
    await store.set_deleted(DC, "c1", True, "mod")  # a community whose entries were all removed
    empty.write_text(await export_community(store, DC), encoding="utf-8")
    assert yaml.safe_load(empty.read_text(encoding="utf-8")) == []
    with pytest.raises(KnowledgeError, match="holds no entries"):
        await import_file(store, empty, TG, "cli")
    with pytest.raises(KnowledgeError, match="cannot read"):
        await import_file(store, tmp_path / "missing.yaml", TG, "cli")
    assert await store.list_entries(TG, include_deleted=True) == []
