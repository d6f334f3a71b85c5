"""A core `Form` as a Discord modal; the submission goes back to the client by the form's name."""

from __future__ import annotations

import logging
from typing import Any

import discord

from adapters.discord.render import truncate
from bot.models import Form

log = logging.getLogger(__name__)

DESCRIPTION_LIMIT = 100
MODAL_TITLE_LIMIT = 45  # modal titles and field labels

# --- translating Discord into the core's terms -------------------------------------------------

class FormModal(discord.ui.Modal):
    """A core `Form` as a modal; its submission goes back to the core by the form's name."""

    def __init__(self, form: Form) -> None:
        super().__init__(title=truncate(form.title, MODAL_TITLE_LIMIT), timeout=900)
        self.form = form
        self.inputs: dict[str, discord.ui.TextInput[FormModal]] = {}
        for spec in form.fields:
            field: discord.ui.TextInput[FormModal] = discord.ui.TextInput(
                style=discord.TextStyle.paragraph if spec.multiline else discord.TextStyle.short,
                required=spec.required, max_length=spec.max_length)
            self.inputs[spec.name] = field
            self.add_item(discord.ui.Label(text=truncate(spec.label, MODAL_TITLE_LIMIT),
                                           description=truncate(spec.hint, DESCRIPTION_LIMIT) or None,
                                           component=field))

    async def on_submit(self, interaction: discord.Interaction[Any], /) -> None:
        """Hand the values to the client's `on_form` (set by the client, so this module needs no assistant)."""
        values = {name: field.value for name, field in self.inputs.items()}
        handler = getattr(interaction.client, "on_form", None)
        if handler is not None:
            await handler(interaction, self.form.name, values)

    async def on_error(  # type: ignore[override]  # Modal's own signature; mypy compares with BaseView's
        self, interaction: discord.Interaction[Any], error: Exception, /
    ) -> None:
        handler = getattr(interaction.client, "on_form_error", None)
        if handler is not None:
            await handler(interaction, error)
