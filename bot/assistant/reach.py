"""Meeting doctors where they are: inline answer cards, acting on someone's message, charts, private hand-off.

Everything here is platform-neutral: adapters ask for cards, run a message action, or draw the
`image` and `private_link` a reply carries; the decisions (which cards, what is private, when a
chart is drawn, which step the private chat opens on) are made here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from bot import handoff, views
from bot.assistant.dispatch import Call, CommandDispatch
from bot.assistant.policy import ChatContext, community_of
from bot.assistant.session import SessionStore
from bot.buttons import with_buttons
from bot.charts import Chart, Charts
from bot.commands import ASK_ABOUT, CHECK_POST, MESSAGE_ACTIONS
from bot.config import Settings
from bot.i18n import t
from bot.inline import MAX_CARDS, InlineCard, StoreChoiceCounter, inline_cards, most_useful
from bot.matching import Matcher
from bot.models import Entry, Image, Locale, Message, PrivateLink, Reply
from bot.storage.base import Store, StoreError

FEATURED_SECONDS = 60.0  # an empty inline query re-reads the choice counts at most once a minute


def image_of(chart: Chart) -> Image:
    return Image(filename=chart.filename, data=chart.png, alt=chart.alt_text, width=chart.width, height=chart.height)


class Reach(CommandDispatch):
    """Inline cards, message actions, charts and the private hand-off, on top of the commands."""

    def __init__(self, settings: Settings, curated: Sequence[Entry], matcher: Matcher, store: Store,
                 *, clock: Callable[[], float] = time.monotonic, sessions: SessionStore | None = None,
                 salt: str | None = None) -> None:
        super().__init__(settings, curated, matcher, store, clock=clock, sessions=sessions, salt=salt)
        self.charts = Charts(self.curated, settings.charts)
        self.draft_waits = handoff.DraftWaits(store)
        self.choices = StoreChoiceCounter(store)
        self._featured: tuple[float, list[Entry]] | None = None

    # --- inline answer cards ---------------------------------------------------------------------
    async def inline(self, query: str, locale_hint: Locale) -> list[InlineCard]:
        """Up to five answer cards for a query typed anywhere (curated knowledge: no group is involved)."""
        return inline_cards(query, self.matcher, locale_hint, await self._most_useful())

    def inline_private_link(self, locale: Locale) -> PrivateLink:
        """Above inline results: "check a draft privately", opening the private chat on the draft step."""
        return PrivateLink(label=t("inline.check_button", locale), start=handoff.CHECK)

    async def inline_chosen(self, result_id: str) -> bool:
        """Count a chosen card for its entry (never who chose it); False for the help card or unknown ids."""
        if self.matcher.entry(result_id) is None:
            return False
        await self.choices.record_choice(result_id)
        self._featured = None
        return True

    async def _most_useful(self) -> list[Entry]:
        now = self._clock()
        if self._featured is None or now >= self._featured[0]:
            counts = await self.choices.choice_counts()
            self._featured = (now + FEATURED_SECONDS, most_useful(self.curated, counts, MAX_CARDS))
        return self._featured[1]

    # --- acting on someone's message ---------------------------------------------------------------
    async def message_action(self, name: str, text: str, message: Message, context: ChatContext) -> Reply:
        """Check a message as a draft, or answer it as a question; either way only the sender sees it."""
        try:
            return with_buttons(await self._message_action(name, text, message), message.ref)
        except StoreError as exc:
            locale = message.locale or "en"
            return Reply(kind="error", locale=locale, title=t("store_error_title", locale), body=str(exc),
                         private=True)

    async def _message_action(self, name: str, text: str, message: Message) -> Reply:
        community = community_of(message)
        await self._ensure_loaded(community)
        locale = await self._locale(message, community, text.strip() or None)
        if name not in {a.name for a in MESSAGE_ACTIONS}:
            return Reply(kind="error", locale=locale, body=t("button_unknown", locale), private=True)
        if not text.strip():
            return Reply(kind="error", locale=locale, body=t("action.no_text", locale), private=True)
        if name == CHECK_POST:
            reply = await self._check(text.strip(), message, community)
            return reply.model_copy(update={"private": True, "group_notice": None})
        reply = await self.with_chart(await self.answer(text.strip(), message, community))
        offer = name == ASK_ABOUT and reply.kind == "answer" and reply.entry_id is not None
        return reply.model_copy(update={"private": True, "offer_share": offer})

    # --- charts ------------------------------------------------------------------------------------
    async def with_chart(self, reply: Reply) -> Reply:
        """An answer about a curated statistics entry gets the chart of its figures."""
        if reply.kind != "answer" or reply.entry_id is None or reply.image is not None:
            return reply
        entry = self.matcher.entry(reply.entry_id)
        if entry is None or not entry.figures:
            return reply
        chart = await self.charts.for_entry(entry, reply.locale)
        return reply.model_copy(update={"image": image_of(chart)}) if chart is not None else reply

    async def stats_chart(self, reply: Reply, entries: Sequence[Entry], typed: str) -> Reply:
        """`/stats NETWORK` gets the chart of that network's figures across surveys."""
        if reply.kind != "info" or not typed.strip():
            return reply
        keys = sorted({f.network for e in entries for f in e.figures})
        key = views.resolve_key(typed, keys, views.NETWORK_ALIASES)
        chart = await self.charts.for_network(key, reply.locale) if key is not None else None
        return reply.model_copy(update={"image": image_of(chart)}) if chart is not None else reply

    # --- continue in private -----------------------------------------------------------------------
    async def draft_awaited(self, message: Message) -> bool:
        """Whether this private message is the draft `/start check` asked for (the wait is used up)."""
        return message.is_private and await self.draft_waits.take(community_of(message), self._user_key(message))

    # --- the commands this adds to -----------------------------------------------------------------
    async def answer(self, text: str, message: Message, community: str) -> Reply:
        return await self.with_chart(await super().answer(text, message, community))

    async def _command(self, text: str, message: Message, context: ChatContext, community: str) -> Reply:
        """Any reply meant only for the sender, asked for in a group, carries "continue in private"."""
        reply = await super()._command(text, message, context, community)
        if not message.deep_links or reply.private_link is not None:
            return reply
        name = text[1:].partition(" ")[0].split("@", 1)[0].lower()
        link = handoff.for_private_reply(reply, name, message.is_private, reply.locale)
        return reply.model_copy(update={"private_link": link}) if link is not None else reply

    async def _cmd_start(self, call: Call) -> Reply:
        """`/start check` in the private chat asks for the draft; the next message is checked as one."""
        if call.message.is_private and handoff.start_payload(call.rest) == handoff.CHECK:
            await self.draft_waits.expect(call.community, self._user_key(call.message))
            return handoff.check_prompt(await self._locale(call.message, call.community))
        return await super()._cmd_start(call)

    async def _cmd_check(self, call: Call) -> Reply:
        """In a group, `/check` without a draft opens the private chat instead (where platforms can)."""
        if not call.rest and not call.message.is_private and call.message.deep_links:
            return handoff.check_in_private(await self._locale(call.message, call.community))
        return await super()._cmd_check(call)

    async def _cmd_cancel(self, call: Call) -> Reply:
        if call.message.is_private and await self.draft_waits.cancel(call.community, self._user_key(call.message)):
            locale = await self._locale(call.message, call.community)
            return Reply(kind="info", locale=locale, body=t("handoff.check_cancelled", locale))
        return await super()._cmd_cancel(call)

    async def _cmd_stats(self, call: Call) -> Reply:
        reply = await super()._cmd_stats(call)
        return await self.stats_chart(reply, self._visible(call.community), call.rest)
