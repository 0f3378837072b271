"""Levels of risk, lowest to highest, and the result of screening one message."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Level(IntEnum):
    NONE = 0
    CONCERN = 1
    CRISIS = 2
    EMERGENCY = 3

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Screening:
    level: Level
    reasons: tuple[str, ...] = ()
