"""Discord's limits for application commands, checked on the exact payloads `tree.sync()` would send.

From Discord's application command reference: chat-input names match ^[-_'\\p{L}\\p{N}]{1,32}$ in lower
case, message and user commands may be mixed case with spaces (1-32); descriptions 1-100 (empty for
context menus); at most 25 options and 25 choices (names and values up to 100); at most 4000
characters across names, descriptions and values of a command, its options and choices (counted here
with every localization, which is stricter); at most 100 global chat-input commands and 5 message and
5 user commands. `integration_types` and `contexts` must name known values.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

CHAT_INPUT, USER, MESSAGE = 1, 2, 3
NAME = re.compile(r"^[-_'\w]{1,32}$")
MAX_DESCRIPTION = 100
MAX_OPTIONS = 25
MAX_CHOICES = 25
MAX_CHOICE_TEXT = 100
MAX_COMBINED = 4000
MAX_OF_TYPE = {CHAT_INPUT: 100, USER: 5, MESSAGE: 5}
INTEGRATION_TYPES = {0: "guild install", 1: "user install"}
CONTEXTS = {0: "servers", 1: "DMs with the bot", 2: "group DMs and other DMs"}


def _texts(item: Mapping[str, Any]) -> Iterable[str]:
    for key in ("name", "description"):
        value = item.get(key)
        if isinstance(value, str):
            yield value
        localized = item.get(f"{key}_localizations") or {}
        yield from (v for v in localized.values() if isinstance(v, str))
    value = item.get("value")
    if isinstance(value, str):
        yield value


def _combined(item: Mapping[str, Any]) -> int:
    total = sum(len(text) for text in _texts(item))
    for child in (item.get("options") or []) + (item.get("choices") or []):
        total += _combined(child)
    return total


def _check_option(where: str, option: Mapping[str, Any], problems: list[str]) -> None:
    name = str(option.get("name", ""))
    if not NAME.match(name) or name != name.lower():
        problems.append(f"{where}: option name {name!r} is not 1-32 lower-case letters, digits, '-' or '_'")
    description = str(option.get("description", ""))
    if not 1 <= len(description) <= MAX_DESCRIPTION:
        problems.append(f"{where} {name}: description has {len(description)} characters (1-{MAX_DESCRIPTION})")
    for localized in (option.get("description_localizations") or {}).values():
        if not 1 <= len(localized) <= MAX_DESCRIPTION:
            problems.append(f"{where} {name}: a localized description has {len(localized)} characters")
    choices = option.get("choices") or []
    if len(choices) > MAX_CHOICES:
        problems.append(f"{where} {name}: {len(choices)} choices (at most {MAX_CHOICES})")
    for choice in choices:
        if not 1 <= len(str(choice.get("name", ""))) <= MAX_CHOICE_TEXT or len(str(choice.get("value", ""))) > 100:
            problems.append(f"{where} {name}: choice {choice.get('name')!r} is longer than {MAX_CHOICE_TEXT}")
    children = option.get("options") or []
    if len(children) > MAX_OPTIONS:
        problems.append(f"{where} {name}: {len(children)} options (at most {MAX_OPTIONS})")
    for child in children:
        _check_option(f"{where} {name}", child, problems)


def check_limits(payloads: Iterable[Mapping[str, Any]]) -> list[str]:
    """Every way these command payloads break Discord's limits (empty when Discord would accept them)."""
    problems: list[str] = []
    commands = list(payloads)
    kinds = Counter(int(c.get("type", CHAT_INPUT)) for c in commands)
    for kind, count in kinds.items():
        if count > MAX_OF_TYPE.get(kind, 0):
            problems.append(f"{count} commands of type {kind} (at most {MAX_OF_TYPE.get(kind, 0)})")
    names = Counter((int(c.get("type", CHAT_INPUT)), c.get("name")) for c in commands)
    problems += [f"command name {name!r} is used twice" for (_, name), n in names.items() if n > 1]
    for command in commands:
        kind = int(command.get("type", CHAT_INPUT))
        name = str(command.get("name", ""))
        where = f"/{name}" if kind == CHAT_INPUT else f"menu {name!r}"
        if kind == CHAT_INPUT:
            if not NAME.match(name) or name != name.lower():
                problems.append(f"{where}: name is not 1-32 lower-case letters, digits, '-' or '_'")
            description = str(command.get("description", ""))
            if not 1 <= len(description) <= MAX_DESCRIPTION:
                problems.append(f"{where}: description has {len(description)} characters (1-{MAX_DESCRIPTION})")
            options = command.get("options") or []
            if len(options) > MAX_OPTIONS:
                problems.append(f"{where}: {len(options)} options (at most {MAX_OPTIONS})")
            for option in options:
                _check_option(where, option, problems)
        else:
            for label in [name, *(command.get("name_localizations") or {}).values()]:
                if not 1 <= len(label) <= 32:
                    problems.append(f"{where}: name {label!r} is not 1-32 characters")
            if command.get("description") or command.get("options"):
                problems.append(f"{where}: context menus take no description or options")
        if _combined(command) > MAX_COMBINED:
            problems.append(f"{where}: {_combined(command)} characters in names, descriptions and values "
                            f"(at most {MAX_COMBINED})")
        for value in command.get("integration_types") or []:
            if value not in INTEGRATION_TYPES:
                problems.append(f"{where}: unknown integration type {value}")
        for value in command.get("contexts") or []:
            if value not in CONTEXTS:
                problems.append(f"{where}: unknown context {value}")
    return problems


def describe(command: Mapping[str, Any]) -> str:
    """One line for the dry run: where a command can be installed and used."""
    kind = int(command.get("type", CHAT_INPUT))
    label = f"/{command.get('name')}" if kind == CHAT_INPUT else f"{command.get('name')} (message menu)"
    installs = ", ".join(INTEGRATION_TYPES[v] for v in command.get("integration_types") or [0] if v in
                         INTEGRATION_TYPES)
    contexts = ", ".join(CONTEXTS[v] for v in command.get("contexts") or [0, 1, 2] if v in CONTEXTS)
    return f"{label}: installs: {installs}; used in: {contexts}"
