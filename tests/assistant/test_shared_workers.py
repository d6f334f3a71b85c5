"""Two assistants on one database behave as one bot (the in-process version of several workers), and
loaded communities are bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.assistant import Assistant, OperatorContext
from bot.config import Settings
from bot.matching import Matcher
from bot.models import Entry, Message
from bot.storage.sqlite.store import SQLiteStore
from tests.conftest import copy_of
from tests.fakes.chat import MemberContext, ModeratorContext

GROUP = "telegram:-100999"
SALT = "shared-workers-test-salt-0123456789"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def group(text: str, user: str = "5", community: str = GROUP) -> Message:
    return Message(text=text, platform="telegram", community_id=community, user_id=user, is_private=False)


@pytest.fixture(scope="module")
def trained(curated: list[Entry]) -> Matcher:
    """The workers' matcher, trained once for this module; each worker gets its own copy."""
    return Matcher(curated, Settings().match)


async def two_workers(
    tmp_path: Path, curated: list[Entry], trained: Matcher, **settings: object
) -> tuple[Assistant, Assistant, Clock]:
    clock = Clock()
    made = []
    for _ in range(2):
        store = SQLiteStore(tmp_path / "shared.db")
        await store.open()
        # Each worker has its own matcher, as separate processes would.
        matcher = copy_of(trained)
        made.append(Assistant(Settings(DOCSOCIAL_VOTE_SALT=SALT, **settings), curated, matcher, store, clock=clock))
    return made[0], made[1], clock


async def test_a_change_in_one_worker_reaches_the_other_after_its_revision_check(
    tmp_path: Path, curated: list[Entry], trained: Matcher
) -> None:
    a, b, clock = await two_workers(tmp_path, curated, trained)
    try:
        question = "Where is the ward's night rota kept?"
        assert (await b.handle(group(question), MemberContext())).kind != "answer"  # b loads the group
        added = await a.handle(group("/faq add Where is the ward's night rota kept? | On the intranet."),
                               ModeratorContext())
        assert added.kind == "info"
        assert (await b.handle(group(question), MemberContext())).kind != "answer"  # checked under a second ago
        clock.now += 1.0
        answered = await b.handle(group(question), MemberContext())
        assert answered.kind == "answer" and answered.entry_id == "c1"
        # and the settings, /lang and /rate state are shared too
        await a.handle(group("/lang es", user="7"), MemberContext())
        assert (await b.handle(group("/help", user="7"), MemberContext())).locale == "es"
    finally:
        await a.close()
        await b.close()


async def test_loaded_communities_are_bounded_least_recently_used_first(
    tmp_path: Path, curated: list[Entry], trained: Matcher
) -> None:
    a, b, _ = await two_workers(tmp_path, curated, trained, DOCSOCIAL_MAX_LOADED_COMMUNITIES=2)
    try:
        for n in (1, 2, 3):
            add = f"/faq add Question only group {n} asks? | Answer {n}."
            assert (await a.handle(Message(text=add, platform="cli", community_id=f"g{n}"),
                                   OperatorContext())).kind == "info"
        assert list(a._loaded) == ["g2", "g3"]  # g1 was evicted when g3 loaded
        assert a.matcher.community_entries("g1") == [] and a.matcher.community_entries("g3") != []
        again = await a.handle(Message(text="Question only group 1 asks?", platform="cli", community_id="g1"),
                               OperatorContext())
        assert again.kind == "answer" and again.entry_id == "c1"  # reloaded on use
        assert list(a._loaded) == ["g3", "g1"]
    finally:
        await a.close()
        await b.close()
