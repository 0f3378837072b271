"""A break from check-ups, asked for in plain words ("can we pause these for a while. like a
couple months. ill text if i need something", m02 of the sealed 2027-12 conversations, read once:
"I'm not sure I followed", twice), and asked back ("the pause thing is done right? no more check
ins til i say").

A pause is the person's choice, like STOP, but narrower: the program's check-ups stop for a while
and the line stays open (store/pauses.py). It lasts what they say, at most `LONGEST`; "til i say"
or "for a while" with no length gets the longest and a word on ending it early (UNPAUSE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.actions.barc10 import participant_of
from bot.actions.database import app_database
from bot.actions.wording import folded
from store import pauses

PAUSED = "utter_checkups_paused"  # {until}
PAUSED_OPEN = "utter_checkups_paused_open"  # {until}: no length said
STILL_PAUSED = "utter_checkups_still_paused"  # {until}: asked whether it is done
NONE_TO_PAUSE = "utter_checkups_none_to_pause"
RESUMED = "utter_checkups_resumed"
NOT_PAUSED = "utter_checkups_not_paused"
RESPONSES = (PAUSED, PAUSED_OPEN, STILL_PAUSED, NONE_TO_PAUSE, RESUMED, NOT_PAUSED)

LONGEST = timedelta(days=90)
_THE_TEXTS = (
    r"(?:these|them|the|my|your|all)?\s*(?:texts?|messages?|check[\s-]?(?:ins?|ups?)|reminders?)"
)
# A break: "pause these", "hold off on the check ins", "put them on hold", "a break from the texts".
_BREAK = re.compile(
    rf"\b(?:pause|hold\s+off\s+(?:on\s+)?|break\s+from)\s*{_THE_TEXTS}\b"
    rf"|\bpause\s+(?:these|them|things)\b|\bput\s+(?:them|{_THE_TEXTS})\s+on\s+hold\b"
)
# "no more check ins", "stop the texts": a break only with how long ("til i say", "for a month");
# alone, an opt-out, which the gateway honours before the assistant sees it.
_NO_MORE = re.compile(rf"\b(?:no\s+more|stop|skip)\s+{_THE_TEXTS}\b")
# How long, or "until I say": said in the same message.
_SPAN = re.compile(
    r"\b(?P<count>a|an|one|two|three|four|five|six|eight|a\s+couple(?:\s+of)?|couple(?:\s+of)?|"
    r"a\s+few|few|\d{1,2})\s+(?P<unit>days?|weeks?|wks?|months?|mos?)\b"
)
_OPEN_ENDED = re.compile(
    r"\b(?:for\s+a\s+(?:while|bit|minute)|for\s+now|(?:til|till|until|untill)\s+i\s+(?:say|text|"
    r"ask|tell|reach\s+out|need)|till?\s+further\s+notice|indefinitely)\b"
)
_COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8,
    "a couple": 2, "couple": 2, "a couple of": 2, "couple of": 2, "a few": 3, "few": 3,
}  # fmt: skip
_DAYS = {"day": 1, "week": 7, "wk": 7, "month": 30, "mo": 30}
# Asked back, not asked for: "the pause thing is done right?", "are they paused?"
_ASKED_BACK = re.compile(
    r"\b(?:pause\s+(?:thing\s+)?(?:is\s+)?(?:done|set|on|in)|(?:is|are)\s+(?:it|they|the\s+\w+)\s+"
    r"paused|(?:did|does)\s+(?:it|that|the\s+pause)\s+(?:go\s+through|work))\b"
)
# "unpause" (what the pause's reply says to text), "check-ups back on", "turn the check ins back
# on". A bare "resume" is the BARC-10's own word for going on with a paused one.
_RESUME = re.compile(
    rf"\bunpause\b|\b(?:resume|restart|turn)\s+{_THE_TEXTS}(?:\s+back\s+on)?\b"
    rf"|\b{_THE_TEXTS}\s+back\s+on\b|\bstart\s+{_THE_TEXTS}\s+(?:again|back\s+up)\b"
)


@dataclass(frozen=True)
class Asked:
    span: timedelta | None  # None: no length said ("for a while", "til i say")
    asked_back: bool


def pause_asked(text: str) -> Asked | None:
    """A break from check-ups asked for (or asked about), with how long; None when it is not.
    A bare "pause" is the form's own word (a check-up is paused by it) and is not read here."""
    plain = folded(text)
    asked_back = _ASKED_BACK.search(plain) is not None
    span = _span(plain)
    for_a_time = span is not None or _OPEN_ENDED.search(plain) is not None
    if asked_back or _BREAK.search(plain) or (_NO_MORE.search(plain) and for_a_time):
        return Asked(span, asked_back)
    return None


def _span(plain: str) -> timedelta | None:
    found = _SPAN.search(plain)
    if found is None:
        return None
    count = found["count"]
    number = int(count) if count.isdigit() else _COUNTS[re.sub(r"\s+", " ", count)]
    unit = found["unit"].rstrip("s")
    return min(timedelta(days=number * _DAYS[unit]), LONGEST)


def resume_asked(text: str) -> bool:
    return _RESUME.search(folded(text)) is not None


def spoken(day: date) -> str:
    """ "Monday, March 8": how the last day of a pause is said."""
    return f"{day:%A}, {day:%B} {day.day}"


@dataclass(frozen=True)
class Answer:
    response: str
    until: str = ""


def answer_pause(sender: str, asked: Asked, now: datetime) -> Answer:
    """Pauses the person's check-ups (or says it is done, when asked back)."""
    with app_database().transaction() as session:
        participant_id = participant_of(session, sender)
        zone = pauses.timezone_of(session, participant_id) if participant_id else None
        if participant_id is None or zone is None:
            return Answer(NONE_TO_PAUSE)
        today = now.astimezone(ZoneInfo(zone)).date()
        current = pauses.paused_until(session, participant_id, today)
        if asked.asked_back and current is not None:
            return Answer(STILL_PAUSED, spoken(current))
        until = today + (asked.span or LONGEST)
        pauses.pause_checkups(session, participant_id, until, now)
    return Answer(PAUSED if asked.span else PAUSED_OPEN, spoken(until))


def answer_resume(sender: str, now: datetime) -> Answer:
    with app_database().transaction() as session:
        participant_id = participant_of(session, sender)
        resumed = participant_id is not None and pauses.resume_checkups(
            session, participant_id, now
        )
    return Answer(RESUMED if resumed else NOT_PAUSED)
