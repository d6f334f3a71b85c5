"""The moderators' `/faq` wording, English and Spanish; `{name}` fields are filled by `t()`."""

from __future__ import annotations

from bot.models import Locale

FAQ_TEXTS: dict[str, dict[Locale, str]] = {
    "faq.refusal_title": {
        "en": "Moderators only",
        "es": "Solo para moderadores",
    },
    "faq.refusal_body": {
        "en": "Sorry, only this group's moderators can use `/faq {cmd}`. Anyone can use `/faq list`, `/faq show ID` and `/faq help`.",
        "es": "Lo siento, solo los moderadores de este grupo pueden usar `/faq {cmd}`. Cualquiera puede usar `/faq list`, `/faq show ID` y `/faq help`.",
    },
    "faq.error_title": {
        "en": "That didn't work",
        "es": "Eso no funcionó",
    },
    "faq.store_error": {
        "en": "The database could not do that right now ({detail}). Nothing already saved was lost; please try again in a moment.",
        "es": "La base de datos no pudo hacerlo ahora ({detail}). No se perdió nada de lo guardado; inténtalo de nuevo en un momento.",
    },
    "faq.unknown_sub": {
        "en": "I don't know `/faq {word}`.",
        "es": "No conozco `/faq {word}`.",
    },
    "faq.did_you_mean": {
        "en": "Did you mean `/faq {name}`?",
        "es": "¿Quisiste decir `/faq {name}`?",
    },
    "faq.see_help": {
        "en": "Type `/faq help` to see every command.",
        "es": "Escribe `/faq help` para ver todos los comandos.",
    },
    "faq.unknown_id": {
        "en": "There is no entry `{id}` here. `/faq list` shows this group's ids.",
        "es": "No hay ninguna entrada `{id}` aquí. `/faq list` muestra los ids de este grupo.",
    },
    "faq.missing_id": {
        "en": "Please give an entry id, e.g. `/faq {cmd} c3`.",
        "es": "Indica el id de una entrada, p. ej. `/faq {cmd} c3`.",
    },
    "faq.curated_readonly": {
        "en": "`{id}` is a built-in entry and can't be changed here. To replace it in this group: `/faq hide {id}`, then `/faq add Question? | Answer`.",
        "es": "`{id}` es una entrada incorporada y no se puede cambiar aquí. Para reemplazarla en este grupo: `/faq hide {id}` y luego `/faq add ¿Pregunta? | Respuesta`.",
    },
    "faq.removed_entry": {
        "en": "Entry `{id}` is removed. Bring it back first with `/faq restore {id}`.",
        "es": "La entrada `{id}` está quitada. Recupérala primero con `/faq restore {id}`.",
    },
    "faq.add_usage": {
        "en": "Write the question and the answer on one line, separated by `|`. Example: `/faq add How do I verify my profile? | Go to Settings > Verify and upload your licence.` Or send just `/faq add` and I'll ask step by step.",
        "es": "Escribe la pregunta y la respuesta en una línea, separadas por `|`. Ejemplo: `/faq add ¿Cómo verifico mi perfil? | Ve a Ajustes > Verificar y sube tu cédula.` O envía solo `/faq add` y te lo pediré paso a paso.",
    },
    "faq.empty_question": {
        "en": "The question is empty.",
        "es": "La pregunta está vacía.",
    },
    "faq.empty_answer": {
        "en": "The answer is empty.",
        "es": "La respuesta está vacía.",
    },
    "faq.question_too_long": {
        "en": "The question is {n} characters; the limit is {limit}. Keep it short, as people would ask it, e.g. `How do I verify my profile?`",
        "es": "La pregunta tiene {n} caracteres; el límite es {limit}. Escríbela breve, como la haría alguien, p. ej. `¿Cómo verifico mi perfil?`",
    },
    "faq.answer_too_long": {
        "en": "The answer is {n} characters; the limit is {limit}. Shorten it, or link to a longer page.",
        "es": "La respuesta tiene {n} caracteres; el límite es {limit}. Acórtala o enlaza a una página más larga.",
    },
    "faq.too_many_phrasings": {
        "en": "An entry can have at most {limit} phrasings; `{id}` already has {n}.",
        "es": "Una entrada puede tener como máximo {limit} formas de preguntar; `{id}` ya tiene {n}.",
    },
    "faq.duplicate_phrasing": {
        "en": "`{text}` is already a phrasing of `{id}`. Use `/faq show {id}` to see it.",
        "es": "`{text}` ya es una forma de preguntar `{id}`. Usa `/faq show {id}` para verla.",
    },
    "faq.added_title": {
        "en": "Saved as {id}",
        "es": "Guardada como {id}",
    },
    "faq.added_body": {
        "en": "People in this group who ask this will now get your answer. Change it with `/faq edit {id} ...`, undo with `/faq remove {id}`.",
        "es": "Quien pregunte esto en este grupo recibirá tu respuesta. Cámbiala con `/faq edit {id} ...`, deshazlo con `/faq remove {id}`.",
    },
    "faq.similar_warning": {
        "en": "Heads up: this looks like existing entries. If it was a mistake, `/faq remove {id}`.",
        "es": "Ojo: se parece a entradas que ya existen. Si fue un error, `/faq remove {id}`.",
    },
    "faq.similar_warning_dialogue": {
        "en": "Heads up: this looks like existing entries (below). Go on, or `/cancel`.",
        "es": "Ojo: se parece a entradas que ya existen (abajo). Sigue, o `/cancel`.",
    },
    "faq.similar_note": {
        "en": "Heads up: this looks like other entries (below).",
        "es": "Ojo: se parece a otras entradas (abajo).",
    },
    "faq.similar_item": {
        "en": "{id}: {title} ({pct}% alike)",
        "es": "{id}: {title} ({pct}% parecido)",
    },
    "faq.dlg_title": {
        "en": "New FAQ entry",
        "es": "Nueva entrada",
    },
    "faq.dlg_ask_question": {
        "en": "Step 1 of 3: send the question, as people would ask it (up to {limit} characters). In a group, send it as a reply to this message. `/cancel` to stop.",
        "es": "Paso 1 de 3: envía la pregunta, como la haría la gente (hasta {limit} caracteres). En un grupo, envíala como respuesta a este mensaje. `/cancel` para parar.",
    },
    "faq.dlg_ask_answer": {
        "en": "Step 2 of 3: now send the answer (up to {limit} characters).",
        "es": "Paso 2 de 3: ahora envía la respuesta (hasta {limit} caracteres).",
    },
    "faq.dlg_ask_extras": {
        "en": "Step 3 of 3: other ways people ask this, one per line or separated by `;` (up to {limit}). Or send `skip`.",
        "es": "Paso 3 de 3: otras formas de preguntarlo, una por línea o separadas por `;` (hasta {limit}). O envía `omitir`.",
    },
    "faq.dlg_cancelled": {
        "en": "Cancelled; nothing was saved.",
        "es": "Cancelado; no se guardó nada.",
    },
    "faq.dlg_none": {
        "en": "There is nothing to cancel.",
        "es": "No hay nada que cancelar.",
    },
    "faq.dlg_expired": {
        "en": "That step-by-step add expired after {minutes} idle minutes; nothing was saved. Start again with `/faq add`.",
        "es": "Ese alta paso a paso caducó tras {minutes} minutos sin actividad; no se guardó nada. Empieza de nuevo con `/faq add`.",
    },
    "faq.too_many_extras": {
        "en": "That's {n} phrasings; the limit is {limit}. Send fewer, or `skip`.",
        "es": "Son {n} formas; el límite es {limit}. Envía menos, u `omitir`.",
    },
    "faq.alias_usage": {
        "en": "Give the id and the new phrasing, e.g. `/faq alias c3 how do I get the blue tick`.",
        "es": "Indica el id y la nueva forma de preguntar, p. ej. `/faq alias c3 cómo consigo la insignia azul`.",
    },
    "faq.alias_done": {
        "en": "Added to {id}",
        "es": "Añadida a {id}",
    },
    "faq.alias_body": {
        "en": "`{text}` now also finds `{id}`.",
        "es": "`{text}` ahora también lleva a `{id}`.",
    },
    "faq.edit_usage": {
        "en": "Say what to change: `/faq edit c3 question New question?`, `/faq edit c3 answer New answer`, or both: `/faq edit c3 New question? | New answer`.",
        "es": "Indica qué cambiar: `/faq edit c3 pregunta ¿Nueva pregunta?`, `/faq edit c3 respuesta Nueva respuesta`, o ambas: `/faq edit c3 ¿Nueva pregunta? | Nueva respuesta`.",
    },
    "faq.edit_done": {
        "en": "Updated {id}",
        "es": "Actualizada {id}",
    },
    "faq.edit_same": {
        "en": "That is already the text of `{id}`; nothing changed.",
        "es": "Ese ya es el texto de `{id}`; nada cambió.",
    },
    "faq.removed_title": {
        "en": "Removed {id}",
        "es": "Quitada {id}",
    },
    "faq.removed_body": {
        "en": "It no longer answers here. Undo with `/faq restore {id}`.",
        "es": "Ya no responde aquí. Deshazlo con `/faq restore {id}`.",
    },
    "faq.already_removed": {
        "en": "`{id}` is already removed. Undo with `/faq restore {id}`.",
        "es": "`{id}` ya está quitada. Deshazlo con `/faq restore {id}`.",
    },
    "faq.remove_curated": {
        "en": "`{id}` is a built-in entry; to stop it answering in this group use `/faq hide {id}`.",
        "es": "`{id}` es una entrada incorporada; para que no responda en este grupo usa `/faq hide {id}`.",
    },
    "faq.restored_title": {
        "en": "Restored {id}",
        "es": "Recuperada {id}",
    },
    "faq.restored_body": {
        "en": "It answers again in this group.",
        "es": "Vuelve a responder en este grupo.",
    },
    "faq.not_removed": {
        "en": "`{id}` is not removed; nothing to restore.",
        "es": "`{id}` no está quitada; no hay nada que recuperar.",
    },
    "faq.hide_community": {
        "en": "`{id}` is this group's own entry; use `/faq remove {id}` instead.",
        "es": "`{id}` es una entrada propia del grupo; usa `/faq remove {id}`.",
    },
    "faq.hidden_title": {
        "en": "Hidden {id}",
        "es": "Oculta {id}",
    },
    "faq.hidden_body": {
        "en": "It won't answer in this group. Undo with `/faq unhide {id}`.",
        "es": "No responderá en este grupo. Deshazlo con `/faq unhide {id}`.",
    },
    "faq.already_hidden": {
        "en": "`{id}` is already hidden here.",
        "es": "`{id}` ya está oculta aquí.",
    },
    "faq.unhidden_title": {
        "en": "Showing {id} again",
        "es": "{id} visible de nuevo",
    },
    "faq.unhidden_body": {
        "en": "It answers again in this group.",
        "es": "Vuelve a responder en este grupo.",
    },
    "faq.not_hidden": {
        "en": "`{id}` is not hidden here.",
        "es": "`{id}` no está oculta aquí.",
    },
    "faq.list_title": {
        "en": "This group's FAQ (page {page} of {pages})",
        "es": "Preguntas de este grupo (página {page} de {pages})",
    },
    "faq.list_body": {
        "en": "Show one with `/faq show ID`.",
        "es": "Ver una con `/faq show ID`.",
    },
    "faq.list_empty": {
        "en": "This group has no entries of its own yet. Moderators can add one: `/faq add Question? | Answer`.",
        "es": "Este grupo aún no tiene entradas propias. Los moderadores pueden añadir una: `/faq add ¿Pregunta? | Respuesta`.",
    },
    "faq.list_extra": {
        "en": "{removed} removed, {hidden} built-in hidden.",
        "es": "{removed} quitadas, {hidden} incorporadas ocultas.",
    },
    "faq.list_removed": {
        "en": "Removed (`/faq restore ID`): {ids}",
        "es": "Quitadas (`/faq restore ID`): {ids}",
    },
    "faq.list_hidden": {
        "en": "Built-in, hidden here (`/faq unhide ID`): {ids}",
        "es": "Incorporadas ocultas aquí (`/faq unhide ID`): {ids}",
    },
    "faq.bad_page": {
        "en": "Page must be a number from 1 to {pages}, e.g. `/faq {cmd} 2`.",
        "es": "La página debe ser un número de 1 a {pages}, p. ej. `/faq {cmd} 2`.",
    },
    "faq.show_also": {
        "en": "Also asked as: {text}",
        "es": "También se pregunta: {text}",
    },
    "faq.show_removed": {
        "en": "(removed: `/faq restore {id}` brings it back)",
        "es": "(quitada: `/faq restore {id}` la recupera)",
    },
    "faq.show_hidden": {
        "en": "(hidden in this group: `/faq unhide {id}`)",
        "es": "(oculta en este grupo: `/faq unhide {id}`)",
    },
    "faq.history_title": {
        "en": "History of {id}",
        "es": "Historial de {id}",
    },
    "faq.history_empty": {
        "en": "No changes recorded for `{id}`.",
        "es": "No hay cambios registrados para `{id}`.",
    },
    "faq.history_item": {
        "en": "{label} · {at} · {action} by {actor}",
        "es": "{label} · {at} · {action} por {actor}",
    },
    "faq.gaps_title": {
        "en": "Unanswered questions (page {page} of {pages})",
        "es": "Preguntas sin respuesta (página {page} de {pages})",
    },
    "faq.gaps_body": {
        "en": "Answer one: `/faq answer N Answer text`. Send it to an entry, built-in ones too: `/faq link N ID`. Drop it: `/faq dismiss N`.",
        "es": "Responder una: `/faq answer N Texto de la respuesta`. Llevarla a una entrada, también incorporada: `/faq link N ID`. Descartarla: `/faq dismiss N`.",
    },
    "faq.gaps_empty": {
        "en": "No unanswered questions recorded. Nice!",
        "es": "No hay preguntas sin respuesta. ¡Bien!",
    },
    "faq.gap_item": {
        "en": "{n}. \"{text}\" — asked {count}× ({first} to {last}){more}",
        "es": "{n}. \"{text}\" — {count} veces ({first} a {last}){more}",
    },
    "faq.gap_more": {
        "en": ", +{k} similar",
        "es": ", +{k} parecidas",
    },
    "faq.answer_usage": {
        "en": "Example: `/faq answer 2 Go to Settings > Verify.` (N from `/faq gaps`).",
        "es": "Ejemplo: `/faq answer 2 Ve a Ajustes > Verificar.` (N de `/faq gaps`).",
    },
    "faq.link_usage": {
        "en": "Example: `/faq link 2 c3` or `/faq link 2 sermo` (N from `/faq gaps`, ID from `/faq list` or `/topics`).",
        "es": "Ejemplo: `/faq link 2 c3` o `/faq link 2 sermo` (N de `/faq gaps`, ID de `/faq list` o `/topics`).",
    },
    "faq.bad_gap": {
        "en": "There is no unanswered question {n}. Run `/faq gaps` to see the current numbers.",
        "es": "No hay pregunta sin respuesta {n}. Usa `/faq gaps` para ver los números actuales.",
    },
    "faq.gap_done_already": {
        "en": "Question {n} was already handled. Run `/faq gaps` for a fresh list.",
        "es": "La pregunta {n} ya se atendió. Usa `/faq gaps` para ver la lista actualizada.",
    },
    "faq.gap_removed": {
        "en": "Question {n} was removed from the unanswered list.",
        "es": "La pregunta {n} salió de la lista sin respuesta.",
    },
    "faq.stats_title": {
        "en": "Usage of this group's FAQ",
        "es": "Uso de las preguntas de este grupo",
    },
    "faq.stats_period": {
        "en": "Last {days} days: {answered} answered, {unanswered} unanswered, helpful {rate}.",
        "es": "Últimos {days} días: {answered} respondidas, {unanswered} sin respuesta, útil {rate}.",
    },
    "faq.stats_no_votes": {
        "en": "no votes yet",
        "es": "sin votos aún",
    },
    "faq.stats_rate": {
        "en": "{pct}% of {votes} votes",
        "es": "{pct}% de {votes} votos",
    },
    "faq.stats_top": {
        "en": "{id} · {title}: asked {asked}×, 👍 {up} 👎 {down}",
        "es": "{id} · {title}: {asked} veces, 👍 {up} 👎 {down}",
    },
    "faq.stats_none": {
        "en": "No entries were asked in the last 30 days.",
        "es": "Ninguna entrada se consultó en los últimos 30 días.",
    },
    "faq.settings_title": {
        "en": "Settings for this group",
        "es": "Ajustes de este grupo",
    },
    "faq.settings_body": {
        "en": "Change one: `/faq settings lang es`, `/faq settings freetext on`, `/faq settings cooldown 30`, `/faq settings guard on`, `/faq settings digest weekly admins`.",
        "es": "Cambiar uno: `/faq settings lang en`, `/faq settings freetext on`, `/faq settings cooldown 30`, `/faq settings guard on`, `/faq settings digest weekly admins`.",
    },
    "faq.set_lang": {
        "en": "Language: {value}",
        "es": "Idioma: {value}",
    },
    "faq.set_freetext": {
        "en": "Answer ordinary messages (freetext): {value}",
        "es": "Responder mensajes normales (freetext): {value}",
    },
    "faq.set_cooldown": {
        "en": "Cooldown between answers to one person: {value} s",
        "es": "Espera entre respuestas a una persona: {value} s",
    },
    "faq.set_guard": {
        "en": "Patient-data guard: {value}",
        "es": "Protección de datos de pacientes: {value}",
    },
    "faq.on": {
        "en": "on",
        "es": "sí",
    },
    "faq.off": {
        "en": "off",
        "es": "no",
    },
    "faq.settings_saved": {
        "en": "Setting saved",
        "es": "Ajuste guardado",
    },
    "faq.settings_usage": {
        "en": "Use one of: `lang en|es`, `freetext on|off`, `cooldown SECONDS` (0 to {max}), `guard on|off`, `digest weekly [group|admins|#channel]` or `digest off`. Example: `/faq settings cooldown 30`.",
        "es": "Usa uno de: `lang en|es`, `freetext on|off`, `cooldown SEGUNDOS` (0 a {max}), `guard on|off`, `digest weekly [group|admins|#canal]` o `digest off`. Ejemplo: `/faq settings cooldown 30`.",
    },
    "faq.help_title": {
        "en": "FAQ commands",
        "es": "Comandos de FAQ",
    },
    "faq.help_body": {
        "en": "Moderators shape this group's answers. Ids `c1`, `c2`... are this group's; others are built in.",
        "es": "Los moderadores adaptan las respuestas del grupo. Ids `c1`, `c2`... son del grupo; el resto son incorporadas.",
    },
    "faq.help_member": {
        "en": "You can use `/faq list`, `/faq show ID` and `/faq help`; the rest is for moderators.",
        "es": "Puedes usar `/faq list`, `/faq show ID` y `/faq help`; el resto es para moderadores.",
    },
    "faq.saved_not_live": {
        "en": "Saved, but the bot could not reload this group's answers yet; it will pick them up shortly.",
        "es": "Guardado, pero el bot aún no pudo recargar las respuestas del grupo; lo hará en breve.",
    },
}
