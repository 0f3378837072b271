"""Enrolling checked rows: a participant, an address, the enrollment and the plan's due events
in one transaction, each audited; a person already enrolled is recognised, and a number that
texted before keeps its conversation."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import func, select

from checkins.enroll import Result, enroll, schedule
from checkins.enrollment_csv import EnrollmentRow
from checkins.plans import EventKind, expand, load_plans, plan_named
from store.db import Database
from store.enrollment_models import Consent, DueEvent, DueStatus, Enrollment
from store.models import AuditEntry, Participant, ParticipantAddress
from store.telegram_links import VALID_FOR, TelegramLink, token_hash

NOW = datetime(2026, 12, 4, 15, tzinfo=UTC)
PLANS = load_plans()


def row(**changes: object) -> EnrollmentRow:
    values: dict[str, object] = {
        "line": 2,
        "external_id": "P-1",
        "discharge_date": date(2026, 12, 1),
        "plan": "standard",
        "phone": "+13125550142",
        "telegram": False,
        "display_name": "Dana",
        "site": "North",
        "peer": "alex",
        "timezone": "America/Chicago",
        "window": (time(9), time(20)),
    }
    return EnrollmentRow(**{**values, **changes})  # type: ignore[arg-type]


def due(db: Database, participant_id: int) -> list[tuple[str, int, date]]:
    with db.transaction() as session:
        found = session.execute(
            select(DueEvent.kind, DueEvent.day, DueEvent.due_on)
            .where(DueEvent.participant_id == participant_id)
            .order_by(DueEvent.day, DueEvent.kind)
        )
        return [(kind, day, on) for kind, day, on in found]


def test_a_row_becomes_a_participant_with_an_address_an_enrollment_and_its_plan(
    db: Database,
) -> None:
    with db.transaction() as session:
        [done] = enroll(session, [row()], PLANS, "staff-1", NOW)

    assert done.result is Result.ENROLLED
    with db.transaction() as session:
        person = session.get_one(Participant, done.participant_id)
        enrollment = session.scalars(select(Enrollment)).one()
        address = session.scalars(select(ParticipantAddress)).one()
        audit = session.scalars(select(AuditEntry)).one()
        assert person.display_name == "Dana"
        assert (address.address, address.participant_id) == ("tel:+13125550142", person.id)
        assert (enrollment.consent, enrollment.plan, enrollment.peer) == (
            Consent.PENDING,
            "standard",
            "alex",
        )
        assert (enrollment.window_start, enrollment.window_end) == (time(9), time(20))
        assert (audit.actor, audit.action, audit.participant_id) == (
            "staff-1",
            "enrolled",
            person.id,
        )
        assert "+1312" not in str(audit.detail)


def test_a_plan_started_late_begins_where_it_stands_without_stale_events(db: Database) -> None:
    # Discharged on December 1 and enrolled on the 4th at 15:00 UTC: the intake BARC-10 (day 0,
    # 72 hours to send it) still stands; the welcome (day 1, 24 hours) and day 3 do too.
    with db.transaction() as session:
        [done] = enroll(session, [row()], PLANS, "staff-1", NOW)

    events = due(db, done.participant_id)
    days = [day for _, day, _ in events]
    planned = [event.day for event in expand(plan_named("standard"))]
    assert days[:4] == [0, 3, 7, 14]
    assert (EventKind.WELCOME.value, 1, date(2026, 12, 2)) not in events  # expired Dec 3
    assert len(events) == len(planned) - 1
    assert ("barc10", 365, date(2027, 12, 1)) in events


def test_a_file_sent_again_enrolls_nobody_twice(db: Database) -> None:
    with db.transaction() as session:
        [first] = enroll(session, [row()], PLANS, "staff-1", NOW)
    with db.transaction() as session:
        again = enroll(session, [row(), row(external_id="P-OTHER-ID")], PLANS, "staff-1", NOW)

    # The same id, and the same phone under another id: both the person enrolled before.
    assert [(each.result, each.participant_id) for each in again] == [
        (Result.ALREADY_ENROLLED, first.participant_id)
    ] * 2
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Enrollment)) == 1


def test_a_number_that_texted_before_keeps_its_conversation(db: Database) -> None:
    with db.transaction() as session:
        earlier = Participant(created_at=NOW)
        session.add(earlier)
        session.flush()
        session.add(
            ParticipantAddress(
                participant_id=earlier.id, address="tel:+13125550142", channel="tel", created_at=NOW
            )
        )
        earlier_id = earlier.id

    with db.transaction() as session:
        [done] = enroll(session, [row()], PLANS, "staff-1", NOW)

    assert done.participant_id == earlier_id
    with db.transaction() as session:
        assert session.get_one(Participant, earlier_id).display_name == "Dana"


def test_telegram_rows_get_a_start_code_and_need_no_phone(db: Database) -> None:
    with db.transaction() as session:
        [done] = enroll(session, [row(phone=None, telegram=True)], PLANS, "staff-1", NOW)

    assert done.telegram_code is not None
    assert len(done.telegram_code) >= 16
    with db.transaction() as session:
        person = session.get_one(Participant, done.participant_id)
        assert person.enrollment_code is None  # never kept in the clear
        link = session.scalars(select(TelegramLink)).one()
        assert link.participant_id == person.id
        assert link.token_hash == token_hash(done.telegram_code) != done.telegram_code
        assert link.expires_at == NOW + VALID_FOR
        assert link.used_at is None
        assert session.scalars(select(ParticipantAddress)).all() == []


def test_a_new_schedule_replaces_pending_events_and_keeps_those_sent(db: Database) -> None:
    with db.transaction() as session:
        [done] = enroll(session, [row()], PLANS, "staff-1", NOW)
    with db.transaction() as session:
        sent = session.scalars(select(DueEvent).where(DueEvent.day == 0)).one()
        sent.status = DueStatus.SENT
    with db.transaction() as session:
        schedule(session, done.participant_id, plan_named("standard"), date(2026, 12, 20), NOW)

    events = due(db, done.participant_id)
    assert events[0] == ("barc10", 0, date(2026, 12, 1))  # sent: the record stays
    assert ("welcome", 1, date(2026, 12, 21)) in events  # recomputed from the new date
    assert len([day for _, day, _ in events if day == 0]) == 1
