"""Which case a person's message belongs to, and the pages about it that are not yet sent."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store.escalation_models import Escalation, PeerAlert
from store.escalations import unresolved_for
from store.models import OutboxStatus, Participant

SUPERSEDED = "superseded by a page at a higher level"


def case_of(session: Session, participant_id: int) -> Escalation | None:
    """The person's unresolved escalation; or, while a peer has the conversation, the latest
    one (a takeover outlives the escalation it came from): where an alert about them links."""
    open_case = unresolved_for(session, participant_id)
    if open_case is not None:
        return open_case
    person = session.get(Participant, participant_id)
    if person is None or person.taken_over_by is None:
        return None
    return session.scalar(
        select(Escalation)
        .where(Escalation.participant_id == participant_id)
        .order_by(Escalation.id.desc())
        .limit(1)
    )


def supersede_pending_alerts(session: Session, escalation_id: int) -> int:
    """Alerts about this case that no sender has claimed yet are dropped (kept, as failed,
    with the reason): the page at the new level says everything they would."""
    result = session.execute(
        update(PeerAlert)
        .where(
            PeerAlert.escalation_id == escalation_id,
            PeerAlert.status == OutboxStatus.PENDING,
            PeerAlert.claimed_at.is_(None),
        )
        .values(status=OutboxStatus.FAILED, last_error=SUPERSEDED)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
