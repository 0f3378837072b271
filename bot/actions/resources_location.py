"""Where a person is, from what they text: a US state, a ZIP code, or a large city whose name
is its own (bot/resources/us_cities.yml, read once). Pure otherwise.

"im in ohio", "OH", "columbus oh 43215" and "43215" all place someone in Ohio. Two-letter codes
that are also everyday words ("in", "me", "ok", "hi", "oh") count only when written in capitals
or sent on their own, so "oh ok" is not Ohio and "I'm in" is not Indiana.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

STATE_NAMES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "PR": "Puerto Rico",
}  # fmt: skip

# First three ZIP digits to state (USPS sectional centers), as inclusive ranges. Programs that
# need exact boundaries list `zip_prefixes` on their entries instead.
ZIP3_RANGES: tuple[tuple[int, int, str], ...] = (
    (6, 9, "PR"), (10, 27, "MA"), (28, 29, "RI"), (30, 38, "NH"), (39, 49, "ME"),
    (50, 54, "VT"), (55, 55, "MA"), (56, 59, "VT"), (60, 69, "CT"), (70, 89, "NJ"),
    (100, 149, "NY"), (150, 196, "PA"), (197, 199, "DE"), (200, 205, "DC"), (206, 219, "MD"),
    (220, 246, "VA"), (247, 268, "WV"), (270, 289, "NC"), (290, 299, "SC"), (300, 319, "GA"),
    (320, 349, "FL"), (350, 369, "AL"), (370, 385, "TN"), (386, 397, "MS"), (398, 399, "GA"),
    (400, 427, "KY"), (430, 459, "OH"), (460, 479, "IN"), (480, 499, "MI"), (500, 528, "IA"),
    (530, 549, "WI"), (550, 567, "MN"), (569, 569, "DC"), (570, 577, "SD"), (580, 588, "ND"),
    (590, 599, "MT"), (600, 629, "IL"), (630, 658, "MO"), (660, 679, "KS"), (680, 693, "NE"),
    (700, 715, "LA"), (716, 729, "AR"), (730, 749, "OK"), (750, 799, "TX"), (800, 816, "CO"),
    (820, 831, "WY"), (832, 838, "ID"), (840, 847, "UT"), (850, 865, "AZ"), (870, 884, "NM"),
    (885, 885, "TX"), (889, 898, "NV"), (900, 961, "CA"), (967, 968, "HI"), (970, 979, "OR"),
    (980, 994, "WA"), (995, 999, "AK"),
)  # fmt: skip

# Lowercase codes that are also words or texting shorthand ("nm" = never mind, "mo" = more).
EVERYDAY_WORDS = frozenset(
    {"in", "me", "ok", "hi", "oh", "or", "la", "pa", "ma", "de", "id", "nm", "mo", "al", "co"}
    | {"ne", "ar", "wa", "va", "md", "sc", "ga", "mi", "ct", "ky", "mt", "ut", "ms", "nd", "sd"}
)
# Sent on their own these are a reply, not a place ("ok", "nm" = never mind); "oh" or "pa" on
# their own, in answer to where someone is, are the state.
NEVER_ALONE = frozenset({"ok", "hi", "nm", "me", "in", "or", "id"})
_ZIP = re.compile(r"(?<!\d)(\d{5})(?:-\d{4})?(?!\d)")
_NAMES = sorted(((n.lower(), c) for c, n in STATE_NAMES.items()), key=lambda p: -len(p[0]))
_NAME_PATTERNS = tuple((re.compile(rf"\b{re.escape(n)}\b"), c) for n, c in _NAMES)
_WORD = re.compile(r"[A-Za-z]+")
_CITIES = Path(__file__).resolve().parents[1] / "resources" / "us_cities.yml"
_AFTER_COMMA = re.compile(r"[A-Za-z]{3,},\s*([A-Za-z]{2})\W*$")  # a city, then the state


@dataclass(frozen=True, slots=True)
class Location:
    state: str | None  # two-letter code, when known
    zip_code: str | None = None

    @property
    def label(self) -> str:
        if self.state:
            return STATE_NAMES[self.state]
        return self.zip_code or ""

    def serialise(self) -> str:
        """For a slot: "OH" or "OH 43215" or "43215"."""
        return " ".join(p for p in (self.state, self.zip_code) if p)


def state_of_zip(zip_code: str) -> str | None:
    prefix = int(zip_code[:3])
    return next((state for low, high, state in ZIP3_RANGES if low <= prefix <= high), None)


def _named_state(text: str) -> str | None:
    lowered = " ".join(_WORD.findall(text.lower().replace("washington dc", "district of columbia")))
    return next((code for pattern, code in _NAME_PATTERNS if pattern.search(lowered)), None)


def _code_counts(word: str, alone: bool, shouting: bool) -> bool:
    """Whether a two-letter state code in a message means the state, not an everyday word."""
    everyday = word.lower() in EVERYDAY_WORDS
    if alone:
        return word.lower() not in NEVER_ALONE
    if word.isupper() and not shouting:
        return True
    return not everyday


def _coded_state(text: str) -> str | None:
    after_comma = _AFTER_COMMA.search(text)  # "columbus, oh"
    if after_comma and after_comma.group(1).upper() in STATE_NAMES:
        return after_comma.group(1).upper()
    words: list[str] = _WORD.findall(text)
    shouting = text.isupper() and len(words) > 1
    for word in words:
        if word.upper() in STATE_NAMES and _code_counts(word, len(words) == 1, shouting):
            return word.upper()
    return None


def _state_in(text: str) -> str | None:
    return _named_state(text) or _coded_state(text) or _city_state(text)


@functools.cache
def _city_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Large cities whose name is theirs alone (bot/resources/us_cities.yml), longest first."""
    data = yaml.safe_load(_CITIES.read_text(encoding="utf-8"))
    named = [(city, state) for state, cities in data["cities"].items() for city in cities]
    named.sort(key=lambda pair: -len(pair[0]))
    return tuple((re.compile(rf"\b{re.escape(city)}\b"), state) for city, state in named)


def _city_state(text: str) -> str | None:
    """ "im in toledo", "phoenix": the state of a large city named on its own."""
    lowered = " ".join(_WORD.findall(text.lower().replace("st.", "st")))
    return next((state for pattern, state in _city_patterns() if pattern.search(lowered)), None)


def parse_location(text: str) -> Location | None:
    """A state or ZIP in a message; a ZIP wins, and sets the state when the prefix is known."""
    found = _ZIP.search(text)
    if found:
        zip_code = found.group(1)
        return Location(state_of_zip(zip_code) or _state_in(text), zip_code)
    state = _state_in(text)
    return Location(state) if state else None


def deserialise(value: object) -> Location | None:
    if not isinstance(value, str) or not value.strip():
        return None
    parts = value.split()
    state = next((p for p in parts if p in STATE_NAMES), None)
    zip_code = next((p for p in parts if p.isdigit()), None)
    return Location(state, zip_code)


# A place said in answer to "where are you?" or to the offer of options, that no state, ZIP or
# known city names ("charleston. east end", "We are in Perry County, closest big town is
# Hazard"): said in the words of a place, so the state or ZIP is asked for, not a miss.
_PLACE_WORDS = re.compile(
    r"\b(?:county|parish|township|borough|downtown|uptown|neighborhood|hood|"
    r"(?:east|west|north|south)\s*(?:end|side)|(?:big|small|little)\s+town|town|city|"
    r"(?:live|living|stay|staying|we're|were|we are|i'm|im|i am)\s+(?:in|out in|over in|near|by|"
    r"outside(?:\s+of)?)|close to|outside of|near)\b"
)
_PLACE_AT_MOST = 12  # words: a place, not a story with a town in it


def names_a_place(text: str) -> bool:
    lowered = text.lower().replace("\u2019", "'")
    return len(lowered.split()) <= _PLACE_AT_MOST and _PLACE_WORDS.search(lowered) is not None
