"""A check-up put off with "not now" comes back by itself when its time comes, with the real
engine (its trigger_intent), the action server and the app's scheduler: offered once, on the
simulator, and answering it starts the questions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from core.clock import utcnow
from core.settings import Settings
from store.checkup_models import Checkup
from store.db import Database
from tests.e2e.test_checkup import one_of, plain
from tests.support.system import chat, conversation, wait_for
from warmline.supervisor import Supervisor

pytestmark = pytest.mark.engine


def offers(base: str, name: str) -> list[str]:
    """The check-up offers the person has received, in order."""
    asks = plain("utter_checkup_permission")
    return [text for way, text in conversation(base, name) if way == "outbound" and text in asks]


def test_a_put_off_check_up_is_offered_again_when_its_time_comes(
    system: Supervisor, system_settings: Settings
) -> None:
    base = system_settings.base_url
    one_of(chat(base, "eve", "checkup pls"), "utter_checkup_permission")
    rescheduled = chat(base, "eve", "not now")
    assert rescheduled[-1] in plain("utter_checkup_rescheduled", when="in a few hours")
    db = Database(system_settings.app_database_url)
    try:
        with db.transaction() as session:  # the few hours pass
            session.execute(update(Checkup).values(ask_again_at=utcnow() - timedelta(seconds=1)))

        wait_for(lambda: len(offers(base, "eve")) == 2, timeout=30, what="the offer again")
        started = chat(base, "eve", "ya sure")
    finally:
        db.dispose()

    assert started[-1] in plain("utter_ask_checkup_how")
    assert len(offers(base, "eve")) == 2  # offered once, not on every pass
