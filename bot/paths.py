"""Where DocSocial keeps its files when the operator does not say (DOCSOCIAL_DB unset, no --chart-dir)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

DB_FILENAME = "docsocial.db"


def default_db_path() -> Path:
    """The per-user data folder (e.g. ~/.local/share/docsocial/docsocial.db), created if missing,
    so a first `python -m bot chat` works without any configuration."""
    folder = Path(platformdirs.user_data_dir("docsocial", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / DB_FILENAME


def default_cache_dir() -> Path:
    """The per-user cache folder (e.g. ~/.cache/docsocial): trained models and charts, all rebuildable."""
    return Path(platformdirs.user_cache_dir("docsocial", appauthor=False))


def default_chart_dir() -> Path:
    """Where the console saves charts (e.g. ~/.cache/docsocial/charts)."""
    return default_cache_dir() / "charts"
