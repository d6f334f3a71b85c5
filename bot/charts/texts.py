"""The chart's own words (title, axis, footnote) in both languages, in the core's table shape."""

from __future__ import annotations

from bot.models import Locale

TEXTS: dict[str, dict[Locale, str]] = {
    "chart_network_title": {"en": "{network}: published figures", "es": "{network}: cifras publicadas"},
    "chart_axis": {"en": "Share of the surveyed group (%)", "es": "Porcentaje del grupo encuestado (%)"},
    "chart_note": {
        "en": "One bar per published figure. Surveys differ in country, year, sample and question: compare with care.",
        "es": (
            "Una barra por cifra publicada. Las encuestas difieren en país, año, muestra y pregunta: "
            "compare con cuidado."
        ),
    },
    "chart_more": {
        "en": "Showing {shown} of {total} figures; the text lists them all.",
        "es": "Se muestran {shown} de {total} cifras; el texto las enumera todas.",
    },
    "chart_alt": {
        "en": "Bar chart of {count} published figures: {title}",
        "es": "Gráfico de barras de {count} cifras publicadas: {title}",
    },
}


def text(key: str, locale: Locale, **values: object) -> str:
    return TEXTS[key][locale].format(**values)
