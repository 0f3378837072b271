"""A conversation with the companion, one message at a time, as the gateway holds it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from escalation.companion import PlanLine, Turn, follow_up, language_of, opening
from escalation.levels import Level, Screening

WAIT = timedelta(minutes=15)
NONE = Screening(Level.NONE)
OVERDOSE = Screening(Level.EMERGENCY, ("overdose:unresponsive",))
SUICIDAL = Screening(Level.CRISIS, ("suicide:ideation",))
# As the screener reads "I JUST TOOK ALL MY PILLS" and "my boy is od'ing rn he wont wake up".
OWN_OVERDOSE = Screening(Level.EMERGENCY, ("overdose:ingested-quantity",))
BYSTANDER = Screening(
    Level.EMERGENCY, ("overdose:in-progress", "overdose:unresponsive", "context:other-person")
)
DEATH_WISH = Screening(Level.CRISIS, ("suicide:death-wish",))


@dataclass
class Conversation:
    """Keeps what the gateway keeps: the state, the language, the plan and the last reply."""

    language: str = "en"
    plan: list[PlanLine] = field(default_factory=list)
    state: dict[str, Any] | None = None
    turns: list[Turn] = field(default_factory=list)

    def open(self, screening: Screening, text: str = "") -> Turn:
        turn = opening(
            screening, language=self.language, plan=tuple(self.plan), wait=WAIT, text=text
        )
        return self._keep(turn)

    def say(self, text: str, screening: Screening = NONE) -> Turn:
        self.language = language_of(text, self.language)
        previous = self.turns[-1].texts[-1] if self.turns else None
        turn = follow_up(
            text,
            screening,
            self.state,
            language=self.language,
            plan=tuple(self.plan),
            previous_reply=previous,
            wait=WAIT,
        )
        return self._keep(turn)

    def _keep(self, turn: Turn) -> Turn:
        self.state = turn.state
        self.turns.append(turn)
        if turn.plan_line:
            self.plan.append(turn.plan_line)
        return turn


def joined(turn: Turn) -> str:
    return " ".join(turn.texts)


def has_lifeline(texts: Sequence[str]) -> bool:
    return any("988" in text or "911" in text for text in texts)
