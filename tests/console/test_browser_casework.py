"""Working a crisis in the browser from alert link to resolution: two peers claim the same
case (one wins, the other sees who has it); take over, reply (it reaches the person), hand
back, resolve with an outcome; and each view is an audit row with where it came from."""

from __future__ import annotations

from playwright.sync_api import Browser, Route
from sqlalchemy import select

from store.db import Database
from store.escalation_models import Escalation
from store.models import AuditEntry
from tests.console.browser import CRISIS, Server, new_page, screenshot, sign_in
from tests.console.staff import Account

CASE = "/console/escalations/1"


def test_two_peers_claim_the_same_case_one_wins_and_the_other_sees_who_has_it(
    browser: Browser, server: Server, accounts: dict[str, Account]
) -> None:
    server.chat("jo", CRISIS)
    ana, ben = new_page(browser), new_page(browser)
    sign_in(ana, server, accounts["Ana"], CASE)
    sign_in(ben, server, accounts["Ben"], CASE)

    ana.click("button:has-text('Claim')")
    ben.click("button:has-text('Claim')")

    assert "Claimed by Ana" in (ana.text_content("aside") or "")
    assert ben.text_content("#notice") == "Ana has claimed this escalation"


def test_a_peer_takes_over_replies_notes_hands_back_and_resolves(
    browser: Browser, server: Server, accounts: dict[str, Account], db: Database
) -> None:
    server.chat("jo", CRISIS)
    page = new_page(browser)
    sign_in(page, server, accounts["Ana"], CASE)
    assert page.locator("#screened").count() == 1

    page.click("button:has-text('Claim')")
    page.click("button:has-text('Take over')")
    page.fill("#reply", "Ana here, a peer. I'm with you. Are you safe right now?")
    page.click("button:has-text('Send reply')")
    page.fill("#note-text", "Asked about tonight; she has her sister's number")
    page.click("button:has-text('Add note')")
    screenshot(page, "escalation")
    page.click("button:has-text('Hand back to the assistant')")
    page.select_option("#outcome", "reached-safe")
    page.fill("#note", "talked it through; safety plan reviewed")
    page.click("button:has-text('Resolve')")

    assert ("outbound", "Ana here, a peer. I'm with you. Are you safe right now?") in (
        server.conversation("jo")
    )
    assert "Resolved by Ana: Reached and safe: talked it through" in (
        page.text_content("aside") or ""
    )
    with db.transaction() as session:
        case = session.get(Escalation, 1)
        assert case is not None
        assert (case.status, case.outcome_kind) == ("resolved", "supported")


def test_each_view_of_a_case_is_an_audit_row_with_who_and_from_where(
    browser: Browser, server: Server, accounts: dict[str, Account], db: Database
) -> None:
    server.chat("jo", CRISIS)
    page = new_page(browser)

    sign_in(page, server, accounts["Ben"], CASE)

    with db.transaction() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.actor == "peer:Ben"))
        views = [(r.action, r.participant_id, r.client) for r in rows if "viewed" in r.action]
    assert views == [("viewed-conversation", 1, "127.0.0.1")]


def test_a_supervisor_reassigns_a_claimed_case_to_another_peer(
    browser: Browser, server: Server, accounts: dict[str, Account]
) -> None:
    server.chat("jo", CRISIS)
    ana, sam = new_page(browser), new_page(browser)
    sign_in(ana, server, accounts["Ana"], CASE)
    ana.click("button:has-text('Claim')")
    ana.goto(f"{server.url}{CASE}")

    sign_in(sam, server, accounts["Sam"], CASE)
    sam.select_option("#assign-to", "Ben")
    sam.click("button:has-text('Reassign')")

    assert "Claimed by Ben" in (sam.text_content("aside") or "")
    assert ana.locator("#assign-to").count() == 0  # a peer is not offered the reassign form


def test_a_new_message_from_the_person_appears_on_the_open_case_page_without_a_reload(
    browser: Browser, server: Server, accounts: dict[str, Account]
) -> None:
    server.chat("jo", CRISIS)
    page = new_page(browser)
    sign_in(page, server, accounts["Ana"], CASE)
    page.evaluate("window.loadedOnce = true")  # gone if the page reloads

    server.chat("jo", "are you still there")

    page.wait_for_selector("#conversation li:has-text('are you still there')", timeout=2000)
    assert page.evaluate("window.loadedOnce") is True


def test_a_message_that_arrives_before_the_live_stream_opens_still_appears(
    browser: Browser, server: Server, accounts: dict[str, Account], db: Database
) -> None:
    server.chat("jo", CRISIS)
    page = new_page(browser)

    def late_stream(route: Route) -> None:  # the person writes while the page is still opening
        server.chat("jo", "hello??")
        route.continue_()

    page.route("**/console/events?escalation=*", late_stream, times=1)  # not its reconnects
    sign_in(page, server, accounts["Ana"], CASE)

    page.wait_for_selector("#conversation li:has-text('hello??')", timeout=5000)
    page.wait_for_timeout(1500)  # the stream, told once, fetches nothing more
    with db.transaction() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.actor == "peer:Ana"))
        assert [r.action for r in rows if "viewed" in r.action] == ["viewed-conversation"] * 2
