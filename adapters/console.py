"""The local console chat: the same assistant and commands as the chat platforms, in a terminal.

Type a question or a command; type the number of a suggestion to open it; /quit or Ctrl-D ends.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sys
import textwrap

from bot import actions
from bot.assistant import Assistant, OperatorContext
from bot.config import Settings
from bot.i18n import t
from bot.models import Locale, Message, Reply, Suggestion

PROMPT = "you> "
CONSOLE_LOCALE: Locale = "en"  # before the first reply, the console does not know the user's language
QUIT_WORDS = frozenset({"/quit", "/exit", "quit", "exit", "salir", "/salir"})


def _wrap(text: str, indent: str = "") -> str:
    width = max(40, min(100, shutil.get_terminal_size((90, 20)).columns - 2))
    paragraphs = text.split("\n")
    return "\n".join(
        textwrap.fill(p, width=width, initial_indent=indent, subsequent_indent=indent) if p.strip() else ""
        for p in paragraphs
    )


def choices(reply: Reply) -> list[Suggestion]:
    """The numbered choices a console user can pick by typing their number."""
    return [*reply.suggestions, *reply.followups]


_INLINE_CODE = re.compile(r"`([^`\n]+)`")


def plain(text: str) -> str:
    """A terminal has no code font: `inline code` is shown as its text, never with raw backticks."""
    return _INLINE_CODE.sub(r"\1", text)


def render(reply: Reply, *, feedback: bool = True) -> str:
    """A readable plain-text rendering: title, body, bullets, numbered choices, sources, and (unless
    `feedback` is off, as in batch `ask`) how to rate the answer."""
    if reply.kind == "silent":
        return ""
    lines: list[str] = []
    if reply.title:
        lines += [plain(reply.title), ""]
    if reply.body:
        lines += [_wrap(plain(reply.body)), ""]
    for bullet in reply.bullets:
        lines.append(_wrap(f"- {plain(bullet)}", "  ").replace("  - ", "- ", 1))
    if reply.bullets:
        lines.append("")
    numbered = choices(reply)
    if reply.suggestions:
        lines.append(t("choices_label", reply.locale) + ":")
    for number, item in enumerate(numbered, start=1):
        if number == len(reply.suggestions) + 1:
            lines.append(t("followups_label", reply.locale) + ":")
        lines.append(f"  [{number}] {item.title}")
    if numbered:
        lines.append("")
    if reply.sources:
        label = t("sources_label", reply.locale)
        lines.append(_wrap(f"{label}: " + "; ".join(reply.sources)))
    if feedback and reply.feedback and reply.entry_id:
        lines.append(t("feedback_prompt", reply.locale))
    return "\n".join(lines).rstrip()


async def run_console(settings: Settings, community: str | None) -> int:
    """Chat in the terminal until /quit or end of input."""
    assistant = await Assistant.create(settings)
    context = OperatorContext()
    last: list[Suggestion] = []
    locale = CONSOLE_LOCALE  # then the language of the last reply
    interactive = sys.stdin.isatty()
    print(t("console_banner", CONSOLE_LOCALE))
    try:
        while True:
            try:
                line = await asyncio.to_thread(input, PROMPT if interactive else "")
            except EOFError:
                break
            text = line.strip()
            if text.lower() in QUIT_WORDS:
                break
            message = Message(text=line, platform="console", community_id=community)
            if text.isdigit() and 1 <= int(text) <= len(last):
                payload = actions.encode(actions.ShowEntry(last[int(text) - 1].entry_id))
                reply = await assistant.handle_action(payload, message, context)
            elif text.isdigit() and len(text) <= 3:  # a choice number that matches nothing on screen
                key = "no_such_choice" if last else "no_choices"
                print("\n" + t(key, locale, n=int(text), count=len(last)) + "\n", flush=True)
                continue
            else:
                reply = await assistant.handle(message, context)
            shown = render(reply)
            if shown:
                print("\n" + shown + "\n", flush=True)
            last = choices(reply) or last
            locale = reply.locale
    except KeyboardInterrupt:
        pass
    finally:
        await assistant.close()
    print(t("console_bye", CONSOLE_LOCALE))
    return 0
