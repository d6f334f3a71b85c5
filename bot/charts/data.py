"""Which figures a chart may show, and how each bar is labelled; pure data, no plotting library.

Only a figure whose published value is one percentage ("87%", "14.1%") becomes a bar: ranges
("34-35%"), lists ("72% / 43%") and words ("about half") stay in the text, because a bar would
have to invent a number the knowledge does not hold. A figure whose source is a seed file is
not charted either: every bar names its source, and a seed is never what a doctor is shown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.i18n import t
from bot.models import Entry, Figure, Locale
from bot.sources import inline
from bot.views import network_name

MAX_BARS = 10  # more bars than this stop being readable on a phone; the text lists every figure
_PERCENT = re.compile(r"^\s*(\d{1,3}(?:[.,]\d{1,2})?)\s*%\s*$")
_SOURCE_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\b|\.txt\s*$", re.IGNORECASE)  # a document file, not a publication


def percentage(value: str) -> float | None:
    """The published value as a number when it is exactly one percentage between 0 and 100."""
    found = _PERCENT.match(value)
    if found is None:
        return None
    number = float(found.group(1).replace(",", "."))
    return number if 0 <= number <= 100 else None


def citable(source: str) -> bool:
    """A source a chart may print under its bar (a publication, not a document file name)."""
    return bool(source.strip()) and _SOURCE_FILE.search(source) is None


def _capitalised(raw: str) -> str:
    return raw[:1].upper() + raw[1:]


@dataclass(frozen=True)
class Bar:
    """One bar: its length, the value exactly as published, and what, who, when and who says so."""

    value: float
    value_text: str
    label: str  # what was measured, in whom
    detail: str  # year and source
    figure: Figure


@dataclass(frozen=True)
class ChartSpec:
    """Everything a renderer needs, already in the reply's language."""

    title: str
    locale: Locale
    bars: tuple[Bar, ...]
    total: int  # chartable figures before the MAX_BARS cap

    @property
    def alt_text(self) -> str:
        return t("chart.alt", self.locale, count=len(self.bars), title=self.title)


def bars_for(figures: Sequence[Figure], locale: Locale) -> list[Bar]:
    """Chartable figures as bars, in knowledge order, each distinct figure once."""
    bars: list[Bar] = []
    seen: set[tuple[str, str, str, str]] = set()
    for figure in figures:
        value = percentage(figure.value)
        if value is None or not citable(figure.source):
            continue
        what, population = figure.what.get(locale), figure.population.get(locale)
        mark = (figure.value, what, population, figure.year)
        if mark in seen:
            continue
        seen.add(mark)
        bars.append(
            Bar(
                value=value,
                value_text=figure.value.strip(),
                label=_capitalised(f"{what} — {population}"),
                detail=f"{figure.year} · {inline(figure.source)}",
                figure=figure,
            )
        )
    return bars


def _spec(title: str, figures: Sequence[Figure], locale: Locale) -> ChartSpec | None:
    bars = bars_for(figures, locale)
    if not bars:
        return None
    return ChartSpec(title=title, locale=locale, bars=tuple(bars[:MAX_BARS]), total=len(bars))


def spec_for_network(entries: Sequence[Entry], network: str, locale: Locale) -> ChartSpec | None:
    """The chart behind `/stats NETWORK`: every chartable figure about that network, across entries."""
    figures = [f for e in entries for f in e.figures if f.network == network]
    return _spec(t("chart.network_title", locale, network=network_name(network)), figures, locale)


def spec_for_entry(entry: Entry, locale: Locale) -> ChartSpec | None:
    """The chart of one statistics entry's own figures; None when none of them is chartable."""
    return _spec(entry.display_title(locale), entry.figures, locale)
