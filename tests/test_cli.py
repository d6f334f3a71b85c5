"""The scriptable contracts of `python -m bot`: ask, eval, check, kb, db and chat, run as real processes."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.evaluation import CaseFileError, load_cases
from bot.models import Entry
from bot.storage.sqlite.store import SQLiteStore
from tests.conftest import (
    ASK_JSON_FIELDS,
    REPO,
    CliJob,
    CliResult,
    KnowledgeWriter,
    finish_cli,
    minimal_entry,
    run_cli,
    run_cli_parallel,
    start_cli,
)

BATCH = "what is sermo\n\n   \nque es doximity\nwhat is the capital of france\n"
ROTA = "where is the residents night rota kept?"


@pytest.fixture(scope="module")
def cli_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli")


@pytest.fixture(scope="module")
def runs(cli_dir: Path) -> dict[str, CliResult]:
    """The slow, independent invocations (each trains the matcher), run at once; each has its own database."""
    jobs = {
        "ask_json": CliJob(["ask", "what is sermo", "--json"]),
        "ask_es": CliJob(["ask", "--json", "--locale", "es"], "sermo\nwhat is sermo\n"),
        "batch": CliJob(["ask", "--json"], BATCH),
        "faq_add": CliJob(["ask", f"/faq add {ROTA} | On the intranet.", "--community", "t1"]),
        "eval": CliJob(["eval", "tests/data/eval.jsonl", "--json"]),
        "chat": CliJob(["chat"], "7\nwhat is sermo\n1\n9\n/quit\nwhat is doximity\n",
                       env={"DOCSOCIAL_LOG_LEVEL": "INFO"}),
        "batch_text": CliJob(["ask"], "what is sermo\nque es doximity\n"),
        # One process, two checks: with the answer threshold at 1.0 (read from the environment) a
        # near-certain answer becomes a choice; and -X importtime lists every module `ask` imports.
        "clarify": CliJob(
            ["ask", "can i post an xray of a patient", "--json"],
            python_flags=["-X", "importtime"],
            env={"DOCSOCIAL_MATCH_ANSWER_THRESHOLD": "1.0"},
        ),
    }
    return run_cli_parallel(jobs, cli_dir)


def ask_objects(result: CliResult) -> list[dict[str, object]]:
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    for obj in objects:
        assert set(obj) >= ASK_JSON_FIELDS
    return objects


# --- ask ---------------------------------------------------------------------------------------------------


def test_ask_json_contract(runs: dict[str, CliResult], curated: list[Entry]) -> None:
    [obj] = ask_objects(runs["ask_json"])
    assert obj["kind"] == "answer" and obj["entry_id"] == "sermo" and obj["locale"] == "en"
    assert isinstance(obj["score"], float) and 0.5 <= obj["score"] <= 1
    assert obj["suggestions"] == []
    sermo = next(e for e in curated if e.id == "sermo")
    assert isinstance(obj["text"], str) and sermo.answer.en is not None and sermo.answer.en in obj["text"]


def test_ask_locale_es_for_a_neutral_question(runs: dict[str, CliResult], curated: list[Entry]) -> None:
    neutral, _ = ask_objects(runs["ask_es"])
    sermo = next(e for e in curated if e.id == "sermo")
    assert neutral["locale"] == "es" and neutral["entry_id"] == "sermo"
    assert sermo.answer.es is not None and sermo.answer.es in str(neutral["text"])


def test_ask_locale_es_wins_over_detection(runs: dict[str, CliResult]) -> None:
    """Regression: --locale was only a hint that language detection overrode (fixed in 0032629)."""
    _, english = ask_objects(runs["ask_es"])
    assert english["entry_id"] == "sermo" and english["locale"] == "es"


def test_ask_batch_skips_blank_lines(runs: dict[str, CliResult]) -> None:
    objects = ask_objects(runs["batch"])
    assert [o["kind"] for o in objects] == ["answer", "answer", "fallback"]
    assert [o["entry_id"] for o in objects] == ["sermo", "doximity", None]
    assert objects[1]["locale"] == "es"
    assert "I can help with" in str(objects[2]["text"])


def test_ask_clarify_lists_suggestions(runs: dict[str, CliResult]) -> None:
    [clarify] = ask_objects(runs["clarify"])
    assert clarify["kind"] == "clarify" and clarify["entry_id"] is None
    suggestions = clarify["suggestions"]
    assert isinstance(suggestions, list) and suggestions
    assert all(set(s) == {"entry_id", "title"} and s["title"] for s in suggestions)
    assert suggestions[0]["entry_id"] == "rule-patient-photos"
    assert 0.3 <= float(str(clarify["score"])) < 1.0


def test_ask_community_entries_stay_in_their_community(runs: dict[str, CliResult], cli_dir: Path) -> None:
    added = runs["faq_add"]
    assert added.returncode == 0, added.stderr
    assert "c1" in added.stdout
    db = cli_dir / "faq_add.sqlite"
    t1, t2 = (start_cli(["ask", ROTA, "--community", c, "--json"], db) for c in ("t1", "t2"))
    [inside], [outside] = ask_objects(finish_cli(t1)), ask_objects(finish_cli(t2))
    assert inside["kind"] == "answer" and re.fullmatch(r"c\d+", str(inside["entry_id"]))
    assert "On the intranet." in str(inside["text"])
    assert outside["entry_id"] != inside["entry_id"]
    assert all(s["entry_id"] != inside["entry_id"] for s in outside["suggestions"])  # type: ignore[attr-defined]


# --- eval --------------------------------------------------------------------------------------------------


def test_eval_json_summary(runs: dict[str, CliResult]) -> None:
    result = runs["eval"]
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert set(summary) >= {"answerable", "accuracy", "unanswerable", "rejection", "latency_ms", "cases"}
    assert set(summary["latency_ms"]) == {"median", "p99"}
    cases = [line for line in (REPO / "tests" / "data" / "eval.jsonl").read_text().splitlines() if line.strip()]
    assert summary["answerable"] + summary["unanswerable"] == len(cases)
    assert summary["accuracy"] >= 0.95 and summary["rejection"] >= 0.95
    assert 0 < summary["latency_ms"]["median"] <= summary["latency_ms"]["p99"]


TINY = [
    minimal_entry("parking", {"en": ["where can I park at the hospital", "hospital parking"]}, {"en": "Level -2."}),
    minimal_entry("canteen", {"en": ["when does the canteen open", "canteen hours"]}, {"en": "From 7 to 15."}),
    minimal_entry("wifi", {"en": ["what is the wifi password", "guest wifi"]}, {"en": "Ask at reception."}),
]


NEGATIVES = "# out of scope\nwhat's the weather like tomorrow\nwho won the game yesterday\nrecipe for pasta\n"


def test_eval_with_own_knowledge(write_knowledge: KnowledgeWriter, tmp_path: Path) -> None:
    directory = write_knowledge({"faq.yaml": TINY, "out-of-scope.txt": NEGATIVES})
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        "\n".join(
            json.dumps(c)
            for c in [
                {"text": "where do I park at the hospital", "expect": "parking"},
                {"text": "canteen opening hours", "expect": "canteen"},
                {"text": "wifi password please", "expect": "wifi"},
                {"text": "who won the football match", "expect": None},
            ]
        )
        + "\n"
    )
    result = run_cli(["eval", str(cases), "--knowledge", str(directory), "--json"], tmp_path / "db.sqlite")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["answerable"], summary["unanswerable"]) == (3, 1)
    assert summary["accuracy"] == 1.0 and summary["rejection"] == 1.0


def test_eval_text_report_and_unknown_expected_ids(write_knowledge: KnowledgeWriter, tmp_path: Path) -> None:
    directory = write_knowledge({"faq.yaml": TINY})
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"text": "hospital parking", "expect": "no-such-id"}\n{"text": "guest wifi", "expect": "wifi"}\n')
    result = run_cli(["eval", str(cases), "--knowledge", str(directory)], tmp_path / "db.sqlite")
    assert result.returncode == 0, result.stderr
    assert "no-such-id" in result.stderr  # warned: the case can never be right
    assert "(3 entries)" in result.stdout and "50.0%" in result.stdout
    assert "no-such-id -> parking: 1" in result.stdout


def test_eval_malformed_cases_file(write_knowledge: KnowledgeWriter, tmp_path: Path) -> None:
    directory = write_knowledge({"faq.yaml": TINY})
    cases = tmp_path / "bad-cases.jsonl"
    cases.write_text('{"text": "what is sermo", "expect": "sermo"}\n{"text": "oops"\n')
    result = run_cli(["eval", str(cases), "--knowledge", str(directory)], tmp_path / "db.sqlite")
    assert result.returncode != 0
    assert "bad-cases.jsonl: line 2" in result.stderr


def test_load_cases_names_file_and_line_for_a_missing_field(tmp_path: Path) -> None:
    missing_field = tmp_path / "missing.jsonl"
    missing_field.write_text('{"text": "a", "expect": null}\n\n{"expect": "sermo"}\n')
    with pytest.raises(CaseFileError, match=r"missing\.jsonl: line 3"):
        load_cases(missing_field)


def test_eval_with_invalid_knowledge_dir(write_knowledge: KnowledgeWriter, tmp_path: Path) -> None:
    directory = write_knowledge({"faq.yaml": [{**TINY[0], "id": "Bad Id"}]})
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"text": "hospital parking", "expect": "parking"}\n')
    result = run_cli(["eval", str(cases), "--knowledge", str(directory)], tmp_path / "db.sqlite")
    assert result.returncode != 0 and "faq.yaml: entry Bad Id: id:" in result.stderr


def test_eval_with_knowledge_dir_without_entries(write_knowledge: KnowledgeWriter, tmp_path: Path) -> None:
    """Regression: a Matcher over no entries died with sklearn's traceback (fixed in 0032629)."""
    directory = write_knowledge({"faq.yaml": "# nothing yet\n"})
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"text": "hospital parking", "expect": null}\n')
    result = run_cli(["eval", str(cases), "--knowledge", str(directory)], tmp_path / "db.sqlite")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "faq.yaml" in result.stderr or str(directory) in result.stderr


# --- kb ----------------------------------------------------------------------------------------------------


def test_kb_validate_directory_and_strict(write_knowledge: KnowledgeWriter, tmp_path: Path) -> None:
    directory = write_knowledge({"faq.yaml": TINY})
    ok = run_cli(["kb", "validate", str(directory)], tmp_path / "db.sqlite")
    assert ok.returncode == 0 and "OK: 3 entries" in ok.stdout
    strict = run_cli(["kb", "validate", str(directory), "--strict"], tmp_path / "db.sqlite")
    assert strict.returncode != 0
    assert "faq.yaml: entry parking: questions.es" in strict.stderr
    assert "faq.yaml: entry parking: sources" in strict.stderr


def _seed_community(db: Path, community: str) -> list[Entry]:
    entries = [
        Entry.model_validate(
            {
                "id": f"c{i}",
                "topic": "community",
                "questions": {"en": [q], "es": [f"¿{q}?"]},
                "answer": {"en": a},
                "sources": ["Moderators"],
            }
        )
        for i, (q, a) in enumerate([("where is the rota", "Intranet."), ("who signs leave", "The chief.")], start=1)
    ]

    async def seed() -> None:
        async with SQLiteStore(db) as store:
            for entry in entries:
                await store.add_entry(community, entry, "test")

    asyncio.run(seed())
    return entries


def test_kb_export_import_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    entries = _seed_community(db, "t1")
    exported = tmp_path / "t1.yaml"
    out = run_cli(["kb", "export", "--community", "t1", "--output", str(exported)], db)
    assert out.returncode == 0, out.stderr
    data = yaml.safe_load(exported.read_text(encoding="utf-8"))
    assert [Entry.model_validate(d) for d in data] == entries
    refused = run_cli(["kb", "export", "--community", "t1", "--output", str(exported)], db)
    assert refused.returncode != 0 and "--force" in refused.stderr
    forced = run_cli(["kb", "export", "--community", "t1", "--output", str(exported), "--force"], db)
    assert forced.returncode == 0, forced.stderr
    imported = run_cli(["kb", "import", str(exported), "--community", "t3"], db)
    assert imported.returncode == 0 and "2 added, 0 updated, 0 unchanged" in imported.stdout
    again = run_cli(["kb", "export", "--community", "t3"], db)
    assert again.returncode == 0 and again.stdout == exported.read_text(encoding="utf-8")  # byte-identical
    reimport = run_cli(["kb", "import", str(exported), "--community", "t3"], db)
    assert "0 added, 0 updated, 2 unchanged" in reimport.stdout
    unknown = run_cli(["kb", "export", "--community", "nobody"], db)
    assert unknown.returncode != 0 and "no community 'nobody'" in unknown.stderr and unknown.stdout == ""


def test_kb_import_dry_run_and_replace(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    _seed_community(db, "t1")
    edited = tmp_path / "edited.yaml"
    edited.write_text(
        yaml.safe_dump([{**TINY[0], "id": "c1", "answer": {"en": "Changed."}}, {**TINY[1], "id": "rota"}]),
        encoding="utf-8",
    )
    dry = run_cli(["kb", "import", str(edited), "--community", "t1", "--replace", "--dry-run"], db)
    assert dry.returncode == 0, dry.stderr
    assert "Dry run" in dry.stdout and "1 added, 1 updated, 0 unchanged, 1 removed" in dry.stdout
    assert "Would remove: c2" in dry.stdout
    assert len(yaml.safe_load(run_cli(["kb", "export", "--community", "t1"], db).stdout)) == 2
    real = run_cli(["kb", "import", str(edited), "--community", "t1", "--replace"], db)
    assert "1 added, 1 updated, 0 unchanged, 1 removed" in real.stdout and "Removed: c2" in real.stdout
    after = yaml.safe_load(run_cli(["kb", "export", "--community", "t1"], db).stdout)
    assert [(d["id"], d["answer"]["en"]) for d in after] == [("c1", "Changed."), ("rota", TINY[1]["answer"]["en"])]


def test_kb_import_refuses_invalid_file_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump([{**TINY[0], "id": "c1"}, {**TINY[1], "id": "c2", "colour": "red"}]))
    result = run_cli(["kb", "import", str(bad), "--community", "t1"], db)
    assert result.returncode != 0 and "bad.yaml: entry c2: colour" in result.stderr
    listing = run_cli(["kb", "export", "--community", "t1"], db)
    assert listing.returncode != 0 and "no community 't1'" in listing.stderr  # nothing was written


def test_kb_suggestions_export_writes_accepted_phrasings(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"

    async def seed() -> None:
        async with SQLiteStore(db) as store:
            for community, user in [("t1", "u1"), ("t1", "u2"), ("t2", "u3")]:
                await store.learn_phrasing(community, "sermo", "the anonymous doctors app", "en", user)
            await store.learn_phrasing("t1", "sermo", "la app anónima de médicos", "es", "u4")
            await store.learn_phrasing("t1", "doximity", "rejected phrasing", "en", "u5")
            for community in ("t1", "t2"):
                for learned in await store.learned(community):
                    status = "rejected" if learned.entry_id == "doximity" else "accepted"
                    await store.set_learned_status(community, learned.number, status, "mod")

    asyncio.run(seed())
    out = tmp_path / "accepted.yaml"
    result = run_cli(["kb", "suggestions", "export", str(out)], db)
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data == [
        {
            "entry": "sermo",
            "questions": {"en": ["the anonymous doctors app"], "es": ["la app anónima de médicos"]},
            "chosen_by": 4,
            "communities": 2,
        }
    ]
    again = run_cli(["kb", "suggestions", "export", str(out)], db)
    assert again.returncode != 0 and "--force" in again.stderr


# --- check -------------------------------------------------------------------------------------------------

DRAFT = "My patient John Smith, 45, with diabetes came in today. Call 555-123-4567!"
FLAG_FIELDS = {"category", "severity", "span", "excerpt", "why", "source", "fix"}


def _check_contract(result: CliResult) -> dict[str, Any]:
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    assert set(data) == {"verdict", "flags", "redacted"}
    assert data["verdict"] in {"ok", "review", "do-not-post"}
    for flag in data["flags"]:
        assert set(flag) == FLAG_FIELDS
        start, end = flag["span"]
        assert 0 <= start < end <= len(DRAFT)
        assert all(isinstance(flag[k], str) and flag[k] for k in FLAG_FIELDS - {"span"})
    return data


def test_check_json_contract(tmp_path: Path) -> None:
    data = _check_contract(run_cli(["check", "--json", DRAFT], tmp_path / "db.sqlite"))
    assert data["verdict"] == "do-not-post"
    flags = data["flags"]
    assert isinstance(flags, list) and any(f["category"] == "patient-privacy" for f in flags)
    assert "John Smith" not in str(data["redacted"])
    for flag in flags:
        start, end = flag["span"]
        assert DRAFT[start:end].startswith(flag["excerpt"].rstrip("…"))


def test_check_from_stdin(tmp_path: Path) -> None:
    data = _check_contract(run_cli(["check", "--json"], tmp_path / "db.sqlite", stdin=DRAFT))
    assert data["verdict"] == "do-not-post"
    clean = run_cli(["check", "--json"], tmp_path / "db.sqlite", stdin="Our clinic opens on Saturdays from 9 to 13.")
    assert json.loads(clean.stdout) == {
        "verdict": "ok",
        "flags": [],
        "redacted": "Our clinic opens on Saturdays from 9 to 13.",
    }


# --- db ----------------------------------------------------------------------------------------------------


def test_db_upgrade_and_backup(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    first = run_cli(["db", "upgrade"], db)
    assert first.returncode == 0 and "applied" in first.stdout
    second = run_cli(["db", "upgrade"], db)
    assert second.returncode == 0 and "already up to date" in second.stdout
    _seed_community(db, "t1")
    copy = tmp_path / "backup.sqlite"
    backed = run_cli(["db", "backup", str(copy)], db)
    assert backed.returncode == 0, backed.stderr
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "schema_migrations" in tables
    exported = run_cli(["kb", "export", "--community", "t1"], copy)
    assert len(yaml.safe_load(exported.stdout)) == 2
    refused = run_cli(["db", "backup", str(copy)], db)
    assert refused.returncode != 0 and "already exists" in refused.stderr and "--force" in refused.stderr
    forced = run_cli(["db", "backup", str(copy), "--force"], db)
    assert forced.returncode == 0, forced.stderr
    missing = run_cli(["db", "backup", str(tmp_path / "other.sqlite")], tmp_path / "missing.sqlite")
    assert missing.returncode != 0 and "no database" in missing.stderr and "Traceback" not in missing.stderr


def test_db_on_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    result = run_cli(["db", "upgrade"], folder)
    assert result.returncode != 0 and "folder" in result.stderr and "Traceback" not in result.stderr


# --- chat and imports --------------------------------------------------------------------------------------


def test_chat_answers_and_quits(runs: dict[str, CliResult]) -> None:
    result = runs["chat"]
    assert result.returncode == 0, result.stderr
    assert "\nSermo\n" in result.stdout and "Sermo is a doctors-only network" in result.stdout  # sentence case
    assert "SERMO" not in result.stdout
    # "1" opens the first related entry of the last answer (sermo's first follow-up is doximity)
    assert "\nDoximity\n" in result.stdout and "Doximity is a US real-name network for clinicians" in result.stdout
    assert result.stdout.rstrip().endswith("Bye!")
    assert result.stdout.count("Doximity is a US real-name network") == 1  # nothing read after /quit
    assert "There is nothing to choose from yet" in result.stdout  # "7" before any choice was shown
    assert "There is no choice 9: type a number from 1 to" in result.stdout
    assert " INFO " not in result.stderr  # a person reads this terminal: warnings and errors only


def test_batch_ask_separates_answers_and_drops_the_rating_line(runs: dict[str, CliResult]) -> None:
    result = runs["batch_text"]
    assert result.returncode == 0, result.stderr
    answers = result.stdout.split("\n" + "-" * 40 + "\n")
    assert len(answers) == 2 and "Sermo" in answers[0] and "Doximity" in answers[1]
    assert "/rate" not in result.stdout and "`" not in result.stdout


def test_ask_never_imports_chat_platform_libraries(runs: dict[str, CliResult]) -> None:
    result = runs["clarify"]
    assert result.returncode == 0, result.stderr
    imported = [
        line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")
    ]
    assert "bot.assistant" in imported and "bot.matching.matcher" in imported  # the list is complete
    platform = [m for m in imported if m.split(".")[0] in {"telegram", "discord"}]
    assert platform == []


def test_db_check_healthy_and_damaged(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    assert run_cli(["db", "upgrade"], db).returncode == 0
    healthy = run_cli(["db", "check"], db)
    assert healthy.returncode == 0 and ": ok\n" in healthy.stdout
    assert "inbox: 0 waiting, 0 sending" in healthy.stdout and "shed 0, dropped_late 0, failed 0" in healthy.stdout
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"this is not a database" * 100)
    result = run_cli(["db", "check"], damaged)
    assert result.returncode == 1 and "restore from a backup" in result.stderr
    assert damaged.read_bytes() == b"this is not a database" * 100  # left untouched
