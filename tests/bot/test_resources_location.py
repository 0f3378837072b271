"""Where a person is, read from what they text."""

from __future__ import annotations

import pytest

from bot.actions.resources_location import (
    STATE_NAMES,
    ZIP3_RANGES,
    Location,
    deserialise,
    parse_location,
    state_of_zip,
)


@pytest.mark.parametrize(
    ("text", "state", "zip_code"),
    [
        ("im in ohio", "OH", None),
        ("OH", "OH", None),
        ("43215", "OH", "43215"),
        ("any meetings in Ohio?", "OH", None),
        ("meetings in OH", "OH", None),
        ("columbus, oh", "OH", None),
        ("my zip is 10001", "NY", "10001"),
        ("zip 90210-1234", "CA", "90210"),
        ("i live in west virginia", "WV", None),
        ("virginia", "VA", None),
        ("arkansas", "AR", None),
        ("kansas", "KS", None),
        ("new york city", "NY", None),
        ("washington dc", "DC", None),
        ("im in chicago il", "IL", None),
        ("tx pls", "TX", None),
        ("pa", "PA", None),
        ("im in philly PA", "PA", None),
        ("00601", "PR", "00601"),
        ("99501", "AK", "99501"),
    ],
)
def test_a_state_or_zip_is_found(text: str, state: str, zip_code: str | None) -> None:
    assert parse_location(text) == Location(state, zip_code)


@pytest.mark.parametrize(
    "text",
    [
        "oh ok",
        "ok",
        "hi",
        "any meetings near me",
        "im in",
        "NEED MEETINGS IN MY AREA",
        "help me",
        "nm",
        "in",
        "Me",
        "i have 3 kids",
        "call 1-800-662-4357",
        "",
    ],
)
def test_everyday_words_are_not_states(text: str) -> None:
    assert parse_location(text) is None


def test_every_zip_prefix_maps_to_a_known_state_without_overlaps() -> None:
    seen: set[int] = set()
    for low, high, state in ZIP3_RANGES:
        assert state in STATE_NAMES
        span = set(range(low, high + 1))
        assert not span & seen
        seen |= span


def test_an_unassigned_zip_prefix_has_no_state() -> None:
    assert state_of_zip("00001") is None
    assert parse_location("00001") == Location(None, "00001")


@pytest.mark.parametrize(
    "location", [Location("OH"), Location("OH", "43215"), Location(None, "00001")]
)
def test_a_location_survives_a_slot(location: Location) -> None:
    assert deserialise(location.serialise()) == location


@pytest.mark.parametrize("value", [None, "", "  ", 3])
def test_an_empty_slot_is_no_location(value: object) -> None:
    assert deserialise(value) is None


def test_labels() -> None:
    assert Location("OH", "43215").label == "Ohio"
    assert Location(None, "00001").label == "00001"


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("ya phoenix. near the light rail on van buren", "AZ"),
        ("im in toledo", "OH"),
        ("st. louis", "MO"),
        ("dayton", "OH"),
        ("columbus", None),  # two states' large cities: asked, never guessed
        ("my son austin", None),  # a first name too
    ],
)
def test_a_large_city_named_alone_places_someone_in_its_state(text: str, state: str | None) -> None:
    found = parse_location(text)
    assert (found.state if found else None) == state
