"""The program report's figures on the generated November program, against expectations worked
out by hand (tests/outcomes/conftest.py says who did what, when)."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest
from sqlalchemy import update

from outcomes.crisis import LevelFigures
from outcomes.linkage import Linkage
from outcomes.reach import Checkups, EarlyResponse, Enrollments
from outcomes.report import ProgramReport, program_report
from outcomes.scope import month_scope
from store.db import Database
from store.escalation_models import Escalation
from tests.outcomes.conftest import NOW
from tests.outcomes.programs import TARGETS


def report(
    db: Database, month: str | None = "2026-11", site: str | None = "North"
) -> ProgramReport:
    with db.transaction() as session:
        return program_report(session, month_scope(month, NOW, site), TARGETS, NOW)


def test_enrollment_counts_who_was_invited_and_what_they_answered(program: Database) -> None:
    assert report(program).enrollments == Enrollments(
        enrolled=3, invited=3, consented=1, declined=1, expired=0, awaiting=1
    )


def test_a_checkup_counts_as_answered_only_when_started_before_its_expiry(
    program: Database,
) -> None:
    # Avery answered within the hour and finished; Casey started and stopped; Blake answered
    # three days later, after the 48 hours a day-3 check-up waits.
    assert report(program).checkups == Checkups(
        sent=3, answered=2, completed=1, need_linkage=1, peer_requested=0
    )


def test_the_first_week_counts_texts_from_the_discharge_day_to_the_end_of_day_seven(
    program: Database,
) -> None:
    assert report(program).early_response == EarlyResponse(discharged=3, responded=1, waiting=0)
    assert report(program, site=None).early_response == EarlyResponse(4, 2, 0)


def test_barc10_change_is_first_to_latest_total_with_a_t_interval(program: Database) -> None:
    barc10 = report(program).barc10
    # Changes 2, 4, 6: mean 4, sd 2, t(0.975, 2) = 4.3027, so 4 -/+ 4.3027 * 2 / sqrt(3).
    half = 4.3027 * 2 / math.sqrt(3)

    assert (barc10.change.n, barc10.change.mean) == (3, 4.0)
    assert barc10.change.low == pytest.approx(4 - half)
    assert barc10.change.high == pytest.approx(4 + half)


def test_a_checkin_with_a_skipped_item_has_no_total_and_stays_out_of_the_change(
    program: Database,
) -> None:
    barc10 = report(program).barc10

    assert barc10.without_total == 1
    assert barc10.change.n == 3  # Avery's skipped-item check-in is neither first nor latest


def test_the_strengths_signal_counts_latest_totals_of_47_or_more(program: Database) -> None:
    barc10 = report(program).barc10

    assert (barc10.strengths_signal, barc10.with_latest) == (2, 3)  # 47 and 48; 32 is not


def test_escalations_by_level_give_time_to_claim_against_each_target(program: Database) -> None:
    emergency, crisis, concern = report(program).escalations

    # Crises claimed after 10 and 20 minutes (target 15): median 15, p90 10 + 0.9 * 10.
    assert crisis == LevelFigures("crisis", 2, 2, 15.0, 15.0, 19.0, within_target=1, judged=2)
    # The emergency was never claimed and its 5 minutes are long past: judged, and missed.
    assert emergency == LevelFigures("emergency", 1, 0, 5.0, None, None, 0, 1)
    assert concern == LevelFigures("concern", 0, 0, 1440.0, None, None, 0, 0)


def test_a_re_page_does_not_move_the_target_an_escalation_is_judged_by(
    program: Database,
) -> None:
    """Each re-page moves respond_by on (escalation.service.remind_overdue); the target is still
    counted from the escalation's start, so a late claim and an unclaimed case are both missed."""
    with program.transaction() as session:
        session.execute(update(Escalation).values(respond_by=NOW + timedelta(minutes=5)))
    emergency, crisis, _ = report(program).escalations

    assert (crisis.within_target, crisis.judged) == (1, 2)
    assert (emergency.within_target, emergency.judged) == (0, 1)


def test_outcomes_and_opt_outs_are_counted_for_the_period(program: Database) -> None:
    november = report(program)

    assert november.outcomes == {"supported": 1, "unresolved": 2}
    assert november.opt_outs == 1


def test_a_month_counts_only_what_happened_in_it(program: Database) -> None:
    october = report(program, month="2026-10")

    assert october.enrollments.enrolled == 0
    assert october.checkups.sent == 0
    assert october.barc10.change.n == 0  # as it stood on 1 November: nothing yet
    assert [level.escalations for level in october.escalations] == [0, 0, 0]


def test_a_site_filter_leaves_other_sites_out(program: Database) -> None:
    everyone = report(program, site=None).barc10.change
    south = report(program, site="South")

    assert (everyone.n, everyone.mean) == (4, 4.25)  # Dana's 20 -> 25 joins the three
    assert (south.enrollments.enrolled, south.barc10.change.n) == (1, 1)


def test_linkage_tasks_are_counted_with_how_they_ended(program: Database) -> None:
    assert report(program).linkage == Linkage(
        opened=2, accepted=1, by_end={"linked_to_treatment": 1, "offered": 1}
    )
