"""Moderators' /faq commands against the real SQLiteStore on a temporary file."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from rapidfuzz import fuzz, utils

from bot.commands import FAQ_SUBCOMMANDS
from bot.faq import FaqLimits, FaqRequest, FaqService
from bot.faq.gaps import group_gaps
from bot.models import Entry, Reply, Suggestion
from bot.storage.base import CommunitySettings, StoreError
from bot.storage.sqlite.store import SQLiteStore

GROUP = "telegram:-100123"
MOD = FaqRequest(GROUP, "telegram:1", True, "en")
MOD2 = FaqRequest(GROUP, "telegram:2", True, "en")
MEMBER = FaqRequest(GROUP, "telegram:99", False, "en")
MOD_ES = FaqRequest(GROUP, "telegram:1", True, "es")

CURATED = {
    "sermo": Entry.model_validate(
        {
            "id": "sermo",
            "topic": "medical-networks",
            "questions": {"en": ["What is Sermo?", "tell me about sermo"], "es": ["¿Qué es Sermo?"]},
            "answer": {
                "en": "Sermo is a social network for doctors.",
                "es": "Sermo es una red social para médicos.",
            },
            "sources": ["seed"],
        }
    ),
    "whatsapp-patients": Entry.model_validate(
        {
            "id": "whatsapp-patients",
            "topic": "patients",
            "questions": {
                "en": ["Can I use WhatsApp with patients?"],
                "es": ["¿Puedo usar WhatsApp con pacientes?"],
            },
            "answer": {"en": "Only with consent ...", "es": "Solo con consentimiento ..."},
            "sources": ["seed"],
        }
    ),
}


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class World:
    """The pieces the core would wire: store, a find_similar over what is live, on_change reloading it."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store
        self.changes: list[str] = []
        self.live: dict[str, list[Entry]] = {}
        self.hidden: dict[str, set[str]] = {}
        self.clock = FakeClock()
        self.faq = FaqService(store, CURATED, self.find_similar, self.on_change, clock=self.clock)

    async def on_change(self, community_id: str) -> None:
        self.changes.append(community_id)
        self.live[community_id] = [ce.entry for ce in await self.store.list_entries(community_id)]
        self.hidden[community_id] = await self.store.hidden_entries(community_id)

    def find_similar(self, text: str, community_id: str) -> list[tuple[Suggestion, float]]:
        hidden = self.hidden.get(community_id, set())
        entries = [e for e in CURATED.values() if e.id not in hidden] + self.live.get(community_id, [])
        scored = []
        for e in entries:
            best = (
                max(
                    fuzz.token_set_ratio(text, q, processor=utils.default_process)
                    for _, q in e.questions.all()
                )
                / 100
            )
            scored.append((Suggestion(entry_id=e.id, title=e.display_title("en")), best))
        return sorted(scored, key=lambda p: -p[1])[:3]

    async def run(self, args: str, req: FaqRequest = MOD) -> Reply:
        return await self.faq.handle(args, req)


@pytest_asyncio.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    store = SQLiteStore(tmp_path / "faq.db")
    await store.open()
    try:
        yield World(store)
    finally:
        await store.close()


def text_of(reply: Reply) -> str:
    return "\n".join([reply.title or "", reply.body, *reply.bullets])


# --- add ------------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_add_one_line_saves_entry(world: World) -> None:
    reply = await world.run("add How do I verify my profile? | Go to Settings > Verify.")
    assert reply.kind == "info" and reply.entry_id == "c1"
    ce = await world.store.get_entry(GROUP, "c1")
    assert ce.entry.questions.en == ["How do I verify my profile?"]
    assert ce.entry.answer.en == "Go to Settings > Verify."  # markup kept verbatim
    assert ce.entry.topic == "community"
    assert ce.entry.sources == [f"Moderators of {GROUP}"]
    assert world.changes == [GROUP]
    history = await world.store.history(GROUP, "c1")
    assert [(h.action, h.actor) for h in history] == [("add", "telegram:1")]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("add How do I verify my profile?", "separated by `|`"),
        ("add | Go to settings", "question is empty"),
        ("add How do I verify?   |   ", "answer is empty"),
        ("add \u200b | answer", "question is empty"),
        ("add " + "q" * 301 + " | answer", "301 characters; the limit is 300"),
        ("add Question? | " + "a" * 2001, "2001 characters; the limit is 2000"),
    ],
)
async def test_add_malformed(world: World, args: str, expected: str) -> None:
    reply = await world.run(args)
    assert reply.kind == "error"
    assert expected in text_of(reply)
    assert "faq add" in text_of(reply) or "limit" in text_of(reply)  # says how to fix it
    assert await world.store.list_entries(GROUP, include_deleted=True) == []
    assert world.changes == []


@pytest.mark.asyncio
async def test_add_normalises_unicode_and_spaces(world: World) -> None:
    decomposed = "Cómo".replace("ó", "o\u0301")  # "o" + combining accent
    await world.run(
        f"add   ¿{decomposed}  verifico\tmi perfil?  |  Línea 1\n\n\n\nLínea 2 <b>x</b>  ", MOD_ES
    )
    entry = (await world.store.get_entry(GROUP, "c1")).entry
    assert entry.questions.es == ["¿Cómo verifico mi perfil?"]
    assert entry.answer.es == "Línea 1\n\nLínea 2 <b>x</b>"
    assert entry.questions.en == []


@pytest.mark.asyncio
async def test_add_duplicate_phrasing_refused_and_similar_warned(world: World) -> None:
    await world.run("add How do I verify my profile? | Settings > Verify.")
    dup = await world.run("add how do I verify my profile | Again")
    assert dup.kind == "error" and "c1" in dup.body
    similar = await world.run("add What is Sermo exactly? | A network.")
    assert similar.kind == "info" and similar.entry_id == "c2"  # still saved
    assert "looks like" in similar.body and "faq remove c2" in similar.body
    assert any("sermo" in b for b in similar.bullets)
    assert similar.suggestions[0].entry_id == "sermo"
    assert len(await world.store.list_entries(GROUP)) == 2


@pytest.mark.asyncio
async def test_add_entry_one_shot_with_extras(world: World) -> None:
    reply = await world.faq.add_entry(
        MOD, "How do I get the blue tick?", "Verify first.", ["blue tick", "  verified badge  ", "Blue tick"]
    )
    assert reply.kind == "info"
    entry = (await world.store.get_entry(GROUP, reply.entry_id or "")).entry
    assert entry.questions.en == ["How do I get the blue tick?", "blue tick", "verified badge"]
    refused = await world.faq.add_entry(MEMBER, "Q?", "A", [])
    assert refused.kind == "refusal"
    too_many = await world.faq.add_entry(MOD, "Another?", "A", [f"phrasing {i}" for i in range(11)])
    assert too_many.kind == "error" and "limit is 10" in too_many.body


# --- guided dialogue -------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_dialogue_full_flow(world: World) -> None:
    start = await world.run("add")
    assert start.kind == "info" and "Step 1 of 3" in start.body
    assert await world.faq.in_dialogue(MOD)
    assert not await world.faq.in_dialogue(MOD2)  # keyed by actor
    assert not await world.faq.in_dialogue(dataclasses.replace(MOD, community_id="discord:1"))  # and community
    empty = await world.faq.dialogue_step("   ", MOD)
    assert empty.kind == "error" and await world.faq.in_dialogue(MOD)
    step2 = await world.faq.dialogue_step("What is Sermo for surgeons?", MOD)
    assert "Step 2 of 3" in step2.body and "looks like" in step2.body  # early warning
    step3 = await world.faq.dialogue_step("A network.\nWith forums.", MOD)
    assert "Step 3 of 3" in step3.body
    done = await world.faq.dialogue_step("sermo surgeons; surgeon network\nsermo for surgery", MOD)
    assert done.kind == "info" and done.entry_id == "c1"
    assert not await world.faq.in_dialogue(MOD)
    entry = (await world.store.get_entry(GROUP, "c1")).entry
    assert entry.questions.en == [
        "What is Sermo for surgeons?",
        "sermo surgeons",
        "surgeon network",
        "sermo for surgery",
    ]
    assert entry.answer.en == "A network.\nWith forums."


@pytest.mark.asyncio
async def test_dialogue_skip_and_cancel(world: World) -> None:
    await world.run("add")
    await world.faq.dialogue_step("Question one?", MOD)
    await world.faq.dialogue_step("Answer one", MOD)
    done = await world.faq.dialogue_step("skip", MOD)
    assert done.entry_id == "c1"
    assert (await world.store.get_entry(GROUP, "c1")).entry.questions.en == ["Question one?"]

    await world.run("add")
    await world.faq.dialogue_step("Question two?", MOD)
    cancelled = await world.faq.cancel(MOD)
    assert cancelled.kind == "info" and "nothing was saved" in cancelled.body
    assert not await world.faq.in_dialogue(MOD)
    assert (await world.faq.cancel(MOD)).body == "There is nothing to cancel."
    await world.run("add")
    assert (await world.faq.dialogue_step("cancelar", MOD)).body == "Cancelled; nothing was saved."
    assert len(await world.store.list_entries(GROUP)) == 1


@pytest.mark.asyncio
async def test_dialogue_expires_after_idle_minutes(world: World) -> None:
    await world.run("add")
    world.clock.now += 9 * 60
    await world.faq.dialogue_step("Question?", MOD)  # activity resets the idle timer
    world.clock.now += 9 * 60
    assert await world.faq.in_dialogue(MOD)
    world.clock.now += 61
    expired = await world.faq.dialogue_step("The answer", MOD)
    assert expired.kind == "error" and "expired" in expired.body
    assert not await world.faq.in_dialogue(MOD)
    assert await world.store.list_entries(GROUP) == []


@pytest.mark.asyncio
async def test_dialogue_question_and_answer_at_once(world: World) -> None:
    await world.run("add")
    both = await world.faq.dialogue_step("Is TikTok OK for doctors? | Yes, with care.", MOD)
    assert "Step 3 of 3" in both.body
    done = await world.faq.dialogue_step("no", MOD)
    entry = (await world.store.get_entry(GROUP, done.entry_id or "")).entry
    assert (entry.questions.en, entry.answer.en) == (["Is TikTok OK for doctors?"], "Yes, with care.")


@pytest.mark.asyncio
async def test_dialogue_duplicate_question_stays_on_step(world: World) -> None:
    await world.run("add Question one? | A")
    await world.run("add")
    dup = await world.faq.dialogue_step("question one", MOD)
    assert dup.kind == "error" and "c1" in dup.body
    assert await world.faq.in_dialogue(MOD)
    ok = await world.faq.dialogue_step("Question two?", MOD)
    assert "Step 2 of 3" in ok.body


@pytest.mark.asyncio
async def test_dialogue_member_cannot_start(world: World) -> None:
    reply = await world.run("add", MEMBER)
    assert reply.kind == "refusal" and not await world.faq.in_dialogue(MEMBER)
    assert (await world.faq.dialogue_step("Q?", MEMBER)).kind == "error"
    assert await world.store.list_entries(GROUP) == []


@pytest.mark.asyncio
async def test_dialogue_continues_without_role_lookup(world: World) -> None:
    """The core passes is_moderator=False for plain messages; the draft belongs to the moderator who began."""
    await world.run("add")
    plain = dataclasses.replace(MOD, is_moderator=False)
    assert await world.faq.in_dialogue(plain)
    await world.faq.dialogue_step("Q?", plain)
    await world.faq.dialogue_step("A", plain)
    assert (await world.faq.dialogue_step("skip", plain)).entry_id == "c1"


# --- alias / edit / remove / restore / list / show / history ----------------------------------------


@pytest.mark.asyncio
async def test_alias(world: World) -> None:
    await world.run("add How do I verify my profile? | Settings > Verify.")
    await world.run("add Where is the logout button? | Top right.")
    reply = await world.run("alias C1 blue tick please")
    assert reply.kind == "info" and reply.entry_id == "c1"
    assert (await world.store.get_entry(GROUP, "c1")).entry.questions.en[-1] == "blue tick please"
    same = await world.run("alias c1 Blue tick please!")
    assert same.kind == "error" and "already a phrasing of `c1`" in same.body
    other = await world.run("alias c1 where is the logout button")
    assert other.kind == "error" and "`c2`" in other.body
    assert (await world.run("alias c9 something")).kind == "error"
    assert "faq alias c3" in (await world.run("alias c1")).body
    assert (await world.run("alias sermo another")).kind == "error"  # curated: read-only
    assert [h.action for h in await world.store.history(GROUP, "c1")] == ["add", "alias"]


@pytest.mark.asyncio
async def test_edit_question_answer_both(world: World) -> None:
    await world.run("add Old question? | Old answer")
    r1 = await world.run("edit c1 answer New answer | with a pipe")
    assert r1.kind == "info"
    entry = (await world.store.get_entry(GROUP, "c1")).entry
    assert entry.answer.en == "New answer | with a pipe"
    await world.run("edit c1 question New question?")
    entry = (await world.store.get_entry(GROUP, "c1")).entry
    assert entry.questions.en == ["New question?"]
    await world.run("edit c1 Both question? | Both answer")
    entry = (await world.store.get_entry(GROUP, "c1")).entry
    assert (entry.questions.en, entry.answer.en) == (["Both question?"], "Both answer")
    assert (await world.run("edit c1 Both answer")).kind == "error"  # neither a field nor a "|"
    assert (await world.run("edit c1 answer")).kind == "error"
    same = await world.run("edit c1 answer Both answer")
    assert same.kind == "error" and "nothing changed" in same.body
    assert (await world.run("edit c7 answer x")).kind == "error"
    curated = await world.run("edit sermo answer x")
    assert curated.kind == "error" and "faq hide sermo" in curated.body
    assert [h.action for h in await world.store.history(GROUP, "c1")] == ["add", "edit", "edit", "edit"]


@pytest.mark.asyncio
async def test_edit_in_other_locale_changes_existing_text(world: World) -> None:
    await world.run("add Old question? | Old answer")
    await world.run("edit c1 respuesta Nueva", MOD_ES)
    entry = (await world.store.get_entry(GROUP, "c1")).entry
    assert entry.answer.en == "Nueva" and entry.answer.es is None


@pytest.mark.asyncio
async def test_remove_restore_list_show(world: World) -> None:
    for i in range(12):
        await world.run(f"add Question number {i}? | Answer {i}")
    page1 = await world.run("list", MEMBER)
    assert page1.kind == "info" and "page 1 of 2" in (page1.title or "")
    assert page1.bullets[0] == "c1 · Question number 0?" and len(page1.bullets) == 10
    page2 = await world.run("list 2", MEMBER)
    assert [b.split(" ")[0] for b in page2.bullets] == ["c11", "c12"]  # c2 < c10 < c11
    assert (await world.run("list 3")).kind == "error"

    removed = await world.run("remove c2")
    assert removed.kind == "info" and "faq restore c2" in removed.body
    assert (await world.run("remove c2")).kind == "error"
    assert "c2 ·" not in "\n".join((await world.run("list")).bullets)
    mod_list = await world.run("list")
    assert "1 removed" in mod_list.body and "Removed (`/faq restore ID`): c2" in mod_list.bullets
    assert len((await world.run("list", MEMBER)).bullets) == 10  # members see only live entries
    assert (await world.run("show c2", MEMBER)).kind == "error"
    assert "removed" in (await world.run("show c2")).body  # moderators still see it
    restored = await world.run("restore c2")
    assert restored.kind == "info"
    assert (await world.run("restore c2")).kind == "error"
    show = await world.run("show c2", MEMBER)
    assert (show.kind, show.title, show.body, show.entry_id) == (
        "info",
        "Question number 1?",
        "Answer 1",
        "c2",
    )
    curated = await world.run("show SERMO", MEMBER)
    assert curated.body.startswith("Sermo is") and curated.sources == ["seed"]
    assert "tell me about sermo" in curated.bullets[0]
    assert (await world.run("show nothing-here", MEMBER)).kind == "error"
    assert (await world.run("remove sermo")).body.count("faq hide sermo") == 1
    assert world.changes.count(GROUP) == 14


@pytest.mark.asyncio
async def test_list_empty(world: World) -> None:
    reply = await world.run("list", MEMBER)
    assert reply.kind == "info" and "no entries" in reply.body


@pytest.mark.asyncio
async def test_history(world: World) -> None:
    await world.run("add Q one? | A")
    await world.run("alias c1 q uno", MOD2)
    await world.run("edit c1 answer A better answer")
    await world.run("remove c1")
    reply = await world.run("history c1")
    assert reply.kind == "info"
    assert [b.split(" · ")[0] for b in reply.bullets] == ["c1@4", "c1@3", "c1@2", "c1@1"]  # newest first
    assert [b.split(" · ")[2].split(" by ")[0] for b in reply.bullets] == ["remove", "edit", "alias", "add"]
    assert 'answer.en "A" → "A better answer"' in reply.bullets[1]
    assert 'deleted "false" → "true"' in reply.bullets[0]
    assert '+ phrasing "q uno"' in reply.bullets[2] and "by telegram:2" in reply.bullets[2]
    assert 'created: "Q one?"' in reply.bullets[3] and "UTC" in reply.bullets[3]
    assert (await world.run("history c5")).kind == "error"
    assert (await world.run("history sermo")).body == "No changes recorded for `sermo`."
    recent = await world.run("history")
    assert recent.bullets[0].startswith("c1 · ") and len(recent.bullets) == 4


@pytest.mark.asyncio
async def test_restore_an_earlier_version(world: World) -> None:
    await world.run("add Q one? | A")
    await world.run("alias c1 q uno")
    await world.run("edit c1 answer Wrong answer")
    await world.run("remove c1")
    back = await world.run("restore c1@2")
    assert back.kind == "info" and "version 2" in (back.title or "")
    entry = await world.store.get_entry(GROUP, "c1")
    assert not entry.deleted and entry.entry.answer.en == "A" and entry.entry.questions.en == ["Q one?", "q uno"]
    history = await world.run("history c1")
    assert "revert" in history.bullets[1] and 'answer.en "Wrong answer" → "A"' in history.bullets[1]
    assert (await world.run("restore c1@9")).kind == "error"
    assert (await world.run("restore c1@x")).kind == "error"
    assert (await world.run("restore sermo@1")).kind == "error"
    assert (await world.run("restore c1@1", MEMBER)).kind == "refusal"


# --- permissions -------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_member_refused_for_every_moderator_command(world: World) -> None:
    await world.run("add Q one? | A")
    await world.store.record_gap(GROUP, "how to post safely", "fallback")
    before_entries = await world.store.list_entries(GROUP, include_deleted=True)
    before_changes = list(world.changes)
    commands = {
        "add": "add Q? | A",
        "alias": "alias c1 other",
        "edit": "edit c1 answer B",
        "remove": "remove c1",
        "restore": "restore c1",
        "history": "history c1",
        "hide": "hide sermo",
        "unhide": "unhide sermo",
        "gaps": "gaps",
        "answer": "answer 1 A",
        "link": "link 1 c1",
        "unlink": "unlink sermo",
        "dismiss": "dismiss 1",
        "suggestions": "suggestions",
        "accept": "accept 1",
        "reject": "reject 1",
        "stats": "stats",
        "settings": "settings freetext on",
    }
    assert set(commands) == {c.name for c in FAQ_SUBCOMMANDS if c.moderator_only}
    for name, args in commands.items():
        reply = await world.run(args, MEMBER)
        assert reply.kind == "refusal", name
        assert f"faq {name}" in reply.body and "Sorry" in reply.body
    assert await world.store.list_entries(GROUP, include_deleted=True) == before_entries
    assert world.changes == before_changes
    assert await world.store.hidden_entries(GROUP) == set()
    assert await world.store.get_settings(GROUP) == CommunitySettings()
    assert len(await world.store.gaps(GROUP)) == 1
    assert not await world.faq.in_dialogue(MEMBER)


@pytest.mark.asyncio
async def test_open_commands_and_local_operator(world: World) -> None:
    help_member = await world.run("help", MEMBER)
    assert help_member.kind == "info" and all("faq add" not in b for b in help_member.bullets)
    help_mod = await world.run("", MOD)
    assert len(help_mod.bullets) == len(FAQ_SUBCOMMANDS)
    local = FaqRequest("local", "local", False, "en")
    assert (await world.run("add Console Q? | A", local)).kind == "info"


# --- hide / unhide -----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_hide_unhide_calls_on_change(world: World) -> None:
    assert (await world.run("hide sermo")).kind == "info"
    assert world.changes == [GROUP] and world.hidden[GROUP] == {"sermo"}
    again = await world.run("hide sermo")
    assert again.kind == "info" and "already hidden" in again.body and world.changes == [GROUP]
    assert "hidden in this group" in (await world.run("show sermo", MEMBER)).body
    assert (await world.run("unhide sermo")).kind == "info"
    assert world.changes == [GROUP, GROUP] and world.hidden[GROUP] == set()
    assert "not hidden" in (await world.run("unhide sermo")).body
    assert (await world.run("hide nope")).kind == "error"
    await world.run("add Q? | A")
    assert "faq remove c1" in (await world.run("hide c1")).body
    assert [h.action for h in await world.store.history(GROUP, "sermo")] == ["hide", "unhide"]


# --- gaps ----------------------------------------------------------------------------------------------


async def _seed_gaps(store: SQLiteStore) -> None:
    for text, times in [
        ("how do I delete my old tweets", 3),
        ("How do I delete old tweets?", 2),
        ("delete my old tweets how", 1),
        ("can I post x-rays on instagram", 2),
        ("best time to post on linkedin", 1),
    ]:
        for _ in range(times):
            await store.record_gap(GROUP, text, "fallback")
    await store.record_gap(GROUP, "how do i delete my old tweets", "clarify")


@pytest.mark.asyncio
async def test_gaps_grouping(world: World) -> None:
    await _seed_gaps(world.store)
    reply = await world.run("gaps")
    assert reply.kind == "info"
    assert len(reply.bullets) == 3
    first = reply.bullets[0]
    assert first.startswith('1. "how do I delete my old tweets"')
    assert "asked 7×" in first and "+2 similar" in first
    assert reply.bullets[1].startswith('4. "can I post x-rays on instagram"')  # numbered when first asked
    assert "faq answer N" in reply.body


def test_group_gaps_threshold() -> None:
    import datetime as dt

    from bot.storage.base import Gap

    t0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    t1 = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    gaps = [
        Gap("reset password", "fallback", 1, t1, t1),
        Gap("Password reset!", "fallback", 4, t0, t0),
        Gap("something else", "clarify", 2, t0, t1),
    ]
    groups = group_gaps(gaps, 85)
    assert [(g.text, g.count) for g in groups] == [("Password reset!", 5), ("something else", 2)]
    assert groups[0].first_seen == t0 and groups[0].last_seen == t1
    assert len(group_gaps(gaps, 101)) == 3


@pytest.mark.asyncio
async def test_answer_gap_creates_entry_and_clears_it(world: World) -> None:
    await _seed_gaps(world.store)
    await world.run("gaps")
    reply = await world.run("answer 1 Use a bulk-delete tool; check the platform's terms.")
    assert reply.kind == "info" and reply.entry_id == "c1"
    assert any("removed from the unanswered list" in b for b in reply.bullets)
    entry = (await world.store.get_entry(GROUP, "c1")).entry
    assert entry.questions.en[0].lower() == "how do i delete my old tweets"
    assert len(entry.questions.en) == 3  # the similar texts became phrasings
    remaining = {g.text for g in await world.store.gaps(GROUP)}
    assert remaining == {"can I post x-rays on instagram", "best time to post on linkedin"}
    # numbers are stable: 1 is gone, the others keep theirs
    assert "already handled" in (await world.run("answer 1 again")).body
    link = await world.run("link 4 c1")
    assert link.kind == "info"
    assert "can I post x-rays on instagram" in (await world.store.get_entry(GROUP, "c1")).entry.questions.en
    assert (await world.run("answer 9 text")).kind == "error"
    assert (await world.run("answer x text")).kind == "error"
    assert (await world.run("answer 3")).kind == "error"
    fresh = await world.run("gaps")
    assert fresh.bullets[0].startswith('5. "best time to post on linkedin"')
    assert world.changes == [GROUP, GROUP]


@pytest.mark.asyncio
async def test_link_errors_and_gaps_without_listing_first(world: World) -> None:
    await _seed_gaps(world.store)
    await world.run("add How do I delete tweets? | Use the settings.")
    await world.store.set_hidden(GROUP, "sermo", True, "mod")
    assert "hidden" in (await world.run("link 1 sermo")).body  # nothing may lead to a hidden entry
    assert (await world.run("link 1 c9")).kind == "error"
    assert (await world.run("link 1")).kind == "error"
    ok = await world.run("link 1 c1", MOD2)  # no `/faq gaps` before: numbers computed now
    assert ok.kind == "info" and len((await world.store.get_entry(GROUP, "c1")).entry.questions.en) == 4


@pytest.mark.asyncio
async def test_gaps_empty(world: World) -> None:
    assert "No unanswered" in (await world.run("gaps")).body


# --- stats ---------------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_stats(world: World) -> None:
    await world.run("add Q one? | A")
    for _ in range(3):
        await world.store.record_answer(GROUP, "c1")
    await world.store.record_answer(GROUP, "sermo")
    await world.store.vote(GROUP, "c1", "voter-a", True)
    await world.store.vote(GROUP, "c1", "voter-b", False)
    await world.store.vote(GROUP, "c1", "voter-c", True)
    await world.store.record_gap(GROUP, "unknown thing", "fallback")
    reply = await world.run("stats")
    assert reply.kind == "info"
    assert "Last 7 days: 4 answered, 1 unanswered, helpful 67% of 3 votes." in reply.body
    assert "Last 30 days" in reply.body
    assert reply.bullets[0] == "c1 · Q one?: asked 3×, 👍 2 👎 1"
    assert reply.bullets[1].startswith("sermo · What is Sermo?")


@pytest.mark.asyncio
async def test_stats_empty(world: World) -> None:
    reply = await world.run("stats")
    assert "no votes yet" in reply.body and "No entries were asked" in reply.body


# --- settings --------------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_settings(world: World) -> None:
    shown = await world.run("settings")
    assert shown.kind == "info" and "Language: en" in shown.bullets
    assert (await world.run("settings freetext on")).kind == "info"
    assert (await world.run("settings guard yes")).kind == "info"
    assert (await world.run("settings cooldown 30")).kind == "info"
    es = await world.run("settings lang es")
    assert es.locale == "es" and es.title == "Ajuste guardado"  # confirmed in the new language
    assert await world.store.get_settings(GROUP) == CommunitySettings(
        locale="es", free_text=True, cooldown_seconds=30, guard=True
    )
    for bad in [
        "settings lang fr",
        "settings cooldown -1",
        "settings cooldown 99999",
        "settings guard maybe",
        "settings colour blue",
    ]:
        reply = await world.run(bad)
        assert reply.kind == "error" and "faq settings cooldown 30" in reply.body, bad
    assert [h.target for h in await world.store.history(GROUP, "free_text")] == ["free_text"]


# --- bad input, store errors, Spanish -------------------------------------------------------------------


@pytest.mark.asyncio
async def test_unknown_subcommand_suggests_closest(world: World) -> None:
    reply = await world.run("ad Q? | A")
    assert reply.kind == "error" and "Did you mean `/faq add`?" in reply.body
    reply = await world.run("zzzzzz")
    assert reply.kind == "error" and "faq help" in reply.body
    missing = await world.run("remove")
    assert missing.kind == "error" and "faq remove c3" in missing.body


@pytest.mark.asyncio
async def test_store_error_becomes_friendly_reply(world: World) -> None:
    await world.run("add Q one? | A")

    async def broken(*args: object, **kwargs: object) -> None:
        raise StoreError("the database is locked")

    world.store.update_entry = broken  # type: ignore[method-assign,assignment]
    reply = await world.run("alias c1 another way")
    assert (
        reply.kind == "error"
        and "the database is locked" in reply.body
        and "Nothing already saved" in reply.body
    )
    assert (await world.store.get_entry(GROUP, "c1")).entry.questions.en == ["Q one?"]


@pytest.mark.asyncio
async def test_closed_store_in_dialogue_keeps_draft(world: World) -> None:
    await world.run("add")
    await world.faq.dialogue_step("Q?", MOD)
    await world.faq.dialogue_step("A", MOD)
    await world.store.close()
    reply = await world.faq.dialogue_step("skip", MOD)
    assert reply.kind == "error" and "not open" in reply.body
    await world.store.open()
    assert await world.faq.in_dialogue(MOD)  # the moderator can resend once the database is back
    assert (await world.faq.dialogue_step("skip", MOD)).entry_id == "c1"


@pytest.mark.asyncio
async def test_failed_reload_does_not_fail_the_save(world: World) -> None:
    async def failing(community_id: str) -> None:
        raise RuntimeError("matcher down")

    faq = FaqService(world.store, CURATED, world.find_similar, failing, FaqLimits())
    reply = await faq.handle("add Q? | A", MOD)
    assert reply.kind == "info" and "could not reload" in reply.body
    assert len(await world.store.list_entries(GROUP)) == 1


@pytest.mark.asyncio
async def test_spanish_replies(world: World) -> None:
    added = await world.run("add ¿Cómo verifico mi perfil? | Ve a Ajustes.", MOD_ES)
    assert added.locale == "es" and added.title == "Guardada como c1"
    assert (await world.run("add sin separador", MOD_ES)).body.startswith("Escribe la pregunta")
    refusal = await world.run("remove c1", dataclasses.replace(MEMBER, locale="es"))
    assert refusal.kind == "refusal" and refusal.body.startswith("Lo siento")
    assert (await world.run("lista", MOD_ES)).body.startswith(
        "No conozco `/faq lista`. ¿Quisiste decir `/faq list`?"
    )
    assert "Paso 1 de 3" in (await world.run("add", MOD_ES)).body
    show = await world.run("show sermo", MOD_ES)
    assert show.title == "¿Qué es Sermo?" and show.body.startswith("Sermo es")
    help_es = await world.run("help", MOD_ES)
    assert help_es.title == "Comandos de FAQ" and "Añadir una entrada" in help_es.bullets[0]


# --- wired to the real matcher, as the core does ----------------------------------------------------------


@pytest.mark.asyncio
async def test_with_real_matcher(tmp_path: Path) -> None:
    from bot.knowledge import load_curated
    from bot.matching.matcher import Matcher

    curated = {e.id: e for e in load_curated()}
    matcher = Matcher(list(curated.values()))
    store = SQLiteStore(tmp_path / "wired.db")
    await store.open()

    async def reload(community_id: str) -> None:
        entries = [ce.entry for ce in await store.list_entries(community_id)]
        matcher.set_community(community_id, entries, await store.hidden_entries(community_id))

    def similar(text: str, community_id: str) -> list[tuple[Suggestion, float]]:
        return [
            (Suggestion(entry_id=c.entry.id, title=c.entry.display_title("en")), c.score)
            for c in matcher.similar(text, community_id)
        ]

    try:
        faq = FaqService(store, curated, similar, reload)
        reply = await faq.handle("add What is Sermo exactly? | Our group's take on Sermo.", MOD)
        assert reply.kind == "info" and reply.suggestions[0].entry_id == "sermo"
        assert matcher.entry("c1", GROUP) is not None  # on_change made it live
        assert (await faq.handle("hide sermo", MOD)).kind == "info"
        assert matcher.is_hidden("sermo", GROUP)
        assert matcher.match("What is Sermo exactly?", GROUP).top.entry.id == "c1"  # type: ignore[union-attr]
        assert (await faq.handle("show sermo", MEMBER)).body.startswith(curated["sermo"].answer.en or "")
    finally:
        await store.close()


@pytest.mark.asyncio
async def test_gap_numbers_are_stable_while_new_gaps_arrive(world: World) -> None:
    await _seed_gaps(world.store)
    await world.run("gaps")
    await world.run("answer 1 Use a bulk-delete tool.")
    world.clock.now += 24 * 3600  # no listing expires: the numbers live in the store
    for _ in range(5):  # a new, more asked question arrives: it ranks first but takes a new number
        await world.store.record_gap(GROUP, "how do I verify my account", "fallback")
    listing = await world.run("gaps", MOD2)
    assert listing.bullets[0].startswith('6. "how do I verify my account"')
    assert listing.bullets[1].startswith('4. "can I post x-rays on instagram"')
    reply = await world.run("answer 4 Only with the patient's written consent.", MOD2)
    assert reply.kind == "info"
    entry = (await world.store.get_entry(GROUP, reply.entry_id or "")).entry
    assert entry.questions.en == ["can I post x-rays on instagram"]
    listed = await world.run("gaps")
    assert sorted(b.split(".")[0] for b in listed.bullets) == ["5", "6"]


@pytest.mark.asyncio
async def test_edit_question_to_another_entrys_phrasing_is_refused(world: World) -> None:
    await world.run("add First question? | A")
    await world.run("add Second question? | B")
    reply = await world.run("edit c2 question first question")
    assert reply.kind == "error" and "`c1`" in reply.body
    assert (await world.store.get_entry(GROUP, "c2")).entry.questions.en == ["Second question?"]
