"""The `docsocial` / `python -m bot` command line: chat, ask, eval, check, kb, db, run.

Chat platform libraries are imported only by `run` and `discord`, so `ask` starts quickly.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot import db_commands
from bot.config import Settings
from bot.knowledge import CURATED_DIR, KnowledgeError, load_directory
from bot.models import Reply
from bot.salt import SaltError

if TYPE_CHECKING:
    from bot.evaluation import EvalReport

log = logging.getLogger("bot")
BATCH_SEPARATOR = "-" * 40


INTERACTIVE_COMMANDS = frozenset({"chat", "ask", "check", "kb", "eval"})  # a person reads the terminal


def _setup_logging(settings: Settings, command: str) -> None:
    """Servers log at DOCSOCIAL_LOG_LEVEL; where a person reads the output, only warnings and errors
    interleave with it (INFO lines are for a server's log, not for a chat or a report)."""
    level = logging.getLevelName(settings.log_level)
    if command in INTERACTIVE_COMMANDS and isinstance(level, int):
        level = max(level, logging.WARNING)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    for noisy in ("httpx", "httpcore", "aiosqlite"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _print_knowledge_error(exc: KnowledgeError) -> None:
    print(f"Knowledge files are invalid ({len(exc.problems)} problem(s)); fix them and try again:", file=sys.stderr)
    for problem in exc.problems:
        print(f"  {problem}", file=sys.stderr)


# --- ask -----------------------------------------------------------------------------------
def _ask_json(reply: Reply) -> str:
    """The `ask --json` contract: kind, entry_id, score, locale, text, suggestions."""
    return json.dumps(
        {
            "kind": reply.kind,
            "entry_id": reply.entry_id if reply.kind == "answer" else None,
            "score": reply.score,
            "locale": reply.locale,
            "text": reply.plain_text(),
            "suggestions": [s.model_dump() for s in reply.suggestions],
        },
        ensure_ascii=False,
    )


async def _ask(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.console import render
    from bot.assistant import Assistant, OperatorContext
    from bot.models import Message

    # `ask` prints text or JSON: a chart would be drawn for nobody (and matplotlib imported for nothing)
    assistant = await Assistant.create(settings.model_copy(update={"charts": False}))
    try:
        questions = (
            [args.question] if args.question is not None else (line.rstrip("\n") for line in sys.stdin if line.strip())
        )
        for number, question in enumerate(questions):
            message = Message(
                text=question, platform="cli", community_id=args.community, chosen_locale=args.locale
            )
            reply = await assistant.handle(message, OperatorContext())
            if args.json:
                print(_ask_json(reply), flush=True)
                continue
            if number:  # batch: a rule between answers, so each one reads on its own
                print("\n" + BATCH_SEPARATOR + "\n")
            print(render(reply, interactive=False), flush=True)  # nothing to press, nothing to rate
    finally:
        await assistant.close()
    return 0


# --- eval ----------------------------------------------------------------------------------
def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from bot.evaluation import CaseFileError, cross_validate, evaluate, load_cases
    from bot.matching import Matcher
    from bot.matching.near_domain import load_near_domain
    from bot.negatives import load_negatives

    if args.cases is None and args.cross_validate is None:
        print("Give a cases file (JSON lines) or --cross-validate K.", file=sys.stderr)
        return 2
    if args.cross_validate is not None and args.cross_validate < 2:
        print("--cross-validate needs K >= 2 folds.", file=sys.stderr)
        return 2
    directory = args.knowledge or CURATED_DIR
    entries = load_directory(directory, curated=args.knowledge is None)
    negatives = load_negatives(directory)
    near_domain = load_near_domain(directory)
    if args.cross_validate is not None:
        folds = args.cross_validate
        validation = cross_validate(
            entries, negatives, folds, lambda e, n: Matcher(e, settings.match, negatives=n, near_domain=near_domain)
        )
        report = validation.report
        if args.json:
            print(json.dumps(validation.summary()))
        else:
            print(f"knowledge: {directory} ({len(entries)} entries)   {folds}-fold cross-validation over phrasings")
            _print_report(report, args.confusions)
            print("accuracy per fold: " + ", ".join(f"{a:.1%}" for a in validation.fold_accuracy))
        return 0 if report.meets(args.min_accuracy, args.min_rejection) else 1
    try:
        cases = load_cases(args.cases)
    except (OSError, CaseFileError) as exc:
        print(f"Cannot read cases: {exc}", file=sys.stderr)
        return 2
    matcher = Matcher(entries, settings.match, negatives=negatives, near_domain=near_domain)
    report = evaluate(matcher, cases)
    if report.unknown_expected:
        print(
            "Warning: cases expect ids that are not in the knowledge: " + ", ".join(sorted(report.unknown_expected)),
            file=sys.stderr,
        )
    if args.json:
        print(json.dumps({**report.summary(), "cases": [r.as_dict() for r in report.results]}, ensure_ascii=False))
    else:
        print(f"knowledge: {directory} ({len(entries)} entries)   cases: {args.cases}")
        _print_report(report, args.confusions)
    if not report.meets(args.min_accuracy, args.min_rejection):
        print(
            f"Below the floor: accuracy {report.accuracy:.1%} (min {args.min_accuracy}), "
            f"rejection {report.rejection:.1%} (min {args.min_rejection})",
            file=sys.stderr,
        )
        return 1
    return 0


def _print_report(report: EvalReport, confusions: int) -> None:
    latency = report.latency()
    print(f"answerable    {report.answerable:5d}   answered correctly   {report.accuracy:7.1%}")
    print(f"unanswerable  {report.unanswerable:5d}   correctly not answered {report.rejection:5.1%}")
    for group, figures in report.groups().items():
        print(f"group {group:<12} {int(figures['cases']):5d} cases   correct {figures['accuracy']:7.1%}")
    print(f"latency per question: median {latency['median']:.2f} ms, p99 {latency['p99']:.2f} ms")
    if report.confusions:
        print("confusions (expected -> got, count):")
        for (expected, got), count in report.confusions.most_common(confusions):
            print(f"  {expected} -> {got}: {count}")


# --- check ---------------------------------------------------------------------------------
def _check(args: argparse.Namespace) -> int:
    from bot.draft_check import EmptyDraft, check_draft, summarise
    from bot.draft_check.wording import EMPTY_DRAFT

    text = args.text if args.text is not None else sys.stdin.read()
    try:
        result = check_draft(text, locale=args.locale)
    except EmptyDraft:
        print(EMPTY_DRAFT[1 if args.locale == "es" else 0], file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.model_dump(mode="json", exclude={"truncated", "language"}), ensure_ascii=False))
        return 0
    title, bullets = summarise(result, args.locale or result.language)
    print(title)
    for bullet in bullets:
        print(f"  - {bullet}")
    if result.flags:
        print("\nRedacted draft:\n" + result.redacted)
    return 0


# --- kb and db -------------------------------------------------------------------------------
def _kb_validate(args: argparse.Namespace) -> int:
    directory = args.directory or CURATED_DIR
    strict = args.directory is None or args.strict
    entries = load_directory(directory, curated=strict)
    from bot.matching.near_domain import load_near_domain

    topics = load_near_domain(directory)  # refuses a malformed near-domain.txt, naming file and line
    print(
        f"OK: {len(entries)} entries in {directory}"
        + (f", {len(topics)} near-domain topics" if topics else "")
        + (" (curated rules)" if strict else "")
    )
    return 0


async def _kb_export(args: argparse.Namespace, settings: Settings) -> int:
    from bot.exchange import UnknownCommunity, export_community
    from bot.storage.factory import create_store

    if args.output and args.output.exists() and not args.force:
        print(f"{args.output} already exists: add --force to overwrite it", file=sys.stderr)
        return 1
    store = create_store(settings)
    await store.open()
    try:
        text = await export_community(store, args.community)
    except UnknownCommunity as exc:
        print(f"Cannot export: {exc}", file=sys.stderr)
        return 1
    finally:
        await store.close()
    if args.output:
        _write_atomically(args.output, text)
        print(f"Exported community {args.community} to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _write_atomically(path: Path, text: str) -> None:
    """Write beside the target, then rename: an interrupted export never leaves half a file."""
    temp = path.with_name(f".{path.name}.partial")
    temp.write_text(text, encoding="utf-8")
    temp.replace(path)


async def _kb_suggestions_export(args: argparse.Namespace, settings: Settings) -> int:
    from bot.exchange import export_accepted
    from bot.storage.factory import create_store

    if args.file.exists() and not args.force:
        print(f"{args.file} already exists: add --force to overwrite it", file=sys.stderr)
        return 1
    store = create_store(settings)
    await store.open()
    try:
        text = await export_accepted(store)
    finally:
        await store.close()
    _write_atomically(args.file, text)
    print(f"Wrote accepted phrasings to {args.file}")
    return 0


async def _kb_import(args: argparse.Namespace, settings: Settings) -> int:
    from bot.exchange import import_file, summary_line
    from bot.storage.factory import create_store

    store = create_store(settings)
    await store.open()
    try:
        summary = await import_file(
            store, args.file, args.community, actor="cli:operator", replace=args.replace, dry_run=args.dry_run
        )
    finally:
        await store.close()
    prefix = "Dry run, nothing written: would import" if args.dry_run else "Imported"
    print(f"{prefix} {args.file} into community {args.community}: {summary_line(summary)}")
    if summary.removed:
        print(("Would remove: " if args.dry_run else "Removed: ") + ", ".join(summary.removed))
    return 0


# --- run -------------------------------------------------------------------------------------
def _run(args: argparse.Namespace, settings: Settings) -> int:
    target = args.target
    if target == "auto":
        has_telegram = settings.telegram_bot_token is not None
        has_discord = settings.discord_bot_token is not None
        target = (
            "all"
            if has_telegram and has_discord
            else ("telegram" if has_telegram else "discord" if has_discord else "console")
        )
    if target == "console":
        from adapters.console import run_console

        return asyncio.run(run_console(settings, community=None))
    from adapters.runner import run_platforms

    return asyncio.run(run_platforms(settings, target))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="docsocial", description="DocSocial: social-media answers for doctors.")
    sub = parser.add_subparsers(dest="command", required=True)

    chat = sub.add_parser("chat", help="interactive console chat")
    chat.add_argument("--community", help="community id whose FAQ to use (default: local)")
    chat.add_argument("--no-chart", action="store_true", help="no statistics charts (as DOCSOCIAL_CHARTS=off)")
    chat.add_argument("--chart-dir", type=Path, help="where to save charts (default: your user cache folder)")

    ask = sub.add_parser("ask", help="answer one question, or one per line from standard input")
    ask.add_argument("question", nargs="?")
    ask.add_argument("--json", action="store_true", help="one JSON object per question")
    ask.add_argument("--locale", choices=["en", "es"])
    ask.add_argument("--community", help="community id whose FAQ to use (default: local)")

    ev = sub.add_parser("eval", help="measure the matcher on labelled cases (JSON lines) or by cross-validation")
    ev.add_argument("cases", type=Path, nargs="?")
    ev.add_argument("--knowledge", type=Path, help="use the entries in this directory instead of the curated ones")
    ev.add_argument("--json", action="store_true", help="one JSON object: the summary and each case's result")
    ev.add_argument("--cross-validate", type=int, metavar="K", help="K-fold cross-validation over the phrasings")
    ev.add_argument("--min-accuracy", type=float, metavar="X", help="exit 1 when accuracy is below X (0-1)")
    ev.add_argument("--min-rejection", type=float, metavar="Y", help="exit 1 when rejection is below Y (0-1)")
    ev.add_argument("--confusions", type=int, default=25, help="how many confusions to list")

    check = sub.add_parser("check", help="review a draft post before publishing")
    check.add_argument("text", nargs="?")
    check.add_argument("--json", action="store_true")
    check.add_argument("--locale", choices=["en", "es"])

    kb = sub.add_parser("kb", help="knowledge files")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    validate = kb_sub.add_parser("validate", help="check knowledge files")
    validate.add_argument("directory", nargs="?", type=Path)
    validate.add_argument("--strict", action="store_true", help="apply the curated rules to DIR too")
    export = kb_sub.add_parser("export", help="write a community's entries as a knowledge file")
    export.add_argument("--community", required=True)
    export.add_argument("--output", type=Path)
    export.add_argument("--force", action="store_true", help="overwrite --output if it exists")
    imp = kb_sub.add_parser(
        "import", help="upsert a knowledge file's entries into a community by id (all or nothing)"
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--community", required=True)
    imp.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    imp.add_argument("--replace", action="store_true", help="also remove entries the file does not hold")
    suggestions = kb_sub.add_parser("suggestions", help="phrasings learned from users' choices")
    suggestions_sub = suggestions.add_subparsers(dest="suggestions_command", required=True)
    sug_export = suggestions_sub.add_parser("export", help="write every community's accepted phrasings to FILE")
    sug_export.add_argument("file", type=Path)
    sug_export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    db_commands.add_parser(sub)

    run = sub.add_parser("run", help="start the chat adapters")
    run.add_argument("target", nargs="?", default="auto", choices=["auto", "telegram", "discord", "all", "console"])

    discord = sub.add_parser("discord", help="Discord operator steps")
    discord_sub = discord.add_subparsers(dest="discord_command", required=True)
    sync = discord_sub.add_parser("sync", help="register slash commands globally")
    sync.add_argument("--dry-run", action="store_true", help="print the command payloads as JSON, do not connect")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except Exception as exc:  # pydantic ValidationError: name the variable, never echo a token
        print(f"Invalid settings (environment or .env): {exc}", file=sys.stderr)
        return 2
    _setup_logging(settings, args.command)
    try:
        if args.command == "chat":
            from adapters.console import run_console

            if args.no_chart:
                settings = settings.model_copy(update={"charts": False})
            return asyncio.run(run_console(settings, community=args.community, chart_dir=args.chart_dir))
        if args.command == "ask":
            return asyncio.run(_ask(args, settings))
        if args.command == "eval":
            return _eval(args, settings)
        if args.command == "check":
            return _check(args)
        if args.command == "kb":
            if args.kb_command == "validate":
                return _kb_validate(args)
            if args.kb_command == "export":
                return asyncio.run(_kb_export(args, settings))
            if args.kb_command == "suggestions":
                return asyncio.run(_kb_suggestions_export(args, settings))
            return asyncio.run(_kb_import(args, settings))
        if args.command == "db":
            return asyncio.run(db_commands.run(args, settings))
        if args.command == "run":
            return _run(args, settings)
        if args.command == "discord":
            from adapters.discord import sync_commands

            return asyncio.run(sync_commands(settings, dry_run=args.dry_run))
    except KnowledgeError as exc:
        _print_knowledge_error(exc)
        return 1
    except SaltError as exc:
        print(f"Configuration problem: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from bot.storage.base import StoreError

        if isinstance(exc, StoreError):
            print(f"Database problem: {exc}", file=sys.stderr)
            return 1
        raise
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
