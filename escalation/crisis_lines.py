"""What the participant is told when the warmline cannot give its usual answer.

Every such message carries 988 (call or text) and 911: a person in crisis may be the one
whose message arrives while the assistant is down.
"""

from __future__ import annotations

HOLDING_REPLY = (
    "Thanks for your message. I can't answer properly right now and will reply as soon as I can. "
    "If you're in crisis, call or text 988 any time. If your life is in danger, call 911."
)
