"""What the participant page shows, read in one transaction: how to reach the person and
whether they consented, their stage of change, their check-ups, every BARC-10, and their
escalations with how each ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.barc10_models import Barc10Answer, Barc10Checkin
from store.checkup_models import Checkup, CheckupAnswer
from store.enrollment_models import Enrollment
from store.escalation_models import Escalation
from store.models import Participant, ParticipantAddress

# The check-up's questions in a peer's words (bot/domain/checkup.yml asks them).
QUESTIONS = {
    "how": "How things are",
    "cravings": "Cravings (0-10)",
    "use": "Use since last time",
    "use_often": "How often",
    "supports": "Supports",
    "went_well": "What went well",
    "next_step": "Next step",
}


@dataclass(frozen=True)
class Answer:
    question: str
    text: str | None  # None: skipped, or hidden from a role that does not read people's words
    value: Any


@dataclass(frozen=True)
class CheckupView:
    started_at: datetime
    completed_at: datetime | None
    needs_linkage: bool | None
    peer_requested_at: datetime | None
    answers: list[Answer]


@dataclass(frozen=True)
class Barc10View:
    at: datetime  # completed, or started for one never finished
    completed: bool
    total: int | None
    strengths_signal: bool | None
    items: dict[int, int | None]  # item -> score; None: skipped; absent: never reached


@dataclass(frozen=True)
class ParticipantView:
    person: Participant
    addresses: list[ParticipantAddress]
    enrollment: Enrollment | None
    checkups: list[CheckupView]
    barc10s: list[Barc10View]
    cases: list[Escalation]  # newest first


def question_label(question: str) -> str:
    return QUESTIONS.get(question, question.replace("_", " ").capitalize())


def _checkups(session: Session, participant_id: int, words: bool) -> list[CheckupView]:
    found = session.scalars(
        select(Checkup)
        .where(Checkup.participant_id == participant_id, Checkup.ask_again_at.is_(None))
        .order_by(Checkup.started_at.desc(), Checkup.id.desc())
    ).all()
    answers = session.scalars(
        select(CheckupAnswer)
        .where(CheckupAnswer.checkup_id.in_([c.id for c in found]))
        .order_by(CheckupAnswer.id)
    )
    by_checkup: dict[int, list[Answer]] = {}
    for row in answers:
        shown = row.text if words else None
        by_checkup.setdefault(row.checkup_id, []).append(Answer(row.question, shown, row.value))
    return [
        CheckupView(c.started_at, c.completed_at, c.needs_linkage, c.peer_requested_at,
                    by_checkup.get(c.id, []))
        for c in found
    ]  # fmt: skip


def _barc10s(session: Session, participant_id: int) -> list[Barc10View]:
    """Oldest first, the order of a trend."""
    found = session.scalars(
        select(Barc10Checkin)
        .where(Barc10Checkin.participant_id == participant_id)
        .order_by(Barc10Checkin.started_at, Barc10Checkin.id)
    ).all()
    rows = session.execute(
        select(Barc10Answer.checkin_id, Barc10Answer.item, Barc10Answer.score).where(
            Barc10Answer.checkin_id.in_([c.id for c in found])
        )
    )
    items: dict[int, dict[int, int | None]] = {}
    for checkin_id, item, score in rows:
        items.setdefault(checkin_id, {})[item] = score
    return [
        Barc10View(c.completed_at or c.started_at, c.completed_at is not None, c.total,
                   c.strengths_signal, dict(sorted(items.get(c.id, {}).items())))
        for c in found
    ]  # fmt: skip


def load(session: Session, participant_id: int, *, words: bool) -> ParticipantView | None:
    """`words`: whether the person's own words (check-up answers) are shown to this role."""
    person = session.get(Participant, participant_id)
    if person is None:
        return None
    addresses = session.scalars(
        select(ParticipantAddress)
        .where(ParticipantAddress.participant_id == participant_id)
        .order_by(ParticipantAddress.id)
    ).all()
    enrollment = session.scalar(
        select(Enrollment).where(Enrollment.participant_id == participant_id)
    )
    cases = session.scalars(
        select(Escalation)
        .where(Escalation.participant_id == participant_id)
        .order_by(Escalation.id.desc())
    ).all()
    return ParticipantView(
        person, list(addresses), enrollment, _checkups(session, participant_id, words),
        _barc10s(session, participant_id), list(cases),
    )  # fmt: skip
