"""A supervisor keeps the on-call roster in the browser: from the nav link, puts someone on
call, moves them up, takes someone off, and is told plainly when an edit would leave nobody to
alert; axe-core finds no violation on the page, with or without the refusal on it."""

from __future__ import annotations

from playwright.sync_api import Browser, Page

from tests.console.axe import violations
from tests.console.browser import Server, new_page, screenshot, sign_in
from tests.console.staff import Account


def names(page: Page) -> list[str]:
    return page.locator("#roster tbody td.name").all_text_contents()


def test_a_supervisor_edits_the_roster_and_the_page_stays_accessible(
    browser: Browser, server: Server, accounts: dict[str, Account]
) -> None:
    page = new_page(browser)
    sign_in(page, server, accounts["Sam"])

    page.click("nav >> text=On-call roster")
    assert names(page) == ["Ana", "Ben", "Sam"]
    assert violations(page) == {}
    page.fill("#oncall-name", "Cal")
    page.fill("#oncall-phone", "+15551230009")
    page.click("#roster-add button[type=submit]")
    page.click("#roster tr[data-name=Cal] button:has-text('Move up')")
    page.click("#roster tr[data-name=Ana] button:has-text('Take off call')")
    assert names(page) == ["Ben", "Cal", "Sam"]
    screenshot(page, "roster")

    page.click("#roster tr[data-name=Cal] button:has-text('Take off call')")
    page.click("#roster tr[data-name=Ben] button:has-text('Take off call')")

    assert "at least one peer" in (page.text_content("#roster-error") or "")
    assert names(page) == ["Ben", "Sam"]
    assert violations(page) == {}
