"""Every BARC-10 check-in and recovery check-up of the program's enrolled people, with their
answers as stored: the one reading the CSV and FHIR exports are made from.

An answer is "answered", "skipped" (the person saw the item and chose to skip), or, for a
check-up's coded questions, "unclear" (a reply kept as they said it, never guessed at). An item
never reached has no row, and nothing is ever filled in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from outcomes.instruments import FREE_TEXT
from store.barc10_models import Barc10Answer, Barc10Checkin
from store.checkup_models import Checkup, CheckupAnswer
from store.enrollment_models import Enrollment


class Kind(StrEnum):
    BARC10 = "barc10"
    CHECKUP = "checkup"


class Status(StrEnum):
    ANSWERED = "answered"
    SKIPPED = "skipped"
    UNCLEAR = "unclear"


@dataclass(frozen=True)
class Person:
    participant_id: int
    study_id: str  # the program's own id for the person (the enrollment's external id)
    discharge_date: date
    timezone: str


@dataclass(frozen=True)
class Answer:
    item: str  # "1".."10" for the BARC-10; the question's name for a check-up
    value: Any  # a BARC-10 score 1-6; a check-up's number, code or codes; None if none
    text: str | None  # the person's words (check-ups only): identified exports alone
    answered_at: datetime
    status: Status


@dataclass(frozen=True)
class Response:
    kind: Kind
    id: int
    number: int  # the person's first, second... of this kind
    person: Person
    started_at: datetime
    completed_at: datetime | None
    total: int | None  # BARC-10 only, and only when all ten items were scored
    answers: tuple[Answer, ...]


def responses(session: Session) -> list[Response]:
    """Every check-in and check-up of enrolled people, by person then in the order taken."""
    people = {
        e.participant_id: Person(e.participant_id, e.external_id, e.discharge_date, e.timezone)
        for e in session.scalars(select(Enrollment).order_by(Enrollment.external_id))
    }
    found = [*_barc10(session, people), *_checkups(session, people)]
    order = {participant: n for n, participant in enumerate(people)}
    return sorted(found, key=lambda r: (order[r.person.participant_id], r.kind, r.number))


def _numbered(rows: list[tuple[int, Any]]) -> list[tuple[int, int, Any]]:
    """(participant, their running number, row), for rows already in the order taken."""
    counts: defaultdict[int, int] = defaultdict(int)
    numbered = []
    for participant, row in rows:
        counts[participant] += 1
        numbered.append((participant, counts[participant], row))
    return numbered


def _barc10(session: Session, people: dict[int, Person]) -> list[Response]:
    checkins = session.scalars(
        select(Barc10Checkin)
        .where(Barc10Checkin.participant_id.in_(people))
        .order_by(Barc10Checkin.started_at, Barc10Checkin.id)
    ).all()
    answers: defaultdict[int, list[Answer]] = defaultdict(list)
    query = select(Barc10Answer).where(Barc10Answer.checkin_id.in_([c.id for c in checkins]))
    for row in session.scalars(query.order_by(Barc10Answer.item)):
        status = Status.SKIPPED if row.score is None else Status.ANSWERED
        answers[row.checkin_id].append(
            Answer(str(row.item), row.score, None, row.answered_at, status)
        )
    return [
        Response(
            Kind.BARC10, c.id, number, people[person], c.started_at, c.completed_at, c.total,
            tuple(answers[c.id]),
        )
        for person, number, c in _numbered([(c.participant_id, c) for c in checkins])
    ]  # fmt: skip


def _checkups(session: Session, people: dict[int, Person]) -> list[Response]:
    checkups = session.scalars(
        select(Checkup)
        .where(Checkup.participant_id.in_(people), Checkup.ask_again_at.is_(None))
        .order_by(Checkup.started_at, Checkup.id)
    ).all()
    answers: defaultdict[int, list[Answer]] = defaultdict(list)
    query = select(CheckupAnswer).where(CheckupAnswer.checkup_id.in_([c.id for c in checkups]))
    for row in session.scalars(query.order_by(CheckupAnswer.answered_at, CheckupAnswer.id)):
        answers[row.checkup_id].append(
            Answer(row.question, row.value, row.text, row.answered_at, _status(row))
        )
    return [
        Response(
            Kind.CHECKUP, c.id, number, people[person], c.started_at, c.completed_at, None,
            tuple(answers[c.id]),
        )
        for person, number, c in _numbered([(c.participant_id, c) for c in checkups])
    ]  # fmt: skip


def _status(row: CheckupAnswer) -> Status:
    if row.text is None:
        return Status.SKIPPED
    if row.question in FREE_TEXT or row.value is not None:
        return Status.ANSWERED
    return Status.UNCLEAR
