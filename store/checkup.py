"""Recovery check-ups in the app database: answers stored as they come, one row per question.

A check-up left half-way is picked up where it stopped for a day; after that a new request
starts afresh and the old one stays as it was. "Not now" stores when to ask again (the
scheduler sends it: store/checkup_reminders.py). The need rule of Recovery Management
Checkups (Dennis, Scott and Funk, 2003) sets `needs_linkage` for staff when the check-up is
completed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.checkup_models import Checkup, CheckupAnswer

RESUME_WITHIN = timedelta(days=1)
USE_QUESTIONS = ("use_often", "use")  # the follow-up, when asked, says more than the first


class UseFrequency(StrEnum):
    NONE = "none"
    LESS_THAN_WEEKLY = "less_than_weekly"
    WEEKLY_OR_MORE = "weekly_or_more"
    UNKNOWN = "unknown"  # "yes", with no sense of how often


# question -> (the text as sent, or None when skipped; what was read from it); questions not
# reached are absent
Answers = dict[str, tuple[str | None, Any]]


def needs_linkage(use: UseFrequency | None, wants_help: bool) -> bool:
    """The need rule: weekly or more use since the last check-up, or their own sense they need
    help. (Past-month symptoms are for a clinician's check-up, not asked by text.)"""
    return wants_help or use is UseFrequency.WEEKLY_OR_MORE


def open_checkup(session: Session, participant_id: int, now: datetime) -> Checkup | None:
    return session.scalar(
        select(Checkup)
        .where(
            Checkup.participant_id == participant_id,
            Checkup.completed_at.is_(None),
            Checkup.ask_again_at.is_(None),
            Checkup.started_at >= now - RESUME_WITHIN,
        )
        .order_by(Checkup.id.desc())
        .limit(1)
    )


def _rows(session: Session, checkup_id: int) -> Sequence[CheckupAnswer]:
    return session.scalars(
        select(CheckupAnswer).where(CheckupAnswer.checkup_id == checkup_id)
    ).all()


def unfinished_answers(session: Session, participant_id: int, now: datetime) -> Answers:
    """The answers of the check-up a person can pick up, or {} when there is none."""
    checkup = open_checkup(session, participant_id, now)
    rows = _rows(session, checkup.id) if checkup else []
    return {row.question: (row.text, row.value) for row in rows}


def record_answer(
    session: Session,
    participant_id: int,
    question: str,
    answer: tuple[str | None, Any],
    now: datetime,
) -> None:
    """Stores one answer (text None: skipped) and what was read from it in the open check-up,
    opening one if needed. Answered again (a retried action call): the latest counts."""
    text, value = answer
    checkup = open_checkup(session, participant_id, now)
    if checkup is None:
        checkup = Checkup(participant_id=participant_id, started_at=now)
        session.add(checkup)
        session.flush()
    row = session.scalar(
        select(CheckupAnswer).where(
            CheckupAnswer.checkup_id == checkup.id, CheckupAnswer.question == question
        )
    )
    if row is None:
        row = CheckupAnswer(checkup_id=checkup.id, question=question)
        session.add(row)
    row.text, row.value, row.answered_at = text, value, now


def ask_again(session: Session, participant_id: int, at: datetime, now: datetime) -> Checkup:
    """ "Not now": a check-up row that only says when to ask again."""
    checkup = Checkup(participant_id=participant_id, started_at=now, ask_again_at=at)
    session.add(checkup)
    session.flush()
    return checkup


def last_completed_at(session: Session, participant_id: int) -> datetime | None:
    return session.scalar(
        select(Checkup.completed_at)
        .where(Checkup.participant_id == participant_id, Checkup.completed_at.is_not(None))
        .order_by(Checkup.completed_at.desc())
        .limit(1)
    )


def _use_of(rows: Sequence[CheckupAnswer]) -> UseFrequency | None:
    values = {row.question: row.value for row in rows}
    for question in USE_QUESTIONS:
        value = values.get(question)
        if isinstance(value, str):
            return UseFrequency(value)
    return None


def _cravings_of(rows: Sequence[CheckupAnswer]) -> int | None:
    value = next((row.value for row in rows if row.question == "cravings"), None)
    return value if isinstance(value, int) else None


def need_reasons(
    use: UseFrequency | None, wants_help: bool, cravings: int | None, cravings_at: int | None
) -> list[str]:
    """Why linkage is needed (empty: it is not): the need rule, then a program's own extra
    (cravings at or above its level, when it set one). Names only, never their words."""
    reasons = ["weekly_use"] if use is UseFrequency.WEEKLY_OR_MORE else []
    if wants_help:
        reasons.append("wants_help")
    if cravings_at is not None and cravings is not None and cravings >= cravings_at:
        reasons.append("cravings")
    return reasons


def complete(
    session: Session,
    participant_id: int,
    wants_help: bool,
    now: datetime,
    cravings_at: int | None = None,
) -> bool:
    """Closes the open check-up with the need rule applied; True when linkage is needed."""
    return bool(completed(session, participant_id, wants_help, now, cravings_at)[1])


def completed(
    session: Session,
    participant_id: int,
    wants_help: bool,
    now: datetime,
    cravings_at: int | None = None,
) -> tuple[Checkup | None, list[str]]:
    """Closes the open check-up (None when there is none) with the need rule applied and a
    program's extra (`cravings_at`); returns it and why linkage is needed."""
    checkup = open_checkup(session, participant_id, now)
    if checkup is None:
        return None, need_reasons(None, wants_help, None, None)
    rows = _rows(session, checkup.id)
    reasons = need_reasons(_use_of(rows), wants_help, _cravings_of(rows), cravings_at)
    checkup.completed_at = now
    checkup.needs_linkage = bool(reasons)
    return checkup, reasons


def request_peer(session: Session, participant_id: int, now: datetime) -> bool:
    """Marks the latest completed check-up: the person said yes to a peer. True if one was."""
    checkup = session.scalar(
        select(Checkup)
        .where(Checkup.participant_id == participant_id, Checkup.completed_at.is_not(None))
        .order_by(Checkup.id.desc())
        .limit(1)
    )
    if checkup is None:
        return False
    checkup.peer_requested_at = now
    return True
