"""A break from check-ups, asked for by the person ("can we pause these for a while. like a
couple months"): their program's check-ups due in it are held (checkins/claiming.py: sent if
they resume while still fresh, else expired unsent), and texting the line goes on as ever.
Recorded in the audit log, so the program and the peers can see who asked for a break.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from store import audit
from store.enrollment_models import Consent, Enrollment

ACTOR = "participant"


def _enrollment(session: Session, participant_id: int) -> Enrollment | None:
    """The person's enrollment, while they take check-ups (consented)."""
    return session.scalar(
        select(Enrollment).where(
            Enrollment.participant_id == participant_id,
            Enrollment.consent == Consent.CONSENTED,
        )
    )


def pause_checkups(session: Session, participant_id: int, until: date, now: datetime) -> bool:
    """Pauses the person's check-ups through `until`; False when they have none to pause."""
    enrollment = _enrollment(session, participant_id)
    if enrollment is None:
        return False
    enrollment.paused_until, enrollment.updated_at = until, now
    audit.record(session, ACTOR, "check-ups paused", participant_id, until=until.isoformat())
    return True


def resume_checkups(session: Session, participant_id: int, now: datetime) -> bool:
    """Ends a pause; False when there was none."""
    enrollment = _enrollment(session, participant_id)
    if enrollment is None or enrollment.paused_until is None:
        return False
    enrollment.paused_until, enrollment.updated_at = None, now
    audit.record(session, ACTOR, "check-ups resumed", participant_id)
    return True


def paused_until(session: Session, participant_id: int, today: date) -> date | None:
    """The last day of the person's break from check-ups, while it lasts."""
    enrollment = _enrollment(session, participant_id)
    if enrollment is None or enrollment.paused_until is None:
        return None
    return enrollment.paused_until if enrollment.paused_until >= today else None


def timezone_of(session: Session, participant_id: int) -> str | None:
    """The zone the person's check-ups are sent in: for the day a pause ends, said in theirs."""
    enrollment = _enrollment(session, participant_id)
    return enrollment.timezone if enrollment else None
