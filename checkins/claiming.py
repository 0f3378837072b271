"""Claiming a page of due events at once: one read of the page, the waits checked for the whole
page, one update that expires the stale and one that claims the rest, in one transaction.

On PostgreSQL the page is read `FOR UPDATE SKIP LOCKED`: a second scheduler reading at the same
moment skips the rows this one holds and takes the next ones. On SQLite (one writer at a time)
the claim is a conditional update: only rows still pending and unclaimed are taken, and the
update says which (RETURNING), so two passes never both take one row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Row, or_, select, tuple_, update
from sqlalchemy.orm import Session

from checkins.nudges import nudge_after
from checkins.plans import EventKind, Plan
from checkins.waiting import addresses_unless_waiting
from checkins.windows import Window, send_at
from store import audit
from store.enrollment_models import Consent, DueEvent, DueStatus, Enrollment
from store.models import Participant

CLAIM_LEASE = timedelta(minutes=2)
ACTOR = "scheduler"


@dataclass(frozen=True)
class Claimed:
    event_id: int
    participant_id: int
    kind: EventKind
    address: str
    name: str | None
    language: str | None
    nudge_after: timedelta | None  # a check-up: when it is nudged if unanswered


@dataclass(frozen=True)
class Page:
    claimed: list[Claimed]
    rows: int  # how many due rows the page read (fewer than asked: the last page)
    last: tuple[date, int] | None  # the last row's (due date, id): where the next page starts


def unclaimed(now: datetime) -> ColumnElement[bool]:
    return or_(DueEvent.claimed_at.is_(None), DueEvent.claimed_at <= now - CLAIM_LEASE)


def claim_page(
    session: Session,
    now: datetime,
    limit: int,
    after: tuple[date, int] | None,
    plans: dict[str, Plan],
) -> Page:
    """Claims what may go out now from one page of due rows in (due date, id) order."""
    rows = _read_page(session, now, limit, after)
    if not rows:
        return Page([], 0, None)
    ready, stale = _by_time(rows, now)
    _expire(session, stale)
    addresses = addresses_unless_waiting(session, [row.participant_id for row in ready], now)
    chosen: dict[int, Row[tuple[DueEvent, Enrollment, Participant]]] = {}
    for row in ready:
        if row.participant_id in addresses and row.participant_id not in chosen:
            chosen[row.participant_id] = row  # never two at once: one event a person a page
    taken = _claim(session, [row.DueEvent.id for row in chosen.values()], now)
    claimed = [
        _claimed(row, addresses[pid], plans)
        for pid, row in chosen.items()
        if row.DueEvent.id in taken
    ]
    last = rows[-1].DueEvent
    return Page(claimed, len(rows), (last.due_on, last.id))


def _read_page(
    session: Session, now: datetime, limit: int, after: tuple[date, int] | None
) -> Sequence[Row[tuple[DueEvent, Enrollment, Participant]]]:
    query = (
        select(DueEvent, Enrollment, Participant, DueEvent.participant_id)
        .join(Enrollment, Enrollment.participant_id == DueEvent.participant_id)
        .join(Participant, Participant.id == DueEvent.participant_id)
        .where(
            Enrollment.consent == Consent.CONSENTED,
            DueEvent.status == DueStatus.PENDING,
            # A day ahead in UTC covers every zone's today; the window decides.
            DueEvent.due_on <= (now + timedelta(days=1)).date(),
            unclaimed(now),
        )
        .order_by(DueEvent.due_on, DueEvent.id)
        .limit(limit)
        .with_for_update(of=DueEvent, skip_locked=True)  # nothing on SQLite
    )
    if after is not None:
        query = query.where(tuple_(DueEvent.due_on, DueEvent.id) > tuple_(*after))
    return session.execute(query).all()  # type: ignore[return-value]


def _by_time(
    rows: Sequence[Row[tuple[DueEvent, Enrollment, Participant]]], now: datetime
) -> tuple[list[Row[tuple[DueEvent, Enrollment, Participant]]], list[DueEvent]]:
    """The rows that may go out now, and those past their expiry; the rest are not yet due
    (outside the window, or not their day where they live)."""
    ready, stale = [], []
    for row in rows:
        event, enrollment = row.DueEvent, row.Enrollment
        window = Window(
            enrollment.window_start, enrollment.window_end, ZoneInfo(enrollment.timezone)
        )
        expiry = timedelta(seconds=event.expires_after_seconds)
        when = send_at(window, event.due_on, expiry, now)
        if when is None:
            stale.append(event)
        elif when <= now and not _held(enrollment, event.due_on, window, now):
            ready.append(row)
    return ready, stale


def _held(enrollment: Enrollment, due_on: date, window: Window, now: datetime) -> bool:
    """Due in a break from check-ups the person asked for, while it lasts (store/pauses.py):
    held, to go out if they resume before it goes stale, and to expire unsent otherwise."""
    until = enrollment.paused_until
    return until is not None and due_on <= until and now.astimezone(window.zone).date() <= until


def _expire(session: Session, stale: list[DueEvent]) -> None:
    if not stale:
        return
    expired = session.execute(
        update(DueEvent)
        .where(DueEvent.id.in_([event.id for event in stale]), DueEvent.status == DueStatus.PENDING)
        .values(status=DueStatus.EXPIRED)
        .returning(DueEvent.participant_id, DueEvent.kind)
        .execution_options(synchronize_session=False)
    )
    for participant_id, kind in expired:
        audit.record(session, ACTOR, f"scheduled {kind} expired", participant_id)


def _claim(session: Session, event_ids: list[int], now: datetime) -> set[int]:
    """The conditional update: only rows still pending and unclaimed are taken."""
    if not event_ids:
        return set()
    taken = session.execute(
        update(DueEvent)
        .where(DueEvent.id.in_(event_ids), DueEvent.status == DueStatus.PENDING, unclaimed(now))
        .values(claimed_at=now)
        .returning(DueEvent.id)
        .execution_options(synchronize_session=False)
    )
    return set(taken.scalars())


def _claimed(
    row: Row[tuple[DueEvent, Enrollment, Participant]], address: str, plans: dict[str, Plan]
) -> Claimed:
    event, enrollment, person = row.DueEvent, row.Enrollment, row.Participant
    kind = EventKind(event.kind)
    nudge = nudge_after(plans.get(enrollment.plan)) if kind is EventKind.CHECKUP else None
    return Claimed(event.id, person.id, kind, address, person.display_name, person.language, nudge)
