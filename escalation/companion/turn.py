"""What one message gets back: the texts, the dialogue's state, and a safety-plan line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Stanley & Brown (2012), in the order the plan is built.
SECTIONS = (
    "warning-signs",
    "coping",
    "distractions",
    "people-to-ask",
    "professionals",
    "safer-surroundings",
    "reasons-for-living",
)


@dataclass(frozen=True, slots=True)
class PlanLine:
    section: str  # one of SECTIONS
    text: str  # the person's own words, in second person ("your brother Mike"); <= 200 chars


@dataclass(frozen=True, slots=True)
class Turn:
    texts: list[str]  # the replies to send, in order (1-3 short texts)
    state: dict[str, Any]  # JSON-serialisable; given back to follow_up with the next message
    plan_line: PlanLine | None  # a safety-plan answer to store, if this message gave one
    language: str  # "en" or "es": the language of these texts
