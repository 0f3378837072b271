"""A console left alone signs itself out: the session ends server-side after the idle time,
and the open queue page goes to the log-in page by itself."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.console.browser import Server, new_page, sign_in
from tests.console.staff import Account


@pytest.fixture
def idle_minutes() -> float:
    return 0.05  # three seconds


def test_an_idle_queue_page_is_signed_out_without_a_click(
    browser: Browser, server: Server, accounts: dict[str, Account]
) -> None:
    page = new_page(browser)
    sign_in(page, server, accounts["Ana"])
    assert page.url == f"{server.url}/console/"

    page.wait_for_url("**/console/login**", timeout=8000)

    page.goto(f"{server.url}/console/")
    assert page.url.startswith(f"{server.url}/console/login")
