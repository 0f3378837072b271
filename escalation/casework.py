"""What a peer (or a supervisor) does with a case: claim, resolve, take over, hand back.

Each step is one conditional update in the caller's transaction, so two people acting at once
cannot both win, and each is written to the audit log.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from store import audit, escalations


def claim(session: Session, escalation_id: int, peer: str, now: datetime) -> bool:
    won = escalations.claim(session, escalation_id, peer, now)
    if won:
        audit.record(session, f"peer:{peer}", "claimed", escalation_id=escalation_id)
    return won


def resolve(session: Session, escalation_id: int, peer: str, outcome: str, now: datetime) -> bool:
    done = escalations.resolve(session, escalation_id, peer, outcome, now)
    if done:
        audit.record(session, f"peer:{peer}", "resolved", escalation_id=escalation_id)
    return done


def take_over(session: Session, participant_id: int, peer: str, now: datetime) -> bool:
    taken = escalations.take_over(session, participant_id, peer, now)
    if taken:
        audit.record(session, f"peer:{peer}", "took-over", participant_id)
    return taken


def hand_back(session: Session, participant_id: int, peer: str) -> bool:
    returned = escalations.hand_back(session, participant_id, peer)
    if returned:
        audit.record(session, f"peer:{peer}", "handed-back", participant_id)
    return returned
