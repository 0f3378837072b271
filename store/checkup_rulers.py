"""Importance and confidence rulers and the stage of change a person last expressed."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store.checkup_models import RulerRating
from store.models import Participant


class Stage(StrEnum):
    """Stages of change (Prochaska and DiClemente)."""

    PRECONTEMPLATION = "precontemplation"
    CONTEMPLATION = "contemplation"
    PREPARATION = "preparation"
    ACTION = "action"
    MAINTENANCE = "maintenance"


def stage_of(session: Session, participant_id: int) -> Stage | None:
    found = session.scalar(
        select(Participant.stage_of_change).where(Participant.id == participant_id)
    )
    return Stage(found) if found else None


def set_stage(session: Session, participant_id: int, stage: Stage) -> None:
    session.execute(
        update(Participant).where(Participant.id == participant_id).values(stage_of_change=stage)
    )


def record_rating(
    session: Session,
    participant_id: int,
    ruler: str,
    rating: tuple[int | None, str | None],
    now: datetime,
) -> None:
    """One ruler: the score (None: skipped) and the reason in the person's words, if given."""
    score, reason = rating
    if ruler not in ("importance", "confidence") or (score is not None and not 0 <= score <= 10):
        raise ValueError(f"not a ruler rating: {ruler} {score}")
    stage = stage_of(session, participant_id)
    session.add(
        RulerRating(
            participant_id=participant_id, ruler=ruler, score=score, reason=reason,
            stage_of_change=stage, rated_at=now,
        )
    )  # fmt: skip
