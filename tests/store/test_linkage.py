"""Linkage back to treatment: need found (the need rule and a program's cravings extra) is an
offer recorded for the assigned peer; a yes opens it with its target; a check-in a week later;
four outcomes, each closing it once; what a peer and a supervisor see."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from checkins.enroll import enroll
from checkins.plans import load_plans
from store import checkup, linkage
from store.checkup import UseFrequency, need_reasons
from store.db import Database
from store.enrollment_models import DueEvent, DueStatus
from store.linkage_models import LinkageOutcome, LinkageStatus, LinkageTask
from store.participants import get_or_create_participant
from tests.checkins.test_enroll import row

DISCHARGED = date(2026, 12, 1)
ENROLLED = datetime(2026, 12, 1, 16, tzinfo=UTC)
# 02:30 UTC on the 9th is still the 8th in Chicago: the follow-up is a week from their today.
CHECKED_UP = datetime(2026, 12, 9, 2, 30, tzinfo=UTC)
TARGET = timedelta(days=2)


def enrolled(db: Database, peer: str | None = "alex", external_id: str = "P-1") -> int:
    with db.transaction() as session:
        found = enroll(
            session,
            [row(peer=peer, external_id=external_id, phone=None)],
            load_plans(),
            "staff",
            ENROLLED,
        )
        return found[0].participant_id


def weekly_use_check_up(db: Database, pid: int, now: datetime = CHECKED_UP) -> LinkageTask:
    """A check-up with weekly use, completed, and its need offered, as the assistant does."""
    with db.transaction() as session:
        checkup.record_answer(session, pid, "use", ("4 times this week", "weekly_or_more"), now)
        done, reasons = checkup.completed(session, pid, False, now)
        assert done is not None
        task = linkage.offer(session, pid, done.id, reasons, now)
        session.expunge(task)
        return task


@pytest.mark.parametrize(
    ("use", "wants_help", "cravings", "cravings_at", "expected"),
    [
        (UseFrequency.WEEKLY_OR_MORE, False, None, None, ["weekly_use"]),
        (UseFrequency.LESS_THAN_WEEKLY, True, None, None, ["wants_help"]),
        (UseFrequency.NONE, False, 9, None, []),  # the extra is off unless a program sets it
        (UseFrequency.NONE, False, 8, 8, ["cravings"]),
        (UseFrequency.NONE, False, 7, 8, []),
        (None, False, None, 8, []),  # cravings skipped: never filled in
        (UseFrequency.WEEKLY_OR_MORE, True, 10, 8, ["weekly_use", "wants_help", "cravings"]),
    ],
)
def test_need_reasons_are_the_rule_then_the_programs_extra(
    use: UseFrequency | None,
    wants_help: bool,
    cravings: int | None,
    cravings_at: int | None,
    expected: list[str],
) -> None:
    assert need_reasons(use, wants_help, cravings, cravings_at) == expected


def test_cravings_at_the_programs_level_show_need_in_a_completed_check_up(db: Database) -> None:
    pid = enrolled(db)
    with db.transaction() as session:
        checkup.record_answer(session, pid, "cravings", ("an 8", 8), CHECKED_UP)
        done, reasons = checkup.completed(session, pid, False, CHECKED_UP, cravings_at=8)
        assert (reasons, done is not None and done.needs_linkage) == (["cravings"], True)


def test_need_found_is_offered_not_accepted_for_the_assigned_peer(db: Database) -> None:
    task = weekly_use_check_up(db, enrolled(db))

    assert (task.status, task.peer, task.reasons) == (LinkageStatus.OFFERED, "alex", ["weekly_use"])
    assert (task.accepted_at, task.due_by, task.checkup_id is not None) == (None, None, True)


def test_a_person_with_no_assigned_peer_gets_an_unassigned_task(db: Database) -> None:
    assert weekly_use_check_up(db, enrolled(db, peer=None)).peer is None


def test_the_follow_up_check_in_is_a_check_up_a_week_from_their_today(db: Database) -> None:
    task = weekly_use_check_up(db, enrolled(db))

    with db.transaction() as session:
        event = session.get_one(DueEvent, task.follow_up_event_id)
        found = (event.kind, event.due_on, event.day, event.status)
    assert found == ("checkup", date(2026, 12, 15), 14, DueStatus.PENDING)


def test_a_plan_check_up_due_that_day_serves_as_the_follow_up(db: Database) -> None:
    pid = enrolled(db)
    task = weekly_use_check_up(db, pid)  # the standard plan has a check-up on day 14 already

    with db.transaction() as session:
        day_14 = session.scalars(
            select(DueEvent).where(DueEvent.participant_id == pid, DueEvent.day == 14)
        ).all()
    assert [event.id for event in day_14] == [task.follow_up_event_id]


def test_a_new_follow_up_day_is_added_when_the_plan_has_none(db: Database) -> None:
    pid = enrolled(db)
    task = weekly_use_check_up(db, pid, CHECKED_UP + timedelta(days=1))  # day 15: no plan event

    with db.transaction() as session:
        event = session.get_one(DueEvent, task.follow_up_event_id)
        assert (event.day, event.expires_after_seconds) == (15, 48 * 3600)


def test_someone_not_enrolled_gets_a_task_without_a_follow_up(db: Database) -> None:
    with db.transaction() as session:
        pid = get_or_create_participant(session, "sim:ana").id
    task = weekly_use_check_up(db, pid)
    assert (task.peer, task.follow_up_event_id) == (None, None)


def test_saying_yes_opens_the_offered_task_with_its_target(db: Database) -> None:
    pid = enrolled(db)
    offered = weekly_use_check_up(db, pid)
    later = CHECKED_UP + timedelta(minutes=1)

    with db.transaction() as session:
        task = linkage.accept(session, pid, later, TARGET)
        found = (task.id, task.status, task.accepted_at, task.due_by)
    assert found == (offered.id, LinkageStatus.OPEN, later, later + TARGET)


def test_yes_to_a_peer_without_an_offer_opens_a_task_of_its_own(db: Database) -> None:
    pid = enrolled(db)
    with db.transaction() as session:
        task = linkage.accept(session, pid, CHECKED_UP, TARGET)
        found = (task.status, task.reasons, task.peer)
    assert found == (LinkageStatus.OPEN, [linkage.ASKED], "alex")


@pytest.mark.parametrize("outcome", list(LinkageOutcome))
def test_each_outcome_closes_the_task_once(db: Database, outcome: LinkageOutcome) -> None:
    pid = enrolled(db)
    with db.transaction() as session:
        task_id = linkage.accept(session, pid, CHECKED_UP, TARGET).id
    with db.transaction() as session:
        first = linkage.close(session, task_id, outcome, "alex", CHECKED_UP)
        again = linkage.close(session, task_id, LinkageOutcome.DECLINED, "sam", CHECKED_UP)
    with db.transaction() as session:
        task = session.get_one(LinkageTask, task_id)
        found = (first, again, task.status, task.outcome, task.closed_by)
    assert found == (True, False, LinkageStatus.CLOSED, outcome, "alex")


def test_a_peer_sees_their_own_and_unassigned_open_tasks_most_pressing_first(
    db: Database,
) -> None:
    mine = enrolled(db, "alex", "P-1")
    unassigned = enrolled(db, None, "P-2")
    theirs = enrolled(db, "sam", "P-3")
    offered_only = enrolled(db, "alex", "P-4")
    with db.transaction() as session:
        linkage.accept(session, mine, CHECKED_UP + timedelta(hours=1), TARGET)
        linkage.accept(session, unassigned, CHECKED_UP, TARGET)
        linkage.accept(session, theirs, CHECKED_UP, TARGET)
    weekly_use_check_up(db, offered_only)

    with db.transaction() as session:
        seen = [task.participant_id for task in linkage.for_peer(session, "alex")]
    assert seen == [unassigned, mine]


def test_an_open_task_past_its_target_is_overdue_and_a_closed_one_is_not(db: Database) -> None:
    late, closed = enrolled(db, external_id="P-1"), enrolled(db, external_id="P-2")
    with db.transaction() as session:
        linkage.accept(session, late, CHECKED_UP, TARGET)
        done = linkage.accept(session, closed, CHECKED_UP, TARGET).id
        linkage.close(session, done, LinkageOutcome.LINKED, "alex", CHECKED_UP)

    with db.transaction() as session:
        at_target = linkage.overdue(session, CHECKED_UP + TARGET)
        after = linkage.overdue(session, CHECKED_UP + TARGET + timedelta(seconds=1))
        found = ([t.participant_id for t in at_target], [t.participant_id for t in after])
    assert found == ([], [late])
