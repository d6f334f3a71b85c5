"""The local console chat: the same assistant and commands as the chat platforms, in a terminal.

Type a question or a command; type the number of a button to press it; /quit or Ctrl-D ends.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import shutil
import sys
import textwrap
from pathlib import Path

from bot.assistant import Assistant, OperatorContext
from bot.config import Settings
from bot.i18n import t
from bot.models import Button, Image, Locale, Message, Reply
from bot.paths import default_chart_dir

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


def choices(reply: Reply) -> list[Button]:
    """The core's buttons, numbered: typing a number presses that button."""
    return list(reply.buttons)


_INLINE_CODE = re.compile(r"`([^`\n]+)`")


def plain(text: str) -> str:
    """A terminal has no code font: `inline code` is shown as its text, never with raw backticks."""
    return _INLINE_CODE.sub(r"\1", text)


def render(reply: Reply, *, interactive: bool = True) -> str:
    """A readable plain-text rendering: title (sentence case, as written), body, bullets, numbered choices,
    sources. Not `interactive` (batch `ask`): nobody can press a button, so none is shown."""
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
    numbered = choices(reply) if interactive else []
    if not interactive and reply.suggestions:  # a "did you mean" still names its choices
        lines.append(t("choices_label", reply.locale) + ":")
        lines += [f"  - {s.title}" for s in reply.suggestions] + [""]
    if numbered:
        lines.append(t("choices_label", reply.locale) + ":")
    for number, button in enumerate(numbered, start=1):
        lines.append(f"  [{number}] " + (f"{button.emoji} {button.label}" if button.emoji else button.label))
    if numbered:
        lines.append("")
    if reply.sources:
        label = t("sources_label", reply.locale)
        lines.append(_wrap(f"{label}: " + "; ".join(reply.sources)))
    return "\n".join(lines).rstrip()


def save_chart(image: Image, folder: Path) -> Path:
    """Write a chart where the user can open it; the same chart always gets the same file name."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = Path(image.filename).stem
    path = folder / f"{stem}-{hashlib.sha256(image.data).hexdigest()[:12]}.png"
    path.write_bytes(image.data)
    return path


async def run_console(settings: Settings, community: str | None, chart_dir: Path | None = None) -> int:
    """Chat in the terminal until /quit or end of input; charts are saved as PNG files and their path printed."""
    assistant = await Assistant.create(settings)
    charts = chart_dir or default_chart_dir()
    context = OperatorContext()
    last: list[Button] = []
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
                reply = await assistant.handle_action(last[int(text) - 1].payload, message, context)
            elif text.isdigit() and len(text) <= 3:  # a choice number that matches nothing on screen
                key = "no_such_choice" if last else "no_choices"
                print("\n" + t(key, locale, n=int(text), count=len(last)) + "\n", flush=True)
                continue
            else:
                reply = await assistant.handle(message, context)
            shown = render(reply)
            if reply.image is not None:
                path = await asyncio.to_thread(save_chart, reply.image, charts)
                shown += "\n\n" + t("chart.saved", reply.locale, path=path)
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
