"""`eval`: per-case results, groups, floors (exit codes) and K-fold cross-validation."""

from __future__ import annotations

import json
from pathlib import Path

from bot.config import MatchSettings
from bot.evaluation import Case, cross_validate, evaluate
from bot.matching import Matcher
from bot.models import Entry
from tests.conftest import KnowledgeWriter, minimal_entry, run_cli

FAQ = [
    minimal_entry(
        "parking",
        {"en": ["where can I park at the hospital", "hospital parking", "car park for staff", "parking spaces",
                "where do visitors park", "is there parking"]},
        {"en": "Level -2."},
    ),
    minimal_entry(
        "canteen",
        {"en": ["when does the canteen open", "canteen hours", "where can I eat lunch", "cafeteria opening times",
                "is the canteen open at night", "food at the hospital"]},
        {"en": "From 7 to 15."},
    ),
    minimal_entry(
        "wifi",
        {"en": ["what is the wifi password", "guest wifi", "internet access for visitors", "wireless network name",
                "how do I connect to the wifi", "wifi not working"]},
        {"en": "Ask at reception."},
    ),
]
NEGATIVES = "what's the weather like tomorrow\nwho won the game yesterday\nrecipe for pasta\ntell me a joke\n"
CASES = [
    {"text": "where do I park at the hospital", "expect": "parking", "group": "en"},
    {"text": "canteen opening hours", "expect": "canteen", "group": "en"},
    {"text": "wifi password please", "expect": "wifi"},
    {"text": "who won the football match", "expect": None, "group": "reject"},
]


def entries() -> list[Entry]:
    return [Entry.model_validate(e) for e in FAQ]


def write_cases(path: Path, cases: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(c) for c in cases) + "\n", encoding="utf-8")
    return path


def matcher() -> Matcher:
    return Matcher(entries(), MatchSettings(), negatives=NEGATIVES.split("\n")[:-1])


def test_evaluate_records_each_case_and_groups() -> None:
    report = evaluate(matcher(), [Case.model_validate(c) for c in CASES])
    assert [r.text for r in report.results] == [c["text"] for c in CASES]
    first = report.results[0].as_dict()
    assert set(first) >= {"text", "expect", "kind", "got", "score"}
    assert first["kind"] == "answer" and first["got"] == "parking" and first["correct"] is True
    groups = report.groups()
    assert set(groups) == {"en", "reject"}  # the ungrouped case counts only overall
    assert groups["en"]["cases"] == 2


def test_report_floors() -> None:
    report = evaluate(matcher(), [Case.model_validate(c) for c in CASES])
    assert report.meets(0.5, 0.5)
    assert not report.meets(1.01, None)
    assert not report.meets(None, 1.01)


def test_cross_validation_tests_every_phrasing_once_on_a_matcher_that_never_saw_it() -> None:
    seen: list[set[str]] = []

    def build(train: list[Entry], negatives: list[str]) -> Matcher:
        seen.append({text for e in train for _, text in e.questions.all()} | set(negatives))
        return Matcher(train, MatchSettings(), negatives=negatives)

    negatives = NEGATIVES.split("\n")[:-1]
    result = cross_validate(entries(), negatives, 3, build)
    phrasings = [text for e in entries() for _, text in e.questions.all()]
    assert result.report.answerable == len(phrasings)
    assert result.report.unanswerable == len(negatives)
    assert sorted(r.text for r in result.report.results) == sorted(phrasings + negatives)
    assert len(seen) == 3 and len(result.fold_accuracy) == 3
    start = 0
    for trained_on, count in zip(seen, result.fold_cases, strict=True):
        tested = {r.text for r in result.report.results[start : start + count]}
        assert tested and not tested & trained_on
        start += count
    assert {r.group for r in result.report.results} == {"en", "reject"}


def test_cross_validation_keeps_one_phrasing_per_entry_for_training() -> None:
    tiny = [Entry.model_validate(minimal_entry("a", {"en": ["only phrasing"]}, {"en": "A."})), *entries()]
    trained: list[list[Entry]] = []

    def build(train: list[Entry], negatives: list[str]) -> Matcher:
        trained.append(train)
        return Matcher(train, MatchSettings(), negatives=negatives)

    cross_validate(tiny, [], 2, build)
    assert all(t[0].questions.en == ["only phrasing"] for t in trained)


def test_cli_eval_json_lists_cases_and_groups(write_knowledge: KnowledgeWriter, tmp_path: Path) -> None:
    directory = write_knowledge({"faq.yaml": FAQ, "out-of-scope.txt": NEGATIVES})
    cases = write_cases(tmp_path / "cases.jsonl", CASES)
    result = run_cli(["eval", str(cases), "--knowledge", str(directory), "--json"], tmp_path / "db.sqlite")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert [c["text"] for c in summary["cases"]] == [c["text"] for c in CASES]
    assert {"text", "expect", "kind", "got", "score"} <= set(summary["cases"][0])
    assert set(summary["groups"]) == {"en", "reject"}


def test_cli_eval_text_report_prints_groups(write_knowledge: KnowledgeWriter, tmp_path: Path) -> None:
    directory = write_knowledge({"faq.yaml": FAQ, "out-of-scope.txt": NEGATIVES})
    cases = write_cases(tmp_path / "cases.jsonl", CASES)
    result = run_cli(["eval", str(cases), "--knowledge", str(directory)], tmp_path / "db.sqlite")
    assert result.returncode == 0, result.stderr
    assert "group en" in result.stdout and "group reject" in result.stdout


def test_cli_eval_floors_set_the_exit_code(write_knowledge: KnowledgeWriter, tmp_path: Path) -> None:
    directory = write_knowledge({"faq.yaml": FAQ, "out-of-scope.txt": NEGATIVES})
    wrong = write_cases(tmp_path / "wrong.jsonl", [{"text": "hospital parking", "expect": "wifi"},
                                                   {"text": "guest wifi", "expect": "wifi"}])
    base = ["eval", str(wrong), "--knowledge", str(directory)]
    low = run_cli([*base, "--min-accuracy", "0.5"], tmp_path / "db.sqlite")
    assert low.returncode == 0, low.stderr
    high = run_cli([*base, "--min-accuracy", "0.9"], tmp_path / "db.sqlite")
    assert high.returncode == 1 and "Below the floor" in high.stderr
    rejected = write_cases(tmp_path / "reject.jsonl", [{"text": "guest wifi", "expect": None}])
    reject = run_cli(["eval", str(rejected), "--knowledge", str(directory), "--min-rejection", "0.5"],
                     tmp_path / "db.sqlite")
    assert reject.returncode == 1


def test_cli_cross_validate(write_knowledge: KnowledgeWriter, tmp_path: Path) -> None:
    directory = write_knowledge({"faq.yaml": FAQ, "out-of-scope.txt": NEGATIVES})
    result = run_cli(["eval", "--cross-validate", "3", "--knowledge", str(directory), "--json"], tmp_path / "db.sqlite")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["folds"] == 3 and len(summary["fold_accuracy"]) == 3
    assert summary["answerable"] == 18 and 0 <= summary["accuracy"] <= 1
    text = run_cli(["eval", "--cross-validate", "3", "--knowledge", str(directory)], tmp_path / "db.sqlite")
    assert "3-fold cross-validation" in text.stdout and "accuracy per fold" in text.stdout
    impossible = run_cli(["eval", "--cross-validate", "3", "--knowledge", str(directory), "--min-accuracy", "1.01"],
                         tmp_path / "db.sqlite")
    assert impossible.returncode == 1


def test_cli_eval_needs_cases_or_folds(tmp_path: Path) -> None:
    assert run_cli(["eval"], tmp_path / "db.sqlite").returncode == 2
    assert run_cli(["eval", "--cross-validate", "1"], tmp_path / "db.sqlite").returncode == 2


def test_kb_validate_checks_the_near_domain_file(write_knowledge: KnowledgeWriter, tmp_path: Path) -> None:
    good = write_knowledge({"faq.yaml": FAQ, "near-domain.txt": "[times] posting times | horarios\nbest time\n"},
                           directory="good")
    ok = run_cli(["kb", "validate", str(good)], tmp_path / "db.sqlite")
    assert ok.returncode == 0 and "1 near-domain topics" in ok.stdout
    bad = write_knowledge({"faq.yaml": FAQ, "near-domain.txt": "an example before any header\n"}, directory="bad")
    refused = run_cli(["kb", "validate", str(bad)], tmp_path / "db.sqlite")
    assert refused.returncode == 1 and "near-domain.txt: entry line 1" in refused.stderr
