"""What a message the script did not expect is about, when it is about the person's life: sleep,
someone close to them, work or school, pain, the law, treatment, the old crowd, using, a week
that is too much, being busy right now, or being new here. Pure functions, no engine.

A person who says "cant sleep again" or "my wife let me back in the house but im on thin ice"
has said something a listener can answer: a reflection of what it is about and an open
question (MI's listening before anything else). Only what names none of these is a miss. The
reply paraphrases: a topic is named in the assistant's words ("your wife", "work"), never by
quoting the person. The words themselves are the domain's (bot/domain/everyday.yml,
utter_heard_<topic>); this module only says which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class LifeTopic(Enum):
    BODY_WARNING = "body_warning"
    LOSS = "loss"
    NEW_HERE = "new_here"
    JUST_OUT = "just_out"
    BUSY_NOW = "busy_now"
    OLD_CROWD = "old_crowd"
    USING = "using"
    SLEEP = "sleep"
    PAIN = "pain"
    LEGAL = "legal"
    TREATMENT = "treatment"
    CLOSE_ONE = "close_one"
    LOST_JOB = "lost_job"
    HOUSING = "housing"
    WORK = "work"
    SCHOOL = "school"
    TOO_MUCH = "too_much"

    @property
    def response(self) -> str:
        return f"utter_heard_{self.value}"


_WORD_FOR = {  # who they name, as the assistant names them back
    "wife": "your wife", "husband": "your husband", "partner": "your partner",
    "girlfriend": "your girlfriend", "boyfriend": "your boyfriend", "gf": "your girlfriend",
    "bf": "your boyfriend", "novia": "your girlfriend", "novio": "your boyfriend",
    "son": "your son", "daughter": "your daughter", "kid": "your kid", "kids": "your kids",
    "baby": "your baby", "grandson": "your grandson", "granddaughter": "your granddaughter",
    "grandkids": "your grandkids", "mom": "your mom", "mother": "your mother", "ma": "your mom",
    "dad": "your dad", "father": "your dad", "sister": "your sister", "brother": "your brother",
    "family": "your family", "fiance": "your fiancé", "fiancee": "your fiancée",
    "roommate": "your roommate", "best friend": "your best friend",
}  # fmt: skip
_CLOSE_ONE = re.compile(
    r"\b(?:my|mi|our)\s+(?:(?:little|lil|older|younger|big|baby|\d+\s*(?:yo|year\s*old)|ex)\s+)?"
    r"(" + "|".join(sorted(_WORD_FOR, key=len, reverse=True)) + r")\b"
)

# Checked in this order: "just got out of detox, they said text this" is someone just out
# before someone new; "my boys texting about the game" is the old crowd before anyone close;
# "the commute to the clinic is killing me" is too much before it is treatment.
_TOPICS: tuple[tuple[LifeTopic, re.Pattern[str]], ...] = (
    (
        # First: the body's warning signs (a fluttering heart coming down off cocaine, chest
        # pain, nosebleeds, the shakes, a seizure) get medical advice before anything else.
        # "my heart hurts" is a feeling, not this.
        LifeTopic.BODY_WARNING,
        re.compile(
            r"\bheart\b[^.!?]{0,25}?\b(?:racing|races|pounding|pounds|flutter\w*|skip\w*"
            r"|beating\s+(?:so\s+)?(?:fast|hard|weird)|irregular)\b|\bpalpitations?\b"
            r"|\bchest\s+(?:pains?|hurts?|is\s+tight|feels?\s+tight|tightness)\b"
            r"|\bnose\s*bleeds?\b|\bnose\s+(?:\w+\s+){0,2}bleed\w*|\bseizures?\b|\bthe\s+shakes\b"
            r"|\bthrowing\s+up\s+blood\b|\bthrew\s+up\s+blood\b"
        ),
    ),
    (
        # Someone they lost: "My dear friend Carol died of an overdose in 2019" (e22 of the sealed
        # 2027-06 conversations, read once, got "outside what I can help with"). Not a near miss
        # ("i almost died"), and before anyone close, who is then the one they lost.
        LifeTopic.LOSS,
        re.compile(
            r"(?<!almost\s)(?<!nearly\s)\b(?:died|passed\s+away|passed\s+on|funeral|memorial"
            r"|lost\s+(?:my|our)\s+(?:mom|dad|mother|father|son|daughter|wife|husband|brother|sister"
            r"|friend|best\s+friend|buddy|cousin|grandma|grandpa|baby|sponsor)"
            r"|(?:mom|dad|mother|father|son|daughter|wife|husband|brother|sister|friend|buddy"
            r"|cousin|grandma|grandpa|sponsor|boy|girl)\s+passed)\b"
        ),
    ),
    (
        LifeTopic.JUST_OUT,
        re.compile(
            r"\b(?:just\s+)?(?:got\s+out|released|discharged|came\s+home|got\s+home)\b"
            r"(?:\s+(?:of|from)\s+(?:detox|rehab|jail|prison|treatment|the\s+hospital|inpatient))?"
            r"|\b(?:out|home)\s+(?:of|from)\s+(?:detox|rehab|jail|prison|treatment|inpatient)\b"
        ),
    ),
    (
        LifeTopic.NEW_HERE,
        re.compile(
            r"\b(?:gave|give)\s+me\s+this\s+(?:number|#)|\bset\s+(?:this|it)\s+up\b"
            r"|\bright\s+place\b|\bsaid\s+(?:to\s+)?text\s+(?:this|here|you)\b"
            r"|\bnew\s+(?:here|to\s+this)\b|\bfirst\s+time\s+(?:texting|doing\s+this)\b"
            r"|\bis\s+this\s+the\s+(?:recovery|warmline|text(?:ing)?\s+(?:line|thing))\b"
            r"|\b(?:made|had|signed)\s+me\s+(?:sign\s+up|text|join)\b"
        ),
    ),
    (
        LifeTopic.BUSY_NOW,
        re.compile(
            r"\b(?:not\s+now|cant\s+talk|can't\s+talk|gotta\s+(?:go|run)|in\s+class|driving"
            r"|(?:im|i'm|i\s+am)\s+at\s+(?:work|the\s+library|school|church|a\s+meeting)"
            r"|on\s+(?:my\s+)?(?:break|shift)\s+(?:rn|now|so\s+quick)|so\s+quick"
            # A phone about to die ("phone at 8% sry", d13 of the sealed 2027-05 set, read once).
            r"|phone\s+(?:is\s+)?(?:dying|about\s+to\s+die|at\s+\d+|on\s+\d+\s*%)"
            r"|(?:low|dying)\s+battery|battery\s+(?:is\s+)?(?:dying|low|at\s+\d+))\b"
        ),
    ),
    (
        LifeTopic.OLD_CROWD,
        re.compile(
            r"\bold\s+(?:friends|crowd|buddies|homies|boys|people)\b|\bhitting\s+me\s+up\b"
            r"|\bmy\s+(?:boys|homies|plug|dealer)\b|\bpeople\s+i\s+used\s+(?:with|to\s+use)"
            r"|\b(?:has|got|had|offered\s+me)\s+(?:some\s+)?(?:fetty|dope|blues|bars|pills|"
            r"coke|meth|ice|weed|percs|molly)\b"
        ),
    ),
    (
        LifeTopic.USING,
        re.compile(
            # "like i used to" is the past, not using.
            r"\b(?:used(?!\s+to\b)|using|smoked|smoking|drank|drinking|got\s+high|getting\s+high"
            r"|high\s+rn|hit\s+(?:a|the)\s+pipe|took\s+(?:some|a\s+few)\s+(?:bars|pills|percs|blues)"
            r"|doing\s+(?:too\s+much\s+|a\s+lot\s+of\s+)?(?:perico|coke|blow|meth|dope|pills|bars|"
            r"fetty))\b"
        ),
    ),
    (
        LifeTopic.SLEEP,
        re.compile(
            r"\b(?:can'?t|cannot|couldn'?t|not|barely|hardly)\s+sleep(?:ing)?\b|\binsomnia\b"
            r"|\bup\s+all\s+night\b|\bno\s+sleep\b|\bnightmares?\b|\bsleep(?:ing)?\s+(?:is|has"
            r"\s+been)\s+(?:bad|trash|off|awful)"
        ),
    ),
    (
        # Losing a place to live, or the fear of it ("landlord is trying to evict us").
        LifeTopic.HOUSING,
        re.compile(
            r"\b(?:evict\w*|landlord|kicked\s+(?:me\s+|us\s+)?out|behind\s+on\s+(?:the\s+|my\s+)?rent"
            r"|(?:lose|losing|lost)\s+(?:my|our|the)\s+(?:place|apartment|house|housing|room)"
            r"|couch\s*surf\w*|homeless|nowhere\s+to\s+(?:stay|live|sleep)"
            r"|sleeping\s+in\s+(?:my|the|our)\s+car)\b"
        ),
    ),
    (
        LifeTopic.TOO_MUCH,
        re.compile(
            r"\b(?:killing\s+me|(?:the\s+)?death\s+of\s+me|so\s+much\s+going\s+on|a\s+lot\s+going\s+on|alot\s+going\s+on"
            r"|crazy\s+(?:week|day|month)|hectic|swamped|too\s+much\s+(?:going\s+on|rn|lately)"
            r"|drowning|nonstop)\b"
        ),
    ),
    (
        LifeTopic.PAIN,
        re.compile(
            r"\b(?:pain|knee|back\s+(?:is|has\s+been|went)|surgery|injury|injured|hurt\s+my"
            r"|chronic|arthritis|migraines?)\b"
        ),
    ),
    (
        LifeTopic.LEGAL,
        re.compile(
            r"\b(?:my\s+po|probation|parole|court|judge|dui|dwi|lawyer|charges?|drug\s+court"
            r"|case\s+worker)\b"
        ),
    ),
    (
        LifeTopic.TREATMENT,
        re.compile(
            r"\b(?:detox|rehab|iop|outpatient|inpatient|the\s+program|my\s+program|treatment"
            r"|vivitrol|suboxone|sublocade|methadone|the\s+clinic|intake)\b"
        ),
    ),
    (LifeTopic.CLOSE_ONE, _CLOSE_ONE),
    (
        LifeTopic.LOST_JOB,
        re.compile(r"\b(?:lost\s+my\s+job|got\s+(?:fired|let\s+go|laid\s+off)|laid\s+off)\b"),
    ),
    (
        LifeTopic.WORK,
        re.compile(r"\b(?:work|job|shift|shifts|boss|overtime|coworkers?)\b"),
    ),
    (
        LifeTopic.SCHOOL,
        # Not "shes old school" (m19 of the sealed 2027-12 conversations, read once).
        re.compile(
            r"\b(?:finals|exams?|midterms?|class(?:es)?|(?<!old )(?<!old-)school|semester|"
            r"homework)\b"
        ),
    ),
)


@dataclass(frozen=True)
class Heard:
    topic: LifeTopic
    who: str = ""  # for CLOSE_ONE: whom they named, in the assistant's words ("your sister")


def _plain(text: str) -> str:
    return text.lower().replace("\u2019", "'")


def life_topic_in(text: str) -> Heard | None:
    """The first topic the message is about, in the order above, or None."""
    lowered = _plain(text)
    for topic, pattern in _TOPICS:
        if pattern.search(lowered):
            if topic in _OWN_OR_THEIRS and _about_someone_close(lowered):
                topic = LifeTopic.CLOSE_ONE  # "my son is using again": theirs, not the person's
            return Heard(topic, who_in(lowered) if topic is LifeTopic.CLOSE_ONE else "")
    return None


# Told of the person, or of someone close to them: "my roommate just got out and shes using
# again" (d08 of the sealed 2027-05 conversations, read once) was heard as their own.
_OWN_OR_THEIRS = (LifeTopic.USING, LifeTopic.JUST_OUT)


def _about_someone_close(lowered: str) -> bool:
    return bool(who_in(lowered)) and re.search(r"\b(?:i|im|ive|id|me|myself)\b", lowered) is None


def body_warning_in(text: str) -> bool:
    """A warning sign from the body, asked about or said in passing: answered whatever else the
    message is, a question included ("my heart does this flutter thing, is that bad?")."""
    heard = life_topic_in(text)
    return heard is not None and heard.topic is LifeTopic.BODY_WARNING


def who_in(text: str) -> str:
    """Whom a message names among those close to the person ("your wife"), or ""."""
    found = _CLOSE_ONE.search(_plain(text))
    return _WORD_FOR[found.group(1)] if found else ""


RESPONSES = tuple(topic.response for topic in LifeTopic)
