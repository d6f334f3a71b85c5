"""The moderators' loop in English and Spanish: gaps worth reading, links, learned suggestions,
history with before and after, and the weekly digest (keys under "faq.", beside `bot/i18n/faq.py`)."""

from __future__ import annotations

from bot.models import Locale

MODERATION_TEXTS: dict[str, dict[Locale, str]] = {
    "faq.history_body": {
        "en": "Newest first. Bring back a version with `/faq restore {id}@N`.",
        "es": "Lo más reciente primero. Recupera una versión con `/faq restore {id}@N`.",
    },
    "faq.history_all_title": {
        "en": "Latest changes in this group",
        "es": "Últimos cambios en este grupo",
    },
    "faq.history_all_body": {
        "en": "Newest first. `/faq history ID` numbers one entry's versions.",
        "es": "Lo más reciente primero. `/faq history ID` numera las versiones de una entrada.",
    },
    "faq.history_all_empty": {
        "en": "No changes recorded in this group yet.",
        "es": "Aún no hay cambios registrados en este grupo.",
    },
    "faq.hist_field": {
        "en": "{field} \"{before}\" → \"{after}\"",
        "es": "{field} \"{before}\" → \"{after}\"",
    },
    "faq.hist_added_phrasing": {
        "en": "+ phrasing \"{text}\"",
        "es": "+ pregunta \"{text}\"",
    },
    "faq.hist_removed_phrasing": {
        "en": "− phrasing \"{text}\"",
        "es": "− pregunta \"{text}\"",
    },
    "faq.hist_created": {
        "en": "created: \"{text}\"",
        "es": "creada: \"{text}\"",
    },
    "faq.hist_list": {
        "en": "{items}",
        "es": "{items}",
    },
    "faq.restore_version_usage": {
        "en": "Example: `/faq restore c3@2` (N from `/faq history c3`).",
        "es": "Ejemplo: `/faq restore c3@2` (N de `/faq history c3`).",
    },
    "faq.bad_version": {
        "en": "`{id}` has no version {n} to bring back (its history has {last} changes). See `/faq history {id}`.",
        "es": "`{id}` no tiene una versión {n} que recuperar (su historial tiene {last} cambios). Mira `/faq history {id}`.",
    },
    "faq.restored_version_title": {
        "en": "{id} is back to version {n}",
        "es": "{id} vuelve a la versión {n}",
    },
    "faq.restored_version_body": {
        "en": "`{id}` now reads as it did after change {n}. This is recorded too: `/faq history {id}`.",
        "es": "`{id}` queda como tras el cambio {n}. También queda registrado: `/faq history {id}`.",
    },
    "faq.link_hidden": {
        "en": "`{id}` is hidden in this group, so nothing can lead to it. `/faq unhide {id}` first.",
        "es": "`{id}` está oculta en este grupo, así que nada puede llevar a ella. Primero `/faq unhide {id}`.",
    },
    "faq.link_nothing_new": {
        "en": "Those questions already lead to an entry here; nothing new to link to `{id}`.",
        "es": "Esas preguntas ya llevan a una entrada aquí; nada nuevo que enlazar a `{id}`.",
    },
    "faq.linked_title": {
        "en": "Linked to {id}",
        "es": "Enlazada a {id}",
    },
    "faq.linked_body": {
        "en": "In this group, questions like these now get the built-in answer \"{title}\" (unchanged). Undo with `/faq unlink {id}`.",
        "es": "En este grupo, preguntas como estas reciben ahora la respuesta incorporada \"{title}\" (sin cambios). Deshazlo con `/faq unlink {id}`.",
    },
    "faq.unlink_usage": {
        "en": "Example: `/faq unlink sermo` (every link to it) or `/faq unlink sermo that doctors app`.",
        "es": "Ejemplo: `/faq unlink sermo` (todos sus enlaces) o `/faq unlink sermo esa app de médicos`.",
    },
    "faq.unlink_none": {
        "en": "Nothing links to `{id}` that way. `/faq show {id}` lists its phrasings.",
        "es": "Nada enlaza así con `{id}`. `/faq show {id}` muestra sus formas de preguntar.",
    },
    "faq.unlink_last": {
        "en": "That is the only phrasing of `{id}`; an entry needs one. Use `/faq remove {id}` instead.",
        "es": "Es la única forma de preguntar `{id}`; una entrada necesita una. Usa `/faq remove {id}`.",
    },
    "faq.unlinked_title": {
        "en": "Link to {id} undone",
        "es": "Enlace a {id} deshecho",
    },
    "faq.unlinked_body": {
        "en": "These questions no longer lead to `{id}` in this group:",
        "es": "Estas preguntas ya no llevan a `{id}` en este grupo:",
    },
    "faq.gaps_off_topic_title": {
        "en": "Off-topic messages (page {page} of {pages})",
        "es": "Mensajes fuera de tema (página {page} de {pages})",
    },
    "faq.gaps_empty_off_topic": {
        "en": "No off-topic messages recorded.",
        "es": "No hay mensajes fuera de tema.",
    },
    "faq.gaps_not_listed": {
        "en": "Not listed (last {days} days): {off_topic} off-topic (`/faq gaps off-topic`), {medical} asking for medical advice, {gibberish} unreadable.",
        "es": "No listados (últimos {days} días): {off_topic} fuera de tema (`/faq gaps off-topic`), {medical} piden consejo médico, {gibberish} ilegibles.",
    },
    "faq.dismiss_usage": {
        "en": "Example: `/faq dismiss 3` (N from `/faq gaps`).",
        "es": "Ejemplo: `/faq dismiss 3` (N de `/faq gaps`).",
    },
    "faq.dismissed": {
        "en": "Question {n} (\"{text}\") is dismissed and will not be listed again.",
        "es": "La pregunta {n} (\"{text}\") se descartó y no volverá a aparecer.",
    },
    "faq.suggestions_title": {
        "en": "Suggested phrasings (page {page} of {pages})",
        "es": "Formas de preguntar sugeridas (página {page} de {pages})",
    },
    "faq.suggestions_body": {
        "en": "Learned from people who picked an entry after \"did you mean\" or rated an unsure answer helpful. `/faq accept N` links it; `/faq reject N` never proposes it again.",
        "es": "Aprendidas de quienes eligieron una entrada tras \"¿quisiste decir?\" o valoraron útil una respuesta dudosa. `/faq accept N` la enlaza; `/faq reject N` no la vuelve a proponer.",
    },
    "faq.suggestions_empty": {
        "en": "No suggested phrasings yet. They appear when people pick an answer after \"did you mean\".",
        "es": "Aún no hay sugerencias. Aparecen cuando alguien elige una respuesta tras \"¿quisiste decir?\".",
    },
    "faq.suggestion_item": {
        "en": "{n}. \"{text}\" → {id} · {title} (chosen by {count})",
        "es": "{n}. \"{text}\" → {id} · {title} (elegida por {count})",
    },
    "faq.suggestion_usage": {
        "en": "Example: `/faq {cmd} 2` (N from `/faq suggestions`).",
        "es": "Ejemplo: `/faq {cmd} 2` (N de `/faq suggestions`).",
    },
    "faq.bad_suggestion": {
        "en": "There is no pending suggestion {n}. `/faq suggestions` lists them.",
        "es": "No hay sugerencia pendiente {n}. `/faq suggestions` las muestra.",
    },
    "faq.suggestion_accepted": {
        "en": "Suggestion {n} accepted.",
        "es": "Sugerencia {n} aceptada.",
    },
    "faq.suggestion_rejected": {
        "en": "Suggestion {n} (\"{text}\") rejected; it will not be proposed again.",
        "es": "Sugerencia {n} (\"{text}\") rechazada; no se volverá a proponer.",
    },
    "faq.set_digest": {
        "en": "Weekly digest for moderators: {value}",
        "es": "Resumen semanal para moderadores: {value}",
    },
    "faq.digest_to_group": {
        "en": "weekly, into this group",
        "es": "semanal, en este grupo",
    },
    "faq.digest_to_admins": {
        "en": "weekly, privately to each admin who has started a chat with the bot",
        "es": "semanal, en privado a cada administrador que haya iniciado un chat con el bot",
    },
    "faq.digest_to_channel": {
        "en": "weekly, in channel <#{channel}>",
        "es": "semanal, en el canal <#{channel}>",
    },
    "faq.digest_needs_channel": {
        "en": "On Discord the digest goes to a channel you pick: `/faq settings digest weekly #moderators`.",
        "es": "En Discord el resumen va a un canal que elijas: `/faq settings digest weekly #moderadores`.",
    },
    "faq.digest_title": {
        "en": "This week in your group's FAQ",
        "es": "Esta semana en las preguntas del grupo",
    },
    "faq.digest_answered": {
        "en": "Answered {pct}% of questions ({answered} of {asked}).",
        "es": "Respondidas el {pct}% de las preguntas ({answered} de {asked}).",
    },
    "faq.digest_quiet": {
        "en": "Nobody asked anything this week.",
        "es": "Nadie preguntó nada esta semana.",
    },
    "faq.digest_helpful": {
        "en": "Rated helpful: {pct}% of {votes} ratings.",
        "es": "Valoradas útiles: {pct}% de {votes} valoraciones.",
    },
    "faq.digest_no_gaps": {
        "en": "No unanswered questions worth an entry.",
        "es": "Ninguna pregunta sin respuesta que merezca una entrada.",
    },
    "faq.digest_gap": {
        "en": "Unanswered {n}: \"{text}\" (asked {count}×)",
        "es": "Sin respuesta {n}: \"{text}\" ({count} veces)",
    },
    "faq.digest_suggestions": {
        "en": "{n} suggested phrasings wait for a decision (`/faq suggestions`).",
        "es": "{n} formas de preguntar sugeridas esperan una decisión (`/faq suggestions`).",
    },
    "faq.digest_suggestion": {
        "en": "Suggestion {n}: \"{text}\" → {id} (chosen by {count})",
        "es": "Sugerencia {n}: \"{text}\" → {id} (elegida por {count})",
    },
    "faq.digest_footer": {
        "en": "Act with `/faq answer N`, `/faq link N ID`, `/faq dismiss N`, `/faq accept N`. Stop these: `/faq settings digest off`.",
        "es": "Actúa con `/faq answer N`, `/faq link N ID`, `/faq dismiss N`, `/faq accept N`. Dejar de recibirlos: `/faq settings digest off`.",
    },
}
