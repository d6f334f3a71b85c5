"""Draw a `ChartSpec` as a PNG with matplotlib (Agg, no display), imported only when a chart is drawn.

The output is deterministic: a fixed width, a height that depends only on the number of bars,
no timestamp or version in the PNG metadata, so the same knowledge always gives the same bytes.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass

from bot.charts.data import ChartSpec
from bot.i18n import t

DPI = 100
WIDTH_INCHES = 10.0  # 1000 px: wide enough for a label line, small enough for a phone to scale down
HEADER_INCHES = 0.9
ROW_INCHES = 0.95
FOOTER_INCHES = 1.0
BAR_COLOR = "#2f6f9f"
LABEL_CHARS = 125  # one line of label at 10 pt across the chart's width
DETAIL_CHARS = 140


@dataclass(frozen=True)
class Chart:
    """A rendered chart and what was actually drawn (read back from the plot, for checks)."""

    png: bytes
    spec: ChartSpec
    width: int
    height: int
    drawn_values: tuple[float, ...]  # bar lengths as plotted, top to bottom
    drawn_labels: tuple[str, ...]  # the value printed at each bar's end, top to bottom

    @property
    def alt_text(self) -> str:
        return self.spec.alt_text

    @property
    def filename(self) -> str:
        return "docsocial-stats.png"


def _one_line(raw: str, width: int) -> str:
    return textwrap.shorten(raw, width=width, placeholder="…")


def render_chart(spec: ChartSpec) -> Chart:
    """Render one bar per figure, labelled with what, population, year and source."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    rows = len(spec.bars)
    if rows == 0:
        raise ValueError("a chart needs at least one bar")
    height = HEADER_INCHES + rows * ROW_INCHES + FOOTER_INCHES
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
    FigureCanvasAgg(figure)
    bottom, top = FOOTER_INCHES / height, 1 - HEADER_INCHES / height
    axes = figure.add_axes((0.03, bottom, 0.9, top - bottom))
    axes.set_xlim(0, 100)
    axes.set_ylim(rows, 0)  # first bar at the top
    for row, bar in enumerate(spec.bars):
        axes.text(0, row + 0.08, _one_line(bar.label, LABEL_CHARS), va="top", ha="left", fontsize=10)
        axes.text(0, row + 0.36, _one_line(bar.detail, DETAIL_CHARS), va="top", ha="left", fontsize=8.5,
                  color="#555555")
        axes.barh(row + 0.76, bar.value, height=0.3, color=BAR_COLOR)
        axes.text(bar.value + 1, row + 0.76, bar.value_text, va="center", ha="left", fontsize=10,
                  fontweight="bold", gid="value")
    axes.set_yticks([])
    axes.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    axes.set_xlabel(t("chart.axis", spec.locale), fontsize=9)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    figure.text(0.03, 1 - 0.25 / height, _one_line(spec.title, 90), va="top", ha="left", fontsize=14,
                fontweight="bold")
    note = t("chart.note", spec.locale)
    if spec.total > rows:
        note += " " + t("chart.more", spec.locale, shown=rows, total=spec.total)
    figure.text(0.03, 0.12 / height, textwrap.fill(note, 130), va="bottom", ha="left", fontsize=8, color="#555555")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    width_px, height_px = (round(v) for v in figure.get_size_inches() * DPI)
    return Chart(
        png=buffer.getvalue(),
        spec=spec,
        width=width_px,
        height=height_px,
        drawn_values=tuple(float(p.get_width()) for p in axes.patches if isinstance(p, Rectangle)),
        drawn_labels=tuple(label.get_text() for label in axes.texts if label.get_gid() == "value"),
    )
