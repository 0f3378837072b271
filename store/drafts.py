"""A peer's unsent reply to a case, kept server-side so an idle log-off does not lose it.

Never in the browser's storage (a shared computer keeps that after log-off) and never in the
audit log (which records that a draft was kept, restored or discarded, not its words). One per
peer and case; sending the reply or discarding it deletes it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from store import audit
from store.roster_models import ReplyDraft

MAX_DRAFT_CHARS = 1600  # as long as the longest reply the console sends


def save(
    session: Session, user_id: int, escalation_id: int, text: str, by: str, now: datetime
) -> None:
    """Keeps the draft (an empty one is a discard)."""
    if not text.strip():
        discard(session, user_id, escalation_id, by)
        return
    draft = session.get(ReplyDraft, (user_id, escalation_id))
    if draft is None:
        session.add(ReplyDraft(user_id=user_id, escalation_id=escalation_id, text=text,
                               updated_at=now))  # fmt: skip
        audit.record(session, by, "draft-kept", escalation_id=escalation_id)
    else:
        draft.text, draft.updated_at = text, now
    session.flush()


def of(session: Session, user_id: int, escalation_id: int) -> str | None:
    return session.scalar(
        select(ReplyDraft.text).where(
            ReplyDraft.user_id == user_id, ReplyDraft.escalation_id == escalation_id
        )
    )


def discard(session: Session, user_id: int, escalation_id: int, by: str) -> bool:
    gone = session.execute(
        delete(ReplyDraft).where(
            ReplyDraft.user_id == user_id, ReplyDraft.escalation_id == escalation_id
        )
    )
    if gone.rowcount:  # type: ignore[attr-defined]
        audit.record(session, by, "draft-discarded", escalation_id=escalation_id)
    return bool(gone.rowcount)  # type: ignore[attr-defined]


def sent(session: Session, user_id: int, escalation_id: int) -> None:
    """The reply went out: its draft is gone (the reply's own audit row says so)."""
    session.execute(
        delete(ReplyDraft).where(
            ReplyDraft.user_id == user_id, ReplyDraft.escalation_id == escalation_id
        )
    )


def forget_case(session: Session, escalation_id: int) -> None:
    """The case is resolved: nobody's reply to it is waiting any more."""
    session.execute(delete(ReplyDraft).where(ReplyDraft.escalation_id == escalation_id))
