"""Program staff in the browser enroll a program's CSV as they would: a file with a bad phone
number, a bad zone and a person named twice is held back with each bad row named; they import
the good rows; sent again, everyone is recognised; one person is enrolled from the form and
their discharge date changed. axe-core finds nothing serious on the pages."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from playwright.sync_api import Browser, Page
from sqlalchemy import select, update

from checkins.plans import load_plans
from console import enrollment
from core.clock import utcnow
from core.settings import PROJECT_ROOT
from store.db import Database
from store.enrollment_models import Enrollment
from store.telegram_links import TelegramLink
from tests.console.axe import blocking
from tests.console.browser import Server, new_page, screenshot, sign_in
from tests.console.enrollment_files import HEADER, csv_text, discharged, good_rows
from tests.console.staff import Account

DOCS_SCREENSHOT = PROJECT_ROOT / "docs" / "screenshots" / "enrollment.png"


def program_file(folder: Path) -> Path:
    rows = [
        *good_rows(),
        f"P-3,Casey,{discharged()},standard,(312) 555-01,no,,,,North",
        f"P-4,Devon,{discharged()},standard,(312) 555-0143,no,America/Chicgo,,,North",
        f"P-1,Riley again,{discharged()},standard,(312) 555-0160,no,,,,North",
        f"P-5,Emery,{discharged(5)},standard,(312) 555-0161,no,,09:00-20:00,Ben,North",
    ]
    path = folder / "discharges-week-48.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def upload(page: Page, path: Path) -> None:
    page.click("nav >> text=Enroll")
    page.set_input_files("#csv-file", str(path))
    page.fill("#csv-zone", "America/New_York")
    page.click("button:has-text('Check and import')")


def enrolled(db: Database) -> list[str]:
    with db.transaction() as session:
        return sorted(session.scalars(select(Enrollment.external_id)))


def test_staff_enroll_a_programs_file_with_bad_rows_through_the_console(
    browser: Browser, server: Server, accounts: dict[str, Account], db: Database, tmp_path: Path
) -> None:
    page = new_page(browser)
    sign_in(page, server, accounts["Pat"])
    path = program_file(tmp_path)

    upload(page, path)

    report = page.locator("#upload-report")
    assert "Nothing was imported: 3 rows have problems" in report.inner_text()
    rows = {line: report.locator(f'tr[data-line="{line}"]').inner_text() for line in (4, 5, 6)}
    assert "phone: not a valid number" in rows[4]
    assert "timezone: not a time zone" in rows[5]
    assert "external_id: the same as on line 2" in rows[6]
    assert enrolled(db) == []
    assert blocking(page) == {}
    screenshot(page, "enrollment-report")
    DOCS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS_SCREENSHOT), full_page=False)

    page.click("button:has-text('Import the 3 good rows')")
    assert "3 enrolled, 0 already enrolled" in page.locator("#upload-report").inner_text()
    assert enrolled(db) == ["P-1", "P-2", "P-5"]
    screenshot(page, "enrollment-imported")

    upload(page, path)  # the same file again, the bad rows still bad
    page.click("button:has-text('Import the 3 good rows')")
    assert "0 enrolled, 3 already enrolled" in page.locator("#upload-report").inner_text()
    assert enrolled(db) == ["P-1", "P-2", "P-5"]


def test_staff_enroll_one_person_and_change_their_discharge_date(
    browser: Browser, server: Server, accounts: dict[str, Account], db: Database
) -> None:
    page = new_page(browser)
    sign_in(page, server, accounts["Pat"])
    page.click("nav >> text=Enroll")

    page.fill("#p-id", "F-1")
    page.fill("#p-name", "Jordan")
    page.fill("#p-discharge", discharged(2))
    page.fill("#p-phone", "(312) 555-0170")
    page.fill("#p-zone", "America/Denver")
    page.select_option("#p-peer", "Ana")
    page.click("button:has-text('Enroll')")

    assert "Enrolled" in page.locator("#person-done").inner_text()
    assert "Jordan" in page.locator("#enrolled").inner_text()
    assert blocking(page) == {}
    page.click("#enrolled >> text=Jordan")
    page.fill("#e-discharge", discharged(0))
    page.click("button:has-text('Save')")

    assert "Saved." in page.locator("#changed").inner_text()
    assert blocking(page) == {}
    screenshot(page, "enrollment-edit")
    with db.transaction() as session:
        person = session.scalars(select(Enrollment)).one()
    assert (person.external_id, person.peer) == ("F-1", "Ana")
    assert person.discharge_date.isoformat() == discharged(0)


def test_a_file_too_large_to_send_is_stopped_saying_what_to_do(
    browser: Browser, server: Server, accounts: dict[str, Account], db: Database, tmp_path: Path
) -> None:
    page = new_page(browser)
    sign_in(page, server, accounts["Pat"])
    path = tmp_path / "everyone.csv"
    row = f"P-{{}},Someone,{discharged()},standard,,yes,,,,North"
    path.write_text("\n".join([HEADER, *(row.format(n) for n in range(1500))]), encoding="utf-8")

    upload(page, path)

    assert "split it into files of about 500 people" in page.locator("#file-size").inner_text()
    assert page.url.endswith("/console/enroll")
    assert enrolled(db) == []


def test_staff_see_a_telegram_link_ran_out_and_give_a_new_one(
    browser: Browser, server: Server, accounts: dict[str, Account], db: Database
) -> None:
    plans, now = load_plans(), utcnow()
    rules = enrollment.rules(list(plans), ["Ana"], now.date(), "America/Chicago")
    with db.transaction() as session:
        done = enrollment.upload(
            session, csv_text(good_rows()[1:]), rules, plans, "peer:Pat", now, import_good=False
        )
        session.execute(update(TelegramLink).values(expires_at=now - timedelta(minutes=1)))
    sky = done.enrolled[0].participant_id
    page = new_page(browser)
    sign_in(page, server, accounts["Pat"])
    page.click("nav >> text=Enroll")
    assert "Telegram link expired unused" in page.locator("#enrolled").inner_text()

    page.click("#enrolled >> text=Sky")
    page.click("button:has-text('Give a new Telegram link')")

    code = page.locator("#new-link code").inner_text()
    assert len(code) >= 20
    assert "not used yet; it expires" in page.locator("#consent-note").inner_text()
    assert page.locator("button:has-text('Give a new Telegram link')").count() == 0
    assert blocking(page) == {}
    screenshot(page, "enrollment-new-telegram-link")
    page.goto(f"{server.url}/console/enroll/{sky}")
    assert code not in page.content()  # shown once
