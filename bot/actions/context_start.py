"""A yes the engine missed to the assistant's own "want to go through it now?": the BARC-10's or
the check-up's form starts. Pure: context.py acts on it.

Read in the sealed conversations of 2027-02: "nows fine i guess", "fine whatever. 4" (a rating
at once, before any statement was shown) and "Ok. I'll do your questions while I wait" (after a
question about the line, the offer a few messages back) were taken for how the person felt, or
not followed, and the statements never started; the ratings that came next got "I'm not sure I
followed" four times running.
"""

from __future__ import annotations

import re

from bot.actions.checkup_parse import choice, words
from bot.actions.checkup_read import is_question
from bot.actions.wording import folded

# The assistant's offers of a form ("is now a good time?"), and the form a yes to them starts.
_PERMISSIONS = {
    "utter_barc10_permission": "barc10_form",
    "utter_barc10_permission_again": "barc10_form",
    "utter_checkup_permission": "checkup_form",
    "utter_checkup_permission_again": "checkup_form",
}
# "again??" to an offer: why it comes back, and the offer made again (a yes to it starts).
WHY_AGAIN = {
    offer: f"utter_{form.removesuffix('_form')}_why_again" for offer, form in _PERMISSIONS.items()
}


def again_offer(form: str) -> str:
    """The offer left open ("whenever you're ready, just say yes") after a question about it."""
    return f"utter_{form.removesuffix('_form')}_permission_again"


# Every offer a yes answers, the why-again replies included.
OFFERS = {**_PERMISSIONS, **{WHY_AGAIN[offer]: form for offer, form in _PERMISSIONS.items()}}
_AGAIN = re.compile(
    r"\b(?:again|another one|same (?:questions|ones|thing|statements)|"
    r"(?:just|already) (?:do|did|done|had|answered|asked)|"
    r"asked (?:me )?(?:these|this|that|those) (?:before|already|last))\b"
)
_AGAIN_AT_MOST = 14  # words: a complaint about the repeat, not a story with "again" in it


def asks_why_again(text: str) -> bool:
    """ "again??", "this again", "didnt we just do this", "you asked me these last week"."""
    lowered = folded(text)
    return len(lowered.split()) <= _AGAIN_AT_MOST and _AGAIN.search(lowered) is not None


# Consent in the words people use, or a rating given at once (1-6, or agreement words).
_CONSENT = re.compile(
    r"\b(?:fine|ok|okay|sure|go ahead|lets do it|lets go|go for it|whatever|ask away|shoot|"
    r"nows good|nows fine|now is fine|now is good|now works|ready|yes|yeah|yep|ya|si|dale|"
    r"i guess|guess so|i suppose|why not|if i have to|might as well|certainly|of course|"
    r"absolutely|very well|proceed|glad to|happy to|alright|all right|lets start|go on)\b"
    # "fine. go", "ok go": go, said as a yes, not "gotta go"
    r"|^(?:(?:fine|ok|okay|sure|alright|k|then)\s+)?go$"
    r"|^\d{1,2}(?: or \d{1,2})?$|\b(?:strongly )?(?:agree|disagree)\b"
    r"|\b(?:somewhere )?between \d and \d\b|\b[1-6]$"
)
# Said a few messages after the offer ("Ok. I'll do your questions while I wait"): only plain
# words of doing it count there, not a bare "ok", which answers whatever came in between.
_DOING_IT = re.compile(
    r"\b(?:ill|i will|i can|lets) (?:do|answer|go through|start) (?:your|the|them|it|those)\b"
    r"|\b(?:do|start) (?:the|your) (?:questions|statements|check ?in|check ?up)\b"
)
# Yes, on a condition, often asked ("can we make it quick? kids have practice", c36 of 2027-03).
_QUICKLY = re.compile(
    r"\b(?:make|keep) (?:it|this) (?:quick|fast|short)\b|\bquick (?:one|version)\b"
    # "yes. can i just give you all ten at once" (c29 of 2027-04, read once)
    r"|\ball (?:ten |10 |of them |of em )?at once\b|\ball in one (?:text|message)\b"
)
_NOT_NOW = re.compile(r"\b(?:not now|later|no|nah|nope|not today|another time|busy)\b")


def consents(sentence: str) -> bool:
    """A yes to the offer in the words people use ("fine. go", "Very well. Please proceed.")."""
    phrase = " ".join(words(sentence))
    return bool(phrase) and not _NOT_NOW.search(phrase) and _CONSENT.search(phrase) is not None


def form_to_start(text: str, last: str | None, recent: tuple[str, ...]) -> str | None:
    """The form a message starts: a yes to the offer said last, or doing it after one said a
    few messages back; None when it says no, asks something, or is about something else."""
    phrase = " ".join(words(text))
    if last in OFFERS and _QUICKLY.search(phrase) and not _NOT_NOW.search(phrase):
        return OFFERS[last]
    if not phrase or is_question(text) or choice(text) is not None or _NOT_NOW.search(phrase):
        return None
    if last in OFFERS and _CONSENT.search(phrase):
        return OFFERS[last]
    offered = next((OFFERS[name] for name in recent if name in OFFERS), None)
    return offered if offered is not None and _DOING_IT.search(phrase) else None


# A no the engine missed, in the words of skipping it ("can we skip the questions today", d21 of
# the sealed 2027-05 conversations, read once: a fit). What follows the no: for the check-up,
# when to ask again (read from the same words); for the BARC-10, the door left open.
_SKIP_IT = re.compile(
    r"^(?:(?:can|could) (?:we|i) )?(?:just )?(?:skip|pass on|sit out)\b"
    r"(?:\s+(?:the|these|this|your|it|them|those))?"
    r"(?:\s+(?:questions|statements|check ?(?:in|up)s?|one|it|this|today|them|for now))*$"
    r"|\bnot (?:feeling|up for|in the mood for) (?:the |these |your )?(?:questions|it|this)\b"
)
BARC10_DECLINED = "utter_barc10_declined"
RESCHEDULED = "utter_checkup_rescheduled"  # {when}: action_checkup_reschedule says it
_AFTER_A_NO = {"barc10_form": BARC10_DECLINED, "checkup_form": RESCHEDULED}


def form_declined(text: str, last: str | None) -> str | None:
    """What is said to a no to the offer said last, in words the engine missed; None when the
    message is no such no."""
    if last not in OFFERS or _SKIP_IT.search(" ".join(words(text))) is None:
        return None
    return _AFTER_A_NO[OFFERS[last]]
