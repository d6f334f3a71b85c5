"""Whole conversations through the chat harness: the same core, no platform."""

from __future__ import annotations

import dataclasses

from bot.assistant import Assistant
from tests.fakes.chat import Chat


async def test_question_buttons_vote_and_rate(assistant: Assistant) -> None:
    member = Chat(assistant)
    answer = await member.say("what is sermo?")
    assert answer.kind == "answer" and answer.entry_id == "sermo"
    payloads = [b.payload for b in answer.buttons]
    assert "f:sermo:1" in payloads and "f:sermo:0" in payloads  # labels resolved by the core
    assert all(b.label for b in answer.buttons)
    thanks = await member.press("f:sermo:1")
    assert thanks.kind == "info" and thanks.entry_id == "sermo"
    assert (await member.say("/rate no")).entry_id == "sermo"


async def test_guided_add_in_a_group_prompts_and_private_chats_have_no_moderators(assistant: Assistant) -> None:
    moderator = Chat(assistant, moderator=True)
    started = await moderator.say("/faq add")
    assert started.prompt and started.form is None  # Telegram-style: the next step comes as a reply
    assert (await moderator.say("Where is the rota?")).prompt
    assert (await moderator.say("On the intranet.")).prompt
    done = await moderator.say("skip")
    assert done.entry_id == "c1"
    in_private = dataclasses.replace(moderator, community_id=None)
    assert (await in_private.say("/faq add Q? | A")).kind == "refusal"


async def test_platforms_with_forms_get_the_form(assistant: Assistant) -> None:
    moderator = Chat(assistant, platform="discord", community_id="discord:1", moderator=True)
    reply = await assistant.handle(moderator.message("/faq add").model_copy(update={"forms": True}),
                                   moderator.context())
    assert reply.form is not None and [f.name for f in reply.form.fields] == ["question", "extra", "answer"]
    member = dataclasses.replace(moderator, moderator=False)
    refused = await assistant.handle(member.message("/faq add").model_copy(update={"forms": True}),
                                     member.context())
    assert refused.kind == "refusal" and refused.form is None
