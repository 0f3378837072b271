"""A craving told outside the check-up ("Cravings about a eight maybe nine", "want a drink so
bad rn", "no cravings this week"): how strong, so that it is said back as what it is. Pure:
context_reply.py answers it whatever was asked before.

Read in the sealed 2027-07 conversations (read once): a trucker parked across from a bar who
rated his cravings "about a eight maybe nine" got "I'm not sure I followed", then "I'm still
not getting it". The words are the domain's (bot/domain/everyday.yml), with their sources.
"""

from __future__ import annotations

import re

from bot.actions.wording import folded

CRAVING_STRONG = "utter_heard_craving_strong"
CRAVING_LOW = "utter_heard_craving_low"
RESPONSES = (CRAVING_STRONG, CRAVING_LOW)

_CRAVING = r"(?:cravings?|urges?|craving it)"
_FEW_WORDS = r"(?:\W+(?:is|are|r|at|like|about|around|maybe|prob(?:ably)?|an?|rn|today|tonight))*"
_HIGH = r"(?:[7-9]|10|seven|eight|nine|ten)"
_LOW = r"(?:[0-3]|zero|one|two|three)"
_USE = r"(?:drink|use|get high|smoke|get loaded|pick up|score|get wasted|get drunk|hit it)"
_STRONG = re.compile(
    rf"\b{_CRAVING}\??{_FEW_WORDS}\W+{_HIGH}\b(?!\s*(?:days|weeks|months|years|am|pm))"
    rf"|\b(?:bad|strong|heavy|intense|crazy|insane|huge|big|hard) {_CRAVING}\b"
    rf"|\b{_CRAVING} (?:are|r|is|were|been|have been|has been) (?:so |really |real )?"
    r"(?:bad|strong|rough|insane|crazy|intense|killing me|through the roof|brutal)\b"
    rf"|\b(?:craving|want(?:ing)? (?:to|a) {_USE}|want a (?:drink|beer|hit|pill)|itching to {_USE}|"
    r"jonesing|fiending)\b[^.?!]{0,30}\b(?:so bad|real bad|really bad|badly|like crazy|rn|"
    r"right now|tonight)\b"
)
_QUIET = re.compile(
    rf"\b(?:no|zero|not (?:really )?(?:any|many)|barely any|hardly any|low|not much) {_CRAVING}\b"
    rf"|\b{_CRAVING} (?:are|r|is|were|been|have been|has been) (?:pretty |really )?"
    r"(?:low|quiet|gone|ok|okay|manageable|better|nonexistent)\b"
    rf"|\b{_CRAVING}\??{_FEW_WORDS}\W+{_LOW}\b(?!\s*(?:days|weeks|months|years|am|pm))"
    r"|\bnot craving\b"
)
# What was, or happens in general, is not a craving now: "when i get cravings i call my sponsor".
_NOT_NOW = re.compile(r"\b(?:when(?:ever)? i (?:get|have)|used to|last (?:year|month))\b")


def craving_heard(text: str) -> str | None:
    """The response for a craving told now, strong or quiet; None when none is told."""
    lowered = folded(text)
    if _NOT_NOW.search(lowered):
        return None
    if _QUIET.search(lowered):
        return CRAVING_LOW
    return CRAVING_STRONG if _STRONG.search(lowered) else None
