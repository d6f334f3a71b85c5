"""The Assistant through `handle()` and `handle_action()`: commands, questions, buttons, policies."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.assistant import Assistant, OperatorContext
from bot.config import Settings
from bot.matching import Matcher
from bot.models import Entry, Message, Reply
from bot.sources import footer, inline
from bot.storage.base import CommunitySettings, Store
from bot.storage.sqlite.store import SQLiteStore
from tests.conftest import AssistantFactory, copy_of
from tests.fakes.chat import MemberContext, ModeratorContext

GROUP = "telegram:-100123"


@pytest.fixture(scope="module")
def matcher(pristine_matcher: Matcher) -> Matcher:
    """Overrides the shared matcher: these tests add and hide community entries, which must not leak."""
    return copy_of(pristine_matcher)


OPERATOR = OperatorContext()
MEMBER = MemberContext()


def console(text: str, community: str | None = None, **extra: object) -> Message:
    return Message.model_validate({"text": text, "platform": "console", "community_id": community, **extra})


def group(text: str, user: str = "42", addressed: bool = True, community: str = GROUP) -> Message:
    return Message(
        text=text, platform="telegram", community_id=community, user_id=user, is_private=False, addressed=addressed
    )


def private(text: str, user: str = "42", platform: str = "telegram") -> Message:
    return Message(text=text, platform=platform, user_id=user, is_private=True)


def all_text(reply: Reply) -> str:
    return "\n".join([reply.title or "", reply.body, *reply.bullets])


def by_id(curated: list[Entry], entry_id: str) -> Entry:
    return next(e for e in curated if e.id == entry_id)


def tiny_entry(entry_id: str, en: list[str], es: list[str], answer_en: str, answer_es: str) -> Entry:
    return Entry.model_validate(
        {"id": entry_id, "topic": "t", "questions": {"en": en, "es": es}, "answer": {"en": answer_en, "es": answer_es}}
    )


# Two entries share a phrasing, so asking it must offer a choice (deterministic, unlike curated near-ties).
TINY = [
    tiny_entry(
        "verify-profile",
        ["how do I verify my profile", "profile verification badge"],
        ["como verifico mi perfil", "insignia de verificacion del perfil"],
        "Settings > Verify.",
        "Ajustes > Verificar.",
    ),
    tiny_entry(
        "verify-account",
        ["confirm my account email", "how do I verify my profile"],
        ["confirmar el correo de mi cuenta", "como verifico mi perfil"],
        "Check your e-mail.",
        "Mira tu correo.",
    ),
    tiny_entry(
        "parking",
        ["where can I park at the hospital", "hospital parking"],
        ["donde aparco en el hospital", "aparcamiento del hospital"],
        "Level -2.",
        "Planta -2.",
    ),
]


@pytest.fixture(scope="module")
def tiny_matcher() -> Matcher:
    return Matcher(TINY)


@pytest.fixture
def tiny(tiny_matcher: Matcher, store: Store) -> Assistant:
    return Assistant(Settings(), TINY, tiny_matcher, store)


# --- commands ---------------------------------------------------------------------------------------------


async def test_start(assistant: Assistant) -> None:
    reply = await assistant.handle(console("/start"), OPERATOR)
    assert reply.kind == "info" and reply.title == "Welcome to DocSocial"
    assert "never give medical advice" in reply.body
    assert any(b.startswith("/ask") for b in reply.bullets)


async def test_help_moderator_sees_faq_subcommands(assistant: Assistant) -> None:
    mod = await assistant.handle(group("/help"), ModeratorContext())
    member = await assistant.handle(group("/help", user="7"), MEMBER)
    assert mod.kind == member.kind == "info" and mod.title == "Commands"
    for command in ("/faq add", "/faq edit", "/faq hide", "/faq settings"):
        assert any(b.startswith(command) for b in mod.bullets), command
    assert any(b.startswith("/topics") for b in member.bullets)
    assert any(b.startswith("/ask") for b in member.bullets)


async def test_help_member_does_not_see_moderator_faq_subcommands(assistant: Assistant) -> None:
    member = await assistant.handle(group("/help", user="7"), MEMBER)
    for command in ("/faq add", "/faq edit", "/faq remove", "/faq hide", "/faq settings"):
        assert not any(b.startswith(command) for b in member.bullets), command


async def test_ask_with_text(assistant: Assistant, curated: list[Entry]) -> None:
    reply = await assistant.handle(console("/ask what is sermo"), OPERATOR)
    assert reply.kind == "answer" and reply.entry_id == "sermo"
    assert reply.body == by_id(curated, "sermo").answer.en


async def test_ask_without_text_explains_usage(assistant: Assistant) -> None:
    reply = await assistant.handle(console("/ask   "), OPERATOR)
    assert reply.kind == "error" and "/ask what is Sermo?" in reply.body


async def test_ask_addressed_to_bot_name(assistant: Assistant) -> None:
    reply = await assistant.handle(group("/ask@SomeBot what is sermo"), MEMBER)
    assert reply.kind == "answer" and reply.entry_id == "sermo"
    bare = await assistant.handle(group("/HELP@SomeBot"), MEMBER)
    assert bare.kind == "info" and bare.title == "Commands"


async def test_topics(assistant: Assistant, curated: list[Entry]) -> None:
    reply = await assistant.handle(console("/topics"), OPERATOR)
    assert reply.kind == "info"
    topics = {e.topic for e in curated}
    assert len(reply.bullets) == len(topics)
    assert any("(rules):" in b for b in reply.bullets)


async def test_topics_rules(assistant: Assistant, curated: list[Entry]) -> None:
    reply = await assistant.handle(console("/topics rules"), OPERATOR)
    assert reply.kind == "info" and reply.title == "Confidentiality and professional rules"
    assert {s.entry_id for s in reply.suggestions} == {e.id for e in curated if e.topic == "rules"}


async def test_topics_unknown(assistant: Assistant) -> None:
    reply = await assistant.handle(console("/topics astrology"), OPERATOR)
    assert reply.kind == "error" and 'no topic "astrology"' in reply.body and "rules" in reply.body


async def test_networks(assistant: Assistant, curated: list[Entry]) -> None:
    reply = await assistant.handle(console("/networks"), OPERATOR)
    assert reply.kind == "info"
    goals = {e.goal for e in curated if e.goal}
    assert len(reply.suggestions) == len(goals) >= 5


@pytest.mark.parametrize("goal", ["local", "Local", "locl"])
async def test_networks_goal_and_typo(assistant: Assistant, curated: list[Entry], goal: str) -> None:
    reply = await assistant.handle(console(f"/networks {goal}"), OPERATOR)
    entry = by_id(curated, "goal-local-patients")
    assert reply.kind == "info" and reply.entry_id == entry.id and reply.feedback
    assert len(reply.bullets) == len(entry.ranking) and reply.bullets[0].startswith("1. ")
    assert reply.sources


async def test_networks_unknown(assistant: Assistant) -> None:
    reply = await assistant.handle(console("/networks gardening"), OPERATOR)
    assert reply.kind == "error" and "gardening" in reply.body and "local" in reply.body


async def test_stats(assistant: Assistant) -> None:
    reply = await assistant.handle(console("/stats"), OPERATOR)
    assert reply.kind == "info" and any("/stats whatsapp" in b for b in reply.bullets)


@pytest.mark.parametrize(("typed", "title"), [("whatsapp", "WhatsApp"), ("whatsap", "WhatsApp"), ("x", "Twitter/X")])
async def test_stats_network(assistant: Assistant, curated: list[Entry], typed: str, title: str) -> None:
    reply = await assistant.handle(console(f"/stats {typed}"), OPERATOR)
    assert reply.kind == "info" and reply.title == f"{title}: what the studies say"
    assert reply.bullets and reply.sources
    key = "whatsapp" if title == "WhatsApp" else "twitter"
    figures = [f for e in curated for f in e.figures if f.network == key]
    assert all(any(inline(f.source) in b and f.year in b for b in reply.bullets) for f in figures)


async def test_stats_unknown_network(assistant: Assistant) -> None:
    reply = await assistant.handle(console("/stats myspace"), OPERATOR)
    assert reply.kind == "error" and "myspace" in reply.body


async def test_rules_and_sources(assistant: Assistant, curated: list[Entry]) -> None:
    rules = await assistant.handle(console("/rules"), OPERATOR)
    assert rules.kind == "info" and len(rules.bullets) == sum(e.topic == "rules" for e in curated)
    sources = await assistant.handle(console("/sources"), OPERATOR)
    assert sources.kind == "info"
    publishers = [b.split(": ", 1)[0] for b in sources.bullets]
    assert len(publishers) == len(set(publishers)), "one line per publisher"
    [gmc] = [b for b in sources.bullets if b.startswith("GMC: ")]
    assert "(2024)" in gmc and "replaced in 2024" in gmc  # the guidance in force and the one it replaced
    assert not any("seed" in b.lower() for b in sources.bullets)


async def test_lang_es_then_spanish_answer(assistant: Assistant, curated: list[Entry]) -> None:
    switched = await assistant.handle(private("/lang es"), MEMBER)
    assert switched.kind == "info" and switched.locale == "es" and "español" in switched.body
    reply = await assistant.handle(private("what is sermo"), MEMBER)
    assert reply.kind == "answer" and reply.locale == "es"
    assert reply.body == by_id(curated, "sermo").answer.es
    other_user = await assistant.handle(private("what is sermo", user="99"), MEMBER)
    assert other_user.locale == "en"


async def test_lang_unknown(assistant: Assistant) -> None:
    reply = await assistant.handle(private("/lang xx"), MEMBER)
    assert reply.kind == "error" and "/lang en" in reply.body


async def test_rate_before_any_answer(assistant: Assistant) -> None:
    reply = await assistant.handle(private("/rate yes"), MEMBER)
    assert reply.kind == "error" and "ask a question first" in reply.body


async def test_rate_after_answer_stores_vote(assistant: Assistant) -> None:
    answered = await assistant.handle(group("what is sermo"), MEMBER)
    assert answered.entry_id == "sermo"
    reply = await assistant.handle(group("/rate yes"), MEMBER)
    assert reply.kind == "info" and reply.entry_id == "sermo"
    stats = await assistant.store.stats(GROUP, 30)
    assert (stats.helpful, stats.not_helpful, stats.answered) == (1, 0, 1)
    bad = await assistant.handle(group("/rate maybe"), MEMBER)
    assert bad.kind == "error" and "/rate yes" in bad.body


async def test_cancel_with_nothing_to_cancel(assistant: Assistant) -> None:
    reply = await assistant.handle(group("/cancel"), MEMBER)
    assert reply.kind == "info" and reply.body == "There is nothing to cancel."


async def test_unknown_command_suggests(assistant: Assistant) -> None:
    reply = await assistant.handle(console("/hepl"), OPERATOR)
    assert reply.kind == "error" and "/hepl" in reply.body and "Did you mean /help?" in reply.body
    far = await assistant.handle(console("/zzzzzzzz"), OPERATOR)
    assert far.kind == "error" and "Did you mean" not in far.body


async def test_check_is_private_with_group_notice_only_in_groups(assistant: Assistant) -> None:
    draft = "/check My patient John Smith, 45, with diabetes came in today"
    in_private = await assistant.handle(private(draft), MEMBER)
    assert in_private.kind == "info" and in_private.private and in_private.group_notice is None
    assert in_private.bullets and "John Smith" not in in_private.body
    in_group = await assistant.handle(group(draft), MEMBER)
    assert in_group.private and in_group.group_notice and "privately" in in_group.group_notice
    empty = await assistant.handle(group("/check"), MEMBER)
    assert empty.kind == "error"


async def test_faq_add_from_console_answers_in_that_community_only(assistant: Assistant) -> None:
    added = await assistant.handle(
        console("/faq add where is the residents night rota kept? | On the intranet, page Rotas.", "t1"), OPERATOR
    )
    assert added.kind == "info" and added.entry_id == "c1"
    inside = await assistant.handle(console("where is the residents night rota kept?", "t1"), OPERATOR)
    assert inside.kind == "answer" and inside.entry_id == "c1"
    assert inside.body == "On the intranet, page Rotas."
    outside = await assistant.handle(console("where is the residents night rota kept?", "t2"), OPERATOR)
    assert outside.entry_id != "c1" and all(s.entry_id != "c1" for s in outside.suggestions)


async def test_member_faq_add_refused(assistant: Assistant) -> None:
    reply = await assistant.handle(group("/faq add q? | a."), MEMBER)
    assert reply.kind == "refusal"
    assert await assistant.store.list_entries(GROUP) == []


# --- questions ---------------------------------------------------------------------------------------------


async def test_answer_has_sources_followups_feedback(assistant: Assistant, curated: list[Entry]) -> None:
    reply = await assistant.handle(console("can i post an xray of a patient"), OPERATOR)
    entry = by_id(curated, "rule-patient-photos")
    assert reply.kind == "answer" and reply.entry_id == entry.id
    assert reply.sources == footer(entry.sources, "en") and reply.feedback
    assert reply.sources[0].startswith("HHS OCR, HIPAA identifiers")  # publisher, short title
    assert [f.entry_id for f in reply.followups] == entry.related
    assert 0.5 <= reply.score <= 1


async def test_clarify_offers_suggestions(tiny: Assistant) -> None:
    reply = await tiny.handle(console("how do I verify my profile?"), OPERATOR)
    assert reply.kind == "clarify" and reply.title == "Did you mean…"
    assert {s.entry_id for s in reply.suggestions} == {"verify-profile", "verify-account"}
    assert reply.entry_id is None and not reply.feedback


async def test_fallback_says_what_it_can_help_with(assistant: Assistant) -> None:
    reply = await assistant.handle(console("what is the capital of france"), OPERATOR)
    assert reply.kind == "fallback" and reply.title == "I don't have an answer for that"
    assert "I can help with" in reply.body and reply.entry_id is None


async def test_medical_advice_fallback(assistant: Assistant) -> None:
    reply = await assistant.handle(console("what dose of amoxicillin for a child"), OPERATOR)
    assert reply.kind == "fallback" and reply.title == "I can't give medical advice"
    assert "I can help with" in reply.body
    es = await assistant.handle(console("¿qué dosis de ibuprofeno le doy a un niño?"), OPERATOR)
    assert es.kind == "fallback" and es.locale == "es" and es.title == "No puedo dar consejo médico"


async def test_spanish_clarify(tiny: Assistant) -> None:
    reply = await tiny.handle(console("¿cómo verifico mi perfil?"), OPERATOR)
    assert reply.kind == "clarify" and reply.locale == "es" and reply.title == "¿Quisiste decir…"
    assert {s.entry_id for s in reply.suggestions} == {"verify-profile", "verify-account"}
    assert {s.title for s in reply.suggestions} == {"como verifico mi perfil", "confirmar el correo de mi cuenta"}


async def test_spanish_question_gets_spanish_answer(assistant: Assistant, curated: list[Entry]) -> None:
    reply = await assistant.handle(console("¿Qué es Sermo?"), OPERATOR)
    assert reply.kind == "answer" and reply.locale == "es"
    assert reply.body == by_id(curated, "sermo").answer.es
    assert reply.title == by_id(curated, "sermo").display_title("es")


# --- buttons -----------------------------------------------------------------------------------------------


async def test_show_entry_button(assistant: Assistant, curated: list[Entry]) -> None:
    reply = await assistant.handle_action("e:doximity", group("", user="5"), MEMBER)
    assert reply.kind == "answer" and reply.entry_id == "doximity"
    assert reply.body == by_id(curated, "doximity").answer.en


async def test_feedback_button_stores_vote(assistant: Assistant) -> None:
    reply = await assistant.handle_action("f:sermo:0", group("", user="5"), MEMBER)
    assert reply.kind == "info" and reply.entry_id == "sermo"
    again = await assistant.handle_action("f:sermo:0", group("", user="6"), MEMBER)
    assert again.kind == "info"
    stats = await assistant.store.stats(GROUP, 30)
    assert (stats.helpful, stats.not_helpful) == (0, 2)


@pytest.mark.parametrize("payload", ["", "zz:1", "e:", "f:sermo:2", "f::1", "e:no-such-entry", "f:no-such-entry:1"])
async def test_forged_or_unknown_button(assistant: Assistant, payload: str) -> None:
    reply = await assistant.handle_action(payload, group(""), MEMBER)
    assert reply.kind == "error" and reply.body
    stats = await assistant.store.stats(GROUP, 30)
    assert (stats.helpful, stats.not_helpful) == (0, 0)


async def test_button_for_another_communitys_entry(assistant: Assistant) -> None:
    added = await assistant.handle(
        console("/faq add who signs the residents leave forms? | The chief.", "t1"), OPERATOR
    )
    assert added.entry_id == "c1"
    here = await assistant.handle_action("e:c1", console("", "t1"), OPERATOR)
    assert here.kind == "answer" and here.body == "The chief."
    there = await assistant.handle_action("e:c1", console("", "t2"), OPERATOR)
    assert there.kind == "error" and "The chief." not in there.body


async def test_button_for_hidden_entry(assistant: Assistant) -> None:
    hidden = await assistant.handle(group("/faq hide sermo"), ModeratorContext())
    assert hidden.kind == "info"
    reply = await assistant.handle_action("e:sermo", group(""), MEMBER)
    assert reply.kind == "error" and "no longer available" in reply.body
    asked = await assistant.handle(group("what is sermo"), MEMBER)
    assert asked.entry_id != "sermo" and all(s.entry_id != "sermo" for s in asked.suggestions)


# --- group behaviour ---------------------------------------------------------------------------------------


async def test_group_chatter_is_silent(assistant: Assistant) -> None:
    reply = await assistant.handle(group("what is sermo", addressed=False), MEMBER)
    assert reply.kind == "silent"
    assert (await assistant.store.stats(GROUP, 30)).answered == 0


async def test_free_text_answers_only_when_confident(tiny: Assistant) -> None:
    silent = await tiny.handle(group("where can I park at the hospital", addressed=False), MEMBER)
    assert silent.kind == "silent"  # free text is off by default
    await tiny.store.update_settings(GROUP, CommunitySettings(free_text=True), "test")
    confident = await tiny.handle(group("where can I park at the hospital", addressed=False), MEMBER)
    assert confident.kind == "answer" and confident.entry_id == "parking"
    ambiguous = await tiny.handle(group("how do I verify my profile", addressed=False), MEMBER)
    assert ambiguous.kind == "silent"
    assert await tiny.store.gaps(GROUP) == []  # chatter is not an unanswered question


async def test_free_text_ignores_ordinary_chatter(assistant: Assistant) -> None:
    await assistant.store.update_settings(GROUP, CommunitySettings(free_text=True), "test")
    confident = await assistant.handle(group("what is sermo", addressed=False), MEMBER)
    assert confident.kind == "answer" and confident.entry_id == "sermo"
    for chatter in ("the coffee machine is broken again", "see you all at the congress", "what dose of amoxicillin?"):
        assert (await assistant.handle(group(chatter, addressed=False), MEMBER)).kind == "silent", chatter
    assert await assistant.store.gaps(GROUP) == []


async def test_guard_reminds_about_patient_data(assistant: Assistant) -> None:
    text = "My patient John Smith, 45, with diabetes came in today, look at this"
    assert (await assistant.handle(group(text, addressed=False), MEMBER)).kind == "silent"  # guard off by default
    await assistant.store.update_settings(GROUP, CommunitySettings(guard=True), "test")
    reply = await assistant.handle(group(text, addressed=False), MEMBER)
    assert reply.kind == "info" and reply.offer_delete
    assert reply.title == "A gentle reminder"
    assert "John" not in reply.body and "Smith" not in reply.body  # kinds, never the identifiers themselves
    assert "a name" in reply.body and "an age" in reply.body
    harmless = await assistant.handle(group("see you all at the congress", addressed=False), MEMBER)
    assert harmless.kind == "silent"
    spanish = await assistant.handle(group("La paciente María García, de 67 años, ingresó ayer con un ictus",
                                           addressed=False), MEMBER)
    assert spanish.locale == "es" and "un nombre" in spanish.body and "García" not in spanish.body


async def test_guard_delete_removes_the_flagged_message_and_the_reminder(assistant: Assistant) -> None:
    refused = await assistant.handle_action("d:321", group(""), MEMBER)
    assert refused.kind == "refusal" and refused.delete_message is None and not refused.delete_origin
    done = await assistant.handle_action("d:321", group(""), ModeratorContext())
    assert done.kind == "info" and done.delete_message == "321"  # the flagged message...
    assert done.delete_origin  # ...and the reminder whose button was pressed


# --- rate limiting -----------------------------------------------------------------------------------------


async def test_rate_limit_on_chat_platforms(make_assistant: AssistantFactory) -> None:
    bot = await make_assistant(Settings(user_rate="2/minute"))
    kinds = [(await bot.handle(group("what is sermo"), MEMBER)).kind for _ in range(3)]
    assert kinds == ["answer", "answer", "slow_down"]
    limited = await bot.handle(group("what is doximity"), MEMBER)
    assert limited.kind == "slow_down" and "Try again in" in limited.body
    other = await bot.handle(group("what is sermo", user="77"), MEMBER)
    assert other.kind == "answer"


@pytest.mark.parametrize("platform", ["console", "cli"])
async def test_operator_never_rate_limited(make_assistant: AssistantFactory, platform: str) -> None:
    bot = await make_assistant(Settings(user_rate="2/minute"))
    for _ in range(5):
        reply = await bot.handle(Message(text="what is sermo", platform=platform), OPERATOR)
        assert reply.kind == "answer"


# --- gaps --------------------------------------------------------------------------------------------------


async def test_gaps_recorded_for_fallback_and_clarify_only(assistant: Assistant) -> None:
    for text in ("what is the capital of france", "what dose of amoxicillin for a child", "🙂🙂🙂", "what is sermo"):
        await assistant.handle(console(text), OPERATOR)
    gaps = {g.text: g.kind for g in await assistant.store.gaps("local")}
    assert gaps == {"what is the capital of france": "fallback"}


async def test_gaps_record_clarify(tiny: Assistant) -> None:
    await tiny.handle(console("how do I verify my profile"), OPERATOR)
    await tiny.handle(console("how do I verify my profile"), OPERATOR)
    [gap] = await tiny.store.gaps("local")
    assert (gap.text, gap.kind, gap.count) == ("how do I verify my profile", "clarify", 2)


async def test_gaps_are_scrubbed(assistant: Assistant) -> None:
    await assistant.handle(console("write to jane.doe@example.org about the capital of france"), OPERATOR)
    [gap] = await assistant.store.gaps("local")
    assert "jane.doe@example.org" not in gap.text and "example.org" not in gap.text
    assert "[email]" in gap.text


# --- storage failures ----------------------------------------------------------------------------------------


async def test_store_error_becomes_error_reply(assistant: Assistant) -> None:
    await assistant.store.close()
    reply = await assistant.handle(console("what is the capital of france", "t9"), OPERATOR)
    assert reply.kind == "error" and reply.title == "I couldn't save that" and reply.body
    button = await assistant.handle_action("f:sermo:1", console("", "t9"), OPERATOR)
    assert button.kind == "error" and button.title == "I couldn't save that"


async def test_store_on_a_directory_fails_clearly(tmp_path: Path) -> None:
    from bot.storage.base import StoreError

    folder = tmp_path / "folder.sqlite"
    folder.mkdir()
    with pytest.raises(StoreError, match="folder"):
        await SQLiteStore(folder).open()


async def test_store_error_on_group_button_becomes_error_reply(assistant: Assistant) -> None:
    """Regression: the group's locale was read from the store outside the try (fixed in 0032629)."""
    await assistant.store.close()
    reply = await assistant.handle_action("f:sermo:1", group(""), MEMBER)
    assert reply.kind == "error" and reply.title == "I couldn't save that"


async def test_rate_after_networks_goal(assistant: Assistant) -> None:
    shown = await assistant.handle(group("/networks local"), MEMBER)
    assert shown.feedback and shown.entry_id == "goal-local-patients"
    reply = await assistant.handle(group("/rate yes"), MEMBER)
    assert reply.kind == "info" and reply.entry_id == "goal-local-patients"


async def test_private_chats_of_different_users_are_not_limited_together(make_assistant: AssistantFactory) -> None:
    bot = await make_assistant(Settings(user_rate="5/minute", community_rate="3/minute"))
    kinds = [(await bot.handle(private("what is sermo", user=str(n)), MEMBER)).kind for n in range(5)]
    assert kinds == ["answer"] * 5


async def test_community_rate_limits_a_whole_group(make_assistant: AssistantFactory) -> None:
    bot = await make_assistant(Settings(user_rate="5/minute", community_rate="3/minute"))
    kinds = [(await bot.handle(group("what is sermo", user=str(n)), MEMBER)).kind for n in range(4)]
    assert kinds == ["answer", "answer", "answer", "slow_down"]
    elsewhere = await bot.handle(group("what is sermo", user="9", community="telegram:-200"), MEMBER)
    assert elsewhere.kind == "answer"
