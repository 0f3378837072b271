"""A reply typed and not sent survives an idle log-off: the peer types, walks away, is signed
out by the idle timer, signs in again and finds their words back in the reply box (kept on
the server, never in the browser's storage)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.console.browser import CRISIS, Server, new_page, sign_in
from tests.console.staff import PASSWORD, Account

DRAFT = "I'm here with you. Are you somewhere safe right now?"


@pytest.fixture
def idle_minutes() -> float:
    return 0.1  # six seconds


def test_a_typed_reply_is_back_after_an_idle_log_off_and_signing_in_again(
    browser: Browser, server: Server, accounts: dict[str, Account]
) -> None:
    server.chat("jo", CRISIS)
    page = new_page(browser)
    sign_in(page, server, accounts["Ana"], "/console/escalations/1")
    page.click("button:has-text('Take over')")
    page.fill("#reply", DRAFT)

    page.wait_for_url("**/console/login**", timeout=20000)  # idle: signed out by itself
    page.fill("#name", "Ana")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.fill("#code", accounts["Ana"].code())
    page.click("button[type=submit]")

    page.wait_for_url(f"{server.url}/console/escalations/1")
    assert page.input_value("#reply") == DRAFT
    assert page.evaluate("window.localStorage.length + window.sessionStorage.length") == 0
