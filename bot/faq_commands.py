"""Parsing and wording for the moderators' `/faq` commands.

Kept apart from `bot.faq` so the command table (used by the core's registry for menus and /help),
the text clean-up rules and the English/Spanish wording can be read and changed without touching
the behaviour.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from rapidfuzz import fuzz, process

from bot.models import Locale


class FaqSubcommand(NamedTuple):
    """One `/faq` subcommand; a plain tuple (name, args_hint, summary_en, summary_es, moderator_only)."""

    name: str
    args_hint: str
    summary_en: str
    summary_es: str
    moderator_only: bool


FAQ_SUBCOMMANDS: list[FaqSubcommand] = [
    FaqSubcommand(
        "add",
        "Question? | Answer",
        "Add an entry (no text: step by step)",
        "Añadir una entrada (sin texto: paso a paso)",
        True,
    ),
    FaqSubcommand(
        "alias",
        "ID another phrasing",
        "Add another way to ask an entry",
        "Añadir otra forma de preguntar",
        True,
    ),
    FaqSubcommand(
        "edit",
        "ID question|answer TEXT",
        "Change an entry's question or answer",
        "Cambiar la pregunta o la respuesta",
        True,
    ),
    FaqSubcommand(
        "remove", "ID", "Remove an entry (can be restored)", "Quitar una entrada (se puede restaurar)", True
    ),
    FaqSubcommand("restore", "ID", "Bring back a removed entry", "Recuperar una entrada quitada", True),
    FaqSubcommand("list", "[page]", "List this group's entries", "Ver las entradas de este grupo", False),
    FaqSubcommand("show", "ID", "Show one entry", "Ver una entrada", False),
    FaqSubcommand(
        "history", "ID", "Who changed an entry, and when", "Quién cambió una entrada y cuándo", True
    ),
    FaqSubcommand(
        "hide",
        "ID",
        "Hide a built-in entry in this group",
        "Ocultar una entrada incorporada en este grupo",
        True,
    ),
    FaqSubcommand(
        "unhide", "ID", "Show a hidden built-in entry again", "Volver a mostrar una entrada incorporada", True
    ),
    FaqSubcommand(
        "gaps", "[page]", "Top unanswered questions", "Preguntas más frecuentes sin respuesta", True
    ),
    FaqSubcommand(
        "answer",
        "N Answer text",
        "Answer unanswered question N",
        "Responder la pregunta sin respuesta N",
        True,
    ),
    FaqSubcommand(
        "link",
        "N ID",
        "Add unanswered question N to entry ID",
        "Añadir la pregunta sin respuesta N a la entrada ID",
        True,
    ),
    FaqSubcommand(
        "stats", "", "Most asked entries and helpful rate", "Entradas más consultadas y utilidad", True
    ),
    FaqSubcommand(
        "settings",
        "[lang en|es | freetext on|off | cooldown SECONDS | guard on|off]",
        "Show or change this group's settings",
        "Ver o cambiar los ajustes del grupo",
        True,
    ),
    FaqSubcommand("help", "", "How to use /faq", "Cómo usar /faq", False),
]
SUBCOMMANDS_BY_NAME: dict[str, FaqSubcommand] = {c.name: c for c in FAQ_SUBCOMMANDS}

# Words that end the optional "extra phrasings" step of the guided add, or mean "off"/"on".
SKIP_WORDS = frozenset({"skip", "no", "none", "-", "omitir", "saltar", "ninguna", "ninguno", "nada"})
CANCEL_WORDS = frozenset({"cancel", "/cancel", "cancelar", "stop", "salir"})
ON_WORDS = frozenset({"on", "yes", "true", "1", "si", "sí", "enable", "activar"})
OFF_WORDS = frozenset({"off", "no", "false", "0", "disable", "desactivar"})
EDIT_FIELDS: dict[str, str] = {
    "question": "question",
    "pregunta": "question",
    "answer": "answer",
    "respuesta": "answer",
}

# Characters that are never meaningful in a FAQ text and only confuse matching or rendering.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_WS = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_COMPARE_STRIP = re.compile(r"[\s¿?¡!.,;:'\"«»“”‘’()\[\]]+")


def clean_text(text: str, *, multiline: bool = False) -> str:
    """NFC-normalise, drop invisible and control characters, tidy spaces; markup is kept verbatim.

    Answers may keep line breaks (`multiline`); questions become one line so they read as a phrasing.
    """
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\t\f\v]", " ", text)  # tabs are spacing, not noise: keep words apart
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")
    if not multiline:
        return _WS.sub(" ", text.replace("\n", " ")).strip()
    lines = [_WS.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def compare_key(text: str) -> str:
    """A key under which two phrasings count as the same (case, accents' composition, punctuation)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _COMPARE_STRIP.sub(" ", text).strip()


def split_first(text: str) -> tuple[str, str]:
    """Split off the first word (lower-cased) from the rest (kept verbatim, stripped)."""
    parts = text.strip().split(maxsplit=1)
    if not parts:
        return "", ""
    return parts[0].lower(), (parts[1].strip() if len(parts) > 1 else "")


def normalise_id(raw: str) -> str:
    """Entry ids are lower-case; people type 'C3' or '#c3'."""
    return raw.strip().lstrip("#").lower()


def closest_subcommand(word: str) -> str | None:
    """The subcommand the user most likely meant, for 'did you mean' on typos."""
    found = process.extractOne(word.lower(), list(SUBCOMMANDS_BY_NAME), scorer=fuzz.ratio, score_cutoff=55)
    return found[0] if found else None


def parse_on_off(word: str) -> bool | None:
    """on/off, yes/no, sí/no ... -> bool, or None when it is neither."""
    word = word.strip().lower()
    if word in ON_WORDS:
        return True
    if word in OFF_WORDS:
        return False
    return None


def split_extras(text: str) -> list[str]:
    """Extra phrasings typed in one message: one per line, or separated by ';'."""
    parts = re.split(r"[\n;]+", text)
    return [p for p in (clean_text(x) for x in parts) if p]


# --- wording -----------------------------------------------------------------------------------
# Each message in English and Spanish; `{name}` fields are filled with str.format.

MESSAGES: dict[str, tuple[str, str]] = {
    # generic
    "refusal_title": ("Moderators only", "Solo para moderadores"),
    "refusal_body": (
        (
            "Sorry, only this group's moderators can use `faq {cmd}`. Anyone can use `faq list`, "
            "`faq show ID` and `faq help`."
        ),
        (
            "Lo siento, solo los moderadores de este grupo pueden usar `faq {cmd}`. Cualquiera puede usar "
            "`faq list`, `faq show ID` y `faq help`."
        ),
    ),
    "error_title": ("That didn't work", "Eso no funcionó"),
    "store_error": (
        (
            "The database could not do that right now ({detail}). Nothing already saved was lost; "
            "please try again in a moment."
        ),
        (
            "La base de datos no pudo hacerlo ahora ({detail}). No se perdió nada de lo guardado; "
            "inténtalo de nuevo en un momento."
        ),
    ),
    "unknown_sub": ("I don't know `faq {word}`.", "No conozco `faq {word}`."),
    "did_you_mean": ("Did you mean `faq {name}`?", "¿Quisiste decir `faq {name}`?"),
    "see_help": ("Type `faq help` to see every command.", "Escribe `faq help` para ver todos los comandos."),
    "unknown_id": (
        "There is no entry `{id}` here. `faq list` shows this group's ids.",
        "No hay ninguna entrada `{id}` aquí. `faq list` muestra los ids de este grupo.",
    ),
    "missing_id": (
        "Please give an entry id, e.g. `faq {cmd} c3`.",
        "Indica el id de una entrada, p. ej. `faq {cmd} c3`.",
    ),
    "curated_readonly": (
        (
            "`{id}` is a built-in entry and can't be changed here. To replace it in this group: "
            "`faq hide {id}`, then `faq add Question? | Answer`."
        ),
        (
            "`{id}` es una entrada incorporada y no se puede cambiar aquí. Para reemplazarla en este grupo: "
            "`faq hide {id}` y luego `faq add ¿Pregunta? | Respuesta`."
        ),
    ),
    "removed_entry": (
        "Entry `{id}` is removed. Bring it back first with `faq restore {id}`.",
        "La entrada `{id}` está quitada. Recupérala primero con `faq restore {id}`.",
    ),
    # add
    "add_usage": (
        (
            "Write the question and the answer on one line, separated by `|`. Example: "
            "`faq add How do I verify my profile? | Go to Settings > Verify and upload your licence.` "
            "Or send just `faq add` and I'll ask step by step."
        ),
        (
            "Escribe la pregunta y la respuesta en una línea, separadas por `|`. Ejemplo: "
            "`faq add ¿Cómo verifico mi perfil? | Ve a Ajustes > Verificar y sube tu cédula.` "
            "O envía solo `faq add` y te lo pediré paso a paso."
        ),
    ),
    "empty_question": ("The question is empty.", "La pregunta está vacía."),
    "empty_answer": ("The answer is empty.", "La respuesta está vacía."),
    "question_too_long": (
        (
            "The question is {n} characters; the limit is {limit}. Keep it short, as people would ask it, "
            "e.g. `How do I verify my profile?`"
        ),
        (
            "La pregunta tiene {n} caracteres; el límite es {limit}. Escríbela breve, como la haría alguien, "
            "p. ej. `¿Cómo verifico mi perfil?`"
        ),
    ),
    "answer_too_long": (
        "The answer is {n} characters; the limit is {limit}. Shorten it, or link to a longer page.",
        "La respuesta tiene {n} caracteres; el límite es {limit}. Acórtala o enlaza a una página más larga.",
    ),
    "too_many_phrasings": (
        "An entry can have at most {limit} phrasings; `{id}` already has {n}.",
        "Una entrada puede tener como máximo {limit} formas de preguntar; `{id}` ya tiene {n}.",
    ),
    "duplicate_phrasing": (
        "`{text}` is already a phrasing of `{id}`. Use `faq show {id}` to see it.",
        "`{text}` ya es una forma de preguntar `{id}`. Usa `faq show {id}` para verla.",
    ),
    "added_title": ("Saved as {id}", "Guardada como {id}"),
    "added_body": (
        (
            "People in this group who ask this will now get your answer. Change it with `faq edit {id} ...`, "
            "undo with `faq remove {id}`."
        ),
        (
            "Quien pregunte esto en este grupo recibirá tu respuesta. Cámbiala con `faq edit {id} ...`, "
            "deshazlo con `faq remove {id}`."
        ),
    ),
    "similar_warning": (
        "Heads up: this looks like existing entries. If it was a mistake, `faq remove {id}`.",
        "Ojo: se parece a entradas que ya existen. Si fue un error, `faq remove {id}`.",
    ),
    "similar_warning_dialogue": (
        "Heads up: this looks like existing entries (below). Go on, or `/cancel`.",
        "Ojo: se parece a entradas que ya existen (abajo). Sigue, o `/cancel`.",
    ),
    "similar_note": (
        "Heads up: this looks like other entries (below).",
        "Ojo: se parece a otras entradas (abajo).",
    ),
    "similar_item": ("{id}: {title} ({pct}% alike)", "{id}: {title} ({pct}% parecido)"),
    # dialogue
    "dlg_title": ("New FAQ entry", "Nueva entrada"),
    "dlg_ask_question": (
        "Step 1 of 3: send the question, as people would ask it (up to {limit} characters). "
        "In a group, send it as a reply to this message. `/cancel` to stop.",
        "Paso 1 de 3: envía la pregunta, como la haría la gente (hasta {limit} caracteres). "
        "En un grupo, envíala como respuesta a este mensaje. `/cancel` para parar.",
    ),
    "dlg_ask_answer": (
        "Step 2 of 3: now send the answer (up to {limit} characters).",
        "Paso 2 de 3: ahora envía la respuesta (hasta {limit} caracteres).",
    ),
    "dlg_ask_extras": (
        (
            "Step 3 of 3: other ways people ask this, one per line or separated by `;` (up to {limit}). "
            "Or send `skip`."
        ),
        (
            "Paso 3 de 3: otras formas de preguntarlo, una por línea o separadas por `;` (hasta {limit}). "
            "O envía `omitir`."
        ),
    ),
    "dlg_cancelled": ("Cancelled; nothing was saved.", "Cancelado; no se guardó nada."),
    "dlg_none": ("There is nothing to cancel.", "No hay nada que cancelar."),
    "dlg_expired": (
        "That step-by-step add expired after {minutes} idle minutes; nothing was saved. "
        "Start again with `faq add`.",
        (
            "Ese alta paso a paso caducó tras {minutes} minutos sin actividad; no se guardó nada. "
            "Empieza de nuevo con `faq add`."
        ),
    ),
    "too_many_extras": (
        "That's {n} phrasings; the limit is {limit}. Send fewer, or `skip`.",
        "Son {n} formas; el límite es {limit}. Envía menos, u `omitir`.",
    ),
    # alias / edit
    "alias_usage": (
        "Give the id and the new phrasing, e.g. `faq alias c3 how do I get the blue tick`.",
        "Indica el id y la nueva forma de preguntar, p. ej. `faq alias c3 cómo consigo la insignia azul`.",
    ),
    "alias_done": ("Added to {id}", "Añadida a {id}"),
    "alias_body": ("`{text}` now also finds `{id}`.", "`{text}` ahora también lleva a `{id}`."),
    "edit_usage": (
        (
            "Say what to change: `faq edit c3 question New question?`, `faq edit c3 answer New answer`, "
            "or both: `faq edit c3 New question? | New answer`."
        ),
        (
            "Indica qué cambiar: `faq edit c3 pregunta ¿Nueva pregunta?`, "
            "`faq edit c3 respuesta Nueva respuesta`, "
            "o ambas: `faq edit c3 ¿Nueva pregunta? | Nueva respuesta`."
        ),
    ),
    "edit_done": ("Updated {id}", "Actualizada {id}"),
    "edit_same": (
        "That is already the text of `{id}`; nothing changed.",
        "Ese ya es el texto de `{id}`; nada cambió.",
    ),
    # remove / restore / hide
    "removed_title": ("Removed {id}", "Quitada {id}"),
    "removed_body": (
        "It no longer answers here. Undo with `faq restore {id}`.",
        "Ya no responde aquí. Deshazlo con `faq restore {id}`.",
    ),
    "already_removed": (
        "`{id}` is already removed. Undo with `faq restore {id}`.",
        "`{id}` ya está quitada. Deshazlo con `faq restore {id}`.",
    ),
    "remove_curated": (
        "`{id}` is a built-in entry; to stop it answering in this group use `faq hide {id}`.",
        "`{id}` es una entrada incorporada; para que no responda en este grupo usa `faq hide {id}`.",
    ),
    "restored_title": ("Restored {id}", "Recuperada {id}"),
    "restored_body": ("It answers again in this group.", "Vuelve a responder en este grupo."),
    "not_removed": (
        "`{id}` is not removed; nothing to restore.",
        "`{id}` no está quitada; no hay nada que recuperar.",
    ),
    "hide_community": (
        "`{id}` is this group's own entry; use `faq remove {id}` instead.",
        "`{id}` es una entrada propia del grupo; usa `faq remove {id}`.",
    ),
    "hidden_title": ("Hidden {id}", "Oculta {id}"),
    "hidden_body": (
        "It won't answer in this group. Undo with `faq unhide {id}`.",
        "No responderá en este grupo. Deshazlo con `faq unhide {id}`.",
    ),
    "already_hidden": ("`{id}` is already hidden here.", "`{id}` ya está oculta aquí."),
    "unhidden_title": ("Showing {id} again", "{id} visible de nuevo"),
    "unhidden_body": ("It answers again in this group.", "Vuelve a responder en este grupo."),
    "not_hidden": ("`{id}` is not hidden here.", "`{id}` no está oculta aquí."),
    # list / show / history
    "list_title": (
        "This group's FAQ (page {page} of {pages})",
        "Preguntas de este grupo (página {page} de {pages})",
    ),
    "list_body": ("Show one with `faq show ID`.", "Ver una con `faq show ID`."),
    "list_empty": (
        "This group has no entries of its own yet. Moderators can add one: `faq add Question? | Answer`.",
        (
            "Este grupo aún no tiene entradas propias. Los moderadores pueden añadir una: "
            "`faq add ¿Pregunta? | Respuesta`."
        ),
    ),
    "list_extra": (
        "{removed} removed, {hidden} built-in hidden.",
        "{removed} quitadas, {hidden} incorporadas ocultas.",
    ),
    "list_removed": ("Removed (`faq restore ID`): {ids}", "Quitadas (`faq restore ID`): {ids}"),
    "list_hidden": (
        "Built-in, hidden here (`faq unhide ID`): {ids}",
        "Incorporadas ocultas aquí (`faq unhide ID`): {ids}",
    ),
    "bad_page": (
        "Page must be a number from 1 to {pages}, e.g. `faq {cmd} 2`.",
        "La página debe ser un número de 1 a {pages}, p. ej. `faq {cmd} 2`.",
    ),
    "show_also": ("Also asked as: {text}", "También se pregunta: {text}"),
    "show_removed": (
        "(removed: `faq restore {id}` brings it back)",
        "(quitada: `faq restore {id}` la recupera)",
    ),
    "show_hidden": ("(hidden in this group: `faq unhide {id}`)", "(oculta en este grupo: `faq unhide {id}`)"),
    "history_title": ("History of {id}", "Historial de {id}"),
    "history_empty": ("No changes recorded for `{id}`.", "No hay cambios registrados para `{id}`."),
    "history_item": ("{at} · {action} · by {actor}", "{at} · {action} · por {actor}"),
    # gaps
    "gaps_title": (
        "Unanswered questions (page {page} of {pages})",
        "Preguntas sin respuesta (página {page} de {pages})",
    ),
    "gaps_body": (
        "Answer one: `faq answer N Answer text`. Add it to an entry: `faq link N ID`.",
        "Responder una: `faq answer N Texto de la respuesta`. Añadirla a una entrada: `faq link N ID`.",
    ),
    "gaps_empty": ("No unanswered questions recorded. Nice!", "No hay preguntas sin respuesta. ¡Bien!"),
    "gap_item": (
        '{n}. "{text}" — asked {count}× ({first} to {last}){more}',
        '{n}. "{text}" — {count} veces ({first} a {last}){more}',
    ),
    "gap_more": (", +{k} similar", ", +{k} parecidas"),
    "answer_usage": (
        "Example: `faq answer 2 Go to Settings > Verify.` (N from `faq gaps`).",
        "Ejemplo: `faq answer 2 Ve a Ajustes > Verificar.` (N de `faq gaps`).",
    ),
    "link_usage": (
        "Example: `faq link 2 c3` (N from `faq gaps`, ID from `faq list`).",
        "Ejemplo: `faq link 2 c3` (N de `faq gaps`, ID de `faq list`).",
    ),
    "bad_gap": (
        "There is no unanswered question {n}. Run `faq gaps` to see the current numbers.",
        "No hay pregunta sin respuesta {n}. Usa `faq gaps` para ver los números actuales.",
    ),
    "gap_done_already": (
        "Question {n} was already handled. Run `faq gaps` for a fresh list.",
        "La pregunta {n} ya se atendió. Usa `faq gaps` para ver la lista actualizada.",
    ),
    "gap_removed": (
        "Question {n} was removed from the unanswered list.",
        "La pregunta {n} salió de la lista sin respuesta.",
    ),
    # stats
    "stats_title": ("Usage of this group's FAQ", "Uso de las preguntas de este grupo"),
    "stats_period": (
        "Last {days} days: {answered} answered, {unanswered} unanswered, helpful {rate}.",
        "Últimos {days} días: {answered} respondidas, {unanswered} sin respuesta, útil {rate}.",
    ),
    "stats_no_votes": ("no votes yet", "sin votos aún"),
    "stats_rate": ("{pct}% of {votes} votes", "{pct}% de {votes} votos"),
    "stats_top": (
        "{id} · {title}: asked {asked}×, 👍 {up} 👎 {down}",
        "{id} · {title}: {asked} veces, 👍 {up} 👎 {down}",
    ),
    "stats_none": (
        "No entries were asked in the last 30 days.",
        "Ninguna entrada se consultó en los últimos 30 días.",
    ),
    # settings
    "settings_title": ("Settings for this group", "Ajustes de este grupo"),
    "settings_body": (
        (
            "Change one: `faq settings lang es`, `faq settings freetext on`, `faq settings cooldown 30`, "
            "`faq settings guard on`."
        ),
        (
            "Cambiar uno: `faq settings lang en`, `faq settings freetext on`, `faq settings cooldown 30`, "
            "`faq settings guard on`."
        ),
    ),
    "set_lang": ("Language: {value}", "Idioma: {value}"),
    "set_freetext": (
        "Answer ordinary messages (freetext): {value}",
        "Responder mensajes normales (freetext): {value}",
    ),
    "set_cooldown": (
        "Cooldown between answers to one person: {value} s",
        "Espera entre respuestas a una persona: {value} s",
    ),
    "set_guard": ("Patient-data guard: {value}", "Protección de datos de pacientes: {value}"),
    "on": ("on", "sí"),
    "off": ("off", "no"),
    "settings_saved": ("Setting saved", "Ajuste guardado"),
    "settings_usage": (
        (
            "Use one of: `lang en|es`, `freetext on|off`, `cooldown SECONDS` (0 to {max}), `guard on|off`. "
            "Example: `faq settings cooldown 30`."
        ),
        (
            "Usa uno de: `lang en|es`, `freetext on|off`, `cooldown SEGUNDOS` (0 a {max}), `guard on|off`. "
            "Ejemplo: `faq settings cooldown 30`."
        ),
    ),
    # help
    "help_title": ("FAQ commands", "Comandos de FAQ"),
    "help_body": (
        "Moderators shape this group's answers. Ids `c1`, `c2`... are this group's; others are built in.",
        (
            "Los moderadores adaptan las respuestas del grupo. Ids `c1`, `c2`... son del grupo; "
            "el resto son incorporadas."
        ),
    ),
    "help_member": (
        "You can use `faq list`, `faq show ID` and `faq help`; the rest is for moderators.",
        "Puedes usar `faq list`, `faq show ID` y `faq help`; el resto es para moderadores.",
    ),
    "saved_not_live": (
        "Saved, but the bot could not reload this group's answers yet; it will pick them up shortly.",
        "Guardado, pero el bot aún no pudo recargar las respuestas del grupo; lo hará en breve.",
    ),
}


def msg(locale: Locale, key: str, **fields: object) -> str:
    """The message `key` in `locale`, with its `{fields}` filled."""
    en, es = MESSAGES[key]
    return (es if locale == "es" else en).format(**fields)
