"""The on-call roster in the database: seeded once from the setting, edited in order, never
emptied of peers, every change audited; two seeders at once leave one roster."""

from __future__ import annotations

import threading

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from core.settings import RosterPeer
from store import roster
from store.db import Database
from store.models import AuditEntry
from store.roster import OnCall, RosterRefused
from tests.store.helpers import T0

SEED = [
    RosterPeer(name="Ana", token=SecretStr("ana-token-0123456789"), phone="+15551230001"),
    RosterPeer(name="Ben", token=SecretStr("ben-token-0123456789"), telegram_chat_id=42),
    RosterPeer(name="Sam", token=SecretStr("sam-token-0123456789"), supervisor=True, sim="sam"),
]


def names(db: Database, seed: list[RosterPeer] = SEED) -> list[str]:
    with db.transaction() as session:
        return [p.name for p in roster.current(session, seed, T0)]


def actions(db: Database) -> list[tuple[str, str]]:
    with db.transaction() as session:
        return [(e.actor, e.action) for e in session.scalars(select(AuditEntry).order_by("id"))]


def test_an_empty_roster_is_seeded_from_the_setting_once_with_its_addresses(
    db: Database,
) -> None:
    with db.transaction() as session:
        first = roster.current(session, SEED, T0)

    assert [(p.name, p.supervisor, p.alert_addresses) for p in first] == [
        ("Ana", False, ["tel:+15551230001"]),
        ("Ben", False, ["telegram:42"]),
        ("Sam", True, ["sim:sam"]),
    ]
    assert names(db, seed=SEED[:1]) == ["Ana", "Ben", "Sam"]  # the table, not the setting
    assert actions(db) == [("roster-seed", "roster-seeded")]


def test_edits_add_move_and_remove_in_order_each_an_audit_row(db: Database) -> None:
    names(db)
    with db.transaction() as session:
        roster.add(session, OnCall("Cal", phone="+15551230009"), "peer:Sam", T0)
        roster.move(session, "Cal", "peer:Sam", T0, up=True)
        roster.remove(session, "Ana", "peer:Sam")

    assert names(db) == ["Ben", "Cal", "Sam"]
    assert actions(db)[1:] == [
        ("peer:Sam", "roster-added"),
        ("peer:Sam", "roster-moved"),
        ("peer:Sam", "roster-removed"),
    ]


def test_moving_past_either_end_changes_nothing(db: Database) -> None:
    names(db)
    with db.transaction() as session:
        roster.move(session, "Ana", "peer:Sam", T0, up=True)
        roster.move(session, "Sam", "peer:Sam", T0, up=False)

    assert names(db) == ["Ana", "Ben", "Sam"]


@pytest.mark.parametrize(
    ("edit", "why"),
    [
        (lambda s: roster.add(s, OnCall("Ana", sim="x"), "peer:Sam", T0), "already on"),
        (lambda s: roster.add(s, OnCall("Dee"), "peer:Sam", T0), "needs an address"),
        (lambda s: roster.remove(s, "Zed", "peer:Sam"), "not on the roster"),
        (lambda s: roster.move(s, "Zed", "peer:Sam", T0, up=True), "not on the roster"),
    ],
)
def test_a_wrong_edit_is_refused_and_changes_nothing(db: Database, edit: object, why: str) -> None:
    names(db)
    with pytest.raises(RosterRefused, match=why), db.transaction() as session:
        edit(session)  # type: ignore[operator]

    assert names(db) == ["Ana", "Ben", "Sam"]


def test_the_last_peer_cannot_be_removed_so_the_roster_is_never_reseeded(db: Database) -> None:
    names(db)
    with db.transaction() as session:
        roster.remove(session, "Ana", "peer:Sam")
    with pytest.raises(RosterRefused, match="at least one peer"), db.transaction() as session:
        roster.remove(session, "Ben", "peer:Sam")

    assert names(db) == ["Ben", "Sam"]


def test_two_processes_seeding_at_once_leave_one_roster(db: Database) -> None:
    errors: list[BaseException] = []

    def seed() -> None:
        try:
            names(db)
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=seed) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert (errors, names(db)) == ([], ["Ana", "Ben", "Sam"])
