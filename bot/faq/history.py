"""`/faq history` in words: what each audited change did, field by field, before -> after, compactly.

The audit log keeps before and after as JSON (a whole entry, a setting value, a link); this module turns
a record into short lines and finds the entry as it was after change N, for `/faq restore ID@N`.
"""

from __future__ import annotations

import json
from typing import Any

from bot.i18n import t
from bot.models import Locale
from bot.storage.base import AuditRecord

SHOWN_CHARS = 60  # of a changed text, per side: enough to recognise it, short enough to scan


def _load(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1].rstrip() + "…"


def short_actor(actor: str) -> str:
    """"telegram:1a2b3c4d…" instead of a 32-character pseudonym: still opaque, easier to compare by eye."""
    platform, _, rest = actor.partition(":")
    return f"{platform}:{rest[:8]}" if rest and len(rest) > 8 else actor


def is_entry(data: Any) -> bool:
    return isinstance(data, dict) and "questions" in data and "answer" in data


def _entry_changes(before: dict[str, Any], after: dict[str, Any], locale: Locale) -> list[str]:
    lines: list[str] = []
    old_q, new_q = before.get("questions") or {}, after.get("questions") or {}
    for lang in ("en", "es"):
        old, new = old_q.get(lang) or [], new_q.get(lang) or []
        lines += [t("faq.hist_added_phrasing", locale, text=_short(x)) for x in new if x not in old]
        lines += [t("faq.hist_removed_phrasing", locale, text=_short(x)) for x in old if x not in new]
    for name in sorted((set(before) | set(after)) - {"questions", "id"}):
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        if isinstance(old, dict) or isinstance(new, dict):
            for lang in sorted(set(old or {}) | set(new or {})):
                a, b = (old or {}).get(lang), (new or {}).get(lang)
                if a != b:
                    lines.append(t("faq.hist_field", locale, field=f"{name}.{lang}", before=_short(a or "—"),
                                   after=_short(b or "—")))
        else:
            lines.append(t("faq.hist_field", locale, field=name, before=_short(old if old is not None else "—"),
                           after=_short(new if new is not None else "—")))
    return lines


def changes(record: AuditRecord, locale: Locale) -> list[str]:
    """What one audited change did, as short lines (empty when nothing visible changed)."""
    before, after = _load(record.before), _load(record.after)
    if is_entry(after):
        if not is_entry(before):
            questions = [q for qs in (after.get("questions") or {}).values() for q in qs]
            return [t("faq.hist_created", locale, text=_short(questions[0] if questions else ""))]
        return _entry_changes(before, after, locale)
    if isinstance(after, dict) or isinstance(before, dict):
        old, new = before if isinstance(before, dict) else {}, after if isinstance(after, dict) else {}
        return [
            t("faq.hist_field", locale, field=name, before=_short(old.get(name, "—")), after=_short(new.get(name, "—")))
            for name in sorted(set(old) | set(new))
            if old.get(name) != new.get(name)
        ]
    if record.action == "settings":
        return [t("faq.hist_field", locale, field=record.target, before=_short(before), after=_short(after))]
    if isinstance(after, list):
        return [t("faq.hist_list", locale, items=_short(", ".join(str(x) for x in after)))]
    return []


def entry_at(records: list[AuditRecord], version: int) -> str | None:
    """The entry JSON as it stood after change number `version` (1 = the first, oldest first), or None
    when no change up to it wrote the whole entry."""
    state: str | None = None
    for record in records[:version]:
        if record.after is not None and is_entry(_load(record.after)):
            state = record.after
    return state
