"""axe-core finds no serious or critical violation on any console page, each as a person
sees it with data on it: the sign-in steps, the queue, an escalation mid-conversation, a
participant's page with their BARC-10 chart, the supervisor's page, and an admin's pages."""

from __future__ import annotations

import json

from playwright.sync_api import Browser, Page

from store.db import Database
from tests.console.axe import blocking, violations
from tests.console.browser import CRISIS, Server, new_page, sign_in
from tests.console.people import add_person_with_history
from tests.console.staff import PASSWORD, Account

CASE = "/console/escalations/2"  # the crisis; the first case is the made-up person's past one


def checked(page: Page, found: dict[str, dict[str, list[str]]], every: dict[str, int]) -> None:
    path = page.url.split("127.0.0.1", 1)[-1].split("/", 1)[-1]
    found[path] = blocking(page)
    every[path] = len(violations(page))


def test_no_console_page_has_a_serious_or_critical_accessibility_violation(
    browser: Browser, server: Server, accounts: dict[str, Account], db: Database
) -> None:
    add_person_with_history(db)
    server.chat("jo", CRISIS)
    found: dict[str, dict[str, list[str]]] = {}
    every: dict[str, int] = {}
    page = new_page(browser)

    page.goto(f"{server.url}/console/login")
    checked(page, found, every)
    page.fill("#name", "Sam")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    checked(page, found, every)
    page.fill("#code", accounts["Sam"].code())
    page.click("button[type=submit]")
    checked(page, found, every)
    page.goto(f"{server.url}{CASE}")
    page.click("button:has-text('Take over')")
    checked(page, found, every)
    for path in ("/console/participants/1", "/console/supervisor"):
        page.goto(f"{server.url}{path}")
        checked(page, found, every)
    admin = new_page(browser)
    sign_in(admin, server, accounts["Ada"], "/console/admin/users")
    checked(admin, found, every)
    admin.goto(f"{server.url}/console/admin/audit")
    checked(admin, found, every)

    print("axe violations of any impact, per page:", json.dumps(every))
    assert {page: rules for page, rules in found.items() if rules} == {}
    assert len(found) == 8
