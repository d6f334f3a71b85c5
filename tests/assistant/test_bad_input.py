"""Hostile and odd input: the core always replies sensibly and the CLI prints one JSON object per line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.assistant import Assistant, OperatorContext
from bot.models import Message
from tests.conftest import ASK_JSON_FIELDS, run_cli
from tests.fakes.chat import MemberContext

HTML = "<b>x</b> **y** [z](http://a)"
SQL = "'; DROP TABLE gaps; -- what is sermo"
CONTROL = "what\x00 is\x07 ser\x1bmo\x0b"
ZERO_WIDTH_RTL = "\u202ewhat\u200b is\u200d \u2067sermo\u2069\u200f"
LONG_WORD = "a" * 900
TOO_LONG = "what is sermo " * 1429  # 20,006 characters
EMOJI = "🙂🙂🙂👍"

CASES: list[tuple[str, set[str]]] = [
    ("", {"error"}),
    ("   \t  ", {"error"}),
    ("\x00\x01\x02", {"error"}),
    (TOO_LONG, {"error"}),
    (EMOJI, {"fallback"}),
    (CONTROL, {"answer"}),
    (ZERO_WIDTH_RTL, {"answer"}),
    (HTML, {"fallback", "clarify"}),
    (SQL, {"answer", "clarify", "fallback"}),
    (LONG_WORD, {"fallback"}),
    ("?" * 300, {"fallback"}),
    ("/", {"error"}),
    ("/ask " + "\u200b" * 10, {"error"}),
]


@pytest.mark.parametrize(("text", "kinds"), CASES, ids=[f"case{i}" for i in range(len(CASES))])
async def test_core_replies_sensibly(assistant: Assistant, text: str, kinds: set[str]) -> None:
    for message, context in (
        (Message(text=text, platform="console"), OperatorContext()),
        (Message(text=text, platform="telegram", community_id="telegram:-1", is_private=False), MemberContext()),
    ):
        reply = await assistant.handle(message, context)
        assert reply.kind in kinds, (reply.kind, reply.title)
        assert reply.plain_text().strip()
        assert len(reply.plain_text()) < 5000  # never echoes a huge input back


async def test_too_long_names_the_limit(assistant: Assistant) -> None:
    reply = await assistant.handle(Message(text=TOO_LONG), OperatorContext())
    assert reply.kind == "error"
    assert "1,000" in reply.body and f"{len(TOO_LONG.strip()):,}" in reply.body


async def test_invisible_characters_do_not_hide_the_question(assistant: Assistant) -> None:
    for text in (CONTROL, ZERO_WIDTH_RTL):
        reply = await assistant.handle(Message(text=text), OperatorContext())
        assert reply.entry_id == "sermo", text


async def test_markup_is_not_interpreted(assistant: Assistant) -> None:
    reply = await assistant.handle(Message(text=HTML), OperatorContext())
    assert "<b>" not in (reply.title or "") and "http://a" not in reply.body


async def test_sql_text_is_only_data(assistant: Assistant) -> None:
    await assistant.handle(Message(text="'; DROP TABLE gaps; --"), OperatorContext())
    await assistant.handle(Message(text="what is the capital of france"), OperatorContext())
    gaps = await assistant.store.gaps("local")
    assert "what is the capital of france" in {g.text for g in gaps}


async def test_bad_input_in_group_chatter_is_silent(assistant: Assistant) -> None:
    for text in ("", EMOJI, TOO_LONG, HTML, CONTROL):
        message = Message(text=text, platform="telegram", community_id="telegram:-1", is_private=False, addressed=False)
        assert (await assistant.handle(message, MemberContext())).kind == "silent"


def test_cli_batch_one_json_object_per_line(tmp_path: Path) -> None:
    lines = [TOO_LONG, EMOJI, CONTROL.replace("\x0b", ""), ZERO_WIDTH_RTL, HTML, SQL, LONG_WORD, "\x00\x01", "¿¡"]
    result = run_cli(["ask", "--json"], tmp_path / "db.sqlite", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert len(out) == len(lines), out
    objects = [json.loads(line) for line in out]
    for obj in objects:
        assert set(obj) >= ASK_JSON_FIELDS
        assert obj["kind"] in {"answer", "clarify", "fallback", "error"}
        assert obj["locale"] in {"en", "es"}
        assert isinstance(obj["score"], float | int) and isinstance(obj["suggestions"], list)
        assert obj["text"].strip()
        assert (obj["entry_id"] is not None) == (obj["kind"] == "answer")
    assert objects[0]["kind"] == "error" and "1,000" in objects[0]["text"]
    assert objects[2]["entry_id"] == objects[3]["entry_id"] == "sermo"


async def test_blank_community_id_does_not_raise(assistant: Assistant) -> None:
    message = Message(text="what is the capital of france", platform="cli", community_id="   ")
    reply = await assistant.handle(message, OperatorContext())
    assert reply.kind in {"fallback", "error"} and reply.plain_text().strip()
