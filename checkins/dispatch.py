"""The scheduler's pass over the plan's due events: each sent once, only after consent, inside the
person's contact window in their own zone, never after its expiry, and never over anyone.

A due event waits (its row untouched, looked at again next pass) while a peer has the
conversation, an escalation is open, the person texted in the last half hour (they are in a
conversation), another scheduled event went to them in the last twelve hours (never two
check-ups at once), or they opted out (STOP; after START, what is still due goes out). Past its
expiry it is marked expired and never sent: after an outage the pass sends what is late within
its expiry, not a burst of stale ones.

The pass works a page of due rows at a time (checkins/claiming.py): the page is claimed in one
transaction (`FOR UPDATE SKIP LOCKED` on PostgreSQL, a conditional update on SQLite) before
anything is asked of the engine, and the page's events are marked sent in the one transaction
that queues all their messages, so two passes at once (two app processes) never send one event
twice; a claim older than its lease belongs to a process that died, and the event is due again.
The pass only queues: the outbox's sender sends, paced, in its own loop, so a wave of check-ups
never waits for the pass nor the pass for the wave. A check-up or a BARC-10 is started in the
person's conversation by the assistant (its own `checkup_start` and `barc10_start` intents),
through a `Starter` the assembly wires to the engine, a few people at once; the welcome is the
program's own words.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import Protocol

from sqlalchemy import update
from sqlalchemy.orm import Session

from checkins.claiming import ACTOR, CLAIM_LEASE, Claimed, Page, claim_page
from checkins.invitations import Words, load_words
from checkins.nudges import Nudges
from checkins.plans import EventKind, Plan, load_plans
from core.clock import utcnow
from store import audit, messages
from store.db import Database
from store.enrollment_models import DueEvent, DueStatus
from store.messages import Draft
from store.models import Lane, OutboxItem
from store.scheduled import FirstContact, queue_first_contacts

__all__ = ["CLAIM_LEASE", "Claimed", "Dispatcher", "NotStarted", "Starter"]

logger = logging.getLogger(__name__)

INTENTS = {EventKind.CHECKUP: "checkup_start", EventKind.BARC10: "barc10_start"}
SCHEDULED = messages.Sending(Lane.BULK, author=ACTOR)
PAGE = 500
# How many people the engine is asked to start at once: its answers overlap, it is not flooded.
STARTING_AT_ONCE = 8


class NotStarted(Exception):
    """The assistant could not start the event now (the engine is down): the rest wait too."""


class Starter(Protocol):
    async def __call__(self, participant_id: int, intent: str, address: str) -> list[Draft]:
        """What the assistant says to start `intent` in the person's conversation, rendered
        for the channel of `address`; raises NotStarted when it cannot answer."""
        ...


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

    async def dispatch_due(self, limit: int = PAGE) -> list[OutboxItem]:
        """One pass: queues each due event it can; returns the outbox rows it queued."""
        queued: list[OutboxItem] = []
        after: tuple[date, int] | None = None
        # Page by page through every due row: rows that wait (outside their window, or for a
        # peer) must not hide the people behind them whose time has come.
        while True:
            page = await asyncio.to_thread(self._claim, limit, after)
            started, engine_down = await self._drafts_for(page.claimed)
            queued.extend(await asyncio.to_thread(self._finish, started))
            if engine_down:
                logger.warning("scheduled events wait: the assistant could not start them")
                break  # the rest wait for the engine too
            if page.rows < limit or page.last is None:
                break
            after = page.last
        queued.extend(await asyncio.to_thread(self._nudges.send_due, self._db, self._clock()))
        return queued

    def _claim(self, limit: int, after: tuple[date, int] | None) -> Page:
        with self._db.transaction() as session:
            return claim_page(session, self._clock(), limit, after, self._plans)

    async def _drafts_for(
        self, claimed: list[Claimed]
    ) -> tuple[list[tuple[Claimed, list[Draft]]], bool]:
        """Each claimed event's first messages, a few engine calls at once; the events the
        engine could not start are released, and the flag says it is down."""
        if not claimed:
            return [], False
        gate = asyncio.Semaphore(STARTING_AT_ONCE)

        async def one(event: Claimed) -> list[Draft] | None:
            async with gate:
                try:
                    return await self._drafts(event)
                except NotStarted:
                    return None

        drafts = await asyncio.gather(*(one(event) for event in claimed))
        failed = [event for event, got in zip(claimed, drafts, strict=True) if got is None]
        if failed:
            await asyncio.to_thread(self._release, failed)
        started = [(e, got) for e, got in zip(claimed, drafts, strict=True) if got is not None]
        return started, bool(failed)

    async def _drafts(self, claimed: Claimed) -> list[Draft]:
        if claimed.kind is EventKind.WELCOME:
            text = self._words.say("welcome", claimed.language, self._program, claimed.name)
            return [Draft(text)]
        intent = INTENTS[claimed.kind]
        return await self._start(claimed.participant_id, intent, claimed.address)

    def _release(self, events: list[Claimed]) -> None:
        with self._db.transaction() as session:
            session.execute(
                update(DueEvent)
                .where(DueEvent.id.in_([event.event_id for event in events]))
                .values(claimed_at=None)
                .execution_options(synchronize_session=False)
            )

    def _finish(self, started: list[tuple[Claimed, list[Draft]]]) -> list[OutboxItem]:
        """Marks the events sent and queues their messages, all in one transaction; an event
        whose claim ran out and that another pass sent meanwhile is left to that pass."""
        if not started:
            return []
        now = self._clock()
        with self._db.transaction() as session:
            done = self._mark_sent(session, [event for event, _ in started], now)
            contacts = []
            for event, drafts in started:
                if event.event_id in done:
                    audit.record(
                        session, ACTOR, f"scheduled {event.kind} sent", event.participant_id
                    )
                    contacts.append(FirstContact(event.participant_id, event.address, drafts))
            return queue_first_contacts(session, contacts, now, sending=SCHEDULED)

    @staticmethod
    def _mark_sent(session: Session, events: list[Claimed], now: datetime) -> set[int]:
        done: set[int] = set()
        # One update for each nudge time in the batch: check-ups are nudged, the rest are not.
        for nudge in {event.nudge_after for event in events}:
            ids = [event.event_id for event in events if event.nudge_after == nudge]
            marked = session.execute(
                update(DueEvent)
                .where(DueEvent.id.in_(ids), DueEvent.status == DueStatus.PENDING)
                .values(
                    status=DueStatus.SENT,
                    sent_at=now,
                    nudge_due_at=None if nudge is None else now + nudge,
                )
                .returning(DueEvent.id)
                .execution_options(synchronize_session=False)
            )
            done.update(marked.scalars())
        return done
