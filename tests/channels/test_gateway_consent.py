"""YES to a program's invitation, through the gateway: consent and its confirmation, not a turn
for the assistant; a yes from anyone not invited still goes to the assistant, and risk in a
reply to an invitation is still answered as risk."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from channels.engine import EngineClient
from channels.gateway import Gateway
from checkins.enroll import enroll
from checkins.invitations import Invitations, load_words
from checkins.plans import load_plans
from store.db import Database
from store.enrollment_models import Consent, Enrollment
from tests.channels.conftest import Clock, Engines, RecordingChannel, Run, through
from tests.channels.test_gateway import inbound, make_gateway
from tests.checkins.test_enroll import row
from tests.fakes.engine import FakeEngine

INVITED_AT = datetime(2026, 12, 4, 17, tzinfo=UTC)
PROGRAM = "Northside Recovery"


def gateway_with_invitations(
    db: Database, engine: EngineClient, channel: RecordingChannel, clock: Clock
) -> Gateway:
    return make_gateway(db, engine, channel, clock, invitations=Invitations(PROGRAM))


def invite(db: Database) -> None:
    """Enrolls the gateway tests' number and sends its invitation."""
    with db.transaction() as session:
        enroll(session, [row(phone="+15551230000")], load_plans(), "staff-1", INVITED_AT)
    with db.transaction() as session:
        Invitations(PROGRAM).step_due(session, INVITED_AT)


def consent(db: Database) -> str:
    with db.transaction() as session:
        return str(session.scalars(select(Enrollment.consent)).one())


def test_yes_to_an_invitation_is_consent_and_gets_the_confirmation(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    invite(db)
    gateway = gateway_with_invitations(db, engines(fake_engine.url), channel, clock)

    answered = run(through(gateway, inbound("Yes!")))

    assert [r.text for r in answered.replies] == [
        load_words().say("consented", None, PROGRAM, None)
    ]
    assert consent(db) == Consent.CONSENTED
    assert fake_engine.calls == []


def test_a_yes_from_someone_not_invited_goes_to_the_assistant(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    gateway = gateway_with_invitations(db, engines(fake_engine.url), channel, clock)

    answered = run(through(gateway, inbound("yes")))

    assert [r.text for r in answered.replies] == ["echo: yes"]


def test_anything_else_from_an_invited_person_goes_to_the_assistant_and_stays_invited(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    invite(db)
    gateway = gateway_with_invitations(db, engines(fake_engine.url), channel, clock)

    answered = run(through(gateway, inbound("who is this?")))

    assert [r.text for r in answered.replies] == ["echo: who is this?"]
    assert consent(db) == Consent.INVITED


def test_risk_in_a_reply_to_an_invitation_is_answered_as_risk(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    invite(db)
    gateway = gateway_with_invitations(db, engines(fake_engine.url), channel, clock)

    answered = run(through(gateway, inbound("i want to kill myself tonight")))

    assert any("988" in r.text for r in answered.replies)
    assert consent(db) == Consent.INVITED
    assert fake_engine.calls == []
