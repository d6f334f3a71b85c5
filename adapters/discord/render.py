"""Reply -> Discord messages: embeds within Discord's size limits, buttons as persistent dynamic items.

Pure translation, no decisions about what to say: the core's `Reply` says what, this module says how
it looks on Discord. Limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits):
embed title 256, description 4096, footer 2048, at most 10 embeds and 6000 characters per message;
button labels 80, custom ids 100, 5 buttons per row, 5 rows (25 buttons) per message.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

import discord

from bot import actions
from bot.formatting import split_text
from bot.i18n import t
from bot.models import Image, Reply

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FOOTER_LIMIT = 2048
MESSAGE_EMBED_TOTAL = 6000
EMBEDS_PER_MESSAGE = 10
LABEL_LIMIT = 80
CUSTOM_ID_LIMIT = 100
BUTTONS_PER_MESSAGE = 25
ELLIPSIS = "…"
ACTION_TEMPLATE = r"(?P<payload>[efds]:.{1,98})"  # every payload `bot.actions.encode` produces
CHOICE_ID = "docsocial:pick"  # the "did you mean" select menu; the chosen option's value is the payload
OPTIONS_LIMIT = 25
OPTION_TEXT_LIMIT = 100
PLACEHOLDER_LIMIT = 150

EPHEMERAL_KINDS = frozenset({"error", "refusal", "slow_down"})
COLOURS: dict[str, discord.Colour] = {
    "answer": discord.Colour.teal(),
    "clarify": discord.Colour.gold(),
    "fallback": discord.Colour.light_grey(),
    "info": discord.Colour.blurple(),
    "error": discord.Colour.red(),
    "refusal": discord.Colour.dark_red(),
    "slow_down": discord.Colour.orange(),
}
STYLES: dict[str, discord.ButtonStyle] = {
    "primary": discord.ButtonStyle.primary,
    "secondary": discord.ButtonStyle.secondary,
    "success": discord.ButtonStyle.success,
    "danger": discord.ButtonStyle.danger,
}


def truncate(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, ending with … when cut."""
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + ELLIPSIS


_INLINE_CODE = re.compile(r"`([^`\n]+)`")


def escape(text: str) -> str:
    """Plain text shown as is (no markdown, no masked links, no mentions rendered), except the core's
    `inline code` (commands, ids), which Discord shows in its code font rather than as raw backticks."""
    pieces = _INLINE_CODE.split(text)  # outside, code, outside, code, ..., outside
    return "".join(
        f"`{piece}`" if index % 2 else discord.utils.escape_markdown(piece) for index, piece in enumerate(pieces)
    )


def is_ephemeral(reply: Reply) -> bool:
    """Whether a reply to an interaction should be visible to its sender only."""
    return reply.private or reply.ephemeral or reply.kind in EPHEMERAL_KINDS


class ActionButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=ACTION_TEMPLATE):
    """A button carrying a core payload (`bot.actions`); persistent across restarts.

    Discord sends the custom id back when pressed; the client matches it against the template and
    hands the payload to `on_action`, set by the client (so this module needs no assistant).
    """

    def __init__(self, payload: str, label: str = "…", style: discord.ButtonStyle = discord.ButtonStyle.secondary,
                 emoji: str | None = None) -> None:
        super().__init__(discord.ui.Button(label=truncate(label, LABEL_LIMIT), style=style, custom_id=payload,
                                           emoji=emoji))
        self.payload = payload

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> ActionButton:
        return cls(match["payload"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        handler = getattr(interaction.client, "on_action", None)
        if handler is not None:
            await handler(interaction, self.payload)


class ChoiceSelect(discord.ui.DynamicItem[discord.ui.Select[Any]], template=CHOICE_ID):
    """"Did you mean…" as a select menu: each option's value is a core payload (show that entry)."""

    def __init__(self, options: list[tuple[str, str]] | None = None, placeholder: str | None = None) -> None:
        super().__init__(discord.ui.Select(
            custom_id=CHOICE_ID, min_values=1, max_values=1,
            placeholder=truncate(placeholder, PLACEHOLDER_LIMIT) if placeholder else None,
            options=[discord.SelectOption(label=truncate(label, OPTION_TEXT_LIMIT), value=payload)
                     for label, payload in (options or [])[:OPTIONS_LIMIT]]))

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> ChoiceSelect:
        return cls()

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        data: Any = interaction.data or {}
        values = data.get("values") or []
        handler = getattr(interaction.client, "on_action", None)
        if handler is not None and values:
            await handler(interaction, str(values[0]))


@dataclass
class Outgoing:
    """One Discord message to send."""

    embeds: list[discord.Embed] = field(default_factory=list)
    view: discord.ui.View | None = None
    content: str | None = None
    files: list[discord.File] = field(default_factory=list)


def _description_parts(reply: Reply) -> list[str]:
    """Body then bullets, escaped, split at paragraph/line/sentence/word boundaries into parts <= 4096."""
    paragraphs = [escape(reply.body)] if reply.body else []
    if reply.bullets:
        paragraphs.append("\n".join(f"• {escape(b)}" for b in reply.bullets))
    return split_text("\n\n".join(paragraphs), DESCRIPTION_LIMIT)


def build_embeds(reply: Reply) -> list[discord.Embed]:
    """The reply as embeds, each within Discord's per-field limits; sources in the last footer."""
    colour = COLOURS.get(reply.kind, discord.Colour.blurple())
    title = truncate(escape(reply.title), TITLE_LIMIT) if reply.title else None
    parts = _description_parts(reply) or [""]
    embeds = [discord.Embed(title=title if i == 0 else None, description=part or None, colour=colour)
              for i, part in enumerate(parts)]
    if reply.sources:
        label = t("sources_label", reply.locale)
        footer = f"{label}: " + "; ".join(reply.sources)
        room = min(FOOTER_LIMIT, MESSAGE_EMBED_TOTAL - len(embeds[-1]))
        embeds[-1].set_footer(text=truncate(footer, room))
    if not title and not parts[0] and not reply.sources:
        embeds[0].description = ELLIPSIS
    return embeds


def pack(embeds: list[discord.Embed]) -> list[list[discord.Embed]]:
    """Group embeds into messages: at most 10 per message and 6000 characters in total."""
    messages: list[list[discord.Embed]] = []
    current: list[discord.Embed] = []
    size = 0
    for embed in embeds:
        length = len(embed)
        if current and (size + length > MESSAGE_EMBED_TOTAL or len(current) >= EMBEDS_PER_MESSAGE):
            messages.append(current)
            current, size = [], 0
        current.append(embed)
        size += length
    if current:
        messages.append(current)
    return messages


def build_view(reply: Reply) -> discord.ui.View | None:
    """The core's buttons as persistent buttons, within Discord's 25 per message and 100-character ids.

    The "did you mean" choices become one select menu instead of a button each.
    """
    view = discord.ui.View(timeout=None)
    choices = {actions.encode(actions.ShowEntry(s.entry_id)) for s in reply.suggestions}
    options = [(b.label, b.payload) for b in reply.buttons if b.payload in choices]
    if options:
        view.add_item(ChoiceSelect(options, t("clarify_title", reply.locale)))
    for button in reply.buttons:
        if button.payload in choices and options:
            continue
        if len(button.payload) > CUSTOM_ID_LIMIT or len(view.children) >= BUTTONS_PER_MESSAGE:
            continue
        try:
            view.add_item(ActionButton(button.payload, button.label, STYLES[button.style], button.emoji))
        except ValueError:  # the view is full (a select menu takes a whole row of five)
            break
    return view if view.children else None


def attach(message: Outgoing, image: Image) -> None:
    """The chart as an attachment shown as the first embed's image."""
    message.files.append(discord.File(io.BytesIO(image.data), filename=image.filename, description=image.alt))
    if message.embeds:
        message.embeds[0].set_image(url=f"attachment://{image.filename}")


def render(reply: Reply) -> list[Outgoing]:
    """The messages showing `reply`, buttons on the last one, a chart on the first; nothing for "silent"."""
    if reply.kind == "silent":
        return []
    messages = [Outgoing(embeds=group) for group in pack(build_embeds(reply))]
    messages[-1].view = build_view(reply)
    if reply.image is not None:
        attach(messages[0], reply.image)
    return messages
