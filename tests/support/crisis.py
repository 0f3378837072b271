"""What the gateway answers a first message that opens an emergency or crisis: the crisis
companion's opening for that message's screening, with the system's response targets."""

from __future__ import annotations

from core.settings import Settings
from escalation import companion
from escalation.screening import screen
from escalation.service import EscalationPolicy


def opening_for(text: str, settings: Settings) -> list[str]:
    """The texts a person gets first for `text`, sent with no earlier messages and no plan."""
    screening = screen(text)
    wait = EscalationPolicy.from_settings(settings).targets.within(screening.level)
    language = companion.language_of(text, None)
    return companion.opening(screening, language=language, plan=[], wait=wait).texts
