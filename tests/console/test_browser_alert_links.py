"""An alert link followed from another site (the peer's SMS, email or messaging app) is a
top-level navigation from elsewhere: with a live session it opens the escalation at once (the
session cookie is SameSite=Lax, so such a GET carries it); without one it goes through sign-in
and lands on the escalation."""

from __future__ import annotations

from playwright.sync_api import Browser, BrowserContext, Page, Route

from tests.console.browser import CRISIS, Server, sign_in
from tests.console.staff import PASSWORD, Account

ELSEWHERE = "http://alerts.example/"  # another site, as a messaging app's web view is


def with_alert_page(context: BrowserContext, link: str) -> Page:
    """A page on another site holding the alert's link (served by the browser itself)."""

    def serve(route: Route) -> None:
        route.fulfill(
            content_type="text/html",
            body=f'<!doctype html><title>Alerts</title><a id="alert" href="{link}">Open #1</a>',
        )

    context.route(f"{ELSEWHERE}**", serve)
    page = context.new_page()
    page.goto(ELSEWHERE)
    return page


def test_an_alert_link_from_another_site_opens_the_escalation_with_a_live_session(
    browser: Browser, server: Server, accounts: dict[str, Account]
) -> None:
    server.chat("jo", CRISIS)
    context = browser.new_context()
    sign_in(context.new_page(), server, accounts["Ana"])
    alerts = with_alert_page(context, f"{server.url}/console/escalations/1")

    alerts.click("#alert")

    alerts.wait_for_url(f"{server.url}/console/escalations/1")
    assert "Ana · peer" in (alerts.text_content("header") or "")


def test_without_a_session_the_alert_link_goes_through_sign_in_to_the_escalation(
    browser: Browser, server: Server, accounts: dict[str, Account]
) -> None:
    server.chat("jo", CRISIS)
    context = browser.new_context()
    alerts = with_alert_page(context, f"{server.url}/console/escalations/1")

    alerts.click("#alert")
    alerts.wait_for_url(f"{server.url}/console/login**")
    alerts.fill("#name", "Ana")
    alerts.fill("#password", PASSWORD)
    alerts.click("button[type=submit]")
    alerts.fill("#code", accounts["Ana"].code())
    alerts.click("button[type=submit]")

    alerts.wait_for_url(f"{server.url}/console/escalations/1")
    assert "Ana · peer" in (alerts.text_content("header") or "")
