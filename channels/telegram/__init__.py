"""Telegram through the Bot API: sending (channel.py, errors.py) and reading, by webhook or by
getUpdates (updates.py decodes, intake.py hands to the gateway, webhook.py, polling.py,
inbound.py starts the one the settings choose), and its commands (keywords.py)."""

from channels.telegram.channel import TelegramChannel, from_settings
from channels.telegram.errors import TelegramRateLimited

__all__ = ["TelegramChannel", "TelegramRateLimited", "from_settings"]
