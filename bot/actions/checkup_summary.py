"""The closing summary of a check-up, in the person's own words: pure, no I/O.

Their words are quoted back (shortened for SMS), what they skipped is left out, and use is not
repeated: a summary shows on a lock screen, and it is theirs to bring up again, not ours.
"""

from __future__ import annotations

from bot.actions.checkup_read import parse_supports

QUOTE_LENGTH = 70
SUPPORT_NAMES = {
    "meetings": "meetings",
    "sponsor": "your sponsor",
    "peer": "a peer",
    "counselor": "your counselor",
    "medication": "your medication",
}


def quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > QUOTE_LENGTH:
        text = text[: QUOTE_LENGTH - 3].rsplit(" ", 1)[0] + "..."
    return f'"{text}"'


def listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _supports_part(text: str) -> str | None:
    kinds = parse_supports(text)
    if kinds:
        return f"you leaned on {listed([SUPPORT_NAMES[k] for k in kinds])}"
    return f"for support: {quote(text)}"


def summary(answers: dict[str, str | int | None]) -> str:
    """What they said, question by question; `answers` holds the texts (cravings: 0-10)."""
    parts: list[str] = []
    how, cravings, supports = answers.get("how"), answers.get("cravings"), answers.get("supports")
    went_well, step = answers.get("went_well"), answers.get("next_step")
    if isinstance(how, str):
        parts.append(f"things have been {quote(how)}")
    if isinstance(cravings, int):
        parts.append(f"cravings were around {cravings} out of 10")
    if isinstance(supports, str):
        parts.append(_supports_part(supports) or "")
    if isinstance(went_well, str):
        parts.append(f"something that went well: {quote(went_well)}")
    if isinstance(step, str):
        parts.append(f"and your next step, in your words: {quote(step)}")
    return "; ".join(parts) + "." if parts else "you chose to keep this one short, and that's okay."
