"""Telegram through the Bot API: the outbound half (rendering, sending, error policy)."""

from channels.telegram.channel import TelegramChannel
from channels.telegram.errors import TelegramRateLimited

__all__ = ["TelegramChannel", "TelegramRateLimited"]
