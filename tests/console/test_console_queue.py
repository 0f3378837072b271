"""The queue's response timer and its filters: on time, due soon in the last third of the
target, overdue after it, and a claimed case off the clock; mine, unclaimed and overdue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from console.queue import rows, timer_of
from console.reasons import plain_all
from escalation.policy import ResponseTargets
from store.db import Database
from store.escalation_models import Escalation
from tests.console.peers import ANA, open_escalation
from tests.console.staff import Account, sign_in
from tests.console.test_supervision import add_case

NOW = datetime(2026, 12, 4, 21, 0, tzinfo=UTC)
TARGETS = ResponseTargets(
    emergency=timedelta(minutes=5), crisis=timedelta(minutes=15), concern=timedelta(days=1)
)
TIMERS = [
    # (level, minutes left to respond, claimed by) -> timer
    ("crisis", 14, None, "on time"),
    ("crisis", 5.5, None, "on time"),
    ("crisis", 5, None, "due soon"),
    ("crisis", 0.5, None, "due soon"),
    ("crisis", 0, None, "overdue"),
    ("crisis", -30, None, "overdue"),
    ("crisis", -30, "Ana", "claimed"),
    ("emergency", 1.5, None, "due soon"),
    ("emergency", 4, None, "on time"),
    ("concern", 600, None, "on time"),
]


@pytest.mark.parametrize(("level", "left", "claimed_by", "timer"), TIMERS)
def test_the_response_timer_follows_the_levels_target(
    level: str, left: float, claimed_by: str | None, timer: str
) -> None:
    case = Escalation(level=level, respond_by=NOW + timedelta(minutes=left), claimed_by=claimed_by)

    assert timer_of(case, TARGETS, NOW) == timer


def test_a_re_paged_case_is_overdue_though_the_re_page_moved_its_respond_by() -> None:
    case = Escalation(level="crisis", respond_by=NOW + timedelta(minutes=14), claimed_by=None)

    assert timer_of(case, TARGETS, NOW, repaged=True) == "overdue"
    assert timer_of(case, TARGETS, NOW, repaged=False) == "on time"


def test_the_queue_and_its_overdue_filter_show_a_re_paged_case_as_overdue(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    repaged = add_case(db, "Frankie", "crisis", 24 * 60 - 1, alerts=3, repaged=2)
    on_time = add_case(db, "Gus", "crisis", 14)
    sign_in(client, accounts["Ana"])

    overdue = shown(client, "overdue")
    page = client.get("/console/").text

    assert overdue == [f"/console/escalations/{repaged}"]
    assert f"/console/escalations/{on_time}" in page
    assert queue_rows_timers(db)[repaged] == "overdue"


def queue_rows_timers(db: Database) -> dict[int, str]:
    with db.transaction() as session:
        return {row.id: row.timer for row in rows(session, "Ana", "all", TARGETS, NOW)}


def test_reasons_read_in_plain_words_and_unknown_ones_still_read() -> None:
    reasons = ["suicide:means-at-hand", "frame:wanting-to-die", "relapse:new-thing"]

    assert plain_all(reasons) == ["has the means at hand", "wanting to die", "new thing (relapse)"]


def shown(client: TestClient, chosen: str) -> list[str]:
    page = client.get("/console/", params={"filter": chosen})
    assert page.status_code == 200
    return [line for line in page.text.split('"') if line.startswith("/console/escalations/")]


def test_the_filters_show_mine_unclaimed_and_overdue(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    escalation_id, _ = open_escalation(client, db)
    with db.transaction() as session:
        overdue = datetime.now(UTC) - timedelta(minutes=1)
        session.execute(update(Escalation).values(respond_by=overdue))
    sign_in(client, accounts["Ana"])
    link = f"/console/escalations/{escalation_id}"
    before = (shown(client, "mine"), shown(client, "unclaimed"), shown(client, "overdue"))

    client.post(f"/api/escalations/{escalation_id}/claim", headers=ANA)
    after = (shown(client, "mine"), shown(client, "unclaimed"), shown(client, "overdue"))

    assert before == ([], [link], [link])
    assert after == ([link], [], [])


def test_an_unknown_filter_is_a_clear_422(client: TestClient, accounts: dict[str, Account]) -> None:
    sign_in(client, accounts["Ana"])

    assert client.get("/console/", params={"filter": "everything"}).status_code == 422


def test_a_lone_model_vote_reads_as_the_models_vote_not_as_crisis_risk() -> None:
    """The queue had shown a concern as "crisis risk(0.54), unsupported (vote), lone vote in
    talk (context)" (the browser check of channels/weighing.py, 2026-12-07)."""
    reasons = ["model:crisis-risk(0.54)", "vote:unsupported", "context:lone-vote-in-talk"]

    assert plain_all(reasons) == [
        "risk model's vote 0.54",
        "nothing else in the words or before them",
        "only the risk model flagged it, in ordinary talk: a review",
    ]
