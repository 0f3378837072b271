"""The dialogue's memory between messages, as plain JSON on the escalation.

Read leniently: a state from an earlier version, or one mangled in storage, must still give a
sensible next reply, never an error, because the person on the other end is in a crisis.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from escalation.companion.turn import SECTIONS

# "check": asked directly whether they are thinking of suicide (the model's vote alone rated the
# message a crisis); "released": they said no, and the assistant answers again until risk shows.
CHECK, RELEASED = "check", "released"
USE_RISK = "use_risk"  # using alone or after mixing, not (yet) an overdose
DANGER = "danger"  # danger from someone else: a partner, a relative, now
MODES = ("overdose", "plan", "safe", "done", CHECK, RELEASED, USE_RISK, DANGER)
RECALL = "recall"  # the question "could that help tonight?" after recalling an earlier plan


@dataclass(slots=True)
class State:
    mode: str = "plan"
    turns: int = 0  # rotates the wordings, so a reply is never the same twice in a row
    asked: str | None = None  # the safety-plan section (or RECALL) the last reply asked about
    wording: int = 0  # which wording of that question was used; a re-ask uses another
    walk: list[str] = field(default_factory=list)  # sections still to ask, in order
    answers: dict[str, str] = field(default_factory=dict)  # this episode's, for the summary
    called: bool = False  # overdose: 911 is called
    naloxone: str = ""  # overdose: "given", "none" or unknown ("")
    breathing: bool = False  # overdose: they are breathing again
    who: str = ""  # overdose: "self" when the texter took it; "" when it is someone else
    told: list[str] = field(default_factory=list)  # once-only texts already sent this episode
    person: int = 0  # how many times they asked for a person: each gets another wording
    sent: list[str] = field(default_factory=list)  # digests of the last turn's texts

    def dump(self) -> dict[str, Any]:
        return {
            "version": 1,
            "mode": self.mode,
            "turns": self.turns,
            "asked": self.asked,
            "wording": self.wording,
            "walk": list(self.walk),
            "answers": dict(self.answers),
            "called": self.called,
            "naloxone": self.naloxone,
            "breathing": self.breathing,
            "who": self.who,
            "told": list(self.told),
            "person": self.person,
            "sent": list(self.sent),
        }


def parse(raw: Mapping[str, Any] | None) -> State | None:
    """The state given back by the gateway; None when it holds no usable dialogue."""
    if not isinstance(raw, Mapping) or raw.get("mode") not in MODES:
        return None
    return State(
        mode=str(raw["mode"]),
        turns=_count(raw.get("turns")),
        asked=_asked(raw.get("asked")),
        wording=_count(raw.get("wording")),
        walk=[s for s in _strings(raw.get("walk")) if s in SECTIONS],
        answers=_answers(raw.get("answers")),
        called=raw.get("called") is True,
        naloxone=_naloxone(raw.get("naloxone")),
        breathing=raw.get("breathing") is True,
        who="self" if raw.get("who") == "self" else "",
        told=_strings(raw.get("told"))[-20:],
        person=_count(raw.get("person")),
        sent=_strings(raw.get("sent"))[-3:],
    )


def _naloxone(value: Any) -> str:
    return value if isinstance(value, str) and value in ("given", "none") else ""


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def _asked(value: Any) -> str | None:
    return value if value in SECTIONS or value == RECALL else None


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _answers(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        return {}
    return {k: v for k, v in value.items() if k in SECTIONS and isinstance(v, str)}
