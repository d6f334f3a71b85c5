"""The one registry of chat commands; adapters build their menus and slash commands from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.models import Locale

Audience = Literal["everyone", "moderators"]


@dataclass(frozen=True)
class Arg:
    """One command argument, as Discord options and help texts need it."""

    name: str
    description_en: str
    description_es: str
    required: bool = False
    rest: bool = False  # takes the rest of the line (a question, a draft)
    choices: tuple[str, ...] = ()
    autocomplete: bool = False  # Discord: suggest entry titles while typing

    def description(self, locale: Locale) -> str:
        return self.description_es if locale == "es" else self.description_en


@dataclass(frozen=True)
class Command:
    """A command: name, help in both languages, arguments and who may run it."""

    name: str
    summary_en: str
    summary_es: str
    args: tuple[Arg, ...] = ()
    audience: Audience = "everyone"
    in_menu: bool = True  # listed in platform menus (set_my_commands / slash commands)
    subcommands: tuple[Command, ...] = field(default=())

    def summary(self, locale: Locale) -> str:
        return self.summary_es if locale == "es" else self.summary_en

    def usage(self) -> str:
        parts = [f"/{self.name}"]
        for arg in self.args:
            parts.append(f"<{arg.name}>" if arg.required else f"[{arg.name}]")
        return " ".join(parts)


GOAL_CHOICES = ("educate", "local", "reputation", "peers", "cases", "cme", "urgent", "trends")

COMMANDS: tuple[Command, ...] = (
    Command("start", "Welcome and what I can do", "Bienvenida y qué puedo hacer"),
    Command("help", "List the commands", "Lista de comandos"),
    Command(
        "ask",
        "Ask a question about doctors and social media",
        "Haz una pregunta sobre médicos y redes sociales",
        (Arg("question", "Your question", "Tu pregunta", required=True, rest=True, autocomplete=True),),
    ),
    Command(
        "topics",
        "Browse the knowledge base by topic",
        "Explora la base de conocimiento por tema",
        (Arg("topic", "A topic to open", "Un tema para abrir"),),
    ),
    Command(
        "networks",
        "Which network suits a goal, ranked with reasons",
        "Qué red conviene para cada objetivo, con razones",
        (Arg("goal", "Your goal", "Tu objetivo", choices=GOAL_CHOICES),),
    ),
    Command(
        "stats",
        "How many doctors use each network (sourced figures)",
        "Cuántos médicos usan cada red (cifras con fuente)",
        (Arg("network", "A network, e.g. whatsapp", "Una red, p. ej. whatsapp"),),
    ),
    Command(
        "rules", "Confidentiality and professionalism do's and don'ts", "Qué hacer y qué no: confidencialidad y ética"
    ),
    Command("sources", "Where the answers come from", "De dónde salen las respuestas"),
    Command(
        "check",
        "Review a draft post before you publish it (answer sent privately)",
        "Revisa un borrador antes de publicarlo (respuesta en privado)",
        (Arg("draft", "The draft post", "El borrador", required=True, rest=True),),
    ),
    Command(
        "lang",
        "Set my language: en or es",
        "Cambia mi idioma: en o es",
        (Arg("language", "en or es", "en o es", required=True, choices=("en", "es")),),
    ),
    Command(
        "rate",
        "Rate my last answer: yes (helpful) or no",
        "Valora mi última respuesta: sí (útil) o no",
        (Arg("helpful", "yes or no", "sí o no", required=True, choices=("yes", "no")),),
        in_menu=False,
    ),
    Command(
        "cancel",
        "Cancel what you started (e.g. a guided /faq add)",
        "Cancela lo que empezaste (p. ej. /faq add guiado)",
    ),
    Command(
        "faq",
        "This group's own FAQ (moderators)",
        "Las preguntas propias del grupo (moderadores)",
        (Arg("action", "add, list, show, gaps, stats, ...", "add, list, show, gaps, stats, ...", rest=True),),
        audience="moderators",  # menus show it to moderators; members may still run list/show/help
    ),
)

BY_NAME: dict[str, Command] = {c.name: c for c in COMMANDS}


def find(name: str) -> Command | None:
    return BY_NAME.get(name.lower())
