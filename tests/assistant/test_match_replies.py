"""What the user sees for the new match outcomes: "I don't cover X; here is what I know about Y",
and "Did you mean X?" with a Yes button when only one candidate is left."""

from __future__ import annotations

from pathlib import Path

from bot.assistant import Assistant, OperatorContext
from bot.config import MatchSettings, Settings
from bot.matching import Matcher
from bot.models import Entry, Message
from bot.storage.sqlite.store import SQLiteStore

OPERATOR = OperatorContext()


def console(text: str) -> Message:
    return Message(text=text, platform="console")


async def test_near_domain_fallback_names_the_topic_and_offers_the_network(assistant: Assistant) -> None:
    reply = await assistant.handle(console("best time to post on linkedin"), OPERATOR)
    assert reply.kind == "fallback" and reply.title == "I don't cover that"
    assert "I don't cover posting times." in reply.body
    assert "Here is what I know about LinkedIn for doctors" in reply.body and not reply.body.endswith(":")
    assert [s.entry_id for s in reply.suggestions] == ["network-linkedin"]


async def test_near_domain_fallback_in_spanish(assistant: Assistant) -> None:
    reply = await assistant.handle(console("a que hora me conviene subir fotos a insta"), OPERATOR)
    assert reply.kind == "fallback" and reply.locale == "es" and reply.title == "Eso no lo cubro"
    assert "No cubro los horarios de publicación." in reply.body
    assert "Esto es lo que sé sobre" in reply.body
    assert [s.entry_id for s in reply.suggestions] == ["network-instagram"]


async def test_near_domain_without_a_named_network_lists_what_i_can_help_with(assistant: Assistant) -> None:
    reply = await assistant.handle(console("how do I get verified with the blue check"), OPERATOR)
    assert reply.kind == "fallback" and "I don't cover verification badges." in reply.body
    assert reply.suggestions == [] and "I can help with" in reply.body


def parking() -> list[Entry]:
    return [
        Entry.model_validate({"id": "parking", "topic": "t", "title": {"en": "Hospital parking", "es": "Aparcamiento"},
                              "questions": {"en": ["where can I park at the hospital"], "es": ["donde aparco"]},
                              "answer": {"en": "Level -2.", "es": "Planta -2."}}),
        Entry.model_validate({"id": "wifi", "topic": "t", "questions": {"en": ["what is the wifi password"]},
                              "answer": {"en": "Ask at reception."}}),
    ]


async def test_one_candidate_is_did_you_mean_with_a_yes_button(tmp_path: Path) -> None:
    entries = parking()
    score = Matcher(entries).match("where can I park at the hospital").score
    settings = MatchSettings(answer_threshold=min(1.0, score + 0.001), clarify_threshold=max(0.0, score - 0.05))
    store = SQLiteStore(tmp_path / "db.sqlite")
    await store.open()
    assistant = Assistant(Settings(), entries, Matcher(entries, settings), store)
    try:
        reply = await assistant.handle(console("where can I park at the hospital"), OPERATOR)
        assert reply.kind == "clarify" and reply.title == "Did you mean “Hospital parking”?"
        assert [(s.entry_id, s.title) for s in reply.suggestions] == [("parking", "Yes")]
        es = await assistant.handle(Message(text="where can I park at the hospital", platform="cli",
                                            chosen_locale="es"), OPERATOR)
        assert es.title == "¿Quiso decir «Aparcamiento»?"
        assert [s.title for s in es.suggestions] == ["Sí"]
    finally:
        await assistant.close()
