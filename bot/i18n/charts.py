"""The statistics chart's own words: title, axis, footnote, alternative text."""

from __future__ import annotations

from bot.models import Locale

CHART_TEXTS: dict[str, dict[Locale, str]] = {
    "chart.network_title": {"en": "{network}: published figures", "es": "{network}: cifras publicadas"},
    "chart.axis": {"en": "Share of the surveyed group (%)", "es": "Porcentaje del grupo encuestado (%)"},
    "chart.note": {
        "en": "One bar per published figure. Surveys differ in country, year, sample and question: compare with care.",
        "es": (
            "Una barra por cifra publicada. Las encuestas difieren en país, año, muestra y pregunta: "
            "compare con cuidado."
        ),
    },
    "chart.more": {
        "en": "Showing {shown} of {total} figures; the text lists them all.",
        "es": "Se muestran {shown} de {total} cifras; el texto las enumera todas.",
    },
    "chart.alt": {
        "en": "Bar chart of {count} published figures: {title}",
        "es": "Gráfico de barras de {count} cifras publicadas: {title}",
    },
    "chart.saved": {"en": "Chart saved: {path}", "es": "Gráfico guardado: {path}"},
}
