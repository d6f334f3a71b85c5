"""Examples of what the bot should not answer, trained as an explicit "none of these" class.

They live beside the knowledge files as `out-of-scope.txt` (one example per line, `#` comments),
so any FAQ set tested with `eval --knowledge DIR` can bring its own.
"""

from __future__ import annotations

from pathlib import Path

NEGATIVES_FILE = "out-of-scope.txt"


def load_negatives(directory: Path) -> list[str]:
    path = directory / NEGATIVES_FILE
    if not path.is_file():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]
