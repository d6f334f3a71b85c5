"""Shared fixtures, typed against the Store protocol (the SQLite backend builds them): curated knowledge,
one trained Matcher, a fresh store and Assistant per test,
a tiny knowledge-directory writer and a CLI runner."""

from __future__ import annotations

import copy
import os
import tempfile

# Before bot.config is imported: neither this process nor the CLI subprocesses read a developer's .env.
os.environ["DOCSOCIAL_ENV_FILE"] = os.devnull
# The draft checker's trained second opinion is cached outside the developer's own cache folder.
os.environ["DOCSOCIAL_MODEL_CACHE"] = os.path.join(tempfile.gettempdir(), "docsocial-test-models")
import atexit
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
import yaml

from bot.assistant import Assistant
from bot.config import MatchSettings, Settings
from bot.knowledge import CURATED_DIR, load_curated
from bot.matching import Matcher
from bot.models import Entry
from bot.negatives import load_negatives
from bot.storage.base import Store
from bot.storage.sqlite.store import SQLiteStore

REPO = Path(__file__).resolve().parent.parent
# Tests and CLI processes share one temporary matcher cache (the first run trains, the rest load it);
# removed when the test session ends, and never the user's own cache.
CLI_CACHE = Path(tempfile.mkdtemp(prefix="docsocial-test-cache-"))
atexit.register(shutil.rmtree, CLI_CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def _no_real_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the user's real database or a developer's .env settings."""
    monkeypatch.setenv("DOCSOCIAL_DB", str(tmp_path / "default.sqlite"))
    # Never the user's matcher cache, but one for the whole session: the cache is keyed by the knowledge
    # files' hash and the settings, and training the curated matcher anew in every test costs ~10 s each.
    monkeypatch.setenv("DOCSOCIAL_CACHE_DIR", str(CLI_CACHE))
    # Environment variables win over .env; blank means "not configured" (bot/config.py).
    for name in ("TELEGRAM_BOT_TOKEN", "DISCORD_BOT_TOKEN", "DISCORD_GUILD_IDS", "DISCORD_MODERATOR_ROLE",
                 "TELEGRAM_WEBHOOK_URL", "DOCSOCIAL_DATABASE_URL"):
        monkeypatch.setenv(name, "")
    monkeypatch.setenv("DISCORD_MESSAGE_CONTENT", "0")
    monkeypatch.delenv("DOCSOCIAL_VOTE_SALT", raising=False)
    monkeypatch.delenv("DOCSOCIAL_DATABASE_URL", raising=False)


@pytest.fixture(scope="session", autouse=True)
def _draft_check_model_ready() -> None:
    """Train (or load) the draft checker's second opinion once, before any test runs. Otherwise the first
    `/check` of the session starts training in a background thread (~20 s on a fresh machine), and the
    busy thread can starve an adapter test's event loop past its settle timeout."""
    from bot.draft_check.engine import DEFAULT_OPINION

    DEFAULT_OPINION.get()


@pytest.fixture(scope="session")
def curated() -> list[Entry]:
    return load_curated()


@pytest.fixture(scope="session")
def negatives() -> list[str]:
    return load_negatives(CURATED_DIR)


def copy_of(matcher: Matcher) -> Matcher:
    """A private copy of a trained matcher (0.1 s instead of ~8 s of training) that shares its entries:
    replies are compared with the curated entries by identity (charts, links)."""
    return copy.deepcopy(matcher, {id(entry): entry for entry in matcher.entries})


@pytest.fixture(scope="session")
def pristine_matcher(curated: list[Entry]) -> Matcher:
    """The curated matcher as the assistant builds it (out-of-scope and near-domain examples included),
    trained once per session (~8 s); tests never change it, they use `matcher` or a copy."""
    return Matcher.from_directory(CURATED_DIR, curated, MatchSettings())


@pytest.fixture(scope="session")
def matcher(pristine_matcher: Matcher) -> Matcher:
    """The shared matcher. Tests that change communities use their own community ids, or `own_matcher`."""
    return copy_of(pristine_matcher)


@pytest.fixture
def own_matcher(pristine_matcher: Matcher) -> Callable[[], Matcher]:
    """A private copy of the trained curated matcher per call: community changes cannot leak, no retraining."""
    return lambda: copy_of(pristine_matcher)


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    db = SQLiteStore(tmp_path / "db.sqlite")
    await db.open()
    try:
        yield db
    finally:
        await db.close()


AssistantFactory = Callable[..., Awaitable[Assistant]]


@pytest_asyncio.fixture
async def make_assistant(tmp_path: Path, curated: list[Entry], matcher: Matcher) -> AsyncIterator[AssistantFactory]:
    """Build an Assistant over the shared matcher with a fresh store (own file) and optional Settings."""
    made: list[Assistant] = []

    async def factory(settings: Settings | None = None, name: str = "assistant.sqlite") -> Assistant:
        db = SQLiteStore(tmp_path / name)
        await db.open()
        assistant = Assistant(settings or Settings(), curated, matcher, db)
        made.append(assistant)
        return assistant

    yield factory
    for assistant in made:
        await assistant.close()


@pytest_asyncio.fixture
async def assistant(curated: list[Entry], matcher: Matcher, store: Store) -> Assistant:
    return Assistant(Settings(), curated, matcher, store)


def minimal_entry(
    entry_id: str, questions: Mapping[str, Sequence[str]], answer: Mapping[str, str], **extra: Any
) -> dict[str, Any]:
    """A knowledge entry as a plain mapping, in the file format of design.md."""
    data: dict[str, Any] = {
        "id": entry_id,
        "topic": extra.pop("topic", "test"),
        "questions": {k: list(v) for k, v in questions.items()},
        "answer": dict(answer),
    }
    data.update(extra)
    return data


KnowledgeWriter = Callable[..., Path]


@pytest.fixture
def write_knowledge(tmp_path: Path) -> KnowledgeWriter:
    """write_knowledge({"a.yaml": [entries] or "raw text"}, directory="kb") -> the directory."""

    def write(files: Mapping[str, Any], directory: str = "kb") -> Path:
        target = tmp_path / directory
        target.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            text = content if isinstance(content, str) else yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
            (target / name).write_text(text, encoding="utf-8")
        return target

    return write


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def cli_env(db_path: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOCSOCIAL_", "TELEGRAM_", "DISCORD_"))}
    env["DOCSOCIAL_DB"] = str(db_path)
    env["DOCSOCIAL_CACHE_DIR"] = str(CLI_CACHE)  # one temporary matcher cache for all CLI runs
    env["DOCSOCIAL_ENV_FILE"] = os.devnull  # a developer's .env must not change what the CLI does here
    env["DOCSOCIAL_MODEL_CACHE"] = os.environ["DOCSOCIAL_MODEL_CACHE"]
    env["DOCSOCIAL_LOG_LEVEL"] = "WARNING"
    env["PYTHONIOENCODING"] = "utf-8"
    for threads in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[threads] = "1"  # several CLI processes run at once on few cores
    env.update(extra or {})
    return env


def start_cli(
    args: Sequence[str],
    db_path: Path,
    stdin: str | None = None,
    python_flags: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
) -> tuple[subprocess.Popen[str], str | None]:
    """Start `python [FLAGS] -m bot ARGS` in the repository; returns the process and its stdin text."""
    proc = subprocess.Popen(
        [sys.executable, *python_flags, "-m", "bot", *args],
        cwd=REPO,
        env=cli_env(db_path, env),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    return proc, stdin


def finish_cli(started: tuple[subprocess.Popen[str], str | None], timeout: float = 60) -> CliResult:
    proc, stdin = started
    out, err = proc.communicate(stdin if stdin is not None else "", timeout=timeout)
    return CliResult(proc.returncode, out, err)


def run_cli(
    args: Sequence[str], db_path: Path, stdin: str | None = None, python_flags: Sequence[str] = ()
) -> CliResult:
    return finish_cli(start_cli(args, db_path, stdin, python_flags))


@dataclass(frozen=True)
class CliJob:
    args: Sequence[str]
    stdin: str | None = None
    python_flags: Sequence[str] = ()
    env: Mapping[str, str] | None = None


def run_cli_parallel(jobs: Mapping[str, CliJob], db_dir: Path) -> dict[str, CliResult]:
    """Run independent CLI invocations at once (each with the database db_dir/NAME.sqlite) to keep the suite fast."""
    started = {
        name: start_cli(job.args, db_dir / f"{name}.sqlite", job.stdin, job.python_flags, job.env)
        for name, job in jobs.items()
    }
    return {name: finish_cli(s) for name, s in started.items()}


ASK_JSON_FIELDS = {"kind", "entry_id", "score", "locale", "text", "suggestions"}


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say plainly when the PostgreSQL half of the suite did not run (no server configured)."""
    from tests.pg_support import PG_URL, SKIP_REASON

    if not PG_URL:
        skipped = [r for r in terminalreporter.stats.get("skipped", []) if SKIP_REASON in str(r.longrepr)]
        if skipped:
            terminalreporter.write_sep("=", f"{SKIP_REASON}: {len(skipped)} tests did not run", yellow=True)
