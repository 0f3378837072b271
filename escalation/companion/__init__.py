"""The crisis companion: a small deterministic dialogue over clinician-editable YAML
(companion.yml) that answers each message while an emergency or crisis is open and no peer has
taken over. Pure: no database, no gateway; the gateway stores `Turn.state` and the plan lines."""

from escalation.companion.dialogue import emergency_with_peer, follow_up, opening
from escalation.companion.language import language_of
from escalation.companion.turn import SECTIONS, PlanLine, Turn

__all__ = [
    "SECTIONS",
    "PlanLine",
    "Turn",
    "emergency_with_peer",
    "follow_up",
    "language_of",
    "opening",
]
