"""The shapes every part of DocSocial agrees on: knowledge entries, incoming messages, replies.

Adapters build a `Message`, the core returns a `Reply`; neither side knows the other's platform.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Locale = Literal["en", "es"]
LOCALES: tuple[Locale, ...] = ("en", "es")
ENTRY_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
ReplyKind = Literal[
    "answer",  # the bot commits to one entry
    "clarify",  # "did you mean ..." with suggestions
    "fallback",  # nothing fits: out of scope, medical advice, gibberish
    "info",  # command output (help, topics, stats, lists ...)
    "error",  # the user's input could not be used; says why and how to fix it
    "refusal",  # the user may not do this (e.g. not a moderator)
    "slow_down",  # rate limited
    "silent",  # nothing to say (ordinary group chatter): adapters send nothing
]


class Localized(BaseModel):
    """A text in English and/or Spanish; curated entries must have both."""

    model_config = ConfigDict(extra="forbid")

    en: str | None = None
    es: str | None = None

    @field_validator("en", "es")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("must not be empty")
        return value.strip() if value is not None else None

    def get(self, locale: Locale) -> str:
        """The text in `locale`, else the other language, else ''."""
        other: Locale = "es" if locale == "en" else "en"
        return getattr(self, locale) or getattr(self, other) or ""

    def has(self, locale: Locale) -> bool:
        return getattr(self, locale) is not None


class LocalizedList(BaseModel):
    """Phrasings per locale, as doctors actually type them."""

    model_config = ConfigDict(extra="forbid")

    en: list[str] = Field(default_factory=list)
    es: list[str] = Field(default_factory=list)

    @field_validator("en", "es")
    @classmethod
    def _clean(cls, values: list[str]) -> list[str]:
        cleaned = [v.strip() for v in values]
        if any(not v for v in cleaned):
            raise ValueError("phrasings must not be empty strings")
        return cleaned

    def get(self, locale: Locale) -> list[str]:
        return list(getattr(self, locale))

    def all(self) -> list[tuple[Locale, str]]:
        return [(loc, text) for loc in LOCALES for text in getattr(self, loc)]


class Figure(BaseModel):
    """One adoption statistic, for `/stats [network]`: what, who, when and who says so."""

    model_config = ConfigDict(extra="forbid")

    network: str  # lowercase network key, e.g. "whatsapp", "facebook", "any"
    value: str  # as published, e.g. "90%"
    what: Localized  # e.g. "use WhatsApp with their patients"
    population: Localized  # e.g. "doctors in Mexico (697 interviews)"
    year: str
    source: str


class RankedNetwork(BaseModel):
    """One network recommended for a goal, with the reason and its source (`/networks goal`)."""

    model_config = ConfigDict(extra="forbid")

    network: str
    reason: Localized
    sources: list[str] = Field(min_length=1)


class Entry(BaseModel):
    """One knowledge entry: curated (from knowledge/) or added by a community's moderators."""

    model_config = ConfigDict(extra="forbid")

    id: str
    topic: str
    questions: LocalizedList
    answer: Localized
    sources: list[str] = Field(default_factory=list)
    title: Localized | None = None
    summary: Localized | None = None  # one-line digest used by /rules and /topics
    tags: list[str] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)
    review_by: dt.date | None = None
    goal: str | None = None  # for goal entries: the key `/networks GOAL` accepts
    ranking: list[RankedNetwork] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _valid_id(cls, value: str) -> str:
        if not ENTRY_ID_PATTERN.match(value):
            raise ValueError(
                "must be 1-40 characters: lowercase letters, digits, '-' and '_', starting with a letter or digit"
            )
        return value

    @field_validator("sources")
    @classmethod
    def _sources_not_blank(cls, values: list[str]) -> list[str]:
        if any(not v.strip() for v in values):
            raise ValueError("sources must not be empty strings")
        return [v.strip() for v in values]

    @model_validator(mode="after")
    def _has_phrasing_and_answer(self) -> Entry:
        if not self.questions.en and not self.questions.es:
            raise ValueError("questions: at least one phrasing is required")
        if self.answer.en is None and self.answer.es is None:
            raise ValueError("answer: at least one locale is required")
        return self

    def display_title(self, locale: Locale) -> str:
        """A short human title: the explicit title, else the first phrasing."""
        if self.title is not None:
            return self.title.get(locale)
        phrasings = self.questions.get(locale) or self.questions.get("es" if locale == "en" else "en")
        return phrasings[0]


class Message(BaseModel):
    """What a user sent, already translated out of the platform's own event type."""

    text: str
    platform: str = "console"  # console, cli, telegram, discord
    community_id: str | None = None  # "telegram:-100123", "discord:4567"; None in private chats
    user_id: str = "local"  # opaque platform id: never logged, hashed before storage
    is_private: bool = True
    addressed: bool = True  # a command, a mention or a reply to the bot
    locale: Locale | None = None  # platform language hint, if any (the question's own language wins)
    chosen_locale: Locale | None = None  # an explicit choice (CLI --locale): always the reply language
    ref: str | None = None  # the platform's reference to this message, for a delete button
    forms: bool = False  # the platform can open forms (Discord modals)


class Suggestion(BaseModel):
    """An entry offered as a choice or follow-up; adapters render it as a button."""

    entry_id: str
    title: str


ButtonStyle = Literal["primary", "secondary", "success", "danger"]


class Button(BaseModel):
    """A button the core resolved: label in the reply's language, payload from `bot.actions`."""

    label: str
    payload: str
    style: ButtonStyle = "secondary"
    emoji: str | None = None


class FormField(BaseModel):
    """One field of a form (a Discord modal): label and hint already in the user's language."""

    name: str
    label: str
    hint: str = ""
    max_length: int
    multiline: bool = False
    required: bool = True


class Form(BaseModel):
    """A form the platform should open; its submission comes back as `Assistant.submit_form(name, ...)`."""

    name: str
    title: str
    fields: list[FormField]


class Reply(BaseModel):
    """What to show, structured so every adapter renders it natively.

    Besides what to show, a reply carries effects the adapter carries out: `private` (send to the
    sender only), `delete_message` (a platform message the core allowed to delete), `form` (open
    a form instead of showing text) and `prompt` (ask for the next step as a reply).
    """

    kind: ReplyKind
    locale: Locale = "en"
    title: str | None = None
    body: str = ""
    bullets: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    suggestions: list[Suggestion] = Field(default_factory=list)  # "did you mean" choices
    followups: list[Suggestion] = Field(default_factory=list)  # related entries
    entry_id: str | None = None
    score: float = 0.0
    feedback: bool = False  # offer helpful / not helpful buttons for entry_id
    private: bool = False  # deliver privately (DM / ephemeral): e.g. drafts that may hold patient data
    group_notice: str | None = None  # short public note when the real reply went privately
    offer_delete: bool = False  # patient-data guard: offer moderators a one-tap delete of the message
    buttons: list[Button] = Field(default_factory=list)  # resolved by the core (bot/buttons.py)
    delete_message: str | None = None  # effect: delete this platform message (the core allowed it)
    form: Form | None = None  # effect: open this form (platforms without forms never get one)
    prompt: bool = False  # effect: the next step is expected as a reply to this one (Telegram ForceReply)
    ephemeral: bool = False  # an acknowledgement only the sender needs to see, where the platform can

    def plain_text(self) -> str:
        """A plain-text rendering, used by the CLI's JSON `text` and as a fallback."""
        text = "\n\n".join(part for part in (self.title, self.body) if part)
        if self.bullets:
            text += ("\n" if text else "") + "\n".join(f"- {b}" for b in self.bullets)
        return text
