"""A peer in the browser: from the queue's Linkage tasks filter to the task list, the overdue
task first, and an outcome recorded for it from the keyboard's reach; axe-core finds nothing
serious."""

from __future__ import annotations

from playwright.sync_api import Browser

from store.db import Database
from store.linkage_models import LinkageTask
from tests.console.axe import blocking
from tests.console.browser import Server, new_page, screenshot, sign_in
from tests.console.linkage_tasks import add_task
from tests.console.staff import Account


def test_a_peer_records_the_outcome_of_an_overdue_linkage_task(
    browser: Browser, server: Server, accounts: dict[str, Account], db: Database
) -> None:
    add_task(db, "Morgan", "Ana", 30)
    overdue = add_task(db, "Quinn", "Ana", -3, reasons=("wants_help",))
    add_task(db, "Reese", "Ben", 10)
    page = new_page(browser)
    sign_in(page, server, accounts["Ana"])

    page.click(".filters >> text=Linkage tasks")
    first = page.locator("#linkage-tasks tr").first
    assert first.get_attribute("data-task") == str(overdue)
    assert "overdue" in first.inner_text()
    assert blocking(page) == {}
    screenshot(page, "linkage-tasks")
    first.locator("select").select_option("appointment_made")
    first.locator("button:has-text('Record')").click()

    page.wait_for_url(f"**/console/linkage?closed={overdue}")
    assert "Outcome recorded" in page.locator("#closed").inner_text()
    assert page.locator(f'tr[data-task="{overdue}"]').count() == 0
    with db.transaction() as session:
        closed = session.get(LinkageTask, overdue)
        assert closed is not None
        assert closed.outcome == "appointment_made"
