"""Staff in the browser see that an overdue linkage task's peer was alerted, once the alert
pass has run; a task on time shows no alert."""

from __future__ import annotations

from playwright.sync_api import Browser
from sqlalchemy import select

from core.clock import utcnow
from escalation import linkage_alerts
from store.db import Database
from store.linkage_models import LinkageTask
from tests.console.browser import Server, new_page, screenshot, sign_in
from tests.console.linkage_tasks import add_task
from tests.console.staff import Account
from tests.escalation.test_service import POLICY


def test_an_overdue_task_shows_its_peer_was_alerted(
    browser: Browser, server: Server, accounts: dict[str, Account], db: Database
) -> None:
    on_time = add_task(db, "Morgan", "Ana", 30)
    overdue = add_task(db, "Quinn", "Ana", -3, reasons=("wants_help",))
    with db.transaction() as session:
        # The app's own alert pass runs beside the test and may reach the task first (CI on
        # 3d7a048 saw that): whichever pass does, the task is alerted once.
        linkage_alerts.alert_overdue(session, POLICY, utcnow())
    with db.transaction() as session:
        alerted = {t.id: t.overdue_alerted_at for t in session.scalars(select(LinkageTask))}
    assert alerted[overdue] is not None
    assert alerted[on_time] is None
    page = new_page(browser)
    sign_in(page, server, accounts["Ana"])

    page.click(".filters >> text=Linkage tasks")

    late = page.locator(f'tr[data-task="{overdue}"]')
    assert "overdue" in late.inner_text()
    assert "Ana alerted" in late.locator(".alerted").inner_text()
    assert page.locator(f'tr[data-task="{on_time}"] .alerted').count() == 0
    screenshot(page, "linkage-overdue-alerted")
