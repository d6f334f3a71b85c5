"""Build the redacted draft: identifier spans replaced by placeholders such as [NAME] or [PHONE].

Separate from detection so the same spans can be shown, redacted, or both.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.draft_check.types import Hit


def redact(text: str, hits: Iterable[Hit]) -> str:
    """Replace each placeholder-bearing hit; on overlaps the earliest (then longest) span wins."""
    wanted = [h for h in hits if h.placeholder and 0 <= h.start < h.end <= len(text)]
    spans = sorted(((h.start, h.end, h.placeholder) for h in wanted), key=lambda s: (s[0], -s[1]))
    out: list[str] = []
    pos = 0
    for start, end, placeholder in spans:
        if start < pos:
            continue
        out.append(text[pos:start])
        out.append(placeholder or "")
        pos = end
    out.append(text[pos:])
    return "".join(out)
