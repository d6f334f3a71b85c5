"""The assistant's reach: charts with statistics, private hand-off, message actions, inline cards."""

from __future__ import annotations

from PIL import Image as PILImage

from bot import actions
from bot.assistant import Assistant
from bot.commands import ASK_ABOUT, CHECK_POST
from bot.config import Settings
from bot.models import Message, Reply
from tests.conftest import AssistantFactory
from tests.fakes.chat import MemberContext

PNG = b"\x89PNG\r\n\x1a\n"
GROUP = "telegram:-100500"


def _group(text: str, *, deep_links: bool = True, user: str = "7") -> Message:
    return Message(text=text, platform="telegram", community_id=GROUP, user_id=user, is_private=False,
                   deep_links=deep_links)


def _private(text: str, *, user: str = "7") -> Message:
    return Message(text=text, platform="telegram", user_id=user, is_private=True, deep_links=True)


def _valid_png(reply: Reply) -> None:
    assert reply.image is not None
    assert reply.image.data.startswith(PNG)
    import io

    with PILImage.open(io.BytesIO(reply.image.data)) as picture:
        picture.load()
        assert picture.size == (reply.image.width, reply.image.height)


async def test_stats_for_a_network_carries_its_chart(assistant: Assistant) -> None:
    reply = await assistant.handle(_private("/stats facebok"), MemberContext())
    assert reply.kind == "info"
    _valid_png(reply)
    assert reply.image is not None and "Facebook" in reply.image.alt
    overview = await assistant.handle(_private("/stats"), MemberContext())
    assert overview.image is None


async def test_statistics_answers_carry_a_chart_and_others_do_not(assistant: Assistant) -> None:
    question = "what percentage of Spanish surgeons use Facebook professionally"
    stats = await assistant.handle(_private(question), MemberContext())
    sermo = await assistant.handle(_private("what is sermo"), MemberContext())
    assert stats.kind == "answer" and stats.entry_id is not None and stats.entry_id.startswith("stats-")
    _valid_png(stats)
    assert sermo.kind == "answer" and sermo.image is None


async def test_charts_off_by_setting(make_assistant: AssistantFactory) -> None:
    quiet = await make_assistant(Settings(DOCSOCIAL_CHARTS="off"))
    reply = await quiet.handle(_private("/stats facebook"), MemberContext())
    assert reply.kind == "info" and reply.bullets and reply.image is None


async def test_group_check_without_draft_opens_the_private_chat(assistant: Assistant) -> None:
    reply = await assistant.handle(_group("/check"), MemberContext())
    assert reply.kind == "info" and not reply.private
    assert reply.private_link is not None and reply.private_link.start == "check"
    console = await assistant.handle(_group("/check", deep_links=False), MemberContext())
    assert console.kind == "error" and console.private_link is None  # no deep links: the usage, as before


async def test_private_only_replies_in_groups_carry_the_link(assistant: Assistant) -> None:
    reply = await assistant.handle(_group("/check Great day at the clinic today!"), MemberContext())
    assert reply.private and reply.group_notice
    assert reply.private_link is not None and reply.private_link.start == "check"
    public = await assistant.handle(_group("/stats whatsapp"), MemberContext())
    assert public.private_link is None


async def test_start_check_round_trip(assistant: Assistant) -> None:
    prompt = await assistant.handle(_private("/start check"), MemberContext())
    assert prompt.title == "Send me your draft"
    draft = "Mrs Garcia, 82, room 4, was so brave after her hip surgery today!"
    checked = await assistant.handle(_private(draft), MemberContext())
    direct = await assistant.handle(_private(f"/check {draft}"), MemberContext())
    assert checked.model_dump(exclude={"buttons"}) == direct.model_dump(exclude={"buttons"})
    assert checked.bullets
    after = await assistant.handle(_private("what is sermo"), MemberContext())
    assert after.kind == "answer"  # the wait is used up
    other_user = await assistant.handle(_private("/start check", user="8"), MemberContext())
    assert other_user.title == "Send me your draft"
    cancelled = await assistant.handle(_private("/cancel", user="8"), MemberContext())
    assert cancelled.kind == "info"
    assert (await assistant.handle(_private("what is sermo", user="8"), MemberContext())).kind == "answer"
    plain = await assistant.handle(_private("/start"), MemberContext())
    assert plain.title != "Send me your draft"


async def test_check_this_post_is_private(assistant: Assistant) -> None:
    message = Message(text="", platform="discord", community_id="discord:1", user_id="5", is_private=False)
    reply = await assistant.message_action(CHECK_POST, "Patient Juan Perez, DNI 12345678X, thanks us!", message,
                                           MemberContext())
    assert reply.private and reply.group_notice is None and reply.bullets
    empty = await assistant.message_action(CHECK_POST, "   ", message, MemberContext())
    assert empty.kind == "error" and empty.private


async def test_ask_about_a_message_is_private_with_a_share_button(assistant: Assistant) -> None:
    message = Message(text="", platform="discord", community_id="discord:1", user_id="5", is_private=False)
    reply = await assistant.message_action(ASK_ABOUT, "is it ok to accept a friend request from a patient?",
                                           message, MemberContext())
    assert reply.kind == "answer" and reply.private and reply.offer_share
    share = [b for b in reply.buttons if isinstance(actions.decode(b.payload), actions.ShareEntry)]
    assert len(share) == 1 and share[0].label == "Post publicly"
    shared = await assistant.handle_action(share[0].payload, message, MemberContext())
    assert shared.kind == "answer" and not shared.private and shared.entry_id == reply.entry_id
    assert not shared.feedback
    fallback = await assistant.message_action(ASK_ABOUT, "who won the match last night", message, MemberContext())
    assert fallback.kind == "fallback" and fallback.private and not fallback.offer_share


async def test_inline_cards_and_chosen_counts(assistant: Assistant) -> None:
    before = [c.entry_id for c in await assistant.inline("", "en")]
    cards = await assistant.inline("what is doximity", "en")
    assert cards[0].entry_id == "doximity"
    last = next(e.id for e in reversed(assistant.curated) if e.id not in before)
    for _ in range(3):
        assert await assistant.inline_chosen(last)
    assert not await assistant.inline_chosen("help")
    after = [c.entry_id for c in await assistant.inline("", "en")]
    assert after[0] == last and after[1:] == before[:4]
