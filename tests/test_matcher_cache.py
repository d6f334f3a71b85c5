"""The on-disk matcher cache: a hit skips training, any change to the knowledge retrains, a corrupt
file is ignored and replaced, and an unwritable folder only costs speed."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.config import MatchSettings
from bot.knowledge import KnowledgeError
from bot.matching import cache
from bot.matching.cache import load_or_train
from bot.matching.matcher import Matcher
from tests.conftest import KnowledgeWriter, minimal_entry

FAQ = [
    minimal_entry("parking", {"en": ["where can I park at the hospital", "hospital parking"]}, {"en": "Level -2."}),
    minimal_entry("canteen", {"en": ["when does the canteen open", "canteen hours"]}, {"en": "From 7 to 15."}),
]


@pytest.fixture
def trainings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts real trainings (Matcher.from_directory calls)."""
    calls: list[int] = []
    original = Matcher.from_directory.__func__  # type: ignore[attr-defined]

    def counting(cls: type[Matcher], *args: object, **kwargs: object) -> Matcher:
        calls.append(1)
        return original(cls, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(Matcher, "from_directory", classmethod(counting))
    return calls


def pickles(folder: Path) -> list[Path]:
    return sorted(folder.glob("matcher-*.pickle"))


def test_miss_then_hit(write_knowledge: KnowledgeWriter, tmp_path: Path, trainings: list[int]) -> None:
    directory = write_knowledge({"faq.yaml": FAQ})
    folder = tmp_path / "cache"
    entries, _ = load_or_train(directory, MatchSettings(), curated=False, cache_dir=folder)
    assert len(trainings) == 1 and len(pickles(folder)) == 1
    again, second = load_or_train(directory, MatchSettings(), curated=False, cache_dir=folder)
    assert len(trainings) == 1  # loaded, not trained
    assert [e.id for e in again] == [e.id for e in entries]
    result = second.match("where do I park at the hospital")
    assert result.kind == "answer" and result.top is not None and result.top.entry.id == "parking"


def test_thresholds_apply_without_retraining(write_knowledge: KnowledgeWriter, tmp_path: Path,
                                             trainings: list[int]) -> None:
    directory = write_knowledge({"faq.yaml": FAQ})
    folder = tmp_path / "cache"
    load_or_train(directory, MatchSettings(), curated=False, cache_dir=folder)
    strict = MatchSettings(answer_threshold=1.0)
    _, matcher = load_or_train(directory, strict, curated=False, cache_dir=folder)
    assert len(trainings) == 1 and matcher.settings.answer_threshold == 1.0
    load_or_train(directory, MatchSettings(classifier_c=0.5), curated=False, cache_dir=folder)
    assert len(trainings) == 2  # a training setting is part of the key


def test_changed_knowledge_retrains_and_replaces_the_file(write_knowledge: KnowledgeWriter, tmp_path: Path,
                                                          trainings: list[int]) -> None:
    directory = write_knowledge({"faq.yaml": FAQ})
    folder = tmp_path / "cache"
    load_or_train(directory, MatchSettings(), curated=False, cache_dir=folder)
    before = pickles(folder)
    extra = minimal_entry("wifi", {"en": ["what is the wifi password", "guest wifi"]}, {"en": "Ask at reception."})
    write_knowledge({"faq.yaml": [*FAQ, extra]})
    entries, matcher = load_or_train(directory, MatchSettings(), curated=False, cache_dir=folder)
    assert len(trainings) == 2 and "wifi" in {e.id for e in entries}
    assert matcher.entry("wifi") is not None
    after = pickles(folder)
    assert len(after) == 1 and after != before  # the stale file is gone
    (directory / "out-of-scope.txt").write_text("tell me a joke\n", encoding="utf-8")
    load_or_train(directory, MatchSettings(), curated=False, cache_dir=folder)
    assert len(trainings) == 3  # examples beside the entries count too


@pytest.mark.parametrize("garbage", [b"", b"not a pickle at all", b"\x80\x05K\x01."])
def test_corrupt_file_is_ignored_and_rebuilt(write_knowledge: KnowledgeWriter, tmp_path: Path, trainings: list[int],
                                             caplog: pytest.LogCaptureFixture, garbage: bytes) -> None:
    directory = write_knowledge({"faq.yaml": FAQ})
    folder = tmp_path / "cache"
    load_or_train(directory, MatchSettings(), curated=False, cache_dir=folder)
    [path] = pickles(folder)
    path.write_bytes(garbage)
    with caplog.at_level(logging.WARNING, logger=cache.__name__):
        _, matcher = load_or_train(directory, MatchSettings(), curated=False, cache_dir=folder)
    assert len(trainings) == 2 and "Ignoring" in caplog.text
    assert matcher.match("canteen hours").top.entry.id == "canteen"  # type: ignore[union-attr]
    load_or_train(directory, MatchSettings(), curated=False, cache_dir=folder)
    assert len(trainings) == 2  # the rebuilt file is good again


def test_invalid_knowledge_is_refused_not_cached(write_knowledge: KnowledgeWriter, tmp_path: Path) -> None:
    directory = write_knowledge({"faq.yaml": [{**FAQ[0], "id": "Bad Id"}]})
    folder = tmp_path / "cache"
    with pytest.raises(KnowledgeError):
        load_or_train(directory, MatchSettings(), curated=False, cache_dir=folder)
    assert not folder.exists() or not pickles(folder)


def test_unwritable_cache_folder_still_answers(write_knowledge: KnowledgeWriter, tmp_path: Path) -> None:
    directory = write_knowledge({"faq.yaml": FAQ})
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    _, matcher = load_or_train(directory, MatchSettings(), curated=False, cache_dir=blocker / "cache")
    assert matcher.match("canteen hours").kind == "answer"


def test_the_default_folder_is_the_user_cache_and_tests_never_use_it() -> None:
    import os

    assert "docsocial" in str(cache.default_cache_dir())
    assert os.environ["DOCSOCIAL_CACHE_DIR"] != str(cache.default_cache_dir())
