"""Every crisis conversation the end-to-end tests hold, for the figure the suite prints: how
many of the replies a person got equal the reply just before it (the target is none)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field


@dataclass
class CrisisLog:
    conversations: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, replies: list[str]) -> int:
        """Keeps one conversation's replies, in order; returns how many repeat the one before."""
        self.conversations[name] = replies
        return repeats(replies)

    def summary(self) -> str:
        replies = sum(len(r) for r in self.conversations.values())
        repeated = sum(repeats(r) for r in self.conversations.values())
        return (
            f"crisis conversations in the end-to-end tests: {len(self.conversations)}, replies: "
            f"{replies}, replies equal to the one before: {repeated}"
        )


def repeats(replies: list[str]) -> int:
    return sum(1 for before, after in itertools.pairwise(replies) if before == after)


CRISIS_LOG = CrisisLog()
