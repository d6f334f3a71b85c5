"""Build structured replies from knowledge: one entry, topics, goals, statistics, rules, sources.

Pure functions of the knowledge and the locale, so every adapter shows the same content.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz, process

from bot.commands import faq_lines, help_lines
from bot.i18n import has_text, t
from bot.matching.normalize import fold
from bot.models import Entry, Locale, Reply, Suggestion

NETWORK_NAMES = {
    "whatsapp": "WhatsApp",
    "facebook": "Facebook",
    "facebook-groups": "Facebook groups",
    "instagram": "Instagram",
    "youtube": "YouTube",
    "twitter": "Twitter/X",
    "linkedin": "LinkedIn",
    "telegram": "Telegram",
    "sermo": "Sermo",
    "doximity": "Doximity",
    "figure1": "Figure 1",
    "medscape-consult": "Medscape Consult",
    "esanum": "esanum",
    "neomed": "Neomed",
    "pupilum": "Pupilum",
    "doctoralia": "Doctoralia",
    "any": "Social media (any)",
}
NETWORK_ALIASES = {
    "x": "twitter",
    "twitter/x": "twitter",
    "fb": "facebook",
    "ig": "instagram",
    "insta": "instagram",
    "wa": "whatsapp",
    "wasap": "whatsapp",
    "guasap": "whatsapp",
    "yt": "youtube",
}


def network_name(key: str) -> str:
    return NETWORK_NAMES.get(key, key.capitalize())


def topic_name(topic: str, locale: Locale) -> str:
    key = f"topic.{topic}"
    return t(key, locale) if has_text(key) else topic.replace("-", " ").capitalize()


def suggestion(entry: Entry, locale: Locale) -> Suggestion:
    return Suggestion(entry_id=entry.id, title=entry.display_title(locale))


def entry_reply(entry: Entry, locale: Locale, lookup: Callable[[str], Entry | None], score: float = 1.0) -> Reply:
    """An answer: title, body, sources, related entries as follow-ups, feedback buttons."""
    related = [e for e in (lookup(i) for i in entry.related) if e is not None]
    return Reply(
        kind="answer",
        locale=locale,
        title=entry.display_title(locale),
        body=entry.answer.get(locale),
        sources=list(entry.sources),
        followups=[suggestion(e, locale) for e in related],
        entry_id=entry.id,
        score=round(score, 4),
        feedback=True,
    )


def resolve_key(raw: str, keys: Sequence[str], aliases: dict[str, str] | None = None) -> str | None:
    """Map what a user typed ("Whatsap", "X") to a known key, tolerating typos."""
    wanted = fold(raw).strip().replace(" ", "-")
    if aliases and wanted in aliases:
        wanted = aliases[wanted]
    if wanted in keys:
        return wanted
    found = process.extractOne(wanted, list(keys), scorer=fuzz.ratio, score_cutoff=75)
    return found[0] if found else None


def _unknown(locale: Locale, title_key: str, body_key: str, typed: str, known: Sequence[str]) -> Reply:
    """What the user typed is not a known topic, goal or network: say so and list the known ones."""
    return Reply(
        kind="error",
        locale=locale,
        title=t(title_key, locale),
        body=t(body_key, locale, name=typed, names=", ".join(known)),
    )


def topics_reply(entries: Sequence[Entry], locale: Locale, topic: str | None) -> Reply:
    by_topic: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_topic[entry.topic].append(entry)
    if not topic:
        bullets = [f"{topic_name(k, locale)} ({k}): {len(v)}" for k, v in sorted(by_topic.items())]
        return Reply(
            kind="info", locale=locale, title=t("topics_title", locale), body=t("topics_body", locale), bullets=bullets
        )
    aliases = {fold(topic_name(k, loc)).replace(" ", "-"): k for k in by_topic for loc in ("en", "es")}
    key = resolve_key(topic, sorted(by_topic), aliases)
    if key is None:
        return _unknown(locale, "topics_title", "topic_unknown", topic, sorted(by_topic))
    chosen = by_topic[key]
    return Reply(
        kind="info",
        locale=locale,
        title=topic_name(key, locale),
        bullets=[(e.summary.get(locale) if e.summary else e.display_title(locale)) for e in chosen],
        suggestions=[suggestion(e, locale) for e in chosen],
    )


def goals(entries: Sequence[Entry]) -> dict[str, Entry]:
    return {e.goal: e for e in entries if e.goal}


def networks_reply(entries: Sequence[Entry], locale: Locale, goal: str | None) -> Reply:
    by_goal = goals(entries)
    if not goal:
        return Reply(
            kind="info",
            locale=locale,
            title=t("networks_title", locale),
            body=t("networks_body", locale),
            bullets=[f"{k}: {e.display_title(locale)}" for k, e in sorted(by_goal.items())],
            suggestions=[suggestion(e, locale) for _, e in sorted(by_goal.items())],
        )
    key = resolve_key(goal, sorted(by_goal))
    if key is None:
        return _unknown(locale, "networks_title", "networks_unknown", goal, sorted(by_goal))
    entry = by_goal[key]
    sources: list[str] = []
    for ranked in entry.ranking:
        sources.extend(s for s in ranked.sources if s not in sources)
    return Reply(
        kind="info",
        locale=locale,
        title=entry.display_title(locale),
        body=entry.answer.get(locale),
        bullets=[f"{i}. {network_name(r.network)}: {r.reason.get(locale)}" for i, r in enumerate(entry.ranking, 1)],
        sources=sources or list(entry.sources),
        entry_id=entry.id,
        feedback=True,
    )


def stats_reply(entries: Sequence[Entry], locale: Locale, network: str | None) -> Reply:
    figures = [(f, e) for e in entries for f in e.figures]
    keys = sorted({f.network for f, _ in figures})
    if not network:
        return Reply(
            kind="info",
            locale=locale,
            title=t("stats_title", locale),
            body=t("stats_body", locale),
            bullets=[f"{network_name(k)} (/stats {k})" for k in keys],
        )
    key = resolve_key(network, keys, NETWORK_ALIASES)
    if key is None:
        return _unknown(locale, "stats_title", "stats_unknown", network, keys)
    chosen = [(f, e) for f, e in figures if f.network == key]
    seen: set[tuple[str, str, str]] = set()
    bullets: list[str] = []
    sources: list[str] = []
    for figure, _ in chosen:
        mark = (figure.value, figure.what.get(locale), figure.population.get(locale))
        if mark in seen:
            continue
        seen.add(mark)
        bullets.append(
            f"{figure.value} {figure.what.get(locale)}: {figure.population.get(locale)}, {figure.year} "
            f"({figure.source})"
        )
        if figure.source not in sources:
            sources.append(figure.source)
    entry_ids = list(dict.fromkeys(e.id for _, e in chosen))
    return Reply(
        kind="info",
        locale=locale,
        title=t("stats_network_title", locale, network=network_name(key)),
        bullets=bullets,
        sources=sources,
        followups=[suggestion(e, locale) for e in entries if e.id in entry_ids][:5],
    )


def rules_reply(entries: Sequence[Entry], locale: Locale) -> Reply:
    rules = [e for e in entries if e.topic == "rules"]
    return Reply(
        kind="info",
        locale=locale,
        title=t("rules_title", locale),
        body=t("rules_body", locale),
        bullets=[(e.summary.get(locale) if e.summary else e.display_title(locale)) for e in rules],
        suggestions=[suggestion(e, locale) for e in rules],
    )


def sources_reply(entries: Sequence[Entry], locale: Locale) -> Reply:
    counts: dict[str, int] = defaultdict(int)
    for entry in entries:
        for source in entry.sources:
            counts[source] += 1
    seeds = sorted(s for s in counts if s.startswith("seed "))
    others = sorted((s for s in counts if not s.startswith("seed ")), key=lambda s: (-counts[s], s))
    return Reply(
        kind="info",
        locale=locale,
        title=t("sources_title", locale),
        body=t("sources_body", locale),
        bullets=[f"{s} ({counts[s]})" for s in others + seeds],
    )


def help_reply(locale: Locale, is_moderator: bool, *, with_faq: bool = True) -> Reply:
    """The command list, then (unless `with_faq` is off) the /faq subcommands this user may run."""
    bullets = help_lines(locale)
    if with_faq:
        bullets.append(t("help_moderators" if is_moderator else "help_community", locale) + ":")
        bullets.extend(faq_lines(locale, is_moderator, prefix="/", separator=": "))
    return Reply(
        kind="info", locale=locale, title=t("help_title", locale), body=t("help_body", locale), bullets=bullets
    )
