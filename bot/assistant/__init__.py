"""The assistant: one `Message` in, one `Reply` out, the same on every platform."""

from bot.assistant.facade import Assistant, ChatContext, OperatorContext

__all__ = ["Assistant", "ChatContext", "OperatorContext"]
