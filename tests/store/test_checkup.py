"""Recovery check-ups in the app database: answers as they come, resuming within a day, "not
now", the need rule, a peer asked for, and the rulers and stage of change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from store import checkup, checkup_reminders, checkup_rulers
from store.checkup import UseFrequency, needs_linkage
from store.checkup_models import Checkup, CheckupAnswer, RulerRating
from store.checkup_rulers import Stage
from store.db import Database
from store.participants import get_or_create_participant
from tests.store.helpers import T0


@pytest.fixture
def pid(db: Database) -> int:
    with db.transaction() as session:
        return get_or_create_participant(session, "sim:ana").id


@pytest.mark.parametrize(
    ("use", "wants_help", "expected"),
    [
        (UseFrequency.WEEKLY_OR_MORE, False, True),
        (UseFrequency.LESS_THAN_WEEKLY, False, False),
        (UseFrequency.NONE, False, False),
        (UseFrequency.UNKNOWN, False, False),
        (None, False, False),
        (UseFrequency.NONE, True, True),
        (None, True, True),
    ],
)
def test_the_need_rule(use: UseFrequency | None, wants_help: bool, expected: bool) -> None:
    assert needs_linkage(use, wants_help) is expected


def test_answers_are_kept_and_picked_up_within_a_day(db: Database, pid: int) -> None:
    with db.transaction() as session:
        checkup.record_answer(session, pid, "how", ("rough week", None), T0)
        checkup.record_answer(session, pid, "cravings", ("😣", 8), T0)
        checkup.record_answer(session, pid, "cravings", ("like a 7", 7), T0)  # a retry: latest
        checkup.record_answer(session, pid, "went_well", (None, None), T0)  # skipped

    with db.transaction() as session:
        assert checkup.unfinished_answers(session, pid, T0 + timedelta(hours=23)) == {
            "how": ("rough week", None), "cravings": ("like a 7", 7), "went_well": (None, None),
        }  # fmt: skip
        assert checkup.unfinished_answers(session, pid, T0 + timedelta(hours=25)) == {}


def test_a_check_up_after_a_day_starts_afresh(db: Database, pid: int) -> None:
    with db.transaction() as session:
        checkup.record_answer(session, pid, "how", ("ok", None), T0)
        checkup.record_answer(session, pid, "how", ("good", None), T0 + timedelta(days=2))

    with db.transaction() as session:
        assert session.scalar(select(Checkup.id).order_by(Checkup.id.desc())) == 2


def test_completing_applies_the_need_rule_for_staff(db: Database, pid: int) -> None:
    with db.transaction() as session:
        checkup.record_answer(session, pid, "use", ("yeah", "unknown"), T0)
        checkup.record_answer(session, pid, "use_often", ("most days", "weekly_or_more"), T0)
        assert checkup.complete(session, pid, False, T0) is True

    with db.transaction() as session:
        done = session.scalars(select(Checkup)).one()
        assert (done.completed_at, done.needs_linkage) == (T0, True)
        assert checkup.last_completed_at(session, pid) == T0
        assert checkup.unfinished_answers(session, pid, T0) == {}


def test_no_use_and_no_wish_for_help_needs_no_linkage(db: Database, pid: int) -> None:
    with db.transaction() as session:
        checkup.record_answer(session, pid, "use", ("nope", "none"), T0)
        assert checkup.complete(session, pid, False, T0) is False
        assert checkup.complete(session, pid, True, T0) is True  # nothing open: the rule only


def test_a_peer_asked_for_after_a_check_up(db: Database, pid: int) -> None:
    with db.transaction() as session:
        assert checkup.request_peer(session, pid, T0) is False
        checkup.record_answer(session, pid, "how", ("bad", None), T0)
        checkup.complete(session, pid, True, T0)
        assert checkup.request_peer(session, pid, T0) is True
        assert session.scalars(select(Checkup)).one().peer_requested_at == T0


def test_not_now_stores_when_to_ask_again(db: Database, pid: int) -> None:
    with db.transaction() as session:
        checkup.ask_again(session, pid, T0 + timedelta(days=1), T0)

    with db.transaction() as session:
        assert checkup_reminders.due_reminders(session, T0) == []
        (due,) = checkup_reminders.due_reminders(session, T0 + timedelta(days=1))
        assert session.get_one(Checkup, due).participant_id == pid
        assert checkup.open_checkup(session, pid, T0) is None  # never started: nothing to resume
        assert session.scalars(select(CheckupAnswer)).all() == []


def test_stage_of_change_and_rulers(db: Database, pid: int) -> None:
    with db.transaction() as session:
        assert checkup_rulers.stage_of(session, pid) is None
        checkup_rulers.set_stage(session, pid, Stage.CONTEMPLATION)
        checkup_rulers.record_rating(session, pid, "importance", (6, "my kids"), T0)
        checkup_rulers.record_rating(session, pid, "confidence", (None, None), T0)

    with db.transaction() as session:
        assert checkup_rulers.stage_of(session, pid) is Stage.CONTEMPLATION
        rows = session.execute(
            select(
                RulerRating.ruler,
                RulerRating.score,
                RulerRating.reason,
                RulerRating.stage_of_change,
            )
        ).all()
        assert sorted(rows) == [
            ("confidence", None, None, "contemplation"),
            ("importance", 6, "my kids", "contemplation"),
        ]


@pytest.mark.parametrize(
    ("ruler", "score"), [("importance", 11), ("readiness", 5), ("confidence", -1)]
)
def test_a_rating_off_the_ruler_is_refused(db: Database, pid: int, ruler: str, score: int) -> None:
    with db.transaction() as session, pytest.raises(ValueError, match="not a ruler rating"):
        checkup_rulers.record_rating(session, pid, ruler, (score, None), T0)
