"""Words for acting on someone else's message (Discord's message menu) and sharing a private answer."""

from __future__ import annotations

from bot.models import Locale

ACTION_TEXTS: dict[str, dict[Locale, str]] = {
    "action.check": {"en": "Check this post", "es": "Revisar esta publicación"},
    "action.ask": {"en": "Ask DocSocial", "es": "Preguntar a DocSocial"},
    "action.no_text": {
        "en": "That message has no text I can read (only images, files or embeds).",
        "es": "Ese mensaje no tiene texto que pueda leer (solo imágenes, archivos o incrustaciones).",
    },
    "action.share_button": {"en": "Post publicly", "es": "Publicar para todos"},
}
