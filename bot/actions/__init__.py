"""Custom actions, one file per feature. The action server loads this package."""

from bot.actions.barc10 import ActionBarc10Finish, ActionBarc10Start, ValidateBarc10Form
from bot.actions.greet import ActionGreetParticipant

__all__ = [
    "ActionBarc10Finish",
    "ActionBarc10Start",
    "ActionGreetParticipant",
    "ValidateBarc10Form",
]
