"""Charts show only what the knowledge holds, labelled in the reply's language, as a valid PNG."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from PIL import Image

from bot.charts import Charts, bars_for, render_chart, spec_for_entry, spec_for_network
from bot.charts.data import MAX_BARS, citable, percentage
from bot.config import Settings
from bot.models import Entry, Figure, Localized
from bot.sources import inline

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _figure(value: str, source: str = "Example Survey, BMJ, 2020", network: str = "whatsapp") -> Figure:
    return Figure(
        network=network,
        value=value,
        what=Localized(en="use it", es="lo usan"),
        population=Localized(en="doctors in Spain (n=100)", es="médicos en España (n=100)"),
        year="2020",
        source=source,
    )


def _entry(*figures: Figure) -> Entry:
    return Entry.model_validate({
        "id": "stats-test", "topic": "statistics", "questions": {"en": ["numbers?"]},
        "answer": {"en": "Some numbers.", "es": "Unas cifras."},
        "title": {"en": "Test figures", "es": "Cifras de prueba"},
        "figures": [f.model_dump() for f in figures],
    })


@pytest.mark.parametrize(("raw", "expected"), [
    ("87%", 87.0), ("14.1%", 14.1), ("25,7 %", 25.7), ("0%", 0.0), ("100%", 100.0),
    ("34-35%", None), ("about half", None), ("72% / 43% / 33% / 16%", None), ("120%", None), ("top five", None),
])
def test_only_one_plain_percentage_is_chartable(raw: str, expected: float | None) -> None:
    assert percentage(raw) == expected


def test_seed_files_are_never_printed_under_a_bar() -> None:
    assert not citable("seed 000_dfa8a9a822cbc9c8.txt")
    assert citable("Medscape France survey of 1,077 doctors, 2021")
    entry = _entry(_figure("90%", source="seed 000_dfa8a9a822cbc9c8.txt"), _figure("58%"))
    spec = spec_for_entry(entry, "en")
    assert spec is not None
    assert [b.value_text for b in spec.bars] == ["58%"]


def test_every_bar_is_a_figure_the_knowledge_holds(curated: list[Entry]) -> None:
    networks = sorted({f.network for e in curated for f in e.figures})
    specs = [spec_for_network(curated, n, loc) for n in networks for loc in ("en", "es")]
    specs += [spec_for_entry(e, loc) for e in curated for loc in ("en", "es")]
    charted = [s for s in specs if s is not None]
    assert charted, "the curated knowledge has chartable figures"
    held = {(f.value.strip(), percentage(f.value), f.year, f.source) for e in curated for f in e.figures}
    for spec in charted:
        for bar in spec.bars:
            assert (bar.value_text, bar.value, bar.figure.year, bar.figure.source) in held
            assert inline(bar.figure.source) in bar.detail and bar.figure.year in bar.detail
            assert bar.figure.source not in bar.detail, "a registry id is not what a doctor reads"
            assert bar.figure.population.get(spec.locale) in bar.label


def test_drawn_bars_match_the_figures(curated: list[Entry]) -> None:
    spec = spec_for_network(curated, "facebook", "en")
    assert spec is not None
    chart = render_chart(spec)
    assert chart.drawn_values == tuple(b.value for b in spec.bars)
    assert chart.drawn_labels == tuple(b.figure.value for b in spec.bars)
    facebook = [f for e in curated for f in e.figures if f.network == "facebook"]
    for value, label in zip(chart.drawn_values, chart.drawn_labels, strict=True):
        assert any(f.value == label and percentage(f.value) == value for f in facebook)


def test_labels_follow_the_reply_language() -> None:
    entry = _entry(_figure("58%"))
    english, spanish = spec_for_entry(entry, "en"), spec_for_entry(entry, "es")
    assert english is not None and spanish is not None
    assert english.title == "Test figures" and spanish.title == "Cifras de prueba"
    assert "doctors in Spain" in english.bars[0].label
    assert "médicos en España" in spanish.bars[0].label
    assert spanish.alt_text.startswith("Gráfico de barras")


def test_no_chartable_figure_gives_no_chart() -> None:
    assert spec_for_entry(_entry(_figure("about half"), _figure("34-35%")), "en") is None
    assert spec_for_entry(_entry(), "en") is None
    assert spec_for_network([_entry(_figure("58%"))], "facebook", "en") is None


def test_the_same_figure_is_one_bar() -> None:
    assert len(bars_for([_figure("58%"), _figure("58%"), _figure("59%")], "en")) == 2


def test_many_figures_are_capped_and_the_chart_says_so() -> None:
    figures = [_figure(f"{n}%") for n in range(1, MAX_BARS + 5)]
    spec = spec_for_entry(_entry(*figures), "en")
    assert spec is not None
    assert len(spec.bars) == MAX_BARS and spec.total == MAX_BARS + 4


def test_png_is_valid_deterministic_and_sized_by_its_bars(curated: list[Entry]) -> None:
    spec = spec_for_network(curated, "facebook", "es")
    assert spec is not None
    first, second = render_chart(spec), render_chart(spec)
    assert first.png.startswith(PNG_SIGNATURE)
    assert first.png == second.png
    with Image.open(io.BytesIO(first.png)) as image:
        image.load()
        assert image.format == "PNG"
        assert image.size == (first.width, first.height)
    one = render_chart(spec_for_entry(_entry(_figure("58%")), "en") or spec)
    assert one.width == first.width and one.height < first.height


def test_plotting_library_is_imported_only_when_a_chart_is_drawn() -> None:
    code = "import sys, bot.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_charts_setting_turns_them_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCSOCIAL_CHARTS", "off")
    assert Settings().charts is False
    monkeypatch.setenv("DOCSOCIAL_CHARTS", "on")
    assert Settings().charts is True


async def test_service_draws_once_and_respects_the_setting(curated: list[Entry]) -> None:
    charts = Charts(curated)
    first = await charts.for_network("facebook", "en")
    assert first is not None and first.png.startswith(PNG_SIGNATURE)
    assert await charts.for_network("facebook", "en") is first  # cached, not drawn again
    spanish = await charts.for_network("facebook", "es")
    assert spanish is not None and spanish.spec.locale == "es"
    assert await charts.for_network("no-such-network", "en") is None
    stats = next(e for e in curated if e.id == "stats-quantiamd")
    assert await charts.for_entry(stats, "en") is not None
    lookalike = stats.model_copy()  # not the curated object: e.g. a community entry with the same id
    assert await charts.for_entry(lookalike, "en") is None
    off = Charts(curated, enabled=False)
    assert await off.for_network("facebook", "en") is None
    assert await off.for_entry(stats, "en") is None
