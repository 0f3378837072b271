"""The report page: program staff and admins open a month's report (peers and supervisors get
403), every figure is outcomes.report's for the same scope, a bad month, site or plan gets a
clear 400, and the downloads go through outcomes/audited.py: each one an audit row naming who,
what, why and from where; identified files need program staff and a typed reason."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from core.clock import utcnow
from core.settings import load_settings
from outcomes import render
from outcomes.report import program_report, targets_of
from outcomes.scope import month_scope
from store.db import Database
from store.models import AuditEntry
from tests.console.staff import Account, csrf_of, sign_in
from tests.outcomes.conftest import build_november

NOVEMBER = "/console/reports?month=2026-11"


def exports(db: Database) -> list[AuditEntry]:
    with db.transaction() as session:
        found = session.scalars(select(AuditEntry).where(AuditEntry.action == "export"))
        rows = list(found)
        session.expunge_all()
        return rows


def download(client: TestClient, kind: str, reason: str = "") -> tuple[int, str]:
    token = csrf_of(client.get(NOVEMBER).text)
    answer = client.post(
        "/console/reports/export", data={"csrf": token, "kind": kind, "reason": reason}
    )
    return answer.status_code, answer.text


def shown_figures(page: str, section: str) -> dict[str, str]:
    table = re.search(
        rf'data-section="{re.escape(html.escape(section))}">(.*?)</table>', page, re.S
    )
    assert table, f"no {section} table"
    rows = re.findall(r'<th scope="row">(.*?)</th><td class="figure">(.*?)</td>', table[1])
    return {html.unescape(measure): html.unescape(value) for measure, value in rows}


def expected_lines(db: Database) -> list[render.Line]:
    with db.transaction() as session:
        scope = month_scope("2026-11", utcnow(), "North", "standard")
        return render.lines(program_report(session, scope, targets_of(load_settings()), utcnow()))


@pytest.mark.parametrize("role_name", ["Pat", "Ada"])
def test_program_staff_and_admins_see_every_figure_outcomes_computes(
    client: TestClient, db: Database, accounts: dict[str, Account], role_name: str
) -> None:
    build_november(db)
    sign_in(client, accounts[role_name])
    # The app's scheduler runs meanwhile (it may expire Casey's unanswered invitation): the page
    # is compared with the report as it stood both just before and just after it was made.
    for _ in range(5):
        before = expected_lines(db)
        page = client.get(f"{NOVEMBER}&site=North&plan=standard")
        if expected_lines(db) == before:
            break
    assert page.status_code == 200
    lines = before
    assert len(lines) > 30
    for line in lines:
        assert shown_figures(page.text, line.section)[line.measure] == render.shown(line), line
    assert "a strengths signal for staff, not a pass mark" in page.text
    assert 'id="report-trend"' in page.text
    assert 'id="trend-table"' in page.text
    assert 'id="report-barc10-change"' in page.text
    assert 'id="change-table"' in page.text


def test_the_charts_tables_hold_the_months_and_each_persons_change(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    build_november(db)
    sign_in(client, accounts["Pat"])
    page = client.get(NOVEMBER).text
    trend = re.search(r'id="trend-table">(.*?)</table>', page, re.S)
    assert trend
    months = re.findall(r'<th scope="row">(\d{4}-\d\d)</th><td>(\d+)</td>', trend[1])
    # Four people enrolled in November, none in the five months before.
    assert months == [(m, "0") for m in ("2026-06", "2026-07", "2026-08", "2026-09", "2026-10")] + [
        ("2026-11", "4")
    ]
    change = re.search(r'id="change-table">(.*?)</table>', page, re.S)
    assert change
    counts = dict(re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', change[1]))
    # Changes +2, +4, +6, +5 (tests/outcomes/conftest.py).
    assert counts == {"-10 or less": "0", "-9 to -5": "0", "-4 to -1": "0", "0": "0",
                      "+1 to +4": "2", "+5 to +9": "2", "+10 or more": "0"}  # fmt: skip


@pytest.mark.parametrize("role_name", ["Ana", "Sam"])
def test_peers_and_supervisors_get_403_and_no_reports_link(
    client: TestClient, db: Database, accounts: dict[str, Account], role_name: str
) -> None:
    sign_in(client, accounts[role_name])
    assert 'href="/console/reports"' not in client.get("/console/").text
    assert client.get(NOVEMBER).status_code == 403
    token = csrf_of(client.get("/console/").text)
    posted = client.post(
        "/console/reports/export",
        data={"csrf": token, "kind": "answers-deidentified", "reason": ""},
    )
    assert posted.status_code == 403
    assert exports(db) == []


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("month=2026-13", "not a month"),
        ("month=november", "not a month"),
        ("month=2099-01", "has not begun yet"),
        ("month=2026-11&site=Atlantis", "no enrolled person is at site"),
        ("month=2026-11&plan=weekly_forever", "no plan is called"),
    ],
)
def test_a_bad_month_site_or_plan_gets_400_saying_why(
    client: TestClient, db: Database, accounts: dict[str, Account], query: str, why: str
) -> None:
    build_november(db)
    sign_in(client, accounts["Pat"])
    page = client.get(f"/console/reports?{query}")
    assert page.status_code == 400
    assert why in html.unescape(page.text)
    assert 'id="report-error"' in page.text


def test_an_identified_download_needs_a_reason_and_is_an_audit_row(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    build_november(db)
    sign_in(client, accounts["Pat"])
    status, text = download(client, "answers", reason="   ")
    assert status == 400
    assert "give a reason" in text
    assert exports(db) == []
    status, text = download(client, "answers", reason="quarterly evaluation")
    assert status == 200
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["study_id"] for row in rows} == {"P-1", "P-2", "P-3", "P-4"}
    [row] = exports(db)
    assert row.actor == "peer:Pat"
    assert row.detail["kind"] == "answers"
    assert row.detail["reason"] == "quarterly evaluation"
    assert row.client == "testclient"


def test_the_fhir_download_is_a_bundle_and_an_audit_row(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    build_november(db)
    sign_in(client, accounts["Pat"])
    status, text = download(client, "fhir", reason="state HIE upload")
    assert status == 200
    bundle = json.loads(text)
    assert bundle["resourceType"] == "Bundle"
    kinds = {entry["resource"]["resourceType"] for entry in bundle["entry"]}
    assert kinds == {"Questionnaire", "QuestionnaireResponse", "Observation"}
    [row] = exports(db)
    assert (row.detail["kind"], row.detail["reason"]) == ("fhir", "state HIE upload")


def test_the_deidentified_download_needs_no_reason_and_is_still_audited(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    build_november(db)
    sign_in(client, accounts["Ada"])
    status, text = download(client, "answers-deidentified")
    assert status == 200
    assert text.startswith("pseudonym,event,event_number,item,status,value,day\n")
    assert "P-1" not in text
    assert "ROUGH WEEK" not in text
    [row] = exports(db)
    assert row.actor == "peer:Ada"
    assert row.detail["kind"] == "answers-deidentified"
    assert row.detail["reason"] is None


def test_an_admin_may_not_download_identified_data(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    build_november(db)
    sign_in(client, accounts["Ada"])
    page = client.get(NOVEMBER).text
    assert 'id="export-answers"' not in page
    assert 'id="identified-note"' in page
    status, _ = download(client, "fhir", reason="curious")
    assert status == 403
    assert exports(db) == []


def test_a_download_without_the_csrf_token_or_of_an_unknown_kind_is_refused(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Pat"])
    no_token = client.post("/console/reports/export", data={"kind": "answers", "reason": "x"})
    assert no_token.status_code == 403
    token = csrf_of(client.get(NOVEMBER).text)
    unknown = client.post("/console/reports/export", data={"csrf": token, "kind": "everything"})
    assert unknown.status_code == 422
    assert exports(db) == []
