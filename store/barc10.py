"""BARC-10 check-ins in the app database: answers stored as they come, one row per item.

A check-in is open until all ten items have been answered or skipped; a paused one is picked
up where it stopped, for a week (after that a new request starts afresh, and the old one stays
as it was, never completed and never filled in).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.barc10_models import Barc10Answer, Barc10Checkin

ITEM_COUNT = 10
STRENGTHS_CUTOFF = 47  # staff-facing only: see Barc10Checkin.strengths_signal
RESUME_WITHIN = timedelta(days=7)

# item number -> score 1-6, or None for a skipped item; items not reached are absent
Scores = dict[int, int | None]


@dataclass(frozen=True)
class Completed:
    total: int | None  # None unless all ten items were scored
    previous_total: int | None  # the last completed check-in with a total, if any
    previous_at: datetime | None


def total_of(scores: Mapping[int, int | None]) -> int | None:
    """10-60, and only when every item has a score: a skipped item is never filled in."""
    values = [scores.get(item) for item in range(1, ITEM_COUNT + 1)]
    return sum(v for v in values if v is not None) if None not in values else None


def open_checkin(session: Session, participant_id: int, now: datetime) -> Barc10Checkin | None:
    return session.scalar(
        select(Barc10Checkin)
        .where(
            Barc10Checkin.participant_id == participant_id,
            Barc10Checkin.completed_at.is_(None),
            Barc10Checkin.started_at >= now - RESUME_WITHIN,
        )
        .order_by(Barc10Checkin.id.desc())
        .limit(1)
    )


def answers(session: Session, checkin_id: int) -> Scores:
    rows = session.execute(
        select(Barc10Answer.item, Barc10Answer.score).where(Barc10Answer.checkin_id == checkin_id)
    )
    return {item: score for item, score in rows}


def unfinished_answers(session: Session, participant_id: int, now: datetime) -> Scores:
    """The answers of the check-in a person can pick up, or {} when there is none."""
    checkin = open_checkin(session, participant_id, now)
    return answers(session, checkin.id) if checkin else {}


def record_answer(
    session: Session, participant_id: int, item: int, score: int | None, now: datetime
) -> None:
    """Stores one item's answer (None: skipped) in the open check-in, opening one if needed."""
    if not 1 <= item <= ITEM_COUNT or (score is not None and not 1 <= score <= 6):
        raise ValueError(f"not a BARC-10 answer: item {item}, score {score}")
    checkin = open_checkin(session, participant_id, now)
    if checkin is None:
        checkin = Barc10Checkin(participant_id=participant_id, started_at=now)
        session.add(checkin)
        session.flush()
    row = session.scalar(
        select(Barc10Answer).where(Barc10Answer.checkin_id == checkin.id, Barc10Answer.item == item)
    )
    if row is None:
        session.add(Barc10Answer(checkin_id=checkin.id, item=item, score=score, answered_at=now))
    else:  # answered again (a retried action call): the latest answer counts
        row.score, row.answered_at = score, now


def previous_completed(
    session: Session, participant_id: int, before_id: int
) -> Barc10Checkin | None:
    return session.scalar(
        select(Barc10Checkin)
        .where(
            Barc10Checkin.participant_id == participant_id,
            Barc10Checkin.id < before_id,
            Barc10Checkin.total.is_not(None),
        )
        .order_by(Barc10Checkin.id.desc())
        .limit(1)
    )


def complete(session: Session, participant_id: int, now: datetime) -> Completed | None:
    """Closes the open check-in with its total (if all ten were scored) and the staff signal."""
    checkin = open_checkin(session, participant_id, now)
    if checkin is None:
        return None
    total = total_of(answers(session, checkin.id))
    checkin.completed_at, checkin.total = now, total
    checkin.strengths_signal = None if total is None else total >= STRENGTHS_CUTOFF
    previous = previous_completed(session, participant_id, checkin.id)
    if previous is None:
        return Completed(total, None, None)
    return Completed(total, previous.total, previous.completed_at)


CORRECT_WITHIN = timedelta(days=1)


def correct_answer(
    session: Session, participant_id: int, item: int, score: int, now: datetime
) -> bool:
    """Changes one item's score in the check-in the person finished last, if within a day ("the
    living space one should be 2 not 3"), with its total and staff signal worked out again;
    False when there is no such check-in or the item was never answered."""
    if not 1 <= item <= ITEM_COUNT or not 1 <= score <= 6:
        raise ValueError(f"not a BARC-10 answer: item {item}, score {score}")
    checkin = session.scalar(
        select(Barc10Checkin)
        .where(
            Barc10Checkin.participant_id == participant_id,
            Barc10Checkin.completed_at >= now - CORRECT_WITHIN,
        )
        .order_by(Barc10Checkin.id.desc())
        .limit(1)
    )
    if checkin is None:
        return False
    row = session.scalar(
        select(Barc10Answer).where(Barc10Answer.checkin_id == checkin.id, Barc10Answer.item == item)
    )
    if row is None:
        return False
    row.score, row.answered_at = score, now
    session.flush()
    total = total_of(answers(session, checkin.id))
    checkin.total = total
    checkin.strengths_signal = None if total is None else total >= STRENGTHS_CUTOFF
    return True


@dataclass(frozen=True)
class Finished:
    """A finished check-in: when, its total (None unless all ten were scored) and its answers."""

    at: datetime
    total: int | None
    scores: Scores


def finished_checkins(session: Session, participant_id: int) -> list[Finished]:
    """Every finished check-in, skipped items and all, oldest first."""
    rows = session.execute(
        select(Barc10Checkin.id, Barc10Checkin.completed_at, Barc10Checkin.total)
        .where(
            Barc10Checkin.participant_id == participant_id,
            Barc10Checkin.completed_at.is_not(None),
        )
        .order_by(Barc10Checkin.completed_at, Barc10Checkin.id)
    )
    return [Finished(at, total, answers(session, id_)) for id_, at, total in rows if at]
