"""The programs' scheduler at scale, on PostgreSQL, with a stand-in for the engine's trigger:

    uv run python -m bench.scheduler scale --admin-url postgresql://postgres@127.0.0.1:5432/test
    uv run python -m bench.scheduler punctuality --admin-url postgresql://...  [--rate 1 100]
                                                                [--numbers 1 10]
    uv run python -m bench.scheduler waves

- scale: 100,000 consented people on the standard plan, discharged over the past year and due
  what the plan has for them today (their events from three days back to a month ahead are
  rows, as enrolling writes them); the passes of checkins/dispatch.py (each claims, starts and
  queues pages of 500 rows) run until nothing is left for the day. Timed: wall clock.
- punctuality: 10,000 people whose windows open at a minute spread over one hour, each with a
  check-up due today. A fake clock runs the app's scheduler loop: a dispatch pass (its own work
  advances the clock by the real time it took), then the poll interval. The pass only queues;
  the outbox's sender, a loop of its own in the app, is modelled: one message at a time in the
  order queued, each at the first moment its number is free (`rate` a second for each of
  `--numbers` sending numbers, each person on one), found at most a poll interval late when the
  sender was idle. Lateness is each message's send time minus the send time pacing alone would
  give it (the same sender, each message queued the moment it is due).
- waves: what a wave of check-ups takes to go out, pacing alone, from one long code, a pool of
  ten, a toll-free number and a short code (the README's table).

Each run makes a database of its own in the server (`warmline_bench_<random>`) and drops it.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time as clock
import uuid
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from checkins.dispatch import Dispatcher
from checkins.plans import expand, plan_named
from store.db import Database
from store.enrollment_models import Consent, DueEvent, Enrollment
from store.messages import Draft
from store.migrate import upgrade
from store.models import OutboxItem, Participant, ParticipantAddress

NOW = datetime(2026, 12, 2, 17, 0, tzinfo=UTC)  # 11:00 in Chicago: every window is open
ZONE = "America/Chicago"
BATCH = 5000
POLL_SECONDS = 0.5  # WARMLINE_OUTBOX_POLL_SECONDS's default


async def stand_in(participant_id: int, intent: str, address: str) -> list[Draft]:  # noqa: ARG001
    """The engine's trigger_intent answered at once: the scheduler's own cost is measured."""
    return [Draft(f"Hi, time for a check-in ({intent})")]


@contextmanager
def bench_database(admin_url: str) -> Iterator[str]:
    admin = make_url(admin_url).set(drivername="postgresql+psycopg")
    name = f"warmline_bench_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin.render_as_string(False), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = admin.set(database=name).render_as_string(False)
        upgrade(url)
        yield url
    finally:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def person_rows(pid: int, discharged: date, start: time) -> dict[str, dict[str, Any]]:
    return {
        "participant": {"id": pid, "created_at": NOW - timedelta(days=400)},
        "address": {
            "participant_id": pid,
            "address": f"tel:+1312{pid:07d}",
            "channel": "tel",
            "created_at": NOW - timedelta(days=400),
        },
        "enrollment": {
            "participant_id": pid,
            "external_id": f"P-{pid}",
            "discharge_date": discharged,
            "plan": "standard",
            "timezone": ZONE,
            "window_start": start,
            "window_end": time(20),
            "consent": Consent.CONSENTED,
            "invitations_sent": 1,
            "enrolled_by": "bench",
            "created_at": NOW,
            "updated_at": NOW,
        },
    }


def event_rows(pid: int, discharged: date, today: date) -> list[dict[str, Any]]:
    """The standard plan's events from three days back to a month ahead, as enrolling wrote
    them (one kind a day at most: a day's second event waits twelve hours anyway)."""
    rows, days = [], set()
    for event in expand(plan_named("standard")):
        due_on = event.due_on(discharged)
        if (
            today - timedelta(days=3) <= due_on <= today + timedelta(days=30)
            and event.day not in days
        ):
            days.add(event.day)
            rows.append({
                "participant_id": pid, "kind": event.kind, "day": event.day, "due_on": due_on,
                "expires_after_seconds": int(event.expires_after.total_seconds()),
                "status": "pending" if due_on >= today else "expired",
            })  # fmt: skip
    return rows


def populate(url: str, people: list[tuple[date, time]], today: date) -> int:
    """Writes the people in batches; returns how many events are due today."""
    engine = create_engine(url)
    due_today = 0
    with engine.begin() as connection:
        for first in range(0, len(people), BATCH):
            batch = [
                (first + i + 1, discharged, start)
                for i, (discharged, start) in enumerate(people[first : first + BATCH])
            ]
            rows = [person_rows(pid, discharged, start) for pid, discharged, start in batch]
            events = [e for pid, discharged, _ in batch for e in event_rows(pid, discharged, today)]
            due_today += sum(e["due_on"] == today for e in events)
            connection.execute(insert(Participant), [r["participant"] for r in rows])
            connection.execute(insert(ParticipantAddress), [r["address"] for r in rows])
            connection.execute(insert(Enrollment), [r["enrollment"] for r in rows])
            connection.execute(insert(DueEvent), events)
        connection.execute(text("ANALYZE"))
    engine.dispose()
    return due_today


async def drain(dispatcher: Dispatcher) -> int:
    """Passes until one queues nothing; returns how many messages were queued."""
    queued = 0
    while items := await dispatcher.dispatch_due():
        queued += len(items)
    return queued


def scale(admin_url: str, people: int) -> None:
    today = NOW.date()
    spread = [(today - timedelta(days=i % 365), time(9)) for i in range(people)]
    with bench_database(admin_url) as url:
        started = clock.perf_counter()
        due = populate(url, spread, today)
        print(f"{people:,} people enrolled, {due:,} events due today "
              f"(written in {clock.perf_counter() - started:.0f} s)")  # fmt: skip
        db = Database(url)
        dispatcher = Dispatcher(db, stand_in, "Northside Recovery", clock=lambda: NOW)
        started = clock.perf_counter()
        queued = asyncio.run(drain(dispatcher))
        seconds = clock.perf_counter() - started
        db.dispose()
    print(f"claimed and queued: {queued:,} messages in {seconds:.1f} s "
          f"({queued / seconds:,.0f} a second)")  # fmt: skip


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def punctuality(admin_url: str, people: int, rate: float, numbers: int) -> None:
    today = NOW.date()
    # Windows open at 10:00-10:59 in Chicago (16:00-16:59 UTC): the day's check-ups fall due
    # over one hour; the plan's day 14 check-up is due today for everyone.
    discharged = today - timedelta(days=14)
    spread = [(discharged, time(10, i * 60 // people)) for i in range(people)]
    due = due_times(spread)
    with bench_database(admin_url) as url:
        populate(url, spread, today)
        db = Database(url)
        fake = FakeClock(datetime(2026, 12, 2, 15, 59, tzinfo=UTC))
        dispatcher = Dispatcher(db, stand_in, "Northside Recovery", clock=fake)
        queued = asyncio.run(run_passes(dispatcher, fake, due))
        db.dispose()
    pool = Pool(rate, numbers)
    sends = pool.send_times(sorted(queued.items(), key=lambda item: item[1]), pickup=POLL_SECONDS)
    ideal = pool.send_times(sorted(due.items(), key=lambda item: item[1]), pickup=0.0)
    report(sends, ideal, due, pool)


async def run_passes(
    dispatcher: Dispatcher, fake: FakeClock, due: dict[str, datetime]
) -> dict[str, datetime]:
    """The app's scheduler loop on the fake clock: a dispatch pass (its own work advances the
    clock by the real time it took), then the poll interval; returns when each message was
    queued. Sending is the outbox's own loop (`Pool.send_times`): the pass never waits on it.
    A pass that queues nothing changes nothing, so the clock skips idle passes to the next due
    time (the passes in between would find what this one found)."""
    queued: dict[str, datetime] = {}
    while len(queued) < len(due) and fake.now < NOW + timedelta(days=1):
        started = clock.perf_counter()
        items: list[OutboxItem] = await dispatcher.dispatch_due()
        fake.now += timedelta(seconds=clock.perf_counter() - started)
        for item in items:
            queued[item.address] = fake.now
        fake.now += timedelta(seconds=POLL_SECONDS)
        upcoming = [at for at in due.values() if at > fake.now]
        if not items and upcoming:
            fake.now = max(fake.now, min(upcoming))
    return queued


class Pool:
    """The outbox's sender over a channel paced at `rate` a second for each of `numbers`
    sending numbers, each person always on one number (channels/twilio_sms/channel.py): one
    message at a time, in the order queued, each at the first moment its number is free."""

    def __init__(self, rate: float, numbers: int) -> None:
        self.rate, self.numbers = rate, numbers

    def send_times(
        self, queue: list[tuple[str, datetime]], *, pickup: float
    ) -> dict[str, datetime]:
        """`pickup`: how late an idle sender finds a new row (its poll interval, at most)."""
        free: dict[int, datetime] = {}
        sent: dict[str, datetime] = {}
        last = datetime.min.replace(tzinfo=UTC)
        for address, at in queue:
            number = zlib.crc32(address.removeprefix("tel:").encode()) % self.numbers
            ready = at + timedelta(seconds=pickup) if at > last else last
            last = max(ready, free.get(number, ready))
            free[number] = last + timedelta(seconds=1 / self.rate)
            sent[address] = last
        return sent


def due_times(spread: list[tuple[date, time]]) -> dict[str, datetime]:
    """Each person's window opening today (10:mm in Chicago, UTC-6 in December), by address."""
    return {
        person_rows(pid, discharged, start)["address"]["address"]: datetime.combine(
            NOW.date(), start
        ).replace(tzinfo=UTC)
        + timedelta(hours=6)
        for pid, (discharged, start) in enumerate(spread, start=1)
    }


def report(
    sends: dict[str, datetime], ideal: dict[str, datetime], due: dict[str, datetime], pool: Pool
) -> None:
    late = sorted((sends[a] - ideal[a]).total_seconds() for a in sends)
    p99 = late[int(len(late) * 0.99) - 1]
    pacing = (max(ideal.values()) - max(due.values())).total_seconds()
    median, worst = statistics.median(late), late[-1]
    print(
        f"{pool.numbers} number(s) at {pool.rate:g}/s: {len(sends):,} of {len(due):,} sent;"
        f" pacing alone ends {pacing:,.0f} s after the last is due; beyond it: median"
        f" {median:.1f} s, p99 {p99:.1f} s, max {worst:.1f} s"
    )


# Senders a program may have, and what each sends a second (Twilio's figures for the US).
SENDERS = [
    ("one long code", 1.0),
    ("a pool of 10 long codes", 10.0),
    ("one toll-free number", 3.0),
    ("one short code", 100.0),
]
WAVES = [100, 1_000, 6_027, 10_000]


def wave_table() -> None:
    """How long a wave of check-ups takes to go out, pacing alone: a computed table."""
    print("| check-ups in the wave | " + " | ".join(name for name, _ in SENDERS) + " |")
    print("|---:|" + "---:|" * len(SENDERS))
    for size in WAVES:
        cells = [_duration(size / rate) for _, rate in SENDERS]
        print(f"| {size:,} | " + " | ".join(cells) + " |")


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("scale", "punctuality", "waves"))
    parser.add_argument("--admin-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--people", type=int, default=0, help="100,000 / 10,000 by default")
    parser.add_argument("--rate", type=float, nargs="+", default=[1.0, 100.0])
    parser.add_argument("--numbers", type=int, nargs="+", default=[1], help="sending numbers")
    args = parser.parse_args()
    if args.what == "scale":
        scale(args.admin_url, args.people or 100_000)
        return
    if args.what == "waves":
        wave_table()
        return
    for rate in args.rate:
        for numbers in args.numbers:
            punctuality(args.admin_url, args.people or 10_000, rate, numbers)


if __name__ == "__main__":
    main()
