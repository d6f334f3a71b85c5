"""One table shape, one lookup, one parser per kind of word."""

from __future__ import annotations

import pytest

from bot.i18n import ALL_TEXTS, _merge, has_text, t
from bot.i18n.words import parse_locale, parse_yes_no


def test_every_text_has_both_languages_and_fills_its_fields() -> None:
    assert all(set(text) == {"en", "es"} for text in ALL_TEXTS.values())
    assert t("faq.added_title", "es", id="c3") != t("faq.added_title", "en", id="c3")
    assert "c3" in t("faq.added_title", "en", id="c3")
    assert has_text("topic.rules") and not has_text("topic.nothing-like-this")


def test_a_key_defined_twice_or_half_translated_is_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        _merge({"a": {"en": "A", "es": "A"}}, {"a": {"en": "B", "es": "B"}})
    with pytest.raises(ValueError, match="must have exactly"):
        _merge({"b": {"en": "only English"}})  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("word", "locale"),
    [("es", "es"), ("Español", "es"), ("spanish", "es"), ("castellano", "es"), ("EN", "en"), ("english", "en"),
     ("inglés", "en"), ("en-GB", "en"), ("fr", None), ("", None), ("xx", None)],
)
def test_parse_locale(word: str, locale: str | None) -> None:
    assert parse_locale(word) == locale


@pytest.mark.parametrize(
    ("word", "value"),
    [("yes", True), ("Sí", True), ("on", True), ("+", True), ("no", False), ("off", False), ("0", False),
     ("maybe", None), ("", None)],
)
def test_parse_yes_no(word: str, value: bool | None) -> None:
    assert parse_yes_no(word) is value
