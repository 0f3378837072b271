"""The resource catalog: the shipped defaults are valid, complete and correct, and a mistake in
a program's edit is reported with its line."""

from __future__ import annotations

import pytest

from bot.actions.resources_catalog import (
    MAX_LINE,
    CatalogError,
    Kind,
    Topic,
    default_catalog,
    parse_catalog,
)

# The national defaults the issue names, with the numbers and addresses they must carry.
NATIONAL_DEFAULTS = [
    ("988-lifeline", "988"),
    ("samhsa-helpline", "1-800-662-4357"),
    ("findtreatment", "findtreatment.gov"),
    ("never-use-alone", "1-800-484-3731"),
    ("naloxone-pharmacy", "pharmacies"),
    ("next-distro", "nextdistro.org"),
    ("aa", "aa.org"),
    ("na", "na.org"),
    ("smart-recovery", "smartrecovery.org"),
    ("recovery-dharma", "recoverydharma.org"),
    ("celebrate-recovery", "celebraterecovery.com"),
]


def by_id() -> dict[str, str]:
    return {r.id: r.line for r in default_catalog().resources}


@pytest.mark.parametrize(("resource_id", "contact"), NATIONAL_DEFAULTS)
def test_the_national_defaults_are_there_with_their_contact(resource_id: str, contact: str) -> None:
    assert contact in by_id()[resource_id]


def test_fentanyl_test_strips_are_offered() -> None:
    assert "fentanyl test strips" in by_id()["next-distro"]


def test_the_peer_center_is_a_placeholder_the_program_fills_in() -> None:
    center = next(r for r in default_catalog().resources if r.id == "peer-center")

    assert not center.enabled
    assert center not in default_catalog().shown


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_of_support_has_an_entry(kind: Kind) -> None:
    assert any(kind in r.kinds for r in default_catalog().shown)


@pytest.mark.parametrize("topic", list(Topic))
def test_every_topic_has_a_national_entry(topic: Topic) -> None:
    assert any(topic in r.topics and r.national for r in default_catalog().shown)


def test_every_default_is_national_and_fits_a_line() -> None:
    for resource in default_catalog().resources:
        assert resource.national
        assert len(resource.line) <= MAX_LINE


ENTRY = """version: 1
resources:
  - id: aa
    name: AA meetings
    contact: aa.org
    kinds: [affiliational]
    topics: [meetings]
"""


@pytest.mark.parametrize(
    ("extra", "line", "says"),
    [
        ("    states: [OH, XX]\n", 8, "not US state codes: XX"),
        ("    zip_prefixes: [43a]\n", 8, "ZIP prefixes"),
        ("    colour: blue\n", 8, "Extra inputs are not permitted"),
        ("    note: " + "x" * 80 + "\n", 3, "at most 77"),
    ],
)
def test_a_mistake_is_reported_with_its_line(extra: str, line: int, says: str) -> None:
    with pytest.raises(CatalogError) as raised:
        parse_catalog(ENTRY + extra, "catalog.yml")

    assert f"catalog.yml:{line}:" in str(raised.value)
    assert says in str(raised.value)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (ENTRY.replace("[meetings]", "[gardening]"), "catalog.yml:7:"),
        (ENTRY.replace("kinds: [affiliational]", "kinds: []"), "catalog.yml:6:"),
        (ENTRY.replace("aa.org", '""'), "needs a contact"),
        (ENTRY + ENTRY.split("resources:\n")[1], "repeated ids: aa"),
        ("version: 1\nresources: [\n", "not valid YAML"),
        ("", "empty"),
    ],
)
def test_other_mistakes_fail_loudly(text: str, says: str) -> None:
    with pytest.raises(CatalogError, match=says):
        parse_catalog(text, "catalog.yml")


def test_states_are_normalised_to_capitals() -> None:
    catalog = parse_catalog(ENTRY + "    states: [oh]\n")

    assert catalog.resources[0].states == ("OH",)
    assert not catalog.resources[0].national
