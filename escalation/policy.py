"""Response targets per level, and what a peer alert says.

An alert says the level and gives a console link, never the message text or the participant's
number: a text message or a Telegram chat is not a secure channel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from escalation.levels import Level
from store.escalation_models import AlertKind


@dataclass(frozen=True, slots=True)
class ResponseTargets:
    """How soon a peer must claim an escalation before everyone on call is alerted again."""

    emergency: timedelta
    crisis: timedelta
    concern: timedelta

    def within(self, level: Level) -> timedelta:
        if level >= Level.EMERGENCY:
            return self.emergency
        return self.crisis if level >= Level.CRISIS else self.concern


_OPENINGS = {
    AlertKind.ALERT: "Warmline: new {level} escalation #{id}.",
    AlertKind.REMINDER: "Warmline: {level} escalation #{id} is still unclaimed.",
    AlertKind.SUPERVISOR: "Warmline supervisor: {level} escalation #{id} is unclaimed after "
    "repeated alerts.",
    AlertKind.OPTED_OUT: "Warmline: the person in {level} escalation #{id} stopped texts (STOP, "
    "a carrier opt-out or a blocked bot): replies can no longer reach them on that channel.",
    AlertKind.NEW_MESSAGE: "Warmline: new message in {level} escalation #{id}.",
    AlertKind.RAISED: "Warmline: escalation #{id} raised to {level}.",
    AlertKind.TAKEOVER_EMERGENCY: "Warmline: EMERGENCY in #{id}, a conversation a peer has taken "
    "over.",
    AlertKind.ASSIGNED: "Warmline: {level} escalation #{id} was assigned to you.",
}


def alert_text(kind: AlertKind, level: Level, escalation_id: int, base_url: str) -> str:
    opening = _OPENINGS[kind].format(level=level.label.upper(), id=escalation_id)
    action = "Respond now" if level >= Level.CRISIS else "Review"
    return f"{opening} {action}: {base_url}/console/escalations/{escalation_id}"


def humanise(span: timedelta) -> str:
    """'15 minutes', '2 hours', 'a day': how long the participant should expect to wait."""
    minutes = round(span.total_seconds() / 60)
    if minutes < 90:
        return f"{minutes} minutes" if minutes != 1 else "a minute"
    hours = round(minutes / 60)
    return (
        f"{hours} hours" if hours < 24 else ("a day" if hours < 36 else f"{round(hours / 24)} days")
    )
