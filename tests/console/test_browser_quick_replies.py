"""A quick reply from the keyboard: it fills the reply box and moves the focus there, so the
peer edits it and sends it; nothing is sent by picking it."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.console.browser import CRISIS, Server, new_page, sign_in
from tests.console.staff import Account
from tests.console.test_browser_keyboard import tab_to


def test_a_quick_reply_fills_the_reply_box_for_the_peer_to_edit_and_send(
    browser: Browser, server: Server, accounts: dict[str, Account]
) -> None:
    server.chat("jo", CRISIS)
    page = new_page(browser)
    sign_in(page, server, accounts["Ana"], "/console/escalations/1")
    page.click("button:has-text('Take over')")
    before = server.conversation("jo")

    tab_to(page, "Are you safe right now?")
    page.keyboard.press("Enter")
    page.keyboard.press("End")
    page.keyboard.type(" I'm Ana.")

    assert page.evaluate("document.activeElement.id") == "reply"
    assert server.conversation("jo") == before
    page.click("button:has-text('Send reply')")
    sent = (
        "Are you safe right now? Are you somewhere you can stay for the next little while? I'm Ana."
    )
    assert ("outbound", sent) in server.conversation("jo")
