"""Reply -> Discord embeds and buttons: sizes, escaping, visibility. Pure functions, no client."""

from __future__ import annotations

import discord

from adapters.discord.render import (
    BUTTONS_PER_MESSAGE,
    CUSTOM_ID_LIMIT,
    DESCRIPTION_LIMIT,
    EMBEDS_PER_MESSAGE,
    FOOTER_LIMIT,
    LABEL_LIMIT,
    MESSAGE_EMBED_TOTAL,
    OPTION_TEXT_LIMIT,
    OPTIONS_LIMIT,
    TITLE_LIMIT,
    ActionButton,
    ChoiceSelect,
    is_ephemeral,
    pack,
    render,
    truncate,
)
from bot.buttons import with_buttons
from bot.models import Reply, Suggestion


def buttons(view: discord.ui.View | None) -> list[ActionButton]:
    assert view is not None
    return [item for item in view.children if isinstance(item, ActionButton)]


def selects(view: discord.ui.View | None) -> list[ChoiceSelect]:
    assert view is not None
    return [item for item in view.children if isinstance(item, ChoiceSelect)]


def test_answer_layout() -> None:
    reply = Reply(kind="answer", title="What is Sermo?", body="Sermo is a *network*.", bullets=["one", "two"],
                  sources=["GMC 2024", "seed 001.txt"], entry_id="sermo", feedback=True,
                  followups=[Suggestion(entry_id="doximity", title="What is Doximity?")])
    (message,) = render(with_buttons(reply))
    (embed,) = message.embeds
    assert embed.title == "What is Sermo?"
    assert embed.description == "Sermo is a \\*network\\*.\n\n• one\n• two"
    assert embed.footer.text == "Sources: GMC 2024; seed 001.txt"
    assert [b.payload for b in buttons(message.view)] == ["e:doximity", "f:sermo:1", "f:sermo:0"]
    assert message.view is not None and message.view.timeout is None


def test_spanish_labels() -> None:
    reply = Reply(kind="answer", locale="es", title="¿Qué es Sermo?", body="Sermo es...", sources=["OMC"],
                  entry_id="sermo", feedback=True)
    (message,) = render(with_buttons(reply))
    assert message.embeds[0].footer.text == "Fuentes: OMC"
    assert [b.item.label for b in buttons(message.view)] == ["Útil", "No útil"]


def test_silent_renders_nothing_and_visibility_rules() -> None:
    assert render(Reply(kind="silent")) == []
    assert is_ephemeral(Reply(kind="error")) and is_ephemeral(Reply(kind="refusal"))
    assert is_ephemeral(Reply(kind="slow_down")) and is_ephemeral(Reply(kind="info", private=True))
    assert not is_ephemeral(Reply(kind="answer")) and not is_ephemeral(Reply(kind="clarify"))


def test_markdown_and_mentions_are_shown_literally() -> None:
    reply = Reply(kind="info", title="__Title__", body="Hi @everyone, see [site](https://x.y) and `code`")
    (message,) = render(with_buttons(reply))
    embed = message.embeds[0]
    assert embed.title == "\\_\\_Title\\_\\_"
    assert embed.description is not None and "\\[site]" in embed.description
    assert embed.description.endswith(" and `code`")  # inline code stays code (commands, ids): no raw backticks
    commands = render(Reply(kind="info", body="Use `/faq link N ID` or `/faq dismiss N`, not *this*"))[0]
    assert commands.embeds[0].description == "Use `/faq link N ID` or `/faq dismiss N`, not \\*this\\*"


def test_long_texts_fit_every_limit() -> None:
    body = "\n\n".join(f"Paragraph {i}. " + "word " * 300 for i in range(40))
    reply = Reply(kind="answer", title="T" * 400, body=body, bullets=["b" * 50] * 100,
                  sources=[f"Source {i} " + "s" * 60 for i in range(100)], entry_id="x", feedback=True,
                  suggestions=[Suggestion(entry_id=f"id{i}", title="L" * 200) for i in range(40)])
    messages = render(with_buttons(reply))
    assert len(messages) > 1
    for message in messages:
        assert len(message.embeds) <= EMBEDS_PER_MESSAGE
        assert sum(len(e) for e in message.embeds) <= MESSAGE_EMBED_TOTAL
        for embed in message.embeds:
            assert len(embed.title or "") <= TITLE_LIMIT
            assert len(embed.description or "") <= DESCRIPTION_LIMIT
            assert len(embed.footer.text or "") <= FOOTER_LIMIT
    assert messages[0].embeds[0].title is not None and messages[0].embeds[0].title.endswith("…")
    assert all(m.view is None for m in messages[:-1])
    last = buttons(messages[-1].view)
    [menu] = selects(messages[-1].view)  # the 40 "did you mean" choices: one select menu, Discord's 25 options
    assert len(menu.item.options) == OPTIONS_LIMIT
    assert all(len(o.label) <= OPTION_TEXT_LIMIT and len(o.value) <= CUSTOM_ID_LIMIT for o in menu.item.options)
    assert len(last) == 2 <= BUTTONS_PER_MESSAGE  # helpful / not helpful
    assert all(len(b.item.label or "") <= LABEL_LIMIT for b in last)
    footer = messages[-1].embeds[-1].footer.text
    assert footer is not None and footer.endswith("…")
    text = "".join(e.description or "" for m in messages for e in m.embeds)
    assert "Paragraph 39" in text and text.count("• ") == 100


def test_duplicate_choices_become_one_button() -> None:
    same = Suggestion(entry_id="sermo", title="Sermo")
    reply = Reply(kind="clarify", title="Did you mean", suggestions=[same], followups=[same])
    view = render(with_buttons(reply))[0].view
    [menu] = selects(view)
    assert [o.value for o in menu.item.options] == ["e:sermo"] and buttons(view) == []


def test_delete_button_needs_a_message_reference() -> None:
    reply = Reply(kind="info", title="A gentle reminder", body="...", offer_delete=True)
    assert render(with_buttons(reply))[0].view is None
    (button,) = buttons(render(with_buttons(reply, "1:2"))[0].view)
    assert button.payload == "d:1:2" and button.item.style is discord.ButtonStyle.danger


def test_pack_and_truncate() -> None:
    embeds = [discord.Embed(description="x" * 2500) for _ in range(5)]
    assert [len(group) for group in pack(embeds)] == [2, 2, 1]
    small = [discord.Embed(description="x") for _ in range(12)]
    assert [len(group) for group in pack(small)] == [10, 2]
    assert truncate("abc", 3) == "abc" and truncate("abcd", 3) == "ab…"


def test_empty_reply_still_renders_a_valid_embed() -> None:
    (message,) = render(Reply(kind="info"))
    assert message.embeds[0].description
