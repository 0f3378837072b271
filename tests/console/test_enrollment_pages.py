"""Enrollment in the console: program staff (and admins) enroll one person or a program's CSV,
checked by `warmline enroll`'s rules; a file with a bad row imports nothing until staff choose
its good rows; people already enrolled are recognised; peers are refused; every step is an
audit row without a phone number in it."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from store.db import Database
from store.enrollment_models import DueEvent, Enrollment
from store.models import AuditEntry
from tests.console.enrollment_files import BAD_ROWS, csv_text, discharged, good_rows
from tests.console.staff import Account, csrf_of, sign_in

ZONE = "America/New_York"


def upload(client: TestClient, text: str | bytes, zone: str = ZONE) -> tuple[int, str]:
    form = client.get("/console/enroll")
    answer = client.post(
        "/console/enroll/file",
        data={"csrf": csrf_of(form.text), "timezone": zone},
        files={"file": ("people.csv", text, "text/csv")},
    )
    return answer.status_code, answer.text


def enrolled_ids(db: Database) -> list[str]:
    with db.transaction() as session:
        return sorted(session.scalars(select(Enrollment.external_id)))


def audit_rows(db: Database) -> list[AuditEntry]:
    with db.transaction() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_a_good_file_is_enrolled_and_sent_again_enrolls_nobody_twice(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Pat"])

    status, page = upload(client, csv_text(good_rows()))
    again_status, again = upload(client, csv_text(good_rows()))

    assert status == 200, page
    assert "2 enrolled, 0 already enrolled" in page
    assert "Telegram start code" in page  # Sky chose Telegram: the code to hand over
    assert again_status == 200
    assert "0 enrolled, 2 already enrolled" in again
    assert enrolled_ids(db) == ["P-1", "P-2"]
    imported = [e for e in audit_rows(db) if e.action == "enrollment-file-imported"]
    assert [e.detail["enrolled"] for e in imported] == [2, 0]
    assert all(e.actor == "peer:Pat" for e in imported)


@pytest.mark.parametrize(("row", "problem"), list(BAD_ROWS.items()))
def test_each_kind_of_bad_row_is_named_and_nothing_is_imported(
    client: TestClient, db: Database, accounts: dict[str, Account], row: str, problem: str
) -> None:
    sign_in(client, accounts["Pat"])

    status, page = upload(client, csv_text([*good_rows(), row]))

    assert status == 422
    assert "Nothing was imported: 1 row has problems" in page
    assert '<tr data-line="4">' in page
    assert problem in page
    assert "Import the 2 good rows" in page
    assert enrolled_ids(db) == []


def test_staff_choose_to_import_the_good_rows_of_a_file_with_bad_ones(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Pat"])
    bad = list(BAD_ROWS)[:3]  # a bad phone, a bad zone, a bad date
    status, report = upload(client, csv_text([*good_rows(), *bad]))
    assert status == 422
    held = report.split('name="text"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0]

    answer = client.post(
        "/console/enroll/good-rows",
        data={"csrf": csrf_of(report), "timezone": ZONE, "text": _unescape(held)},
    )

    assert answer.status_code == 200, answer.text
    assert "2 enrolled, 0 already enrolled" in answer.text
    assert "3 bad rows were left out" in answer.text
    assert enrolled_ids(db) == ["P-1", "P-2"]


def _unescape(html: str) -> str:
    return (
        html.replace("&#34;", '"')
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
    )


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"external_id,plan\nP-1,standard\n", "missing column(s): discharge_date"),
        (b"", "the file is empty"),
        (
            "external_id,discharge_date,plan,phone\nP-1,2026-01-01,standard,\xe9".encode("latin-1"),
            "not UTF-8 text",
        ),
        (b"external_id,discharge_date,plan,phone\nP-\x00,2026-01-01,standard,\n", "not UTF-8 text"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_saying_why(
    client: TestClient, db: Database, accounts: dict[str, Account], content: bytes, said: str
) -> None:
    sign_in(client, accounts["Pat"])

    status, page = upload(client, content)

    assert status == 422
    assert said in page
    assert enrolled_ids(db) == []


def test_one_person_is_enrolled_from_the_form_with_their_due_events(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Ada"])  # an admin may enroll too
    form = client.get("/console/enroll")
    fields = {
        "csrf": csrf_of(form.text), "external_id": "F-1", "display_name": "Jordan",
        "discharge_date": discharged(), "timezone": "America/Denver",
        "contact_window": "10:00-19:00", "phone": "+1 312 555 0150", "plan": "standard",
        "site": "North", "peer": "Ben", "language": "es",
    }  # fmt: skip

    first = client.post("/console/enroll/person", data=fields)
    again = client.post("/console/enroll/person", data={**fields, "external_id": "F-2"})

    assert first.status_code == 201, first.text
    assert again.status_code == 200
    assert "Already enrolled" in again.text  # the same number: the same person
    with db.transaction() as session:
        enrolled = session.scalars(select(Enrollment)).one()
        due = session.scalar(select(func.count(DueEvent.id)))
    assert (enrolled.external_id, enrolled.peer, enrolled.timezone) == (
        "F-1",
        "Ben",
        "America/Denver",
    )
    assert due
    assert due > 5
    logged = json.dumps([[e.action, e.detail] for e in audit_rows(db)])
    assert "555" not in logged
    assert "Jordan" not in logged


def test_a_bad_form_says_every_problem_and_keeps_what_was_typed(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Pat"])
    form = client.get("/console/enroll")

    answer = client.post(
        "/console/enroll/person",
        data={"csrf": csrf_of(form.text), "external_id": "F-1", "display_name": "Jordan",
              "discharge_date": "", "timezone": "Nowhere/Atall", "phone": "12", "plan": "standard"},
    )  # fmt: skip

    assert answer.status_code == 422
    for problem in (
        "discharge_date: empty",
        "timezone: not a time zone",
        "phone: not a valid number",
    ):
        assert problem in answer.text
    assert 'value="Jordan"' in answer.text
    assert enrolled_ids(db) == []


@pytest.mark.parametrize("name", ["Ana", "Sam"])
def test_peers_and_supervisors_cannot_open_or_post_enrollment(
    client: TestClient, db: Database, accounts: dict[str, Account], name: str
) -> None:
    queue = sign_in(client, accounts[name])
    csrf = csrf_of(client.get(queue).text)

    page = client.get("/console/enroll")
    posted = client.post(
        "/console/enroll/file", data={"csrf": csrf},
        files={"file": ("people.csv", csv_text(good_rows()), "text/csv")},
    )  # fmt: skip

    assert page.status_code == 403
    assert posted.status_code == 403
    assert enrolled_ids(db) == []


def test_a_post_without_its_csrf_token_is_refused(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Pat"])

    answer = client.post(
        "/console/enroll/file", data={"csrf": "forged"},
        files={"file": ("people.csv", csv_text(good_rows()), "text/csv")},
    )  # fmt: skip

    assert answer.status_code == 403
    assert enrolled_ids(db) == []


def test_a_new_discharge_date_recomputes_the_due_events_and_is_audited(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Pat"])
    upload(client, csv_text(good_rows()[:1]))
    with db.transaction() as session:
        person = session.scalars(select(Enrollment)).one().participant_id
    edit = client.get(f"/console/enroll/{person}")

    answer = client.post(
        f"/console/enroll/{person}",
        data={"csrf": csrf_of(edit.text), "discharge_date": discharged(0), "plan": "standard"},
    )
    refused = client.post(
        f"/console/enroll/{person}",
        data={"csrf": csrf_of(edit.text), "discharge_date": "2020-01-01", "plan": "none"},
    )

    assert answer.status_code == 200
    assert "Saved." in answer.text
    assert refused.status_code == 422
    assert "more than a year ago" in refused.text
    assert "plan: not one of" in refused.text
    with db.transaction() as session:
        enrolled = session.scalars(select(Enrollment)).one()
        first = session.scalar(select(func.min(DueEvent.due_on)))
    assert enrolled.discharge_date.isoformat() == discharged(0)
    assert first is not None
    assert first.isoformat() >= discharged(0)
    changed = [e for e in audit_rows(db) if e.action == "enrollment-changed"]
    assert len(changed) == 1
    assert changed[0].detail["changed"] == ["discharge_date"]
    assert changed[0].participant_id == person
    assert client.get("/console/enroll/99999").status_code == 404
