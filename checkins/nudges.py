"""One gentle nudge when a scheduled check-up gets no answer: after the plan's
`nudge_after_hours` (a day by default), at most once per event, inside the person's window, and
only while it is still timely (within a day of its time: after an outage, never a stale nudge).

"No answer" is nothing from the person since the check-up went out. The nudge waits for what
any scheduled message waits for (checkins/waiting.py). When the check-up goes out its row gets
`nudge_due_at`; a pass looks only at rows whose time has come, moves one outside the window to
the window's next opening, and clears it once the nudge went, was not needed, or went stale. It
is marked sent with a conditional update in the transaction that queues it, so two passes never
nudge twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from checkins.invitations import Words
from checkins.plans import Plan
from checkins.waiting import address_unless_waiting
from checkins.windows import Window
from store import audit, messages
from store.db import Database
from store.enrollment_models import DueEvent, Enrollment
from store.models import Lane, OutboxItem, Participant
from store.queue import changed_one_row

NUDGE_WITHIN = timedelta(days=1)  # after its time: a nudge later than this is stale
DEFAULT_AFTER = timedelta(hours=24)  # a plan renamed since: the plans' default
RETRY = timedelta(minutes=15)  # waiting for a peer, a case, a conversation or spacing
ACTOR = "scheduler"
SCHEDULED = messages.Sending(Lane.BULK, author=ACTOR)


def nudge_after(plan: Plan | None) -> timedelta:
    return DEFAULT_AFTER if plan is None else timedelta(hours=plan.nudge_after_hours)


class Nudges:
    def __init__(self, program: str, words: Words, plans: dict[str, Plan]) -> None:
        self._program = program
        self._words = words
        self._plans = plans

    def send_due(self, db: Database, now: datetime, limit: int = 200) -> list[OutboxItem]:
        """One pass: nudges each unanswered check-up whose time has come; returns the outbox
        rows it queued."""
        queued: list[OutboxItem] = []
        with db.transaction() as session:
            due = session.scalars(
                select(DueEvent.id)
                .where(DueEvent.nudge_due_at <= now)
                .order_by(DueEvent.nudge_due_at)
                .limit(limit)
            ).all()
        for event_id in due:
            with db.transaction() as session:
                queued.extend(self._nudge(session, event_id, now))
        return queued

    def _nudge(self, session: Session, event_id: int, now: datetime) -> list[OutboxItem]:
        event = session.get_one(DueEvent, event_id)
        enrollment = session.scalars(
            select(Enrollment).where(Enrollment.participant_id == event.participant_id)
        ).one()
        if event.sent_at is None or _answered(session, event):
            event.nudge_due_at = None  # they answered: no nudge
            return []
        deadline = event.sent_at + nudge_after(self._plans.get(enrollment.plan)) + NUDGE_WITHIN
        window = Window(
            enrollment.window_start, enrollment.window_end, ZoneInfo(enrollment.timezone)
        )
        when = now if window.contains(now) else next_opening(window, now)
        if when != now or now > deadline:
            return _later(session, event, when, deadline)
        address = address_unless_waiting(session, event.participant_id, now)
        if address is None:
            return _later(session, event, now + RETRY, deadline)
        return self._send(session, event, address, now) if _mark(session, event.id, now) else []

    def _send(
        self, session: Session, event: DueEvent, address: str, now: datetime
    ) -> list[OutboxItem]:
        person = session.get_one(Participant, event.participant_id)
        text = self._words.say("nudge", person.language, self._program, person.display_name)
        audit.record(session, ACTOR, "scheduled checkup nudged", person.id)
        sent = messages.add_first_contact(
            session, person.id, address, [text], now, sending=SCHEDULED
        )
        return [message.outbox for message in sent if message.outbox is not None]


def next_opening(window: Window, now: datetime) -> datetime:
    """When the window next opens after `now` (outside it)."""
    today = now.astimezone(window.zone).date()
    opening = window.opens(today)
    return opening if opening > now else window.opens(today + timedelta(days=1))


def _later(
    session: Session, event: DueEvent, when: datetime, deadline: datetime
) -> list[OutboxItem]:
    """Looks at the row again at `when`, or, past the deadline, never: a stale nudge is worse
    than none."""
    if when > deadline:
        audit.record(session, ACTOR, "scheduled checkup nudge dropped", event.participant_id)
    event.nudge_due_at = None if when > deadline else when
    return []


def _answered(session: Session, event: DueEvent) -> bool:
    latest = messages.latest_inbound(session, event.participant_id)
    return latest is not None and event.sent_at is not None and latest.created_at > event.sent_at


def _mark(session: Session, event_id: int, now: datetime) -> bool:
    marked = session.execute(
        update(DueEvent)
        .where(DueEvent.id == event_id, DueEvent.nudged_at.is_(None), DueEvent.nudge_due_at <= now)
        .values(nudged_at=now, nudge_due_at=None)
        .execution_options(synchronize_session=False)
    )
    return changed_one_row(marked)
