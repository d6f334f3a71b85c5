"""Keep the trained matcher on disk, so a start-up reads one file instead of training (and importing
scikit-learn): `python -m bot ask` then starts in well under a second.

The file name carries a fingerprint of everything training depends on: the knowledge directory's
files (entries, out-of-scope and near-domain examples), the matching code, the training settings
and the library versions. Anything else (a changed file, a corrupt or foreign cache file) means
training afresh and replacing the file. The cache is the user's own (platformdirs' user cache
directory, or DOCSOCIAL_CACHE_DIR), read with pickle: do not point it at a shared directory.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from bot import paths
from bot.config import MatchSettings
from bot.knowledge import load_directory
from bot.matching.matcher import Matcher
from bot.models import Entry

log = logging.getLogger(__name__)

FORMAT = 1  # bump when the pickled layout changes in a way the code hash would not show
_PACKAGE = Path(__file__).resolve().parent.parent  # bot/
# Settings that change what is trained; thresholds only change decisions and are read at run time.
TRAINING_SETTINGS = (
    "classifier_max_entries", "classifier_c", "extra_weight", "answer_weight", "answer_sentences",
    "char_ngram_min", "char_ngram_max", "word_weight", "stem_features", "concept_weight",
)
_PREFIX = "matcher-"


def default_cache_dir() -> Path:
    return paths.default_cache_dir()


def _versions() -> str:
    found = []
    for package in ("scikit-learn", "numpy", "scipy", "pydantic", "rapidfuzz"):
        try:
            found.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            found.append(f"{package}=?")
    return ";".join(found) + f";python={sys.version_info[0]}.{sys.version_info[1]}"


def fingerprint(directory: Path, settings: MatchSettings, *, curated: bool) -> str:
    """A hash of the knowledge files, the code and data (concept groups) that read and train on them, and the
    training settings."""
    digest = hashlib.sha256(f"format={FORMAT};curated={curated};{_versions()}".encode())
    for name in TRAINING_SETTINGS:
        digest.update(f";{name}={getattr(settings, name)}".encode())
    code = sorted((_PACKAGE / "matching").glob("*.py")) + sorted((_PACKAGE / "matching" / "data").glob("*.yaml")) + [
        _PACKAGE / name for name in ("models.py", "knowledge.py", "negatives.py")
    ]
    for path in code:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for path in sorted(p for p in directory.iterdir() if p.is_file() and not p.name.startswith(".")):
        digest.update(b"\0knowledge\0" + path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _read(path: Path, key: str) -> tuple[list[Entry], Matcher] | None:
    try:
        with path.open("rb") as handle:
            payload = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:  # truncated, corrupt, or written by other code: rebuild
        log.warning("Ignoring unreadable matcher cache %s (%s); retraining", path.name, type(exc).__name__)
        return None
    if (
        not isinstance(payload, dict)
        or payload.get("key") != key
        or not isinstance(payload.get("matcher"), Matcher)
        or not isinstance(payload.get("entries"), list)
    ):
        log.warning("Ignoring matcher cache %s: not this knowledge's; retraining", path.name)
        return None
    return payload["entries"], payload["matcher"]


def _write(directory: Path, path: Path, key: str, entries: list[Entry], matcher: Matcher) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".matcher-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump({"key": key, "entries": entries, "matcher": matcher}, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)  # atomic: a reader never sees half a file
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        for stale in directory.glob(f"{_PREFIX}*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as exc:  # a read-only or full disk costs speed, never an answer
        log.warning("Cannot write the matcher cache in %s: %s", directory, exc)


def load_or_train(
    directory: Path, settings: MatchSettings, *, curated: bool, cache_dir: Path | None = None
) -> tuple[list[Entry], Matcher]:
    """The entries of `directory` and a matcher trained on them: from the cache when it is current.

    Validation errors (KnowledgeError) surface exactly as without a cache: a cache file is only
    written after the knowledge loaded cleanly, and any change to a file changes the key.
    """
    folder = cache_dir if cache_dir is not None else default_cache_dir()
    key = fingerprint(directory, settings, curated=curated)
    path = folder / f"{_PREFIX}{key[:32]}.pickle"
    cached = _read(path, key)
    if cached is not None:
        entries, matcher = cached
        matcher.settings = settings  # thresholds may differ from the run that trained it
        log.debug("Matcher loaded from cache %s", path)
        return entries, matcher
    entries = load_directory(directory, curated=curated)
    matcher = Matcher.from_directory(directory, entries, settings)
    _write(folder, path, key, entries, matcher)
    return entries, matcher
