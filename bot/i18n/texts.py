"""The core's fixed sentences in English and Spanish (answers, errors, platform notices)."""

from __future__ import annotations

from bot.models import Locale

TEXTS: dict[str, dict[Locale, str]] = {
    "welcome_title": {"en": "Welcome to DocSocial", "es": "Bienvenido a DocSocial"},
    "welcome_body": {
        "en": (
            "I answer doctors' questions about social media from a curated, sourced knowledge base: "
            "which network suits which goal, confidentiality do's and don'ts, adoption statistics, "
            "medical-only networks and professional rules. Ask me anything in English or Spanish, "
            "or try one of these commands. I never give medical advice."
        ),
        "es": (
            "Respondo preguntas de médicos sobre redes sociales con una base de conocimiento revisada "
            "y con fuentes: qué red conviene para cada objetivo, confidencialidad, estadísticas de uso, "
            "redes solo para médicos y normas profesionales. Pregúntame en español o en inglés, o prueba "
            "uno de estos comandos. Nunca doy consejo médico."
        ),
    },
    "help_title": {"en": "Commands", "es": "Comandos"},
    "help_body": {
        "en": "You can also just type a question.",
        "es": "También puedes escribir tu pregunta directamente.",
    },
    "help_moderators": {"en": "This group's FAQ (you moderate it)", "es": "Preguntas del grupo (eres moderador)"},
    "help_community": {"en": "This group's FAQ", "es": "Preguntas del grupo"},
    "can_help_with": {
        "en": (
            "I can help with: which network suits a goal (/networks), confidentiality and "
            "professional rules (/rules), how many doctors use each network (/stats), medical-only "
            "networks like Sermo or Doximity, and checking a draft post (/check). Browse everything "
            "with /topics."
        ),
        "es": (
            "Puedo ayudarte con: qué red conviene para cada objetivo (/networks), confidencialidad y "
            "normas profesionales (/rules), cuántos médicos usan cada red (/stats), redes solo para "
            "médicos como Sermo o Doximity, y revisar un borrador (/check). Explóralo todo con /topics."
        ),
    },
    "fallback_title": {"en": "I don't have an answer for that", "es": "No tengo respuesta para eso"},
    "fallback_body": {
        "en": "I couldn't match your question to anything in my knowledge base.",
        "es": "No encontré tu pregunta en mi base de conocimiento.",
    },
    "medical_title": {"en": "I can't give medical advice", "es": "No puedo dar consejo médico"},
    "medical_body": {
        "en": (
            "Questions about doses, diagnoses or treatments are outside what I do: please rely on "
            "clinical guidelines, your colleagues or the patient's own clinician. I only answer "
            "questions about doctors and social media."
        ),
        "es": (
            "Las preguntas sobre dosis, diagnósticos o tratamientos quedan fuera de lo que hago: "
            "consulta guías clínicas, a tus colegas o al médico del paciente. Solo respondo preguntas "
            "sobre médicos y redes sociales."
        ),
    },
    "gibberish_title": {"en": "I didn't catch that", "es": "No te he entendido"},
    "gibberish_body": {
        "en": "Your message has no words I can work with. Try a question like \"which network should I use to reach local patients?\"",
        "es": "Tu mensaje no tiene palabras con las que pueda trabajar. Prueba algo como \"¿qué red uso para llegar a pacientes de mi zona?\"",
    },
    "clarify_title": {"en": "Did you mean…", "es": "¿Quisiste decir…"},
    "clarify_body": {
        "en": "I'm not sure which of these you mean. Pick one:",
        "es": "No estoy seguro de a cuál te refieres. Elige una:",
    },
    "confirm_title": {"en": "Did you mean “{title}”?", "es": "¿Quiso decir «{title}»?"},
    "confirm_body": {
        "en": "Tap Yes to see it, or ask again in other words.",
        "es": "Pulse Sí para verlo o vuelva a preguntar con otras palabras.",
    },
    "confirm_yes": {"en": "Yes", "es": "Sí"},
    "near_domain_title": {"en": "I don't cover that", "es": "Eso no lo cubro"},
    "near_domain_body": {"en": "I don't cover {topic}.", "es": "No cubro {topic}."},
    "near_domain_related": {
        "en": "Here is what I know about {title}.",
        "es": "Esto es lo que sé sobre {title}.",
    },
    "empty_title": {"en": "Nothing to answer yet", "es": "Aún no hay nada que responder"},
    "empty_body": {
        "en": "Your message was empty. Type a question, e.g. \"can I post an X-ray?\", or /help.",
        "es": "Tu mensaje estaba vacío. Escribe una pregunta, p. ej. \"¿puedo publicar una radiografía?\", o /help.",
    },
    "too_long_title": {"en": "That message is too long", "es": "Ese mensaje es demasiado largo"},
    "too_long_body": {
        "en": "Your message has {length:,} characters; I read questions of up to {limit:,}. Please ask a shorter question (to review a long post, use /check).",
        "es": "Tu mensaje tiene {length:,} caracteres; leo preguntas de hasta {limit:,}. Haz una pregunta más corta (para revisar una publicación larga, usa /check).",
    },
    "unknown_command_title": {"en": "Unknown command", "es": "Comando desconocido"},
    "unknown_command_body": {
        "en": "I don't know /{name}.{hint} See /help for the list.",
        "es": "No conozco /{name}.{hint} Mira /help para ver la lista.",
    },
    "no_such_choice": {
        "en": "There is no choice {n}: type a number from 1 to {count}, or ask a question.",
        "es": "No hay opción {n}: escribe un número del 1 al {count}, o haz una pregunta.",
    },
    "no_choices": {
        "en": "There is nothing to choose from yet: ask a question first.",
        "es": "Aún no hay nada que elegir: primero haz una pregunta.",
    },
    "did_you_mean_command": {"en": " Did you mean /{name}?", "es": " ¿Quisiste decir /{name}?"},
    "ask_usage": {
        "en": "Add your question after /ask, e.g. /ask what is Sermo?",
        "es": "Escribe tu pregunta después de /ask, p. ej. /ask ¿qué es Sermo?",
    },
    "usage_title": {"en": "How to use this command", "es": "Cómo usar este comando"},
    "lang_set": {"en": "I'll answer in English.", "es": "Te responderé en español."},
    "lang_usage": {"en": "Use /lang en or /lang es.", "es": "Usa /lang en o /lang es."},
    "topics_title": {"en": "Topics", "es": "Temas"},
    "topics_body": {
        "en": "Open one with /topics NAME, or just ask.",
        "es": "Abre uno con /topics NOMBRE, o pregunta directamente.",
    },
    "topic_unknown": {
        "en": "There is no topic \"{name}\". Topics: {names}.",
        "es": "No hay ningún tema \"{name}\". Temas: {names}.",
    },
    "networks_title": {"en": "Which network for which goal", "es": "Qué red para cada objetivo"},
    "networks_body": {
        "en": "Pick a goal: /networks GOAL. Goals:",
        "es": "Elige un objetivo: /networks OBJETIVO. Objetivos:",
    },
    "networks_unknown": {
        "en": "I don't know the goal \"{name}\". Goals: {names}.",
        "es": "No conozco el objetivo \"{name}\". Objetivos: {names}.",
    },
    "stats_title": {"en": "Doctors on social media: figures", "es": "Médicos en redes sociales: cifras"},
    "stats_body": {
        "en": "Figures by network, each with population, year and source. Pick one: /stats NETWORK. Networks:",
        "es": "Cifras por red, cada una con población, año y fuente. Elige una: /stats RED. Redes:",
    },
    "stats_network_title": {"en": "{network}: what the studies say", "es": "{network}: qué dicen los estudios"},
    "stats_unknown": {
        "en": "I have no figures for \"{name}\". Networks with figures: {names}.",
        "es": "No tengo cifras de \"{name}\". Redes con cifras: {names}.",
    },
    "rules_title": {"en": "Confidentiality and professionalism", "es": "Confidencialidad y profesionalidad"},
    "rules_body": {
        "en": "The do's and don'ts, each with the body that says so. Ask about any of them for details.",
        "es": "Qué hacer y qué no, cada punto con el organismo que lo dice. Pregunta por cualquiera para más detalle.",
    },
    "sources_title": {"en": "Where my answers come from", "es": "De dónde salen mis respuestas"},
    "sources_body": {
        "en": "Every answer names its sources. The publications used, by publisher or body, each with its year:",
        "es": "Cada respuesta cita sus fuentes. Las publicaciones usadas, por editor u organismo, cada una con su año:",
    },
    "slow_down_title": {"en": "Please slow down", "es": "Más despacio, por favor"},
    "slow_down_body": {
        "en": "You're sending questions faster than I can answer here. Try again in {seconds} s.",
        "es": "Envías preguntas más rápido de lo que puedo responder aquí. Inténtalo de nuevo en {seconds} s.",
    },
    "rate_thanks": {"en": "Thanks for the feedback!", "es": "¡Gracias por tu opinión!"},
    "rate_nothing": {
        "en": "There is no answer of mine to rate yet: ask a question first.",
        "es": "Aún no hay ninguna respuesta mía que valorar: haz una pregunta primero.",
    },
    "rate_usage": {"en": "Use /rate yes or /rate no.", "es": "Usa /rate sí o /rate no."},
    "entry_gone": {
        "en": "That entry is no longer available. Ask your question again or see /topics.",
        "es": "Esa entrada ya no está disponible. Vuelve a preguntar o mira /topics.",
    },
    "button_unknown": {
        "en": "That button has expired. Ask again or see /help.",
        "es": "Ese botón ha caducado. Vuelve a preguntar o mira /help.",
    },
    "nothing_to_cancel": {"en": "There is nothing to cancel.", "es": "No hay nada que cancelar."},
    "store_error_title": {"en": "I couldn't save that", "es": "No pude guardar eso"},
    "check_usage": {
        "en": "Paste your draft after /check, e.g. /check Our clinic opens on Saturdays from 9 to 13.",
        "es": "Pega tu borrador después de /check, p. ej. /check La consulta abre los sábados de 9 a 13.",
    },
    "check_group_notice": {
        "en": "I've sent the draft check to you privately, because drafts may contain patient data.",
        "es": "Te envío la revisión en privado, porque los borradores pueden contener datos de pacientes.",
    },
    "guard_title": {"en": "A gentle reminder", "es": "Un recordatorio amable"},
    "guard_body": {
        "en": "This message may identify a patient ({what}). Please remove names, ages, dates, places and record numbers, or share it only with consent (GMC 2024; HIPAA 45 CFR 164.514).",
        "es": "Este mensaje podría identificar a un paciente ({what}). Quita nombres, edades, fechas, lugares y números de historia, o compártelo solo con consentimiento (OMC 2014; HIPAA 45 CFR 164.514).",
    },
    "delete_refused": {
        "en": "Only moderators can delete messages here.",
        "es": "Solo los moderadores pueden borrar mensajes aquí.",
    },
    "delete_done": {"en": "Message deleted. Thank you.", "es": "Mensaje borrado. Gracias."},
    # Sentences the adapters show around the core's replies (buttons, forms, platform errors).
    "internal_error": {
        "en": "Sorry, something went wrong; please try again.",
        "es": "Lo siento, algo salió mal; inténtalo de nuevo.",
    },
    "start_private_first": {
        "en": "Please start a private chat with me first, then try again: {link}",
        "es": "Primero abre un chat privado conmigo y vuelve a intentarlo: {link}",
    },
    "telegram_delete_failed": {
        "en": "I couldn't delete that message: make me an administrator with the right to delete messages.",
        "es": "No pude borrar ese mensaje: hazme administrador con permiso para borrar mensajes.",
    },
    "discord_delete_failed": {
        "en": "I couldn't delete that message (already gone, or I lack the Manage Messages permission).",
        "es": "No pude borrar ese mensaje (ya no existe o me falta el permiso Gestionar mensajes).",
    },
    "delete_button": {"en": "Delete message", "es": "Borrar mensaje"},
    "helpful_button": {"en": "Helpful", "es": "Útil"},
    "not_helpful_button": {"en": "Not helpful", "es": "No útil"},
    "modal_title": {"en": "Add an FAQ entry", "es": "Añadir una pregunta frecuente"},
    "modal_question": {"en": "Question", "es": "Pregunta"},
    "modal_question_hint": {"en": "As members would ask it", "es": "Como la harían los miembros"},
    "modal_extra": {"en": "Other phrasings (optional)", "es": "Otras formas de preguntarlo (opcional)"},
    "modal_extra_hint": {"en": "One per line", "es": "Una por línea"},
    "modal_answer": {"en": "Answer", "es": "Respuesta"},
    "modal_answer_hint": {"en": "Shown as written; cite your source", "es": "Se muestra tal cual; cita la fuente"},
    "dm_closed": {
        "en": "I couldn't message you privately (your DMs are closed). Use the slash command: only you will see it.",
        "es": "No pude escribirte en privado (tienes los MD cerrados). Usa el comando con barra: solo tú lo verás.",
    },
    "sources_label": {"en": "Sources", "es": "Fuentes"},
    "choices_label": {"en": "Choices", "es": "Opciones"},
    "console_banner": {
        "en": "DocSocial console chat. Ask a question (English or Spanish), /help for commands, /quit to leave.",
        "es": "Chat de consola de DocSocial. Pregunta (en español o inglés), /help para los comandos, /quit para salir.",
    },
    "console_bye": {"en": "Bye!", "es": "¡Adiós!"},
    "inbox_late": {
        "en": "Sorry for the delay: your message reached me while I was restarting.",
        "es": "Perdona la demora: tu mensaje me llegó mientras me reiniciaba.",
    },
}
