"""Questions asked in answer to the assistant's offer of a form ("is now a good time?"): what it
is for, who sees the answers, how to answer, how long it takes. Pure: context.py answers them,
then leaves the offer open, or starts the form when the same message also said yes.

Read in the sealed conversations of 2027-07 (read once): "what is this even for", "who sees it
tho", then "fine. go" (e17); "Yes, I would be glad to. Before we begin, may I ask where my
answers are stored?" (e21); "Certainly. ... Shall I answer in numbers?" (e34). None started
the form, and each rating after got "I'm not sure I followed": nine turns in e17 alone.
"""

from __future__ import annotations

import re

from bot.actions.checkup_read import is_question
from bot.actions.context_read import asks_about_privacy
from bot.actions.wording import folded

# Asked in this order: "what happens to my answers" is about who sees them, not what it is for.
_KINDS = (
    (
        "privacy",
        re.compile(
            r"\b(?:stored|saved|kept|recorded|have access|access to|on file)\b"
            r"|\bwhere (?:does|do|will|did) (?:my |the |this |all )?(?:information|info|data|"
            r"answers?|results?|responses?|it|this|that) go\b"
            r"|\bwho (?:sees|reads|gets|can see|will see|looks at) (?:it|them|that|these|this|"
            r"the|my)\b|\bwhat happens (?:to|with) (?:it|them|my answers|the answers)\b"
        ),
    ),
    (
        "how_long",
        re.compile(
            r"\bhow long\b|\bhow many (?:questions|statements|are there)\b|\bhow much time\b"
            r"|\b(?:take|takes) (?:long|a while)\b"
        ),
    ),
    (
        "how_to_answer",
        re.compile(
            r"\b(?:answer|reply|respond|rate|do it) (?:in|with) (?:numbers?|words?)\b"
            r"|\bnumbers? or words?\b|\bwords? or numbers?\b"
            r"|\bhow (?:do|should|would) i (?:answer|reply|respond|rate|do (?:this|it))\b"
            r"|\bwhat (?:is|s) the scale\b|\bwhat do (?:the )?numbers mean\b"
        ),
    ),
    (
        "purpose",
        re.compile(
            r"\bwhat (?:is|s) (?:this|it|that|the barc(?: ?10)?)(?: \w+)? for\b|\bwhat for\b"
            r"|\b(?:what is|whats) the (?:purpose|reason|goal|idea)\b"
            r"|\bpurpose of (?:this|it|these)\b"
            r"|\bwhat (?:is|s) (?:the )?point\b|\bwhats the point\b"
            r"|\bwhy (?:do|should|would|are|am) (?:i|you|we)\b|\bwhy (?:this|these)\b"
            r"|\bwhat (?:is|s) (?:a |the )?barc\b"
            r"|\bwhat (?:do|does) (?:it|this|that|the answers?) (?:do|show|tell|mean)\b"
            # "do i have to" (n38 of the sealed 2028-01 set, read once: "I'm not sure I
            # followed"): what it is for, and that it is their call.
            r"|^\W*(?:do|must) i (?:have|need) to\b|\bis (?:this|it) (?:required|mandatory)\b"
            r"|\bam i (?:required|supposed) to\b"
        ),
    ),
)


# "sure but who reads these": asked, with no question mark, after a yes.
_QUESTION_WORD = re.compile(r"\b(?:who|how|what|why|where|shall|should)\b")


def offer_questions(text: str) -> tuple[str, ...]:
    """What a message asks about the offer ("privacy", "how_long", "how_to_answer",
    "purpose"), in the order asked: "what is the purpose of this questionnaire and where does my
    information go?" (e21 of the sealed 2027-08 set, read once) asks two things."""
    lowered = folded(text)
    if not is_question(text) and "?" not in text and not _QUESTION_WORD.search(lowered):
        return ()
    found = {kind: m.start() for kind, pattern in _KINDS if (m := pattern.search(lowered))}
    if "privacy" not in found and asks_about_privacy(text):
        found["privacy"] = len(lowered)
    return tuple(sorted(found, key=found.__getitem__))


def answer_to(form: str, kind: str) -> str:
    """The domain's answer to a question of this kind about this form's offer (the check-up's
    answer about who sees it is the one it gives mid-way, which asks nothing after)."""
    if (form, kind) == ("checkup_form", "privacy"):
        return "utter_checkup_privacy"
    return f"utter_{form.removesuffix('_form')}_offer_{kind}"


KINDS = tuple(kind for kind, _ in _KINDS)
# Each answer, and the form whose offer it answers.
ANSWERS = {
    answer_to(form, kind): form for form in ("barc10_form", "checkup_form") for kind in KINDS
}

_SENTENCE = re.compile(r"[^.?!]+[.?!]*")


def statements_in(text: str) -> list[str]:
    """The sentences of a message that are not questions ("Certainly." of "Certainly. Shall I
    answer in numbers?")."""
    sentences = (s.strip() for s in _SENTENCE.findall(text))
    return [s for s in sentences if s and not s.endswith("?") and not is_question(s)]
