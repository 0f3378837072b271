"""Plans a program edits (YAML in checkins/plans/, one per file, named by the file): events at
offsets from the discharge date, each with an expiry, expanded into the dated events one person
is due. Pure: reading a plan and expanding it do no other I/O.

A plan file that is wrong fails loudly when it is loaded, naming the file and the field, so a
program finds out when it edits the plan rather than when a check-up silently never goes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

PLANS_FOLDER = Path(__file__).parent / "plans"
LAST_DAY = 3660  # ten years after discharge: a plan reaching further is a typing mistake


class EventKind(StrEnum):
    WELCOME = "welcome"
    CHECKUP = "checkup"
    BARC10 = "barc10"


class PlanError(ValueError):
    """A plan file that cannot be used, or a plan name nobody defined."""


class EventRule(BaseModel):
    """One line of a plan: a kind of event on listed days, or every so many days in a span."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    kind: EventKind
    days: list[int] | None = None
    every: int | None = Field(None, ge=1)
    first: int | None = Field(None, alias="from", ge=0, le=LAST_DAY)
    last: int | None = Field(None, alias="to", ge=0, le=LAST_DAY)
    expires_after_hours: int = Field(ge=1, le=24 * 14)

    @model_validator(mode="after")
    def _days_or_a_span(self) -> EventRule:
        span = (self.every, self.first, self.last)
        if self.days is not None:
            if any(value is not None for value in span):
                raise ValueError("give either days, or every/from/to, not both")
            if not self.days or any(not 0 <= day <= LAST_DAY for day in self.days):
                raise ValueError(f"days must be between 0 and {LAST_DAY}")
        elif any(value is None for value in span):
            raise ValueError("give days, or all of every, from and to")
        elif self.first is not None and self.last is not None and self.first > self.last:
            raise ValueError("from must not be after to")
        return self

    def offsets(self) -> list[int]:
        if self.days is not None:
            return sorted(set(self.days))
        every, first, last = self.every or 1, self.first or 0, self.last or 0  # checked above
        return list(range(first, last + 1, every))


class Plan(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    description: str = Field(min_length=1)
    events: list[EventRule] = Field(min_length=1)
    # One gentle nudge when a check-up has no answer after this long (checkins/nudges.py).
    nudge_after_hours: int = Field(24, ge=1, le=24 * 7)
    # RMC's adaptive variant (checkins/adaptive.py): check-ups monthly twice, then a month
    # further apart after each without need, monthly again after one with need; the plan's
    # check-up rules give their expiry and the last day.
    adaptive: bool = False


@dataclass(frozen=True, order=True)
class PlannedEvent:
    """One event a person is due: on a day after discharge, dropped if not sent in time."""

    day: int
    kind: EventKind
    expires_after: timedelta

    def due_on(self, discharged: date) -> date:
        return discharged + timedelta(days=self.day)


def expand(plan: Plan) -> list[PlannedEvent]:
    """Every event of the plan in order of day, one per kind and day (overlapping rules for the
    same kind on the same day make one event: a person is never asked the same thing twice).
    An adaptive plan's check-ups are its no-need series from discharge."""
    chosen: dict[tuple[int, EventKind], PlannedEvent] = {}
    for rule in plan.events:
        expiry = timedelta(hours=rule.expires_after_hours)
        for day in rule.offsets():
            chosen.setdefault((day, rule.kind), PlannedEvent(day, rule.kind, expiry))
    if plan.adaptive:
        kept = {key: event for key, event in chosen.items() if key[1] is not EventKind.CHECKUP}
        series = adaptive_check_ups(plan, 0, 0)
        chosen = kept | {(event.day, event.kind): event for event in series}
    return sorted(chosen.values())


ADAPTIVE_MONTH = 30  # days
ADAPTIVE_MONTHLY = 2  # check-ups a month apart before the interval grows


def adaptive_interval(streak: int) -> int:
    """Days to the next check-up after `streak` check-ups in a row without need (since the
    start, or the last with need): a month twice, then a month more after each
    (ARCHITECTURE section 6: Dennis, Scott and Funk's adaptive variant)."""
    return ADAPTIVE_MONTH * (1 if streak < ADAPTIVE_MONTHLY else streak)


def adaptive_check_ups(plan: Plan, from_day: int, streak: int) -> list[PlannedEvent]:
    """The check-ups after `from_day` if none from here shows need, up to the plan's last
    check-up day, with the expiry of its first check-up rule."""
    rules = [rule for rule in plan.events if rule.kind is EventKind.CHECKUP]
    if not rules:
        return []
    last = max(day for rule in rules for day in rule.offsets())
    expiry = timedelta(hours=rules[0].expires_after_hours)
    events, day = [], from_day + adaptive_interval(streak)
    while day <= last:
        events.append(PlannedEvent(day, EventKind.CHECKUP, expiry))
        streak += 1
        day += adaptive_interval(streak)
    return events


def parse_plan(name: str, text: str) -> Plan:
    """A plan from its YAML; PlanError names what is wrong."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise PlanError(f"plan {name}: not YAML ({error})") from error
    if not isinstance(raw, dict):
        raise PlanError(f"plan {name}: expected a mapping with description and events")
    try:
        return Plan.model_validate({**raw, "name": name})
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in each['loc'])}: {each['msg']}"
            for each in error.errors()
        )
        raise PlanError(f"plan {name}: {problems}") from error


@cache
def load_plans(folder: Path = PLANS_FOLDER) -> dict[str, Plan]:
    """Every plan in the folder, by name (the file name without .yml)."""
    plans = {
        path.stem: parse_plan(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.yml"))
    }
    if not plans:
        raise PlanError(f"no plans in {folder}")
    return plans


def plan_named(name: str, folder: Path = PLANS_FOLDER) -> Plan:
    plans = load_plans(folder)
    if name not in plans:
        raise PlanError(f"no plan named {name!r}; the plans are {', '.join(sorted(plans))}")
    return plans[name]
