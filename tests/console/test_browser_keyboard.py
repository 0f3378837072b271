"""The console works from the keyboard alone: from an alert link through both sign-in steps
to claiming the case, with Tab and Enter only."""

from __future__ import annotations

from playwright.sync_api import Browser, Page

from tests.console.browser import CRISIS, Server, new_page
from tests.console.staff import PASSWORD, Account

CASE = "/console/escalations/1"


def tab_to(page: Page, label: str, limit: int = 30) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == label:
            return
    raise AssertionError(f"no {label!r} within {limit} presses of Tab")


def focused(page: Page, element_id: str) -> None:
    """Waits for autofocus: on a loaded machine, keys typed before it lands are lost."""
    page.wait_for_function(
        f"document.activeElement && document.activeElement.id === {element_id!r}"
    )


def test_a_peer_signs_in_and_claims_a_case_with_the_keyboard_alone(
    browser: Browser, server: Server, accounts: dict[str, Account]
) -> None:
    server.chat("jo", CRISIS)
    page = new_page(browser)
    page.goto(f"{server.url}{CASE}")

    focused(page, "name")  # the name field has the focus on arrival
    page.keyboard.type("Ana")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/console/login/code**")
    focused(page, "code")
    page.keyboard.type(accounts["Ana"].code())
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server.url}{CASE}")
    tab_to(page, "Claim")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "Claimed by Ana" in (page.text_content("aside") or "")
