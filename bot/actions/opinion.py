"""Questions that ask the assistant what it thinks: whether they can do it, what they should do,
how to say something hard to someone. Pure functions, no engine.

Each is a real question a peer would answer rather than miss, and none is for the assistant to
decide. MI answers doubt by evoking the person's own evidence of ability, a choice by handing it
back with its autonomy and exploring both sides, and a request for how-to with information the
person asked for (Miller and Rollnick, Motivational Interviewing, 4th ed., 2023). The words are
the domain's (bot/domain/everyday.yml); this module only says which.

They were the commonest question the read and tune conversations missed: "do you think i can
actually do it again?", "you think i can actually pull this off?", "should i tell my home group
or just quietly reset", "How do I bring it up with my son without him shutting down?" (the tune
conversations of 2027-08: each got a generic fallback or "it sounds like there's a lot behind
that").
"""

from __future__ import annotations

import re

from bot.actions.wording import folded

DOUBT = "utter_heard_doubt"
CHOICE = "utter_heard_choice"
HARD_TALK = "utter_hard_talk"
RESPONSES = (DOUBT, CHOICE, HARD_TALK)

_ABLE = (
    r"(?:can|could|will|ll|am|actually|really|gonna|going\s+to|make\s+it|stay|pull|do\s+(?:it|"
    r"this)|get\s+through|beat|stick|keep)"
)
# "do you think i can actually do it again?", "will i ever get there", "am i gonna make it"
_DOUBT = re.compile(
    r"\b(?:you|u|ya)\s+(?:really\s+)?(?:think|reckon|believe)\s+(?:that\s+)?(?:i|ill|im)\s+"
    rf"(?:\w+\s+)?{_ABLE}\b"
    r"|\b(?:can|could)\s+i\s+(?:really|actually|even)\s+(?:do|make|stay|pull|beat|stick|get)\b"
    r"|\bwill\s+i\s+(?:ever|actually|really|make\s+it)\b"
    r"|\bam\s+i\s+(?:ever\s+)?(?:gonna|going\s+to)\s+(?:make\s+it|be\s+ok(?:ay)?|get\s+there)\b"
    r"|\bis\s+it\s+even\s+possible\s+for\s+(?:me|someone\s+like\s+me)\b"
)
# "should i tell my home group or just quietly reset", "what would you do if you were me"
_CHOICE = re.compile(
    r"\bshould\s+i\b.*\bor\b|\b(?:you|u)\s+think\s+i\s+should\b"
    r"|\bshould\s+i\s+(?:just\s+)?(?:tell|say|go|call|quit|keep|try|bother|let|ask|move|leave|"
    r"stay|wait|forgive|cut|block|text|answer|confront)\b"
    r"|\bwhat\s+(?:would|should|do)\s+(?:you|u)\s+do\b|\bif\s+(?:you|u)\s+were\s+me\b"
    r"|\bwhat\s+should\s+i\s+do\b|\bwhat\s+would\s+(?:you|u)\s+(?:say|suggest|recommend)\b"
)
# "how do i even bring it up without it turning into a fight", "how do I tell my mom"
_HARD_TALK = re.compile(
    r"\bhow\s+(?:do|can|should|would)\s+i\s+(?:even\s+|ever\s+)?(?:bring\s+(?:it|this|that)\s+up|"
    r"tell\s+(?:him|her|them|my)|talk\s+to\s+(?:him|her|them|my)|approach\s+(?:him|her|them|my)|"
    r"start\s+(?:the|that|this)\s+conversation|say\s+(?:it|this|that)\s+to|confront)\b"
)


def _plain(text: str) -> str:
    return " ".join(folded(text).split())


def opinion_asked(text: str) -> str | None:
    """The response for a question that asks what the assistant thinks, or None."""
    plain = _plain(text)
    for pattern, response in ((_HARD_TALK, HARD_TALK), (_CHOICE, CHOICE), (_DOUBT, DOUBT)):
        if pattern.search(plain):
            return response
    return None
