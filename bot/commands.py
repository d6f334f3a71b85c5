"""The one registry of chat commands and `/faq` subcommands.

Adapters build every menu from it (Telegram's command lists, Discord's slash tree, `/help`), so no
adapter names a command. Help texts live in `bot/i18n/commands.py` under "cmd.NAME" keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from bot.i18n import t
from bot.models import Locale

Audience = Literal["everyone", "moderators"]


@dataclass(frozen=True)
class Arg:
    """One command argument, as Discord options and help texts need it."""

    name: str
    required: bool = False
    rest: bool = False  # takes the rest of the line (a question, a draft)
    choices: tuple[str, ...] = ()
    autocomplete: bool = False  # Discord: suggest entry titles while typing


@dataclass(frozen=True)
class Command:
    """A command or subcommand: name, arguments, who may run it, and how platforms should offer it."""

    name: str
    args: tuple[Arg, ...] = ()
    audience: Audience = "everyone"
    in_menu: bool = True  # listed in platform menus (set_my_commands / slash commands)
    private: bool = False  # the answer only ever goes to the sender (DM / ephemeral)
    form: str | None = None  # platforms with forms open this one instead of a step-by-step dialogue
    args_hint: str = ""  # subcommands: the syntax after the name, e.g. "ID" or "[page]"
    subcommands: tuple[Command, ...] = field(default=())
    parent: str = ""  # "faq" for the /faq subcommands
    everywhere: bool = False  # users may install it for themselves: any chat, DMs included (Discord)

    @property
    def key(self) -> str:
        return f"cmd.{self.parent}.{self.name}" if self.parent else f"cmd.{self.name}"

    @property
    def moderator_only(self) -> bool:
        return self.audience == "moderators"

    def summary(self, locale: Locale) -> str:
        return t(self.key, locale)

    def arg_description(self, arg: Arg, locale: Locale) -> str:
        return t(f"{self.key}.{arg.name}", locale)

    def usage(self) -> str:
        if self.parent:
            return f"{self.parent} {self.name} {self.args_hint}".rstrip()
        parts = [f"/{self.name}"]
        for arg in self.args:
            parts.append(f"<{arg.name}>" if arg.required else f"[{arg.name}]")
        return " ".join(parts)

    def subcommand(self, name: str) -> Command | None:
        return next((c for c in self.subcommands if c.name == name.lower()), None)

    def closest_subcommand(self, word: str) -> str | None:
        """The subcommand the user most likely meant, for 'did you mean' on typos."""
        return nearest(word, [c.name for c in self.subcommands])


def nearest(word: str, names: Sequence[str]) -> str | None:
    """The name a typo most likely meant: fewest edits, a swap of two letters counting as one
    (`/stast` is `/stats` with two letters swapped, not `/start` with one replaced); ties go to a name
    with the same letters, then to one the word begins, then to the closer spelling. None when nothing is close."""
    typed = word.lower()
    if not typed:
        return None
    allowed = 1 if len(typed) <= 4 else 2

    def rank(name: str) -> tuple[int, bool, bool, float]:
        distance = DamerauLevenshtein.distance(typed, name)
        return (distance, sorted(typed) != sorted(name), not name.startswith(typed), -fuzz.ratio(typed, name))

    best = min(names, key=rank, default=None)
    return best if best is not None and rank(best)[0] <= allowed else None


@dataclass(frozen=True)
class MessageAction:
    """A command run on a message someone posted (Discord's message menu): that message's text is the input.

    Offered wherever the user is (a user-installable app); the answer goes to the sender only.
    """

    name: str

    @property
    def key(self) -> str:
        return f"action.{self.name}"

    def label(self, locale: Locale) -> str:
        return t(self.key, locale)


def _faq(name: str, args_hint: str = "", *, moderators: bool = True, form: str | None = None) -> Command:
    return Command(name, audience="moderators" if moderators else "everyone", args_hint=args_hint, form=form,
                   parent="faq")


GOAL_CHOICES = ("educate", "local", "reputation", "peers", "cases", "cme", "urgent", "trends")
FAQ_ADD_FORM = "faq_add"

FAQ_SUBCOMMANDS: tuple[Command, ...] = (
    _faq("add", "Question? | Answer", form=FAQ_ADD_FORM),
    _faq("alias", "ID another phrasing"),
    _faq("edit", "ID question|answer TEXT"),
    _faq("remove", "ID"),
    _faq("restore", "ID | ID@N"),
    _faq("list", "[page]", moderators=False),
    _faq("show", "ID", moderators=False),
    _faq("history", "[ID]"),
    _faq("hide", "ID"),
    _faq("unhide", "ID"),
    _faq("gaps", "[page | off-topic]"),
    _faq("answer", "N Answer text"),
    _faq("link", "N ID"),
    _faq("unlink", "ID [phrasing]"),
    _faq("dismiss", "N"),
    _faq("suggestions", "[page]"),
    _faq("accept", "N"),
    _faq("reject", "N"),
    _faq("stats"),
    _faq("settings", "[lang en|es | freetext on|off | cooldown SECONDS | guard on|off | digest weekly|off]"),
    _faq("help", moderators=False),
)

COMMANDS: tuple[Command, ...] = (
    Command("start"),
    Command("help"),
    Command("ask", (Arg("question", required=True, rest=True, autocomplete=True),), everywhere=True),
    Command("topics", (Arg("topic"),)),
    Command("networks", (Arg("goal", choices=GOAL_CHOICES),), everywhere=True),
    Command("stats", (Arg("network"),), everywhere=True),
    Command("rules", everywhere=True),
    Command("sources"),
    Command("check", (Arg("draft", required=True, rest=True),), private=True, everywhere=True),
    Command("lang", (Arg("language", required=True, choices=("en", "es")),)),
    Command("rate", (Arg("helpful", required=True, choices=("yes", "no")),), in_menu=False),
    Command("cancel"),
    Command(
        "faq",
        (Arg("action", rest=True),),
        audience="moderators",  # menus show it to moderators; members may still run list/show/help
        subcommands=FAQ_SUBCOMMANDS,
    ),
)

BY_NAME: dict[str, Command] = {c.name: c for c in COMMANDS}
CHECK_POST = "check"
ASK_ABOUT = "ask"
MESSAGE_ACTIONS: tuple[MessageAction, ...] = (MessageAction(CHECK_POST), MessageAction(ASK_ABOUT))
FAQ = BY_NAME["faq"]


def find(name: str) -> Command | None:
    return BY_NAME.get(name.lower())


def menu(locale: Locale, moderators: bool) -> list[Command]:
    """Commands a platform menu lists for members, or for moderators too."""
    return [c for c in COMMANDS if c.in_menu and (moderators or c.audience == "everyone")]


def help_lines(locale: Locale) -> list[str]:
    """`/help`'s command list: every menu command members may run, "usage: summary"."""
    return [f"{c.usage()}: {c.summary(locale)}" for c in menu(locale, moderators=False)]


def faq_lines(locale: Locale, is_moderator: bool, *, prefix: str, separator: str) -> list[str]:
    """The /faq subcommands this user may run, "{prefix}usage{separator}summary" (/help and /faq help)."""
    return [
        f"{prefix}{c.usage()}{separator}{c.summary(locale)}"
        for c in FAQ_SUBCOMMANDS
        if is_moderator or not c.moderator_only
    ]
