"""Continue in private: the button and what the private chat asks for."""

from __future__ import annotations

from bot.models import Locale

HANDOFF_TEXTS: dict[str, dict[Locale, str]] = {
    "handoff.button": {"en": "Continue in private", "es": "Continuar en privado"},
    "handoff.check_in_private": {
        "en": (
            "Drafts may contain patient data, so I review them in our private chat, where the group "
            "never sees them. Tap the button and send me your draft there."
        ),
        "es": (
            "Los borradores pueden contener datos de pacientes, así que los reviso en nuestro chat "
            "privado, donde el grupo nunca los ve. Pulsa el botón y envíame allí tu borrador."
        ),
    },
    "handoff.check_prompt_title": {"en": "Send me your draft", "es": "Envíame tu borrador"},
    "handoff.check_prompt_body": {
        "en": (
            "Paste the post you want to publish as your next message and I'll review it for patient "
            "data, advertising rules and professional conduct. I don't store it. /cancel to stop."
        ),
        "es": (
            "Pega como próximo mensaje la publicación que quieres hacer y la revisaré en busca de datos "
            "de pacientes, normas de publicidad y conducta profesional. No la guardo. /cancel para salir."
        ),
    },
    "handoff.check_cancelled": {
        "en": "Cancelled: I'm no longer waiting for a draft.",
        "es": "Cancelado: ya no espero ningún borrador.",
    },
}
