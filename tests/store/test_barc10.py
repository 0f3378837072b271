"""BARC-10 check-ins in the app database: stored per item with a time, resumed where they
stopped, a total only when all ten are scored, and the strengths signal for staff."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from store import barc10
from store.barc10_models import Barc10Answer, Barc10Checkin
from store.db import Database
from store.participants import get_or_create_participant
from tests.store.helpers import T0


def participant(db: Database, address: str = "sim:ana") -> int:
    with db.transaction() as session:
        return get_or_create_participant(session, address).id


def answer_all(db: Database, pid: int, scores: Sequence[int | None], start: int = 1) -> None:
    with db.transaction() as session:
        for item, score in enumerate(scores, start):
            barc10.record_answer(session, pid, item, score, T0 + timedelta(minutes=item))


def complete(db: Database, pid: int, days: int = 0) -> barc10.Completed | None:
    with db.transaction() as session:
        return barc10.complete(session, pid, T0 + timedelta(days=days, hours=1))


@pytest.mark.parametrize(
    ("scores", "total"),
    [
        ({n: 6 for n in range(1, 11)}, 60),
        ({n: 1 for n in range(1, 11)}, 10),
        ({n: n % 6 + 1 for n in range(1, 11)}, 35),
        ({**{n: 6 for n in range(1, 10)}, 10: None}, None),
        ({n: 6 for n in range(1, 10)}, None),
        ({}, None),
    ],
)
def test_a_total_only_when_all_ten_are_scored(
    scores: dict[int, int | None], total: int | None
) -> None:
    assert barc10.total_of(scores) == total


def test_each_answer_is_stored_per_item_with_its_time(db: Database) -> None:
    pid = participant(db)
    answer_all(db, pid, [5, None, 3])

    with db.transaction() as session:
        rows = session.scalars(select(Barc10Answer).order_by(Barc10Answer.item)).all()
        assert [(r.item, r.score, r.answered_at) for r in rows] == [
            (1, 5, T0 + timedelta(minutes=1)),
            (2, None, T0 + timedelta(minutes=2)),
            (3, 3, T0 + timedelta(minutes=3)),
        ]
        assert session.scalars(select(Barc10Checkin.participant_id)).all() == [pid]


def test_a_paused_check_in_is_picked_up_where_it_stopped(db: Database) -> None:
    pid = participant(db)
    answer_all(db, pid, [5, None])

    with db.transaction() as session:
        assert barc10.unfinished_answers(session, pid, T0 + timedelta(days=2)) == {1: 5, 2: None}
    answer_all(db, pid, [4], start=3)
    with db.transaction() as session:
        assert session.scalar(select(Barc10Checkin.id).where(Barc10Checkin.id > 1)) is None


def test_an_old_unfinished_check_in_is_not_picked_up(db: Database) -> None:
    pid = participant(db)
    answer_all(db, pid, [5])

    with db.transaction() as session:
        assert barc10.unfinished_answers(session, pid, T0 + timedelta(days=8)) == {}


def test_answering_an_item_again_keeps_the_latest(db: Database) -> None:
    pid = participant(db)
    answer_all(db, pid, [2])
    answer_all(db, pid, [6])

    with db.transaction() as session:
        assert session.execute(select(Barc10Answer.item, Barc10Answer.score)).all() == [(1, 6)]


@pytest.mark.parametrize(("item", "score"), [(0, 3), (11, 3), (1, 0), (1, 7)])
def test_answers_off_the_scale_are_refused(db: Database, item: int, score: int) -> None:
    pid = participant(db)
    with db.transaction() as session, pytest.raises(ValueError, match="not a BARC-10 answer"):
        barc10.record_answer(session, pid, item, score, T0)


def test_the_database_refuses_a_score_off_the_scale(db: Database) -> None:
    pid = participant(db)
    answer_all(db, pid, [4])
    with pytest.raises(IntegrityError), db.transaction() as session:
        session.add(Barc10Answer(checkin_id=1, item=2, score=9, answered_at=T0))


def test_completing_stores_the_total_and_the_strengths_signal(db: Database) -> None:
    pid = participant(db)
    answer_all(db, pid, [5] * 9 + [2])

    assert complete(db, pid) == barc10.Completed(47, None, None)
    with db.transaction() as session:
        checkin = session.scalars(select(Barc10Checkin)).one()
        assert (checkin.total, checkin.strengths_signal) == (47, True)
        assert checkin.completed_at == T0 + timedelta(hours=1)
        assert barc10.unfinished_answers(session, pid, T0 + timedelta(hours=2)) == {}


def test_a_skipped_item_leaves_no_total_and_no_signal(db: Database) -> None:
    pid = participant(db)
    answer_all(db, pid, [6] * 9 + [None])

    assert complete(db, pid) == barc10.Completed(None, None, None)
    with db.transaction() as session:
        checkin = session.scalars(select(Barc10Checkin)).one()
        assert (checkin.total, checkin.strengths_signal) == (None, None)


def test_below_the_cut_off_the_signal_is_false(db: Database) -> None:
    pid = participant(db)
    answer_all(db, pid, [4] * 10)
    complete(db, pid)

    with db.transaction() as session:
        assert session.scalar(select(Barc10Checkin.strengths_signal)) is False


def test_the_last_completed_total_is_the_comparison(db: Database) -> None:
    pid, other = participant(db), participant(db, "sim:bo")
    answer_all(db, pid, [4] * 10)
    complete(db, pid)
    answer_all(db, other, [6] * 10)
    complete(db, other)
    with db.transaction() as session:  # a later check-in with a skip has no total to compare
        for item in range(1, 11):
            barc10.record_answer(session, pid, item, None, T0 + timedelta(days=1))
    complete(db, pid, days=1)
    answer_all(db, pid, [5] * 10)

    assert complete(db, pid, days=2) == barc10.Completed(50, 40, T0 + timedelta(hours=1))


def test_completing_with_nothing_open_does_nothing(db: Database) -> None:
    assert complete(db, participant(db)) is None


def test_an_answer_corrected_within_a_day_changes_the_total_and_the_signal(db: Database) -> None:
    pid = participant(db)
    answer_all(db, pid, [5] * 9 + [2])
    complete(db, pid)  # 47: at the cut-off

    with db.transaction() as session:
        changed = barc10.correct_answer(session, pid, 7, 2, T0 + timedelta(hours=2))
    assert changed
    with db.transaction() as session:
        checkin = session.scalars(select(Barc10Checkin)).one()
        assert (checkin.total, checkin.strengths_signal) == (44, False)
        assert barc10.answers(session, checkin.id)[7] == 2


def test_no_correction_without_a_check_in_finished_in_the_last_day(db: Database) -> None:
    pid = participant(db)
    answer_all(db, pid, [5] * 10)
    complete(db, pid)
    with db.transaction() as session:
        assert not barc10.correct_answer(session, pid, 7, 2, T0 + timedelta(days=2))
        assert not barc10.correct_answer(session, participant(db, "sim:bo"), 7, 2, T0)
        checkin = session.scalars(select(Barc10Checkin)).one()
        assert checkin.total == 50
