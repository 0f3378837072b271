"""Change talk and sustain talk a person volunteers outside the script, and what of it is said
back: pure, no I/O.

MI (Miller and Rollnick) listens for the person's own arguments for change (desire, ability,
reasons, need; commitment, activation, taking steps) and for staying the same (sustain talk),
and answers both with reflections rather than argument. Each kind here has a reflection in the
domain (bot/domain/change_talk.yml) with the content picked up in `{said}`: the person's words
in the second person ("because of my kids" -> "because of your kids"), never in quotation marks,
never cut in the middle of a phrase. Sustain talk and "I don't have a problem" are reflected
with their autonomy and lead to no rulers and no plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from bot.actions.rulers_parse import stage_of
from escalation.companion.paraphrase import first_clause, second_person, tidy
from store.checkup_rulers import Stage


class Kind(Enum):
    REASON = "reason"  # "because of my kids"
    DONE_BEFORE = "done_before"  # "I made it two weeks once"
    STEP = "step"  # "calling my sponsor more"
    COMMIT = "commit"  # "my next step is to stop avoiding the grief group", "im gonna call her"
    DESIRE = "desire"  # "I want to be there for my kids"
    SUSTAIN = "sustain"  # "drinking is the only thing that helps me sleep"
    NOT_READY = "not_ready"  # "I don't think I have a problem"
    SENT = "sent"  # "the judge made me do this", "my mom signed me up": not their idea


# Sustain talk and pre-contemplation: reflected with autonomy, never led into the rulers.
STAYING = frozenset({Kind.SUSTAIN, Kind.NOT_READY, Kind.SENT})
# Here because someone else wants it: said back as not their idea, whatever else the message
# says, with their say in what (if anything) they want from it; never led into the rulers.
_SENT = re.compile(
    r"\b(?:made|makes|making|forced|forcing|signed|sent|ordered)\s+me\s+(?:up\b|(?:to\s+)?(?:do|"
    r"doing)\s+this|(?:to\s+)?text|here\b|(?:do\s+)?this\s+(?:thing|program|check))"
    r"|\b(?:court[\s-]ordered|mandated|court\s+makes\s+me)\b"
)
_OPENERS = (
    r"(?:(?:honestly|tbh|well|i mean|idk|i guess|maybe|probably|prob|mostly|mainly|just)\s+)*"
)
_RATING = r"(?:(?:like\s+)?(?:a\s+)?\d+(?:\s*/\s*10)?[\s,.-]*)?"  # "7, because of my kids"
_SUBSTANCE = (
    r"(?:drink\w*|booze|beer|alcohol|liquor|wine|vodka|us(?:e|ing)|weed|smok\w*|pills?|high|"
    r"dope|coke|meth|heroin|fent\w*|percs?|xans?|getting drunk|drunk|dealer|plug)"
)
_REASON = (
    rf"^{_RATING}{_OPENERS}(?:its\s+|it's\s+)?"
    r"(?P<said>(?:because|bc|cuz|cause|coz)\b.+|for\s+(?:my|our|the)\s.+)"
)
_DONE_BEFORE = (
    r"^(?P<said>i\s+(?:made\s+it|went|stayed|was|got|did\s+it|quit|stopped)\b.*"
    r"\b(?:once|before|last\s+(?:time|year)|in\s+the\s+past|back\s+in|when\s+i)\b.*)"
)
_DESIRE = (
    rf"^{_OPENERS}i\s+(?:really\s+)?(?:want\s+to|wanna|would\s+like\s+to|wish\s+i\s+could)"
    r"\s+(?P<said>.+)"
)
# Ability ("i guess i could ask for more day shifts"), said back like a desire; "i could use a
# drink" is not change talk, so nothing about using is.
_ABILITY = rf"^{_OPENERS}i\s+(?:could|can|might)\s+(?!not\b)(?!.*\b{_SUBSTANCE}\b)(?P<said>.+)"
_STEP = (
    rf"^{_RATING}{_OPENERS}(?P<said>(?:calling|going\s+(?:back\s+)?to\s+(?:meetings?|church|"
    r"group|therapy|counseling|aa|na|treatment|rehab|detox|the\s+gym)|getting|seeing|talking|"
    r"texting|reaching|hitting|finding|spending|praying|reading|journaling|taking|asking|"
    r"telling|staying\s+away|avoiding|deleting|throwing|working|keeping)\b.+)"
)
# A step they have decided on, said as theirs ("next step: get rid of the old bottles in the
# garage", "My next step is to stop avoiding the grief group", "im gonna call the clinic
# tomorrow"). "im gonna get high" decides nothing for recovery, so nothing about using is one,
# unless they name it their next step.
# A deed, not a state ("ill be at work till 6", "im gonna be late") nor a refusal, nor using.
_DOING = rf"(?!(?:be|not|never|have\s+to|need\s+to)\b)(?!.*\b{_SUBSTANCE}\b)"
_COMMIT_NEXT = rf"^{_OPENERS}(?:my\s+)?next\s+step(?:\s+is)?(?:\s+to)?\s*[:-]?\s*(?P<said>.+)"
_COMMIT_GOING = rf"^{_OPENERS}(?:i\s*m|i\s+am)\s+(?:gonna|going\s+to)\s+{_DOING}(?P<said>.+)"
_COMMIT_WILL = rf"^{_OPENERS}(?:i\s+will|ill|i\s+plan\s+to)\s+{_DOING}(?P<said>.+)"
# A step under way, said in the present ("im calling her office tomorrow", "im texting my sponsor
# tonight"): a commitment, said back as a step ("call her office tomorrow").
_UNDER_WAY = {
    "calling": "call", "texting": "text", "telling": "tell", "asking": "ask", "emailing": "email",
    "messaging": "message", "booking": "book", "making": "make", "seeing": "see",
    "starting": "start", "signing": "sign", "getting": "get", "taking": "take",
}  # fmt: skip
_COMMIT_NOW = (
    rf"^{_OPENERS}(?:i\s*m|i\s+am)\s+(?P<said>(?:{'|'.join(_UNDER_WAY)})\s+(?!.*\b{_SUBSTANCE}\b)"
    r".*\b(?:tomorrow|tmrw|tmr|tonight|today|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|this\s+week|next\s+week|in\s+the\s+morning|first\s+thing|after\s+work)\b.*)"
)
_SUSTAIN = (
    rf"(?P<said>.*\b{_SUBSTANCE}\b.*\b(?:only\s+thing|only\s+way|helps?\s+me|need\s+it|"
    r"cant\s+(?:sleep|relax|cope|function|deal)|makes\s+me|not\s+that\s+bad|i\s+like|"
    rf"i\s+enjoy|calms\s+me).*|.*\b(?:i\s+like|i\s+enjoy|i\s+need)\s+{_SUBSTANCE}\b.*)"
)
# Checked in this order: a reason or a past success first, sustain talk last.
_PATTERNS: tuple[tuple[Kind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (Kind.REASON, _REASON),
        (Kind.DONE_BEFORE, _DONE_BEFORE),
        (Kind.DESIRE, _DESIRE),
        (Kind.DESIRE, _ABILITY),
        (Kind.STEP, _STEP),
        (Kind.COMMIT, _COMMIT_NEXT),
        (Kind.COMMIT, _COMMIT_GOING),
        (Kind.COMMIT, _COMMIT_WILL),
        (Kind.COMMIT, _COMMIT_NOW),
        (Kind.SUSTAIN, _SUSTAIN),
    )
)
_CONTRACTIONS = {
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "cant": "can't", "wont": "won't",
    "isnt": "isn't", "arent": "aren't", "wasnt": "wasn't", "havent": "haven't", "its": "it's",
    "youre": "you're", "youve": "you've", "youll": "you'll", "thats": "that's", "bc": "because",
    "cuz": "because", "cause": "because", "coz": "because",
}  # fmt: skip


@dataclass(frozen=True)
class Heard:
    kind: Kind
    said: str  # the content, in the second person, ready for `{said}`

    @property
    def reflection(self) -> str:
        return f"utter_heard_{self.kind.value}"

    @property
    def question(self) -> str:
        """The open question after the reflection, when no form asks its own next."""
        return f"utter_heard_{self.kind.value}_ask"


REFLECTIONS = tuple(f"utter_heard_{kind.value}" for kind in Kind)
QUESTIONS = tuple(f"{name}_ask" for name in REFLECTIONS)


# A yes or an okay said before the thought ("ok. ill call the kroger on rt 60 tmrw", "yeah ill
# take my own truck"): not the thought itself.
_ACK_LEAD = re.compile(
    r"^(?:(?:ok(?:ay)?|k|thanks|thank\s+(?:you|u)|ty|yeah|yea|ya|yep|yes|alright|aight|bet|fine|cool)\b[\s.,!-]*)+"
)


def _plain(text: str) -> str:
    """Lower case, the first whole thought after any okay, apostrophes dropped (people text
    "dont" and "don't")."""
    lowered = " ".join(text.lower().replace("\u2019", "'").split())
    lowered = _ACK_LEAD.sub("", lowered) or lowered
    return first_clause(lowered).replace("'", "").strip(" .!?,")


def said_back(words: str) -> str:
    """The person's words in the second person, with the apostrophes put back."""
    turned = second_person(tidy(words, "en"), "en")
    return " ".join(_CONTRACTIONS.get(word, word) for word in turned.split(" "))


def heard_in(text: str) -> Heard | None:
    """The change talk or sustain talk a message volunteers, or None when it has none."""
    plain = _plain(text)
    if not plain:
        return None
    if _SENT.search(plain) or _SENT.search(text.lower().replace("'", "")):
        return Heard(Kind.SENT, "")
    if stage_of(plain) is Stage.PRECONTEMPLATION:
        return Heard(Kind.NOT_READY, said_back(_up_to_a_comma(plain)))
    for kind, pattern in _PATTERNS:
        found = pattern.search(plain)
        if found is not None and found["said"].strip():
            step = _as_step(found["said"]) if kind is Kind.COMMIT else found["said"]
            return Heard(kind, said_back(_up_to_a_comma(step)))
    return None


_PLACE = re.compile(r"^(?:the|a|an|my|his|her|their|our|this|that|work|church|class|school)\b")


def _as_step(words: str) -> str:
    """A commitment as a step to take: "calling her office" -> "call her office"; "going to the
    cvs on elm st" -> "go to the cvs on elm st"."""
    first, _, rest = words.strip().partition(" ")
    if first in _UNDER_WAY:
        return f"{_UNDER_WAY[first]} {rest}".strip()
    return f"go to {words.strip()}" if _PLACE.match(words.strip()) else words


def _up_to_a_comma(words: str) -> str:
    """ "i dont have a problem, everyone drinks" is said back as its first phrase, whole."""
    return words.split(",", 1)[0].strip() or words.strip()


def outside(text: str, heard: Heard | None) -> str:
    """What is left of a message once the change talk is set aside: a rating said with it
    ("7, because of my kids") is still a rating; "two weeks" in "I made it two weeks once" is
    not."""
    if heard is None:
        return text
    plain = _plain(text)
    for kind, pattern in _PATTERNS:
        found = pattern.search(plain) if kind is heard.kind else None
        if found is not None:
            return plain[: found.start("said")] + plain[found.end("said") :]
    return "" if heard.kind is Kind.NOT_READY else text
