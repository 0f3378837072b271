"""Custom actions, one file per feature. The action server loads this package."""

from bot.actions.barc10 import ActionBarc10Finish, ActionBarc10Start, ValidateBarc10Form
from bot.actions.checkup import (
    ActionCheckupConnectPeer,
    ActionCheckupFinish,
    ActionCheckupFirstAnswer,
    ActionCheckupReschedule,
    ActionCheckupStart,
    ValidateCheckupForm,
)
from bot.actions.context import ActionInContext, ActionInContextFallback
from bot.actions.fallback import ActionRequestPeer
from bot.actions.greet import ActionGreetParticipant
from bot.actions.handback import ActionResumeAfterHandback
from bot.actions.resources import (
    ActionResourcesDeclined,
    ActionResourcesMore,
    ActionResourcesOffer,
    ActionResourcesShow,
)
from bot.actions.rulers import ActionRulersFinish, ActionRulersStart, ValidateRulersForm

__all__ = [
    "ActionBarc10Finish",
    "ActionBarc10Start",
    "ActionCheckupConnectPeer",
    "ActionCheckupFinish",
    "ActionCheckupFirstAnswer",
    "ActionCheckupReschedule",
    "ActionCheckupStart",
    "ActionGreetParticipant",
    "ActionInContext",
    "ActionInContextFallback",
    "ActionRequestPeer",
    "ActionResourcesDeclined",
    "ActionResourcesMore",
    "ActionResourcesOffer",
    "ActionResourcesShow",
    "ActionResumeAfterHandback",
    "ActionRulersFinish",
    "ActionRulersStart",
    "ValidateBarc10Form",
    "ValidateCheckupForm",
    "ValidateRulersForm",
]
