"""What a replay recorded: each conversation's exchanges, in order, with every reply."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# opening: the assistant started (a scheduled check-up or BARC-10), nobody texted;
# trigger: the replay texted the assistant's own trigger for it, in the person's place;
# person: one of the person's turns from the file.
Kind = Literal["opening", "trigger", "person"]


@dataclass(frozen=True)
class Exchange:
    kind: Kind
    text: str  # what was sent; "" for an opening
    expect: str | None  # the file's `expect`, for a person's turn
    replies: tuple[str, ...]  # what the assistant (or the gateway) said back, in order


@dataclass(frozen=True)
class Recorded:
    id: str
    persona: str
    opens_with: str
    exchanges: tuple[Exchange, ...]

    @property
    def person_turns(self) -> list[Exchange]:
        return [e for e in self.exchanges if e.kind == "person"]
