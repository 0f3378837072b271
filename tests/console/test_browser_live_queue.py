"""A crisis text through the real gateway (the simulator channel, no engine: the gateway
answers a crisis alone) appears in an open queue page within two seconds, without a reload."""

from __future__ import annotations

import time

from playwright.sync_api import Browser

from tests.console.browser import CRISIS, Server, new_page, screenshot, sign_in
from tests.console.staff import Account


def test_a_crisis_text_appears_in_the_open_queue_within_two_seconds_without_a_reload(
    browser: Browser, server: Server, accounts: dict[str, Account]
) -> None:
    page = new_page(browser)
    sign_in(page, server, accounts["Ana"])
    page.wait_for_selector("text=Nothing waiting here.")
    page.evaluate("window.loadedOnce = true")  # gone if the page reloads

    server.chat("jo", CRISIS)
    sent = time.monotonic()
    page.wait_for_selector("tr[data-escalation]", timeout=2000)
    delay = time.monotonic() - sent

    row = page.text_content("tr[data-escalation]") or ""
    print(f"live queue: the crisis row appeared {delay:.2f} s after the text was sent")  # README
    assert delay < 2.0
    assert page.evaluate("window.loadedOnce") is True
    assert "crisis" in row
    assert "sim" in row


def test_the_queue_puts_the_most_severe_first_then_the_longest_waiting(
    browser: Browser, server: Server, accounts: dict[str, Account]
) -> None:
    server.chat("kim", "i relapsed last night")
    server.chat("jo", CRISIS)
    server.chat("max", "my friend is overdosing and wont wake up")
    server.chat("lee", "i want to die")
    page = new_page(browser)

    sign_in(page, server, accounts["Ana"])

    levels = page.locator("tr[data-escalation] .level").all_text_contents()
    people = page.locator("tr[data-escalation] td.person a").all_text_contents()
    assert levels == ["emergency", "crisis", "crisis", "concern"]
    assert people == ["Person 3", "Person 2", "Person 4", "Person 1"]
    screenshot(page, "queue")
