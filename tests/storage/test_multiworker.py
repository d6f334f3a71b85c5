"""Several workers on one PostgreSQL database behave as one bot, and a database outage is survived.

Two real processes (`tests/worker_process.py`) share a fresh schema: an entry added in one is answered
by the other after its once-a-second revision check, a guided /faq add hops between them, and a rate
limit counts across both.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
import pytest_asyncio
import yaml

from bot.assistant import Assistant, OperatorContext
from bot.config import Settings
from bot.models import Entry, Message
from bot.storage.postgres.store import PostgresStore
from tests.conftest import REPO, cli_env
from tests.pg_support import PG_URL, create_schema, drop_schema, needs_postgres, new_schema

pytestmark = needs_postgres
GROUP = "telegram:-100555"
SALT = "multi-worker-test-salt-0123456789"


class Worker:
    """One bot process; `send` writes a message and reads its reply."""

    def __init__(self, url: str, tmp_path: Path, extra: dict[str, str]) -> None:
        env = cli_env(tmp_path / "unused.db", {"DOCSOCIAL_DATABASE_URL": url, "DOCSOCIAL_VOTE_SALT": SALT, **extra})
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.worker_process"], cwd=REPO, env=env, text=True, encoding="utf-8",
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )

    def wait_ready(self) -> None:
        line = self._line(120)
        assert json.loads(line) == {"ready": True}, line

    def send(self, text: str, *, user: str = "7001", moderator: bool = False) -> dict[str, Any]:
        message = {"text": text, "platform": "telegram", "community_id": GROUP, "user_id": user,
                   "is_private": False, "addressed": True, "moderator": moderator}
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(message) + "\n")
        self.proc.stdin.flush()
        return dict(json.loads(self._line(60)))

    def _line(self, timeout: float) -> str:
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if line:
                return line
            if self.proc.poll() is not None:
                break
        err = self.proc.stderr.read() if self.proc.stderr else ""
        raise AssertionError(f"worker gave no reply (exit {self.proc.poll()}): {err[-2000:]}")

    def stop(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest_asyncio.fixture
async def schema_url() -> AsyncIterator[str]:
    name = new_schema()
    await create_schema(name)
    url = f"{PG_URL}?search_path={name}"
    async with PostgresStore(url, migrate=True):  # the deploy step: workers only check the schema
        pass
    try:
        yield url
    finally:
        await drop_schema(name)


@pytest.fixture
def workers(schema_url: str, tmp_path: Path) -> Iterator[tuple[Worker, Worker]]:
    extra = {"DOCSOCIAL_USER_RATE": "4/year", "DOCSOCIAL_COMMUNITY_RATE": "100/minute"}
    pair = (Worker(schema_url, tmp_path, extra), Worker(schema_url, tmp_path, extra))
    try:
        for worker in pair:
            worker.wait_ready()
        yield pair
    finally:
        for worker in pair:
            worker.stop()


def test_two_workers_share_entries_dialogues_and_limits(workers: tuple[Worker, Worker]) -> None:
    a, b = workers
    question = "What is the night rota of our ward?"
    assert b.send(question, user="1")["kind"] != "answer"  # b has loaded the group before the add

    added = a.send("/faq add What is the night rota of our ward? | Ask the registrar on call.", moderator=True)
    assert added["kind"] == "info" and added["entry_id"] == "c1", added
    time.sleep(1.1)  # b re-checks the group's revision at most once a second
    answered = b.send(question, user="2")
    assert answered["kind"] == "answer" and answered["entry_id"] == "c1", answered

    # A guided /faq add started on one worker continues on the other, step by step.
    assert "Step 1" in a.send("/faq add", user="9", moderator=True)["body"]
    assert "Step 2" in b.send("Where do we park at night?", user="9")["body"]
    assert "Step 3" in a.send("Level -2, code at the porter's desk.", user="9")["body"]
    saved = b.send("skip", user="9")
    assert saved["kind"] == "info" and saved["entry_id"] == "c2", saved

    # One user, four questions allowed per window, counted across both workers.
    kinds = [worker.send("What is Sermo?", user="42")["kind"] for worker in (a, b, a, b, a)]
    assert kinds == ["answer", "answer", "answer", "answer", "slow_down"]
    assert b.send("What is Sermo?", user="42")["kind"] == "slow_down"
    assert b.send("What is Sermo?", user="43")["kind"] == "answer"  # someone else is not limited


async def test_a_database_outage_gives_a_clear_reply_then_recovers(schema_url: str, curated: Any,
                                                                    matcher: Any) -> None:
    """What a restart looks like to the bot: its connections are dropped and new ones are refused for a
    while. The bot answers with a clear error instead of crashing, and recovers without a restart."""
    server, _, database = PG_URL.rpartition("/")
    store = PostgresStore(schema_url, retry_seconds=0.5)
    await store.open()
    assistant = Assistant(Settings(DOCSOCIAL_VOTE_SALT=SALT), curated, matcher, store)
    ask = Message(text="/faq add What is the outage drill? | Call the switchboard.", platform="cli")
    admin = await asyncpg.connect(f"{server}/postgres")  # a database may not lock itself out
    try:
        assert (await assistant.handle(ask, OperatorContext())).kind == "info"
        await admin.execute(f'ALTER DATABASE "{database}" WITH ALLOW_CONNECTIONS false')
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", database
        )
        down = await assistant.handle(Message(text="what is the outage drill?", platform="cli"), OperatorContext())
        assert down.kind == "error" and "try again" in down.body, down
        await admin.execute(f'ALTER DATABASE "{database}" WITH ALLOW_CONNECTIONS true')
        back = await assistant.handle(Message(text="what is the outage drill?", platform="cli"), OperatorContext())
        assert back.kind == "answer" and back.entry_id == "c1", back
    finally:
        await admin.execute(f'ALTER DATABASE "{database}" WITH ALLOW_CONNECTIONS true')
        await admin.close()
        await assistant.close()



async def test_a_worker_killed_mid_import_loses_nothing_committed(schema_url: str, tmp_path: Path) -> None:
    """kill -9 of `kb import` while its transaction is open: the import is all or nothing, and what was
    committed before stays."""
    async with PostgresStore(schema_url) as store:
        await store.add_entry(GROUP, Entry.model_validate(
            {"id": "c1", "topic": "t", "questions": {"en": ["Committed before?"]}, "answer": {"en": "Yes."}}
        ), "mod")
    rows = [{"id": f"imp-{i}", "topic": "t", "questions": {"en": [f"Imported question number {i}?"]},
             "answer": {"en": "An imported answer. " * 20}} for i in range(4000)]
    (tmp_path / "big.yaml").write_text(yaml.safe_dump(rows), encoding="utf-8")
    env = cli_env(tmp_path / "unused.db", {"DOCSOCIAL_DATABASE_URL": schema_url, "DOCSOCIAL_VOTE_SALT": SALT})
    proc = subprocess.Popen([sys.executable, "-m", "bot", "kb", "import", str(tmp_path / "big.yaml"),
                             "--community", GROUP], cwd=REPO, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    database = PG_URL.rpartition("/")[2]
    admin = await asyncpg.connect(PG_URL)
    try:
        in_transaction = False
        for _ in range(600):  # wait until the import's transaction has written rows, then kill it
            in_transaction = bool(await admin.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'docsocial'"
                " AND datname = $1 AND backend_xid IS NOT NULL", database
            ))
            if in_transaction or proc.poll() is not None:
                break
            await asyncio.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        await admin.close()
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    assert in_transaction and proc.returncode == -signal.SIGKILL
    async with PostgresStore(schema_url) as store:
        ids = [ce.entry.id for ce in await store.list_entries(GROUP)]
        assert ids == ["c1"]  # the open import rolled back entirely; the committed entry is intact
        assert await store.history(GROUP, "c2") == []
