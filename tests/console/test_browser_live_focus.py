"""The live queue keeps a keyboard user's place: when a new case arrives and the rows are
fetched again, the link that had the focus still has it, and the status line (the page's live
region, never replaced) says how many cases there are now."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.console.browser import CRISIS, Server, new_page, sign_in
from tests.console.staff import Account
from tests.console.test_browser_keyboard import tab_to


def test_the_focused_case_keeps_the_focus_when_a_new_case_arrives(
    browser: Browser, server: Server, accounts: dict[str, Account]
) -> None:
    server.chat("jo", CRISIS)
    page = new_page(browser)
    sign_in(page, server, accounts["Ana"])
    tab_to(page, "Person 1")  # the page, drawn with the case, is not fetched again on arrival

    server.chat("max", "my friend is overdosing and wont wake up")
    page.wait_for_selector("tr[data-escalation='2']", timeout=5000)

    assert page.evaluate("document.activeElement.getAttribute('href')") == "/console/escalations/1"
    page.wait_for_function("document.getElementById('live-status').textContent.includes('2 cases')")
    assert page.get_attribute("#live-status", "aria-live") == "polite"
