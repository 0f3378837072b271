"""The participant page in the browser: reached from the escalation page, it draws the
BARC-10 total as an SVG chart (with a text alternative) and a line per item, and lists every
check-in in a table that a screen reader reads."""

from __future__ import annotations

from playwright.sync_api import Browser

from store.db import Database
from tests.console.browser import Server, new_page, screenshot, sign_in
from tests.console.people import add_person_with_history
from tests.console.staff import Account


def test_from_an_escalation_a_peer_opens_the_persons_page_with_their_barc10_chart_and_table(
    browser: Browser, server: Server, accounts: dict[str, Account], db: Database
) -> None:
    person = add_person_with_history(db)
    page = new_page(browser)
    sign_in(page, server, accounts["Ana"], "/console/escalations/1")

    page.click("text=About Riley")
    page.wait_for_url(f"**/console/participants/{person}")
    screenshot(page, "participant-barc10")

    chart = page.locator("svg#barc10-total")
    assert chart.get_attribute("role") == "img"
    assert chart.locator("circle").count() == 3  # the check-in with a skipped item has no total
    assert "47: strengths signal(not a pass mark)" in (chart.text_content() or "")
    assert "01 Nov 2026: 50" in (page.text_content("#total-desc") or "")
    assert page.locator("#barc10-table tbody tr").count() == 4
    assert page.locator(".items li").count() == 10
