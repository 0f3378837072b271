"""Custom actions, one file per feature. The action server loads this package."""

from bot.actions.greet import ActionGreetParticipant

__all__ = ["ActionGreetParticipant"]
