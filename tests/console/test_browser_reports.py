"""Program staff in the browser open November's report from the nav, see its charts and their
tables, and download the answers CSV and the FHIR bundle with a typed reason; the bundle is
validated by fhir.resources (R4B) and each download is an audit row. axe-core finds nothing
serious on the page."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from playwright.sync_api import Browser, Page
from sqlalchemy import select

from core.settings import PROJECT_ROOT
from store.db import Database
from store.models import AuditEntry
from tests.console.axe import blocking
from tests.console.browser import Server, new_page, screenshot, sign_in
from tests.console.staff import Account
from tests.outcomes.conftest import build_november

DOCS_SCREENSHOT = PROJECT_ROOT / "docs" / "screenshots" / "report.png"


def downloaded(page: Page, form: str, reason: str | None) -> tuple[str, str]:
    """Submits a download form as a person does; the file's suggested name and its text."""
    if reason is not None:
        page.fill(f"{form} input[name=reason]", reason)
    with page.expect_download() as started:
        page.click(f"{form} button[type=submit]")
    download = started.value
    return download.suggested_filename, Path(download.path()).read_text(encoding="utf-8")


def exports(db: Database) -> list[tuple[str, str | None]]:
    with db.transaction() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "export"))
        return [(row.detail["kind"], row.detail["reason"]) for row in rows]


def open_november(page: Page) -> None:
    page.click("nav >> text=Reports")
    page.fill("#month", "2026-11")
    page.click("button:has-text('Show')")


def test_staff_open_the_months_report_and_download_the_csv_and_fhir_bundle(
    browser: Browser, server: Server, accounts: dict[str, Account], db: Database
) -> None:
    build_november(db)
    page = new_page(browser)
    sign_in(page, server, accounts["Pat"])

    open_november(page)

    assert page.locator("#report-scope").inner_text().startswith("2026-11")
    for chart in ("#report-trend", "#trend-table", "#report-barc10-change", "#change-table"):
        assert page.locator(chart).is_visible(), chart
    consent = page.locator('table[data-section="Enrollment"] tr:has-text("invited -> consented")')
    assert consent.locator("td").inner_text() == "1 of 3 (33%)"
    assert blocking(page) == {}
    screenshot(page, "report")
    DOCS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS_SCREENSHOT), full_page=False)

    name, text = downloaded(page, "#export-answers", "quarterly evaluation")
    assert name.endswith("-answers.csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["study_id"] for row in rows} == {"P-1", "P-2", "P-3", "P-4"}

    name, text = downloaded(page, "#export-fhir", "state HIE upload")
    assert name.endswith("-bundle.json")
    bundle = Bundle.model_validate_json(text)
    kinds = {type(entry.resource) for entry in bundle.entry or []}
    assert kinds == {Questionnaire, QuestionnaireResponse, Observation}

    name, text = downloaded(page, "#export-deidentified", None)
    assert "P-1" not in text
    assert exports(db) == [
        ("answers", "quarterly evaluation"),
        ("fhir", "state HIE upload"),
        ("answers-deidentified", None),
    ]


def test_an_identified_download_without_a_reason_is_held_by_the_form(
    browser: Browser, server: Server, accounts: dict[str, Account], db: Database
) -> None:
    build_november(db)
    page = new_page(browser)
    sign_in(page, server, accounts["Pat"])
    open_november(page)
    page.click("#export-fhir button[type=submit]")
    message = page.locator("#reason-fhir").evaluate("field => field.validationMessage")
    assert message
    assert exports(db) == []
