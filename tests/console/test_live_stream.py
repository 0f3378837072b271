"""The console's live stream tells a page of a change once: at once if the page was drawn
before it, never to a page drawn after it or to a browser reconnecting after it was told
(its Last-Event-ID), so no page is fetched again, and its view audited, for nothing."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from console import queue, queue_pages
from store.db import Database
from tests.console.peers import open_escalation
from tests.console.staff import Account, sign_in


def _told(client: TestClient, path: str, headers: dict[str, str] | None = None) -> list[str]:
    """The ids of the changes one stream tells of before it ends."""
    with client.stream("GET", path, headers=headers or {}) as answer:
        assert answer.status_code == 200
        body = "".join(answer.iter_text())
    return [line.removeprefix("id: ") for line in body.splitlines() if line.startswith("id: ")]


@pytest.fixture
def short_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queue_pages, "STREAM_SECONDS", 0.3)


def _now(db: Database) -> str:
    with db.transaction() as session:
        return queue.token_of(queue.stamp(session))


@pytest.mark.usefixtures("short_streams")
def test_a_queue_drawn_before_a_change_is_told_of_it_at_once(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Ana"])
    drawn_at = _now(db)
    open_escalation(client, db)

    assert _told(client, f"/console/events?since={drawn_at}") == [_now(db)]


@pytest.mark.usefixtures("short_streams")
def test_a_page_drawn_after_the_change_or_a_browser_that_was_told_hears_nothing_again(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Ana"])
    open_escalation(client, db)

    assert _told(client, f"/console/events?since={_now(db)}") == []
    assert _told(client, "/console/events?since=old", {"Last-Event-ID": _now(db)}) == []
    assert _told(client, "/console/events") == [_now(db)]  # a page with no stamp hears it


def test_a_stamp_longer_than_any_the_stream_sends_is_refused(
    client: TestClient, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Ana"])

    assert client.get("/console/events", params={"since": "x" * 65}).status_code == 422
