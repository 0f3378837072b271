"""Consent before anything scheduled: an invitation inside the person's window naming only the
program, one reminder after two days, expiry two days later, STOP declines, YES consents with
its time and wording; two passes at once never send one step twice."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from checkins.enroll import enroll
from checkins.invitations import EXPIRE_AFTER, REMIND_AFTER, Invitations, load_words
from checkins.plans import load_plans
from store.db import Database
from store.enrollment_models import Consent, Enrollment
from store.models import AuditEntry, Message, OutboxItem, ParticipantAddress
from tests.checkins.test_enroll import row

# 11:00 in Chicago on a winter day: inside the default 09:00-20:00 window.
MORNING = datetime(2026, 12, 4, 17, tzinfo=UTC)
NIGHT = datetime(2026, 12, 5, 4, tzinfo=UTC)  # 22:00 in Chicago
WORDS = load_words()


def enrolled(db: Database, **changes: object) -> int:
    with db.transaction() as session:
        [done] = enroll(session, [row(**changes)], load_plans(), "staff-1", MORNING)
    return done.participant_id


def step(db: Database, now: datetime) -> list[OutboxItem]:
    with db.transaction() as session:
        return Invitations("Northside Recovery").step_due(session, now)


def sent_texts(db: Database) -> list[str]:
    with db.transaction() as session:
        return list(session.scalars(select(Message.text).order_by(Message.id)))


def enrollment(db: Database) -> Enrollment:
    with db.transaction() as session:
        found = session.scalars(select(Enrollment)).one()
        session.expunge(found)
        return found


def test_the_invitation_names_only_the_program_and_asks_for_yes_or_stop(db: Database) -> None:
    enrolled(db)

    items = step(db, MORNING)

    [text] = sent_texts(db)
    assert len(items) == 1
    assert text.startswith("Hi Dana, this is Northside Recovery.")
    assert all(word in text for word in ("Reply YES", "STOP", "HELP", "Msg & data rates"))
    for private in ("North", "treatment", "recovery", "discharge", "substance", "drug"):
        assert private not in text.replace("Northside Recovery", "")
    state = enrollment(db)
    assert (state.consent, state.invited_at, state.invitations_sent) == (
        Consent.INVITED,
        MORNING,
        1,
    )


def test_nothing_goes_out_outside_the_persons_window(db: Database) -> None:
    enrolled(db)

    assert step(db, NIGHT) == []
    assert sent_texts(db) == []


def test_a_second_pass_sends_nothing_more(db: Database) -> None:
    enrolled(db)

    step(db, MORNING)
    step(db, MORNING + timedelta(minutes=1))

    assert len(sent_texts(db)) == 1


def test_no_answer_gets_one_reminder_then_the_invitation_expires(db: Database) -> None:
    enrolled(db)
    step(db, MORNING)

    step(db, MORNING + REMIND_AFTER - timedelta(minutes=1))
    step(db, MORNING + REMIND_AFTER)
    step(db, MORNING + REMIND_AFTER + timedelta(hours=1))
    step(db, MORNING + EXPIRE_AFTER)
    step(db, MORNING + EXPIRE_AFTER + timedelta(days=2))

    texts = sent_texts(db)
    assert len(texts) == 2
    assert texts[1].startswith("Hi Dana, Northside Recovery again.")
    assert enrollment(db).consent == Consent.EXPIRED
    with db.transaction() as session:
        actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions == [
        "enrolled",
        "consent invitation sent",
        "consent reminder sent",
        "consent expired",
    ]


def test_someone_who_texted_stop_is_not_invited_and_has_declined(db: Database) -> None:
    enrolled(db)
    with db.transaction() as session:
        session.scalars(select(ParticipantAddress)).one().opted_out_at = MORNING

    assert step(db, MORNING) == []
    assert sent_texts(db) == []
    assert enrollment(db).consent == Consent.DECLINED


def test_a_spanish_speaker_is_invited_in_spanish(db: Database) -> None:
    enrolled(db, language="es")

    step(db, MORNING)

    assert sent_texts(db)[0].startswith("Hola Dana, te escribe Northside Recovery.")


def test_a_telegram_only_enrollment_waits_for_its_deep_link(db: Database) -> None:
    enrolled(db, phone=None, telegram=True)

    assert step(db, MORNING) == []
    assert enrollment(db).consent == Consent.PENDING


def test_yes_to_an_invitation_is_consent_with_its_time_and_wording(db: Database) -> None:
    participant_id = enrolled(db)
    step(db, MORNING)
    invitations = Invitations("Northside Recovery")
    later = MORNING + timedelta(hours=3)

    with db.transaction() as session:
        answer = Message(id=99, participant_id=participant_id, address="tel:+13125550142")
        assert invitations.invited(session, participant_id)
        confirmation = invitations.accept(session, message=answer, now=later)
        again = invitations.accept(session, message=answer, now=later)

    assert confirmation == [WORDS.say("consented", None, "Northside Recovery", None)]
    assert again == []
    state = enrollment(db)
    assert (state.consent, state.consent_at, state.consent_wording) == (
        Consent.CONSENTED,
        later,
        WORDS.version,
    )
    with db.transaction() as session:
        assert not invitations.invited(session, participant_id)
        given = session.scalars(select(AuditEntry).where(AuditEntry.action == "consent given"))
        assert given.one().detail == {"wording": WORDS.version, "message_id": 99}


@pytest.mark.parametrize("text", ["YES", "yes!", "Yeah", "ok", "sí", "yes please"])
def test_a_yes_is_read_in_the_words_people_use(text: str) -> None:
    assert Invitations.accepts(text)


@pytest.mark.parametrize("text", ["yes I relapsed", "no", "who is this", "STOP", ""])
def test_anything_more_than_a_yes_is_not_consent(text: str) -> None:
    assert not Invitations.accepts(text)


def test_a_discharge_date_does_not_hold_back_the_invitation(db: Database) -> None:
    enrolled(db, discharge_date=date(2026, 12, 20))  # enrolled before leaving care

    assert len(step(db, MORNING)) == 1
