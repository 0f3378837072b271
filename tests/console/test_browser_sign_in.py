"""Signing in to the console in a real browser: a password then a TOTP code, the lock-out
after five wrong passwords, and a forged post refused for want of its CSRF token."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.console.browser import Server, new_page, sign_in
from tests.console.staff import Account


def test_a_peer_signs_in_with_a_password_and_a_totp_code_and_lands_on_the_queue(
    browser: Browser, server: Server, accounts: dict[str, Account]
) -> None:
    page = new_page(browser)

    sign_in(page, server, accounts["Ana"])

    assert page.url == f"{server.url}/console/"
    assert page.text_content("h1") == "Open escalations"
    assert "Ana · peer" in (page.text_content("header") or "")


def test_five_wrong_passwords_lock_the_account_against_the_right_one_too(
    browser: Browser, server: Server, accounts: dict[str, Account]
) -> None:
    page = new_page(browser)
    page.goto(f"{server.url}/console/login")
    for _ in range(5):
        page.fill("#name", "Ana")
        page.fill("#password", "not the password")
        page.click("button[type=submit]")

    page.fill("#name", "Ana")
    page.fill("#password", "correct horse battery")
    page.click("button[type=submit]")

    assert "locked after repeated failures" in (page.text_content("[role=alert]") or "")
    assert page.url.startswith(f"{server.url}/console/login")


def test_a_forged_post_without_the_sessions_csrf_token_is_refused(
    browser: Browser, server: Server, accounts: dict[str, Account]
) -> None:
    page = new_page(browser)
    sign_in(page, server, accounts["Ana"])
    server.chat("jo", "i want to kill myself")

    # The browser's own cookies go with it, as they would with a forged form: only the token
    # tells this post apart from the page's own.
    forged = page.request.post(
        f"{server.url}/console/escalations/1/claim", form={"csrf": "guessed"}
    )
    bare = page.request.post(f"{server.url}/console/escalations/1/claim")

    assert (forged.status, bare.status) == (403, 403)
