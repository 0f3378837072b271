"""What the participant is told when the warmline cannot give its usual answer.

Every such message carries 988 (call or text) and 911: a person in crisis may be the one
whose message arrives while the assistant is down.
"""

from __future__ import annotations

from escalation.levels import Level

HOLDING_REPLY = (
    "Thanks for your message. I can't answer properly right now and will reply as soon as I can. "
    "If you're in crisis, call or text 988 any time. If your life is in danger, call 911."
)

_CRISIS_REPLIES = {
    Level.EMERGENCY: (
        "If you or someone with you is in danger right now, call 911 now.",
        "You can also call or text 988, the Suicide & Crisis Lifeline, any time.",
    ),
    Level.CRISIS: (
        "I'm really glad you told me. You don't have to go through this alone.",
        "You can call or text 988 any time to talk with a trained crisis counselor. "
        "If you're in danger right now, call 911.",
    ),
}


def crisis_reply(level: Level) -> list[str]:
    """The immediate answer for a crisis or emergency, sent by the gateway itself."""
    return list(_CRISIS_REPLIES.get(level, _CRISIS_REPLIES[Level.CRISIS]))
