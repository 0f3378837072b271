"""A program's plan for one person, run on a fake clock through the real engine, action server
and app: enrolled, consent given with YES, then the clock advanced day by day. The scheduler's
pass (the app's own Dispatcher, on the test's clock) sends each event inside the person's window
(the intake BARC-10, the welcome, then the first three check-ups); the app's outbox sender
delivers it to the simulator; the person answers; the answers are stored; the third check-up,
with use four times this week, shows need, and the yes to a peer opens a linkage task.

The discharge date is months ahead of the real clock, so the app's own scheduler (on the real
clock) finds nothing due: only the test's passes, on the fake clock, send the plan's events.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from channels.engine import EngineClient
from checkins.dispatch import Dispatcher
from checkins.enroll import enroll
from checkins.invitations import load_words
from checkins.plans import load_plans
from core.addresses import simulator
from core.settings import Settings
from store import enrollment
from store.checkup_models import Checkup, CheckupAnswer
from store.db import Database
from store.enrollment_models import Consent, DueEvent, DueStatus, Enrollment
from store.linkage_models import LinkageStatus, LinkageTask
from tests.checkins.test_enroll import row
from tests.e2e.test_barc10 import RESPONSES as BARC10
from tests.e2e.test_checkup import asked_again, plain
from tests.support.system import chat, conversation, wait_for
from warmline.assembly import scheduled_starter
from warmline.supervisor import Supervisor

pytestmark = pytest.mark.engine

NAME = "dana"
ZONE = ZoneInfo("America/Chicago")
DISCHARGED = date.today() + timedelta(days=120)  # nothing due on the real clock
WINDOW = (time(9), time(20))
ITEMS = {str(v["text"]) for n in range(1, 11) for v in BARC10[f"utter_ask_barc10_q{n}"]}
# What the person answers to each of the check-up's questions (the third time, their use).
ANSWERS = {
    "utter_checkup_permission": "ya sure",
    "utter_ask_checkup_how": "pretty steady week, work is going ok",
    "utter_ask_checkup_cravings": "about a 2",
    "utter_ask_checkup_use": "no",
    "utter_ask_checkup_use_often": "like 4 times this week",
    "utter_ask_checkup_supports": "went to meetings and called my sponsor",
    "utter_ask_checkup_went_well": "made it to work every day",
    "utter_ask_checkup_next_step": "keep going to meetings",
}
ENDS = plain("utter_checkup_close") | plain("utter_checkup_offer_peer")


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def at(day: int, hour: int) -> datetime:
    """`hour` o'clock in Chicago, `day` days after discharge."""
    return datetime.combine(DISCHARGED + timedelta(days=day), time(hour), ZONE).astimezone(UTC)


def enrolled_and_consented(db: Database, base: str) -> int:
    with db.transaction() as session:
        [done] = enroll(
            session,
            [row(phone=None, telegram=True, discharge_date=DISCHARGED, window=WINDOW)],
            load_plans(),
            "staff",
            at(0, 8),
        )
        # Their chat in the simulator is theirs (on Telegram, pressing Start on their link does
        # this: tests/channels/telegram/test_deep_link_consent.py), and they were invited.
        enrollment.attach_address(session, done.participant_id, str(simulator(NAME)), at(0, 8))
        session.execute(update(Enrollment).values(consent=Consent.INVITED, invitations_sent=1))
    words = load_words()
    assert chat(base, NAME, "yes") == [words.say("consented", None, "Warmline", None)]
    with db.transaction() as session:
        assert session.scalars(select(Enrollment.consent)).one() == Consent.CONSENTED
    return done.participant_id


def run_pass(settings: Settings, db: Database, clock: Clock) -> int:
    """One pass of the scheduler on the fake clock, the engine starting what is due."""

    async def one() -> int:
        engine = EngineClient(
            settings.engine_url, settings.engine_timeout_seconds, token=settings.engine_token_value
        )
        try:
            start = scheduled_starter(engine, {})
            scheduler = Dispatcher(db, start, settings.program_name, clock=clock)
            return len(await scheduler.dispatch_due())
        finally:
            await engine.aclose()

    return asyncio.run(one())


def received(base: str) -> list[str]:
    return [text for way, text in conversation(base, NAME) if way == "outbound"]


def sent_on(db: Database, kind: str, day: int) -> datetime | None:
    with db.transaction() as session:
        event = session.scalars(
            select(DueEvent).where(DueEvent.kind == kind, DueEvent.day == day)
        ).one()
        return event.sent_at if event.status == DueStatus.SENT else None


def answer_until(
    base: str, first: str, done: Callable[[str], bool], reply: Callable[[str], str]
) -> str:
    last = first
    for _ in range(30):
        if done(last):
            return last
        last = chat(base, NAME, reply(last))[-1]
    raise AssertionError("the conversation did not end")


def checkup_reply(use: str) -> Callable[[str], str]:
    def reply(asked: str) -> str:
        for name, text in ANSWERS.items():
            if asked in plain(name) | asked_again(name):
                return use if name == "utter_ask_checkup_use" else text
        raise AssertionError(f"not a question of the check-up: {asked!r}")

    return reply


def event_arrives(
    settings: Settings, db: Database, clock: Clock, kind: str, day: int, hour: int
) -> str:
    """The clock is moved to `hour` on `day`; the pass sends the event; the person gets it."""
    base = settings.base_url
    before = len(received(base))
    clock.now = at(day, hour)
    assert run_pass(settings, db, clock) >= 1
    sent = sent_on(db, kind, day)
    assert sent is not None
    local = sent.astimezone(ZONE)
    assert local.date() == DISCHARGED + timedelta(days=day)
    assert WINDOW[0] <= local.time() < WINDOW[1]  # inside their window, in their zone
    wait_for(lambda: len(received(base)) > before, timeout=30, what=f"the {kind} delivered")
    return received(base)[-1]


def test_a_plan_runs_on_a_fake_clock_through_the_real_engine(
    system: Supervisor, system_settings: Settings
) -> None:
    base = system_settings.base_url
    db = Database(system_settings.app_database_url)
    try:
        person = enrolled_and_consented(db, base)
        clock = Clock(at(0, 7))
        assert run_pass(system_settings, db, clock) == 0  # before their window opens

        permission = event_arrives(system_settings, db, clock, "barc10", 0, 10)
        assert permission in {str(v["text"]) for v in BARC10["utter_barc10_permission"]}
        first = chat(base, NAME, "ya sure")[-1]
        answer_until(base, first, lambda said: said not in ITEMS, lambda _: "agree")

        welcome = event_arrives(system_settings, db, clock, "welcome", 1, 10)
        assert "Warmline" in welcome

        for number, (day, use) in enumerate([(3, "no"), (7, "no"), (14, "yeah")], 1):
            asked = event_arrives(system_settings, db, clock, "checkup", day, 11)
            assert asked in plain("utter_checkup_permission")
            end = answer_until(base, asked, lambda said: said in ENDS, checkup_reply(use))
            needed = end in plain("utter_checkup_offer_peer")
            assert needed == (number == 3), f"check-up {number}: {end!r}"
        chat(base, NAME, "yes please")  # to the offer of a peer

        with db.transaction() as session:
            checkups = session.scalars(
                select(Checkup).where(Checkup.participant_id == person).order_by(Checkup.id)
            ).all()
            assert len(checkups) == 3
            assert all(c.completed_at is not None for c in checkups)
            assert [c.needs_linkage for c in checkups] == [False, False, True]
            answers = session.scalars(
                select(CheckupAnswer.question).where(CheckupAnswer.checkup_id == checkups[2].id)
            ).all()
            assert {"how", "cravings", "use", "use_often"} <= set(answers)
            task = session.scalars(select(LinkageTask)).one()
            assert (task.participant_id, task.status) == (person, LinkageStatus.OPEN)
    finally:
        db.dispose()
