"""The closing summary of a check-up, in the person's own words: pure, no I/O.

Their words are said back in the second person ("call my sponsor" -> "call your sponsor"),
without quotation marks (a reflection, not a transcript) and never cut in the middle of a
phrase; each part is a whole sentence. What they skipped is left out, and use is not repeated:
a summary shows on a lock screen, and it is theirs to bring up again, not ours.
"""

from __future__ import annotations

from bot.actions.checkup_read import parse_supports
from escalation.companion.paraphrase import second_person, tidy

SUPPORT_NAMES = {
    "meetings": "meetings",
    "sponsor": "your sponsor",
    "peer": "a peer",
    "counselor": "your counselor",
    "medication": "your medication",
}


def said_back(text: str) -> str:
    """Their answer in the second person, filler dropped, ending where a clause ends."""
    return second_person(tidy(text, "en"), "en")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(("?", "!")) else ".")


def listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _supports_part(text: str) -> str:
    kinds = parse_supports(text)
    if kinds:
        return f"you leaned on {listed([SUPPORT_NAMES[k] for k in kinds])}"
    return f"for support, you named {said_back(text)}"


def summary(answers: dict[str, str | int | None]) -> str:
    """What they said, question by question; `answers` holds the texts (cravings: 0-10)."""
    parts: list[str] = []
    how, cravings, supports = answers.get("how"), answers.get("cravings"), answers.get("supports")
    went_well, step = answers.get("went_well"), answers.get("next_step")
    if isinstance(how, str):
        parts.append(f"on how things have been, you said {said_back(how)}")
    if isinstance(cravings, int):
        parts.append(f"cravings were around {cravings} out of 10")
    if isinstance(supports, str):
        parts.append(_supports_part(supports))
    if isinstance(went_well, str):
        parts.append(f"something that went well: {said_back(went_well)}")
    if isinstance(step, str):
        parts.append(f"your next step, in your words: {said_back(step)}")
    if not parts:
        return "You chose to keep this one short, and that's okay."
    return " ".join(_sentence(part) for part in parts)
