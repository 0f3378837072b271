"""Choosing wordings and finishing a turn: never the same text twice in a row, and 988 or 911
always one line away."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from escalation.companion.language import wait_phrase
from escalation.companion.texts import wordings

LONGEST_TEXT = 300  # an SMS of two segments; longer is hard to read in a crisis
MOST_TEXTS = 3
LIFELINES = ("988", "911")


def digest(text: str) -> str:
    """A short fingerprint of a reply we sent: enough to avoid repeating it, without keeping it."""
    return hashlib.blake2b(" ".join(text.split()).encode(), digest_size=6).hexdigest()


@dataclass(frozen=True, slots=True)
class Voice:
    """The person's language, a rotation counter, the wait, and the texts not to send again."""

    language: str
    turn: int
    wait: timedelta
    avoid: frozenset[str]  # digests

    def say(self, key: str, offset: int = 0, **values: str) -> str:
        """A wording of `key`, rotating with the turn, skipping any just sent."""
        options = [
            text.format(wait=wait_phrase(self.wait, self.language), **values)
            for text in wordings(key, self.language)
        ]
        start = self.turn + offset
        rotated = [options[(start + i) % len(options)] for i in range(len(options))]
        return next((text for text in rotated if digest(text) not in self.avoid), rotated[0])

    def finish(
        self,
        texts: list[str],
        lifeline_key: str = "lifeline.line",
        numbers: tuple[str, ...] = LIFELINES,
    ) -> list[str]:
        """Drop repeats, keep at most MOST_TEXTS, and add the lifeline line when none has it
        (during an overdose only 911 will do: 988 is not who comes with naloxone)."""
        kept: list[str] = []
        for text in texts:
            if text and digest(text) not in self.avoid and text not in kept:
                kept.append(text)
        kept = kept[:MOST_TEXTS]
        if not any(number in text for text in kept for number in numbers):
            kept = self._with_lifeline(kept, self.say(lifeline_key))
        return kept

    def _with_lifeline(self, texts: list[str], line: str) -> list[str]:
        if not texts:
            return [line]
        joined = f"{texts[-1]} {line}"
        fits = len(joined) <= LONGEST_TEXT and digest(joined) not in self.avoid
        if fits or len(texts) == MOST_TEXTS:
            return [*texts[:-1], joined]
        return [*texts, line]
