"""Plans a program edits: the shipped plans load and expand as their comments say, and a wrong
plan fails loudly, naming the field."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkins.plans import EventKind, PlanError, expand, load_plans, parse_plan, plan_named


def days_of(name: str, kind: EventKind) -> list[int]:
    return [event.day for event in expand(plan_named(name)) if event.kind is kind]


def test_the_standard_plan_is_dense_after_discharge_and_thins_out_to_quarterly() -> None:
    checkups = days_of("standard", EventKind.CHECKUP)

    assert checkups[:5] == [3, 7, 14, 21, 28]  # days 3 and 7, then weekly to week 4
    assert checkups[5:9] == [42, 56, 70, 84]  # every two weeks to month 3
    assert checkups[9:12] == [120, 150, 180]  # monthly to month 12
    assert checkups[-2:] == [1001, 1092]  # quarterly after
    assert days_of("standard", EventKind.WELCOME) == [1]
    assert days_of("standard", EventKind.BARC10) == [0, 30, 90, 180, 365]


def test_every_shipped_plan_loads_and_every_event_expires() -> None:
    plans = load_plans()

    assert {"standard", "rmc_quarterly"} <= set(plans)
    for plan in plans.values():
        events = expand(plan)
        assert events == sorted(events)
        assert all(
            timedelta(hours=1) <= event.expires_after <= timedelta(days=14) for event in events
        )


def test_an_event_is_due_its_day_after_discharge() -> None:
    welcome = expand(plan_named("standard"))[1]

    assert welcome.kind is EventKind.WELCOME
    assert welcome.due_on(date(2026, 12, 31)) == date(2027, 1, 1)


def test_overlapping_rules_for_one_kind_and_day_make_one_event() -> None:
    text = """
description: overlap
events:
  - {kind: checkup, days: [7, 14], expires_after_hours: 24}
  - {kind: checkup, every: 7, from: 7, to: 21, expires_after_hours: 48}
"""
    assert [event.day for event in expand(parse_plan("overlap", text))] == [7, 14, 21]


EXPIRY = "expires_after_hours: 2"


def one_event(event: str) -> str:
    return f"description: x\nevents:\n  - {{{event}}}"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("description: x\nevents: []", "events"),
        (one_event("kind: call, days: [1], expires_after_hours: 24"), "kind"),
        (one_event("kind: checkup, expires_after_hours: 24"), "every, from and to"),
        (one_event(f"kind: checkup, days: [1], every: 7, from: 1, to: 9, {EXPIRY}"), "not both"),
        (one_event(f"kind: checkup, every: 7, from: 30, to: 9, {EXPIRY}"), "from must not be"),
        (one_event("kind: checkup, days: [1]"), "expires_after_hours"),
        (one_event("kind: checkup, days: [99999], expires_after_hours: 2"), "days must be"),
        ("description: x\nevnts: []", "evnts"),
        ("- just a list", "a mapping"),
        ("description: [unclosed", "not YAML"),
    ],
)  # fmt: skip
def test_a_wrong_plan_fails_loudly_naming_what_is_wrong(text: str, named: str) -> None:
    with pytest.raises(PlanError, match="plan mine") as raised:
        parse_plan("mine", text)

    assert named in str(raised.value)


def test_a_plan_nobody_defined_is_refused_with_the_names_there_are() -> None:
    with pytest.raises(PlanError, match="rmc_quarterly, standard"):
        plan_named("weekly-forever")


def test_a_folder_without_plans_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="no plans"):
        load_plans(tmp_path)


@given(every=st.integers(1, 120), first=st.integers(0, 400), length=st.integers(0, 900))
def test_a_span_expands_to_every_step_from_its_first_day_to_its_last(
    every: int, first: int, length: int
) -> None:
    span = f"every: {every}, from: {first}, to: {first + length}"
    text = one_event(f"kind: checkup, {span}, expires_after_hours: 24")
    days = [event.day for event in expand(parse_plan("span", text))]

    assert days[0] == first
    assert days[-1] <= first + length < days[-1] + every
    assert all(later - earlier == every for earlier, later in itertools.pairwise(days))
