"""A lone model vote in ordinary talk, seen from both sides: the person gets the assistant's
own answer and no crisis lines, and the peer finds a concern in the queue, with what rated it,
to review within a day (channels/weighing.py; issue 15)."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.console.browser import Server, new_page, screenshot, sign_in
from tests.console.staff import Account

# Rated a crisis by the model alone when written (sealed 2027-08, e01; read once).
ORDINARY = "hes the only one at work who knows"


def test_a_lone_vote_in_ordinary_talk_reaches_the_queue_as_a_concern_and_not_the_person(
    browser: Browser, server: Server, accounts: dict[str, Account]
) -> None:
    replies = server.chat("jo", ORDINARY)

    assert replies == [f"echo: {ORDINARY}"]  # the assistant (a fake engine here) answered
    page = new_page(browser)
    sign_in(page, server, accounts["Ana"])
    row = page.text_content("tr[data-escalation]") or ""
    assert row.split()[0] == "concern"  # the level, first in the row
    assert "only the risk model flagged it, in ordinary talk" in row  # why, in plain words
    screenshot(page, "queue-quiet-concern")
