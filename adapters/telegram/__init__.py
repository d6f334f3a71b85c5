"""Telegram adapter: python-telegram-bot Application (polling or webhook); see app.py."""

from adapters.telegram.app import build_application, file_url, menu, serve
from adapters.telegram.incoming import ModeratorCache, TelegramContext, classify, locale_of

__all__ = ["ModeratorCache", "TelegramContext", "build_application", "classify", "file_url", "locale_of", "menu",
           "serve"]
