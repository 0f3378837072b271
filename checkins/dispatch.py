"""The scheduler's pass over the plan's due events: each sent once, only after consent, inside the
person's contact window in their own zone, never after its expiry, and never over anyone.

A due event waits (its row untouched, looked at again next pass) while a peer has the
conversation, an escalation is open, the person texted in the last half hour (they are in a
conversation), another scheduled event went to them in the last twelve hours (never two
check-ups at once), or they opted out (STOP; after START, what is still due goes out). Past its
expiry it is marked expired and never sent: after an outage the pass sends what is late within
its expiry, not a burst of stale ones.

An event is claimed with a conditional update before anything is asked of the engine, and
marked sent in the transaction that queues its messages, so two passes at once (two app
processes) never send one event twice; a claim older than its lease belongs to a process that
died, and the event is due again. A check-up or a BARC-10 is started in the person's
conversation by the assistant (its own `checkup_start` and `barc10_start` intents), through a
`Starter` the assembly wires to the engine; the welcome is the program's own words.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, or_, select, tuple_, update
from sqlalchemy.orm import Session

from checkins.invitations import Words, load_words
from checkins.nudges import Nudges, nudge_after
from checkins.plans import EventKind, Plan, load_plans
from checkins.waiting import address_unless_waiting
from checkins.windows import Window, send_at
from core.clock import utcnow
from store import audit, messages
from store.db import Database
from store.enrollment_models import Consent, DueEvent, DueStatus, Enrollment
from store.messages import Draft
from store.models import Lane, OutboxItem, Participant
from store.queue import changed_one_row

logger = logging.getLogger(__name__)

INTENTS = {EventKind.CHECKUP: "checkup_start", EventKind.BARC10: "barc10_start"}
CLAIM_LEASE = timedelta(minutes=2)
ACTOR = "scheduler"
SCHEDULED = messages.Sending(Lane.BULK, author=ACTOR)


class NotStarted(Exception):
    """The assistant could not start the event now (the engine is down): the rest wait too."""


class Starter(Protocol):
    async def __call__(self, participant_id: int, intent: str, address: str) -> list[Draft]:
        """What the assistant says to start `intent` in the person's conversation, rendered
        for the channel of `address`; raises NotStarted when it cannot answer."""
        ...


@dataclass(frozen=True)
class Claimed:
    event_id: int
    participant_id: int
    kind: EventKind
    address: str
    name: str | None
    language: str | None
    nudge_after: timedelta | None  # a check-up: when it is nudged if unanswered


class Dispatcher:
    def __init__(
        self,
        db: Database,
        start: Starter,
        program: str,
        *,
        words: Words | None = None,
        plans: dict[str, Plan] | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = db
        self._start = start
        self._program = program
        self._words = words or load_words()
        self._plans = plans or load_plans()
        self._nudges = Nudges(program, self._words, self._plans)
        self._clock = clock

    async def dispatch_due(self, limit: int = 200) -> list[OutboxItem]:
        """One pass: sends each due event it can; returns the outbox rows it queued."""
        queued: list[OutboxItem] = []
        after: tuple[date, int] | None = None
        # Page by page through every due row: rows that wait (outside their window, or for a
        # peer) must not hide the people behind them whose time has come.
        while page := await asyncio.to_thread(self._due_ids, limit, after):
            for event_id, _ in page:
                claimed = await asyncio.to_thread(self._claim, event_id)
                if claimed is None:
                    continue
                try:
                    drafts = await self._drafts(claimed)
                except NotStarted:
                    await asyncio.to_thread(self._release, claimed)
                    logger.warning("scheduled events wait: the assistant could not start one")
                    page = []  # the rest wait for the engine too
                    break
                queued.extend(await asyncio.to_thread(self._finish, claimed, drafts))
            if len(page) < limit:
                break
            after = (page[-1][1], page[-1][0])
        queued.extend(await asyncio.to_thread(self._nudges.send_due, self._db, self._clock()))
        return queued

    async def _drafts(self, claimed: Claimed) -> list[Draft]:
        if claimed.kind is EventKind.WELCOME:
            text = self._words.say("welcome", claimed.language, self._program, claimed.name)
            return [Draft(text)]
        intent = INTENTS[claimed.kind]
        return await self._start(claimed.participant_id, intent, claimed.address)

    def _due_ids(self, limit: int, after: tuple[date, int] | None) -> list[tuple[int, date]]:
        """A page of due rows in (due date, id) order, after the last row of the page before."""
        now = self._clock()
        with self._db.transaction() as session:
            query = (
                select(DueEvent.id, DueEvent.due_on)
                .join(Enrollment, Enrollment.participant_id == DueEvent.participant_id)
                .where(
                    Enrollment.consent == Consent.CONSENTED,
                    DueEvent.status == DueStatus.PENDING,
                    # A day ahead in UTC covers every zone's today; the window decides.
                    DueEvent.due_on <= (now + timedelta(days=1)).date(),
                    _unclaimed(now),
                )
                .order_by(DueEvent.due_on, DueEvent.id)
                .limit(limit)
            )
            if after is not None:
                query = query.where(tuple_(DueEvent.due_on, DueEvent.id) > tuple_(*after))
            return [(event_id, due_on) for event_id, due_on in session.execute(query)]

    def _claim(self, event_id: int) -> Claimed | None:
        now = self._clock()
        with self._db.transaction() as session:
            event = session.get_one(DueEvent, event_id)
            enrollment = session.scalars(
                select(Enrollment).where(Enrollment.participant_id == event.participant_id)
            ).one()
            window = Window(
                enrollment.window_start, enrollment.window_end, ZoneInfo(enrollment.timezone)
            )
            expiry = timedelta(seconds=event.expires_after_seconds)
            when = send_at(window, event.due_on, expiry, now)
            if when is None:
                _expire(session, event)
                return None
            if when > now:
                return None  # not yet: outside the window, or not its day there
            address = address_unless_waiting(session, event.participant_id, now)
            if address is None:
                return None  # waits: opted out, in a conversation, or spaced
            claimed = session.execute(
                update(DueEvent)
                .where(
                    DueEvent.id == event.id, DueEvent.status == DueStatus.PENDING, _unclaimed(now)
                )
                .values(claimed_at=now)
                .execution_options(synchronize_session=False)
            )
            if not changed_one_row(claimed):
                return None  # another pass took it
            person = session.get_one(Participant, event.participant_id)
            kind = EventKind(event.kind)
            nudge = (
                nudge_after(self._plans.get(enrollment.plan)) if kind is EventKind.CHECKUP else None
            )
            return Claimed(
                event.id, person.id, kind, address, person.display_name, person.language, nudge
            )

    def _release(self, claimed: Claimed) -> None:
        with self._db.transaction() as session:
            session.execute(
                update(DueEvent).where(DueEvent.id == claimed.event_id).values(claimed_at=None)
            )

    def _finish(self, claimed: Claimed, drafts: list[Draft]) -> list[OutboxItem]:
        now = self._clock()
        with self._db.transaction() as session:
            done = session.execute(
                update(DueEvent)
                .where(DueEvent.id == claimed.event_id, DueEvent.status == DueStatus.PENDING)
                .values(status=DueStatus.SENT, sent_at=now, nudge_due_at=_nudge_at(claimed, now))
                .execution_options(synchronize_session=False)
            )
            if not changed_one_row(done):
                return []  # its claim ran out and another pass sent it
            audit.record(session, ACTOR, f"scheduled {claimed.kind} sent", claimed.participant_id)
            sent = messages.add_first_contact(
                session, claimed.participant_id, claimed.address, drafts, now, sending=SCHEDULED
            )
            return [message.outbox for message in sent if message.outbox is not None]


def _nudge_at(claimed: Claimed, now: datetime) -> datetime | None:
    return None if claimed.nudge_after is None else now + claimed.nudge_after


def _unclaimed(now: datetime) -> ColumnElement[bool]:
    return or_(DueEvent.claimed_at.is_(None), DueEvent.claimed_at <= now - CLAIM_LEASE)


def _expire(session: Session, event: DueEvent) -> None:
    expired = session.execute(
        update(DueEvent)
        .where(DueEvent.id == event.id, DueEvent.status == DueStatus.PENDING)
        .values(status=DueStatus.EXPIRED)
        .execution_options(synchronize_session=False)
    )
    if changed_one_row(expired):
        audit.record(session, ACTOR, f"scheduled {event.kind} expired", event.participant_id)
