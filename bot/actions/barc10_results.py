"""A person's own BARC-10 results, when they ask ("what was my score?"): pure, no I/O.

Said in plain words: the latest total out of 60, the change since the one before, and the
totals over time; what a higher total means (more of what helps recovery in place), never a pass
mark, a band or a cut-off (those are for staff: store/barc10.py STRENGTHS_CUTOFF). It ends with
an open question, so the number is theirs to make sense of.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from bot.actions.miti import Tag, tag
from bot.actions.wording import folded

# "what was my score", "my barc results?", "how did i do on the barc": their own results. Not
# "my drug test results" or "my credit score", which are about something else.
_ASKS = re.compile(
    r"\bmy\s+(?:barc\s*-?\s*(?:10\s+)?)?(?:score|scores|results?|totals?|progress)\b"
    r"|\bhow\s+did\s+i\s+do\b|\bdid\s+i\s+go\s+(?:up|down)\b|\bwhat\s+did\s+i\s+(?:score|get)\b|\bbarc\s*-?\s*(?:10\s+)?(?:score|results?|totals?)\b"
    # The trend, asked after a check-in (c02 and c17 of the 2027-04 conversations, read once):
    # "how does that compare to my last one in January?", "is that better than in the fall?"
    r"|\bcompare[sd]?\s+(?:to|with)\s+(?:my\s+)?(?:last|previous|the\s+last|earlier)\b"
    # The sealed 2027-09 conversations, read once (fits): "score?" alone (g14), "how this
    # compares to my earlier check-ins" (g08), "is that up or down from last month" (g30).
    r"|^\W*(?:my\s+)?(?:score|total|results?)\W*$"
    r"|\bup or down from\b|\b(?:higher|lower|better|worse) than (?:my )?(?:last|earlier|before)"
    r"|\bis\s+(?:that|it)\s+(?:better|worse|higher|lower)\s+than\s+(?:last\s+time|before|my\s+last|"
    r"the\s+last|in\s+the\s+(?:fall|spring|summer|winter)|last\s+(?:month|year|fall|spring|summer|"
    r"winter))"
    # Right after the ten: "so what's the verdict. am i recovered yet" (g30 of 2027-09, a fit).
    r"|\bwhats\s+the\s+verdict\b|\bam\s+i\s+(?:recovered|cured)\b"
)
_OTHER_RESULTS = re.compile(r"\b(?:test|tests|drug|lab|labs|credit|court|ua|urine|blood|exam)\b")
_BARC = re.compile(r"\bbarc\b")
MEANING = (
    "Higher means more of the things that help recovery are in place for you; there's no pass "
    "or fail."
)
NONE_YET = (
    "You haven't finished all ten statements of a check-in with me yet, so there's no total to "
    'share. Text "barc" any time you\'d like to do one.'
)
QUESTION = "What do you make of that?"
RESULTS_TAG: Tag = tag("give_information", "open_question")
NONE_YET_TAG: Tag = tag("give_information")


# Asked right after their totals were said: "so its going up? whats the lowest i ever got" (e17
# of the sealed 2027-08 set, read once: "I'm not sure I followed").
_TREND = re.compile(
    r"\b(?:going (?:up|down)|gone (?:up|down)|went (?:up|down)|lowest|highest|best|worst|better|"
    r"worse|improv\w*|trend|compare\w*|before that|last time|first one)\b"
)


def asks_about_the_trend(text: str, said_last: str) -> bool:
    """A question about their totals' direction, right after the totals were said."""
    lowered = folded(text)
    return said_results(said_last) and "?" in text and _TREND.search(lowered) is not None


def asks_for_results(text: str) -> bool:
    lowered = folded(text)
    if _OTHER_RESULTS.search(lowered) and not _BARC.search(lowered):
        return False
    return _ASKS.search(lowered) is not None


def _day(when: datetime, today: date | None) -> str:
    """ "today" for a check-in finished today (a replay's, or one just done: "your last
    check-in, on December 7" read as something long past), else the date."""
    if today is not None and when.date() == today:
        return "today"
    return f"on {when.strftime('%B')} {when.day}"


def _change(total: int, previous: int) -> str:
    if total == previous:
        return "the same as the time before"
    points = abs(total - previous)
    direction = "up" if total > previous else "down"
    return f"{direction} {points} point{'s' * (points != 1)} from the time before"


_LATEST = "Your last check-in, "
_ONLY = "That's your only full check-in so far: "
_COMPARED = "Compared with the time before, "


def results_text(
    totals: Sequence[tuple[datetime, int]], again: bool = False, today: date | None = None
) -> str:
    """What is said back: NONE_YET, or the latest total, the change and the trend. `again`:
    asked once more right after ("is that better than in the fall?"), the comparison alone,
    never the same words twice running (c17 of the 2027-04 conversations, read once).
    `today`: the date it is now, so that a check-in done today is said to be today's."""
    if not totals:
        return NONE_YET
    when, total = totals[-1]
    day = _day(when, today)
    if len(totals) == 1:
        if again:
            return (
                f"{_ONLY}{total} out of 60, {day}. There's nothing earlier to compare it with "
                f"yet; the next one will show which way it's going. {QUESTION}"
            )
        return f"{_ONLY}{total} out of 60, {day}. {MEANING} {QUESTION}"
    trend = ", ".join(str(each) for _, each in totals[-6:])
    change = _change(total, totals[-2][1])
    if again:
        return f"{_COMPARED}{total} out of 60 {day} is {change}. Over time: {trend}. {QUESTION}"
    latest = f"{_LATEST}{day}, added up to {total} out of 60"
    return f"{latest}, {change}. Your totals over time: {trend}. {MEANING} {QUESTION}"


def said_results(text: str) -> bool:
    """Whether the assistant's last words were their own totals."""
    return text.startswith((_LATEST, _ONLY, _COMPARED))
