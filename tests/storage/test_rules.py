"""The business rules every backend shares (bot/storage/rules.py), without a database."""

from __future__ import annotations

import json

import pytest

from bot.models import Entry
from bot.storage.base import CommunitySettings
from bot.storage.rules import (
    GAP_TEXT_LIMIT,
    changed_settings,
    entry_id_for,
    entry_number,
    gap_text,
    settings_from_json,
    settings_to_json,
)


def _entry(entry_id: str, related: list[str] | None = None) -> Entry:
    return Entry.model_validate({"id": entry_id, "topic": "community", "questions": {"en": [f"{entry_id}?"]},
                                 "answer": {"en": "A."}, "related": related or []})


def test_the_cn_id_scheme() -> None:
    assert entry_id_for(12) == "c12" and entry_number("c12") == 12
    assert entry_number("c0") is None and entry_number("sermo") is None and entry_number("c12x") is None


def test_gap_text_is_bounded_and_grouped_by_a_normal_form() -> None:
    shown, key = gap_text("  Is   Mastodon OK?! ", "fallback") or ("", "")
    assert shown == "Is Mastodon OK?!" and key == "is mastodon ok"
    long_shown, _ = gap_text("x" * (GAP_TEXT_LIMIT + 50), "clarify") or ("", "")
    assert len(long_shown) == GAP_TEXT_LIMIT
    assert gap_text("?!", "fallback") is None
    with pytest.raises(ValueError):
        gap_text("x", "answer")


def test_settings_parsing_is_tolerant_and_changes_are_listed_per_setting() -> None:
    newer = json.dumps({"locale": "es", "cooldown_seconds": 5, "a_setting_from_the_future": True})
    assert settings_from_json(newer) == CommunitySettings(locale="es", cooldown_seconds=5)
    assert settings_from_json(None) == CommunitySettings()
    saved = CommunitySettings(guard=True)
    assert settings_from_json(settings_to_json(saved)) == saved
    assert changed_settings(CommunitySettings(), saved) == [("guard", "false", "true")]
