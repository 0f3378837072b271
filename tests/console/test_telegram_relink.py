"""Where an invitation stands, in the console, and a new Telegram link for someone whose link
was lost or ran out: program staff give it (CSRF-checked), it is shown once, the old ones stop
working, the invitation starts again, and the audit row holds no token; peers are refused, and
someone who said YES or STOP is not asked again."""

from __future__ import annotations

import re
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from checkins.invitations import REMIND_AFTER
from checkins.plans import load_plans
from console import consent_state, enrollment
from core.clock import utcnow
from store import telegram_links
from store.db import Database
from store.enrollment_models import Consent, Enrollment
from store.models import AuditEntry
from store.telegram_links import Refused, TelegramLink
from tests.console.enrollment_files import csv_text, good_rows
from tests.console.staff import Account, csrf_of, sign_in


def enroll_sky(db: Database) -> tuple[int, str]:
    """Sky: enrolled with a Telegram link only (tests/console/enrollment_files.py)."""
    plans, now = load_plans(), utcnow()
    rules = enrollment.rules(list(plans), ["Ana"], now.date(), "America/Chicago")
    with db.transaction() as session:
        done = enrollment.upload(
            session, csv_text(good_rows()[1:]), rules, plans, "peer:Pat", now, import_good=False
        )
    [sky] = done.enrolled
    assert sky.telegram_code is not None
    return sky.participant_id, sky.telegram_code


def set_consent(db: Database, consent: Consent) -> None:
    with db.transaction() as session:
        session.execute(update(Enrollment).values(consent=consent))


def note(db: Database, person: int, hours_later: float = 0) -> str:
    now = utcnow() + timedelta(hours=hours_later)
    with db.transaction() as session:
        found = enrollment.enrolled_person(session, person, now)
    assert found is not None
    return found.consent_note


def ask_for_link(client: TestClient, person: int) -> tuple[int, str]:
    page = client.get(f"/console/enroll/{person}")
    answer = client.post(
        f"/console/enroll/{person}/telegram-link", data={"csrf": csrf_of(page.text)}
    )
    return answer.status_code, answer.text


def test_an_unused_link_says_when_to_remind_in_person_and_when_it_expires(db: Database) -> None:
    person, _ = enroll_sky(db)
    later = REMIND_AFTER.total_seconds() / 3600

    assert note(db, person).startswith("Telegram link given ")
    assert "not used yet; it expires" in note(db, person)
    assert "remind them in person" in note(db, person, hours_later=later)
    expired = telegram_links.VALID_FOR.total_seconds() / 3600
    assert note(db, person, hours_later=expired) == (
        "Their Telegram link expired unused. Give them a new one."
    )


def test_an_invitation_says_when_it_is_reminded_and_when_it_expires(db: Database) -> None:
    person, _ = enroll_sky(db)
    with db.transaction() as session:
        session.execute(
            update(Enrollment).values(
                consent=Consent.INVITED, invited_at=utcnow(), invitations_sent=1
            )
        )

    said = note(db, person)

    assert said.startswith("Invited ")
    assert "one reminder goes out" in said
    assert "expires" in said


def test_staff_give_a_new_link_shown_once_and_the_old_one_stops_working(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    person, old = enroll_sky(db)
    set_consent(db, Consent.EXPIRED)
    sign_in(client, accounts["Pat"])

    status, page = ask_for_link(client, person)

    assert status == 201, page
    [new] = re.findall(r'id="new-link"[^>]*>.*?<code>([^<]+)</code>', page, re.S)
    assert new != old
    assert new not in client.get(f"/console/enroll/{person}").text  # shown once
    with db.transaction() as session:
        assert telegram_links.redeem(session, old, utcnow()) is Refused.EXPIRED
        assert not isinstance(telegram_links.redeem(session, new, utcnow()), Refused)
        state = session.scalars(select(Enrollment)).one()
        assert (state.consent, state.invitations_sent, state.invited_at) == (
            Consent.PENDING,
            0,
            None,
        )
        [issued] = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "telegram-link-issued")
        )
    assert (issued.actor, issued.participant_id) == ("peer:Pat", person)
    assert issued.detail == {"links_retired": 1}  # and so no token


def test_someone_who_said_yes_or_stop_is_not_given_a_new_link(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    person, _ = enroll_sky(db)
    sign_in(client, accounts["Pat"])
    for answered in (Consent.CONSENTED, Consent.DECLINED):
        set_consent(db, answered)

        status, page = ask_for_link(client, person)

        assert status == 409, page
        assert "Give a new Telegram link" not in client.get(f"/console/enroll/{person}").text
    with db.transaction() as session:
        assert len(session.scalars(select(TelegramLink)).all()) == 1


def test_a_peer_cannot_give_a_link_and_a_form_without_its_token_is_refused(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    person, _ = enroll_sky(db)
    sign_in(client, accounts["Ana"])
    token = csrf_of(client.get("/console").text)
    as_peer = client.post(f"/console/enroll/{person}/telegram-link", data={"csrf": token})
    client.post("/console/logout", data={"csrf": token})
    sign_in(client, accounts["Pat"])
    token = csrf_of(client.get(f"/console/enroll/{person}").text)
    forged = client.post(f"/console/enroll/{person}/telegram-link", data={"csrf": "forged"})
    unknown = client.post("/console/enroll/999999/telegram-link", data={"csrf": token})

    assert as_peer.status_code == 403
    assert forged.status_code == 403
    assert unknown.status_code == 404
    with db.transaction() as session:
        assert len(session.scalars(select(TelegramLink)).all()) == 1


def test_the_list_reads_every_persons_reach_in_one_go(db: Database) -> None:
    person, _ = enroll_sky(db)
    with db.transaction() as session:
        reach = consent_state.reach_of(session, [person, 424242])

    assert reach[person].chat is False
    assert reach[person].link_issued is not None
    assert reach[424242] == consent_state.Reach()
