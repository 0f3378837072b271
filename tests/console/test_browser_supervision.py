"""A supervisor in the browser: from the supervision page (reached by its link), the overdue
case is first, and reassigning it to a peer lands on the case, now claimed by that peer."""

from __future__ import annotations

from playwright.sync_api import Browser

from store.db import Database
from tests.console.browser import Server, new_page, screenshot, sign_in
from tests.console.staff import Account
from tests.console.test_supervision import add_case


def test_a_supervisor_reassigns_the_overdue_case_from_the_supervision_page(
    browser: Browser, server: Server, accounts: dict[str, Account], db: Database
) -> None:
    add_case(db, "Casey", "crisis", 10, claimed_by="Ana")
    # Overdue and re-paged: the live server's reminder pass resets the target of an overdue case.
    overdue = add_case(db, "Emery", "concern", -30, alerts=2)
    page = new_page(browser)
    sign_in(page, server, accounts["Sam"])

    page.click("nav >> text=Supervision")
    first = page.locator("#open-cases tbody tr").first
    assert first.get_attribute("data-escalation") == str(overdue)
    screenshot(page, "supervision")
    first.locator("select").select_option("Ben")
    first.locator("button:has-text('Reassign')").click()

    page.wait_for_url(f"**/console/escalations/{overdue}")
    assert "Claimed by Ben" in (page.text_content("aside") or "")
